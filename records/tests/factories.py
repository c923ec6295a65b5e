"""Doctors, appointments and records for the records and patients tests (no working hours needed)."""

from datetime import timedelta

import factory
from django.utils import timezone

from accounts.models import Role
from accounts.tests.factories import UserFactory
from appointments.models import Appointment, AppointmentStatus
from doctors.models import Doctor, Specialty
from patients.tests.factories import PatientFactory
from records.models import MedicalRecord


class SpecialtyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Specialty
        django_get_or_create = ("name",)

    name = "General Practice"


class DoctorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Doctor

    user = factory.SubFactory(UserFactory, role=Role.DOCTOR)
    specialty = factory.SubFactory(SpecialtyFactory)
    timezone = "Europe/Berlin"


class AppointmentFactory(factory.django.DjangoModelFactory):
    """Inserted directly, without the booking rules: a scene, not a booking."""

    class Meta:
        model = Appointment

    patient = factory.SubFactory(PatientFactory)
    doctor = factory.SubFactory(DoctorFactory)
    start = factory.Sequence(lambda n: timezone.now().replace(microsecond=0) - timedelta(days=30) + timedelta(hours=n))
    end = factory.LazyAttribute(lambda a: a.start + timedelta(minutes=30))
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
