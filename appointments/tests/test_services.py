"""Appointments' services called directly, like the other apps' service tests: the rules of
booking and of each lifecycle step, without the HTTP layer (the API tests cover the answers)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.tests.factories import AdminUserFactory, FrontDeskUserFactory
from appointments import services
from appointments.errors import (
    BookingRejected,
    CancellationWindowClosed,
    IllegalTransition,
    PatientBusy,
    SlotUnavailable,
)
from appointments.models import Appointment, AppointmentStatus, ClinicSettings
from doctors.tests.factories import DoctorFactory, at, clinic_rules, next_weekday
from healthcare_system.exceptions import DomainError
from patients.tests.factories import PatientFactory

from .factories import book_directly

pytestmark = pytest.mark.django_db


@pytest.fixture
def doctor():
    clinic_rules()
    return DoctorFactory()  # Monday to Friday, 09:00-12:00 Berlin, 30-minute slots


@pytest.fixture
def patient():
    return PatientFactory()


def _book(doctor, patient, start, **kwargs):
    return services.appointment_book(patient=patient, doctor=doctor, start=start, by=patient.user, **kwargs)


# --- Who a booking is for -------------------------------------------------------------------


def test_a_patient_books_for_themselves_whoever_is_named(patient):
    other = PatientFactory()
    assert services.booking_patient(by=patient.user, patient=other) == patient


@pytest.mark.parametrize("staff", [AdminUserFactory, FrontDeskUserFactory])
def test_staff_book_for_the_patient_they_name_and_must_name_one(staff, patient):
    user = staff()
    assert services.booking_patient(by=user, patient=patient) == patient
    with pytest.raises(DomainError) as refused:
        services.booking_patient(by=user, patient=None)
    assert set(refused.value.as_data()) == {"patient"}


# --- Booking --------------------------------------------------------------------------------


def test_booking_a_free_slot_records_a_pending_visit_at_the_doctors_fee(doctor, patient):
    start = at(next_weekday(0), 9)
    appointment = _book(doctor, patient, start, reason="Check-up")
    assert (appointment.status, appointment.start, appointment.end) == (
        AppointmentStatus.PENDING,
        start,
        start + timedelta(minutes=30),
    )
    assert appointment.fee == doctor.consultation_fee
    assert appointment.created_by == patient.user


def test_a_taken_slot_is_a_conflict_and_records_nothing(doctor, patient):
    start = at(next_weekday(0), 9)
    book_directly(doctor, start=start)
    with pytest.raises(SlotUnavailable):
        _book(doctor, patient, start)
    assert Appointment.objects.filter(patient=patient).count() == 0


def test_a_patient_holds_one_active_visit_at_a_time(doctor, patient):
    start = at(next_weekday(0), 9)
    book_directly(DoctorFactory(), patient, start=start)
    with pytest.raises(PatientBusy):
        _book(doctor, patient, start)


@pytest.mark.parametrize("place", ["booking", "hold"])
def test_booking_and_holding_see_the_same_clashes_of_the_patient(doctor, patient, place):
    """One rule for both: an active visit with any doctor that overlaps is a clash; a cancelled
    one, one that only touches the time, and another patient's are not."""
    monday = next_weekday(0)
    other_doctor = DoctorFactory()
    book_directly(other_doctor, patient, start=at(monday, 9, 30), status=AppointmentStatus.CANCELLED)
    book_directly(other_doctor, patient, start=at(monday, 10, 30))  # starts as ours ends
    book_directly(other_doctor, start=at(monday, 10))  # someone else's

    def take(start):
        if place == "booking":
            return _book(doctor, patient, start)
        return services.hold_place(
            patient=patient,
            doctor=doctor,
            start=start,
            end=start + timedelta(minutes=30),
            expires_at=timezone.now() + timedelta(minutes=30),
        )

    assert take(at(monday, 10)).start == at(monday, 10)
    assert take(at(monday, 9, 30)).start == at(monday, 9, 30)
    with pytest.raises(PatientBusy):
        take(at(monday, 10, 30))


@pytest.mark.parametrize("hour, minute", [(8, 30), (9, 10), (12, 0)])
def test_a_time_that_is_not_a_free_slots_start_is_refused(doctor, patient, hour, minute):
    with pytest.raises(BookingRejected):
        _book(doctor, patient, at(next_weekday(0), hour, minute))


# --- Lifecycle ------------------------------------------------------------------------------


def test_confirming_twice_changes_nothing_the_second_time(doctor, patient):
    appointment = _book(doctor, patient, at(next_weekday(0), 9))
    staff = AdminUserFactory()
    assert services.appointment_confirm(appointment=appointment, by=staff).status == AppointmentStatus.CONFIRMED
    assert services.appointment_confirm(appointment=appointment, by=staff).status == AppointmentStatus.CONFIRMED


def test_cancel_frees_the_time_at_once(doctor, patient):
    start = at(next_weekday(0), 9)
    appointment = _book(doctor, patient, start)
    services.appointment_cancel(appointment=appointment, by=patient.user, reason="Feeling better")
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.CANCELLED
    assert _book(doctor, PatientFactory(), start).status == AppointmentStatus.PENDING


def test_inside_the_cutoff_a_patient_cannot_cancel_but_the_clinic_can(doctor, patient):
    appointment = _book(doctor, patient, at(next_weekday(0), 9))
    clinic = ClinicSettings.load()
    now = appointment.start - timedelta(hours=clinic.cancellation_cutoff_hours) + timedelta(minutes=1)
    with pytest.raises(CancellationWindowClosed):
        services.appointment_cancel(appointment=appointment, by=patient.user, now=now)
    cancelled = services.appointment_cancel(appointment=appointment, by=AdminUserFactory(), now=now)
    assert cancelled.status == AppointmentStatus.CANCELLED


def test_reschedule_moves_the_visit_to_another_free_slot(doctor, patient):
    appointment = _book(doctor, patient, at(next_weekday(0), 9))
    moved = services.appointment_reschedule(appointment=appointment, start=at(next_weekday(1), 10), by=patient.user)
    assert moved.start == at(next_weekday(1), 10)
    assert Appointment.objects.filter(patient=patient).count() == 1


def test_a_no_show_only_after_the_start(doctor, patient):
    appointment = _book(doctor, patient, at(next_weekday(0), 9))
    with pytest.raises(IllegalTransition):
        services.appointment_mark_no_show(appointment=appointment, now=timezone.now())
    later = appointment.start + timedelta(minutes=5)
    marked = services.appointment_mark_no_show(appointment=appointment, now=later)
    assert marked.status == AppointmentStatus.NO_SHOW


def test_a_cancelled_visit_cannot_be_completed(doctor, patient):
    appointment = _book(doctor, patient, at(next_weekday(0), 9))
    services.appointment_cancel(appointment=appointment, by=patient.user)
    with pytest.raises(IllegalTransition):
        services.appointment_complete(appointment=appointment)


def test_only_todays_visits_are_checked_in(doctor, patient):
    appointment = _book(doctor, patient, at(next_weekday(0), 9))
    with pytest.raises(IllegalTransition):
        services.appointment_check_in(appointment=appointment)


# --- Clinic settings ------------------------------------------------------------------------


def test_clinic_settings_update_changes_only_what_is_given_and_orders_the_reminders():
    before = ClinicSettings.load()
    schedule = [{"channel": "sms", "hours_before": 2}, {"channel": "email", "hours_before": 2}]
    schedule.append({"channel": "email", "hours_before": 24})
    clinic = services.clinic_settings_update(min_notice_hours=5, reminder_schedule=schedule)
    clinic.refresh_from_db()
    assert clinic.min_notice_hours == 5
    assert clinic.booking_window_days == before.booking_window_days
    assert [(e["channel"], e["hours_before"]) for e in clinic.reminder_schedule] == [
        ("email", 24),
        ("email", 2),
        ("sms", 2),
    ]
