"""Past visits and their medical records for the records and patients tests."""

from datetime import timedelta

import factory
from django.utils import timezone

from appointments.models import AppointmentStatus
from appointments.tests import factories as appointment_factories
from doctors.tests import factories as doctor_factories
from records.models import MedicalRecord


class DoctorFactory(doctor_factories.DoctorFactory):
    """No working hours: in these scenes nothing is bookable, so only access decides."""

    hours = factory.PostGeneration(lambda doctor, create, extracted, **kwargs: None)


class AppointmentFactory(appointment_factories.AppointmentFactory):
    """A completed visit in the past (one hour apart, so none overlap)."""

    doctor = factory.SubFactory(DoctorFactory)
    start = factory.Sequence(lambda n: timezone.now().replace(microsecond=0) - timedelta(days=30) + timedelta(hours=n))
    status = AppointmentStatus.COMPLETED


class MedicalRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MedicalRecord

    appointment = factory.SubFactory(AppointmentFactory)
    patient = factory.LazyAttribute(lambda r: r.appointment.patient)
    doctor = factory.LazyAttribute(lambda r: r.appointment.doctor)
    notes = factory.Faker("sentence")
    diagnosis = "J06.9 Acute upper respiratory infection"
    prescription = "Rest, fluids"
