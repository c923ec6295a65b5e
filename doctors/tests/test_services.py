"""Doctors' services and selectors against the real database."""

import threading
from datetime import UTC, datetime, time, timedelta
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.db import IntegrityError, connection
from django.utils import timezone

from appointments import availability
from appointments import selectors as appointments_selectors
from appointments.tests.factories import book_directly
from doctors import services
from doctors.errors import WorkingHoursOverlap
from doctors.models import Doctor, Specialty, WorkingHours
from healthcare_system.exceptions import DomainError

from .factories import DoctorFactory, LeaveDayFactory, clinic_rules

User = get_user_model()

ACCOUNT = {
    "username": "drwho",
    "email": "who@example.com",
    "password": "Tardis-Blue-Box-63",
    "first_name": "John",
    "last_name": "Smith",
}


@pytest.mark.django_db
class TestDoctorCreate:
    def test_a_profile_the_model_refuses_leaves_no_user_behind(self):
        with pytest.raises(DomainError) as exc:
            services.doctor_create(**ACCOUNT, specialization="Time", consultation_fee=Decimal("-1"))
        assert "consultation_fee" in exc.value.errors
        assert not User.objects.filter(username="drwho").exists()
        assert not Doctor.objects.exists()

    def test_a_bad_timezone_leaves_no_user_behind(self):
        with pytest.raises(DomainError):
            services.doctor_create(**ACCOUNT, specialization="Time", timezone="Gallifrey/Citadel")
        assert not User.objects.exists()

    def test_account_errors_come_together_under_user(self):
        DoctorFactory(user__username="DrWho")
        with pytest.raises(DomainError) as exc:
            services.doctor_create(**{**ACCOUNT, "password": "123"}, specialization="Time")
        assert set(exc.value.as_data()["user"]) == {"username", "password"}


@pytest.mark.django_db
def test_specialty_is_matched_case_insensitively_and_tidied():
    first = services.specialty_get_or_create(name="  Internal   Medicine ")
    assert first.name == "Internal Medicine"
    assert services.specialty_get_or_create(name="internal medicine") == first
    assert Specialty.objects.count() == 1


@pytest.mark.django_db
def test_leave_conflicts_use_the_doctors_local_date():
    doctor = DoctorFactory(timezone="America/New_York")
    clinic_rules()
    day = timezone.localdate() + timedelta(days=30)
    leave = LeaveDayFactory(doctor=doctor, start_date=day, end_date=day)
    ny = doctor.tzinfo
    inside_late = book_directly(doctor, start=datetime.combine(day, time(23, 0), tzinfo=ny))  # next UTC day
    inside_early = book_directly(doctor, start=datetime.combine(day, time(0, 30), tzinfo=ny))
    book_directly(doctor, start=datetime.combine(day - timedelta(days=1), time(23, 30), tzinfo=ny))
    book_directly(doctor, start=datetime.combine(day + timedelta(days=1), time(0, 0), tzinfo=ny))
    assert appointments_selectors.leave_days_conflicts([leave]) == {leave.pk: [inside_early.pk, inside_late.pk]}


@pytest.mark.django_db
def test_next_available_second_pass_reaches_the_end_of_the_window():
    clinic_rules(booking_window_days=30)
    today = timezone.localdate()
    doctor = DoctorFactory(hours=[(d, time(9), time(10)) for d in range(7)])
    LeaveDayFactory(doctor=doctor, start_date=today - timedelta(days=1), end_date=today + timedelta(days=25))
    [result] = availability.doctors_set_next_available([doctor], now=timezone.now())
    expected = datetime.combine(today + timedelta(days=26), time(9), tzinfo=doctor.tzinfo)
    assert result.next_available.astimezone(UTC) == expected.astimezone(UTC)


@pytest.mark.django_db
class TestWorkingHours:
    def test_overlap_is_refused_and_touching_is_fine(self):
        doctor = DoctorFactory(hours=[])
        services.working_hours_create(doctor=doctor, weekday=0, start_time=time(9), end_time=time(12))
        services.working_hours_create(doctor=doctor, weekday=0, start_time=time(12), end_time=time(13))
        with pytest.raises(WorkingHoursOverlap, match="overlaps"):
            services.working_hours_create(doctor=doctor, weekday=0, start_time=time(11), end_time=time(12, 30))
        with pytest.raises(DomainError):
            services.working_hours_create(doctor=doctor, weekday=9, start_time=time(9), end_time=time(10))


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_overlapping_creates_cannot_both_pass():
    """The doctor row lock serialises the check: of two overlapping creates, one fails."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locks and real concurrency")
    doctor = DoctorFactory(hours=[])
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def create(start: int):
        from django.db import connections

        try:
            barrier.wait()
            services.working_hours_create(doctor=doctor, weekday=0, start_time=time(start), end_time=time(start + 3))
            outcomes.append("created")
        except WorkingHoursOverlap:
            outcomes.append("overlap")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=create, args=(hour,)) for hour in (9, 10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["created", "overlap"]
    assert WorkingHours.objects.filter(doctor=doctor).count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_database_refuses_overlapping_hours_written_past_the_service():
    if connection.vendor != "postgresql":
        pytest.skip("exclusion constraints exist on PostgreSQL only")
    doctor = DoctorFactory(hours=[(0, time(9), time(12))])
    WorkingHours.objects.create(doctor=doctor, weekday=0, start_time=time(12), end_time=time(13))  # touching is fine
    WorkingHours.objects.create(doctor=doctor, weekday=1, start_time=time(10), end_time=time(11))  # other day
    with pytest.raises(IntegrityError):
        WorkingHours.objects.create(doctor=doctor, weekday=0, start_time=time(11), end_time=time(14))
