"""Doctors, their hours and leave, and helpers to pick dates relative to today."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import factory
from django.utils import timezone

from accounts.models import Role
from accounts.tests.factories import UserFactory
from appointments.models import ClinicSettings
from doctors.models import Doctor, LeaveDay, Specialty, VisitType, WorkingHours


class SpecialtyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Specialty
        django_get_or_create = ("name",)

    name = "General Practice"


class DoctorFactory(factory.django.DjangoModelFactory):
    """A doctor working Monday to Friday, 09:00-12:00, in 30-minute slots (Europe/Berlin).

    ``DoctorFactory(hours=[])`` makes a doctor without working hours;
    ``hours=[(weekday, time(9), time(12)), ...]`` sets them.
    """

    class Meta:
        model = Doctor
        skip_postgeneration_save = True  # `hours` bulk-inserts; the doctor itself is saved already

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


class WorkingHoursFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkingHours

    doctor = factory.SubFactory(DoctorFactory, hours=[])
    weekday = 0
    start_time = time(9)
    end_time = time(12)


class LeaveDayFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LeaveDay

    doctor = factory.SubFactory(DoctorFactory)
    start_date = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=14))
    end_date = factory.LazyAttribute(lambda leave: leave.start_date)
    reason = "Conference"


class VisitTypeFactory(factory.django.DjangoModelFactory):
    """A 45-minute first consultation with 15 minutes of set-up after it."""

    class Meta:
        model = VisitType

    doctor = factory.SubFactory(DoctorFactory)
    name = factory.Sequence(lambda n: f"Visit type {n}")
    duration_minutes = 45
    buffer_minutes = 15
    fee = Decimal("120.00")


def clinic_rules(*, booking_window_days: int = 365, min_notice_hours: int = 2) -> ClinicSettings:
    clinic = ClinicSettings.load()
    clinic.booking_window_days = booking_window_days
    clinic.min_notice_hours = min_notice_hours
    clinic.save()
    return clinic


def next_weekday(weekday: int = 0, *, weeks_ahead: int = 1) -> date:
    """A date with that weekday at least ``weeks_ahead`` weeks from today (clear of notice rules)."""
    today = timezone.localdate()
    return today + timedelta(days=(weekday - today.weekday()) % 7 + 7 * weeks_ahead)


def at(day: date, hour: int, minute: int = 0, tz: str = "Europe/Berlin") -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=ZoneInfo(tz))
