from datetime import timedelta

import factory
from django.utils import timezone

from accounts.models import Role
from accounts.tests.factories import UserFactory
from appointments.models import Appointment, AppointmentStatus
from doctors.models import Doctor, Specialty
from patients.tests.factories import PatientFactory


class SpecialtyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Specialty
        django_get_or_create = ("name",)

    name = "Cardiology"


class DoctorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Doctor

    user = factory.SubFactory(UserFactory, role=Role.DOCTOR)
    specialty = factory.SubFactory(SpecialtyFactory)
    clinic_name = "Mitte Practice"
    city = "Berlin"
    address = "Invalidenstraße 1"
    phone = factory.Sequence(lambda n: f"+4930123{n:05d}")
    timezone = "Europe/Berlin"


def _next_start():
    # Two days ahead on the half hour: far from every reminder window unless a test says so.
    now = timezone.now().replace(second=0, microsecond=0)
    return now.replace(minute=0) + timedelta(days=2, hours=1)


class AppointmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Appointment

    patient = factory.SubFactory(PatientFactory)
    doctor = factory.SubFactory(DoctorFactory)
    start = factory.LazyFunction(_next_start)
    end = factory.LazyAttribute(lambda a: a.start + timedelta(minutes=30))
    status = AppointmentStatus.PENDING
    reason = "Check-up"
