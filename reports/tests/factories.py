from datetime import UTC, datetime, time, timedelta
from decimal import Decimal

import factory

from accounts.models import Role
from accounts.tests.factories import UserFactory
from appointments.models import Appointment, AppointmentStatus
from doctors.models import Doctor, LeaveDay, Specialty, WorkingHours
from patients.tests.factories import PatientFactory


class SpecialtyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Specialty
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Specialty {n}")


class DoctorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Doctor

    user = factory.SubFactory(UserFactory, role=Role.DOCTOR)
    specialty = factory.SubFactory(SpecialtyFactory)
    city = "Berlin"
    clinic_name = "Mitte Clinic"
    consultation_fee = Decimal("50.00")
    slot_minutes = 30
    timezone = "Europe/Berlin"


class WorkingHoursFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkingHours

    doctor = factory.SubFactory(DoctorFactory)
    weekday = 0
    start_time = time(9)
    end_time = time(12)


class LeaveDayFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LeaveDay

    doctor = factory.SubFactory(DoctorFactory)
    reason = "Holiday"


class AppointmentFactory(factory.django.DjangoModelFactory):
    """A stored appointment, as the reports read it (rows, not bookings: no rules applied)."""

    class Meta:
        model = Appointment

    patient = factory.SubFactory(PatientFactory)
    doctor = factory.SubFactory(DoctorFactory)
    start = factory.Sequence(lambda n: datetime(2027, 3, 1, 9, tzinfo=UTC) + timedelta(hours=n))
    end = factory.LazyAttribute(lambda a: a.start + timedelta(minutes=30))
    status = AppointmentStatus.COMPLETED
    reason = "Check-up"
