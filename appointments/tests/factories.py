"""Doctors with weekly hours, and helpers to find bookable times relative to today."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import factory
from django.utils import timezone

from accounts.models import Role
from accounts.tests.factories import UserFactory
from appointments.models import Appointment, AppointmentStatus
from doctors.models import Doctor, Specialty, WorkingHours
from patients.tests.factories import PatientFactory


class SpecialtyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Specialty
        django_get_or_create = ("name",)

    name = "General Practice"


class DoctorFactory(factory.django.DjangoModelFactory):
    """A doctor working Monday to Friday, 09:00–12:00, in 30-minute slots (Europe/Berlin)."""

    class Meta:
        model = Doctor

    user = factory.SubFactory(UserFactory, role=Role.DOCTOR)
    specialty = factory.SubFactory(SpecialtyFactory)
    city = "Berlin"
    clinic_name = "Mitte Practice"
    consultation_fee = Decimal("80.00")
    slot_minutes = 30
    timezone = "Europe/Berlin"

    @factory.post_generation
    def hours(self, create, extracted, **kwargs):
        if not create:
            return
        spans = extracted if extracted is not None else [(day, time(9), time(12)) for day in range(5)]
        WorkingHours.objects.bulk_create(
            [WorkingHours(doctor=self, weekday=d, start_time=s, end_time=e) for d, s, e in spans]
        )


def next_weekday(weekday: int = 0, *, weeks_ahead: int = 1) -> date:
    """A date with that weekday at least ``weeks_ahead`` weeks from today (clear of notice rules)."""
    today = timezone.localdate()
    return today + timedelta(days=(weekday - today.weekday()) % 7 + 7 * weeks_ahead)


def at(day: date, hour: int, minute: int = 0, tz: str = "Europe/Berlin") -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=ZoneInfo(tz))


def book_directly(doctor, patient=None, *, start, status=AppointmentStatus.CONFIRMED, minutes=None) -> Appointment:
    """An appointment inserted without the booking rules (for setting up a scene)."""
    return Appointment.objects.create(
        doctor=doctor,
        patient=patient or PatientFactory(),
        start=start,
        end=start + timedelta(minutes=minutes or doctor.slot_minutes),
        status=status,
    )
