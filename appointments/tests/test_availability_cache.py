"""The cached leave and busy time of the slot and search reads (issue 18): every change that
takes or frees time, or a leave, shows in the very next read, whoever made it and however
(services, the API, a bulk UPDATE); a hold that runs out frees its time without any write."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from appointments import availability, services
from appointments.models import Appointment, AppointmentStatus, ClinicSettings
from appointments.tests.factories import book_directly
from doctors.models import LeaveDay, WorkingHours
from doctors.tests.factories import DoctorFactory, LeaveDayFactory, at, next_weekday
from patients.tests.factories import PatientFactory

pytestmark = pytest.mark.django_db

DAY = next_weekday(0, weeks_ahead=2)


@pytest.fixture(autouse=True)
def _cache_on(settings):
    settings.AVAILABILITY_CACHE_SECONDS = 3600


def starts(doctor, day=DAY):
    now = timezone.now()
    slots = availability.doctor_free_slots(doctor, start_date=day, end_date=day, now=now, cached=True)
    return [slot.start for slot in slots]


def slot_starts(api, doctor, day=DAY):
    response = api.get(f"/api/doctors/{doctor.pk}/slots/?start={day}&end={day}")
    assert response.status_code == 200
    return [slot["start"] for slot in response.json()]


def search_ids(api, day=DAY):
    response = api.get(f"/api/doctors/?available_on={day}&ordering=next_available")
    assert response.status_code == 200
    return [doctor["id"] for doctor in response.json()["results"]]


@pytest.mark.postgres
def test_a_cached_read_costs_one_query_for_hours_leave_and_busy_time():
    if connection.vendor != "postgresql":
        pytest.skip("the cache is off on SQLite (its stamps are PostgreSQL triggers)")
    doctor = DoctorFactory()
    ClinicSettings.load()  # its first load creates the row
    now = timezone.now()

    def read():
        slots = availability.doctor_free_slots(
            doctor, start_date=DAY, end_date=DAY + timedelta(days=27), now=now, cached=True
        )
        return [slot.start for slot in slots]

    with CaptureQueriesContext(connection) as cold:
        first = read()
    with CaptureQueriesContext(connection) as warm:
        second = read()
    assert first == second
    assert len(warm.captured_queries) == len(cold.captured_queries) - 2


def test_booking_and_cancelling_through_the_api_show_at_once(api, client_for):
    doctor, patient = DoctorFactory(), PatientFactory()
    nine = at(DAY, 9)
    assert nine.isoformat() in slot_starts(api, doctor)
    as_patient = client_for(patient.user)
    booked = as_patient.post(
        "/api/book-appointment/", {"doctor": doctor.pk, "appointment_time": nine.isoformat()}, format="json"
    )
    assert booked.status_code == 201
    assert nine.isoformat() not in slot_starts(api, doctor)
    cancelled = as_patient.post(f"/api/appointments/{booked.json()['id']}/cancel/", {}, format="json")
    assert cancelled.status_code == 200, cancelled.json()
    assert nine.isoformat() in slot_starts(api, doctor)


def test_reschedule_and_status_changes_show_at_once(api):
    doctor, admin_patient = DoctorFactory(), PatientFactory()
    appointment = services.appointment_book(
        patient=admin_patient, doctor=doctor, start=at(DAY, 9), by=admin_patient.user
    )
    assert at(DAY, 9) not in starts(doctor)
    services.appointment_reschedule(appointment=appointment, start=at(DAY, 11), by=admin_patient.user)
    assert at(DAY, 9) in starts(doctor)
    assert at(DAY, 11) not in starts(doctor)
    Appointment.objects.filter(pk=appointment.pk).update(status=AppointmentStatus.NO_SHOW)  # a bulk write
    assert at(DAY, 11) in starts(doctor)


def test_direct_rows_and_deletes_show_at_once(api):
    doctor = DoctorFactory()
    assert at(DAY, 10) in starts(doctor)
    appointment = book_directly(doctor, start=at(DAY, 10))
    assert at(DAY, 10) not in starts(doctor)
    appointment.delete()
    assert at(DAY, 10) in starts(doctor)


def test_leave_and_hours_changes_show_at_once(api):
    doctor = DoctorFactory()
    assert doctor.pk in search_ids(api)
    leave = LeaveDayFactory(doctor=doctor, start_date=DAY, end_date=DAY)
    assert starts(doctor) == []
    assert doctor.pk not in search_ids(api)
    LeaveDay.objects.filter(pk=leave.pk).update(start_date=DAY + timedelta(days=1), end_date=DAY + timedelta(days=1))
    assert starts(doctor) != []
    assert doctor.pk in search_ids(api)
    WorkingHours.objects.filter(doctor=doctor).delete()
    assert starts(doctor) == []
    assert doctor.pk not in search_ids(api)


def test_a_hold_takes_time_and_frees_it_when_it_runs_out(monkeypatch):
    doctor, patient = DoctorFactory(), PatientFactory()
    now = timezone.now()
    services.hold_place(
        patient=patient, doctor=doctor, start=at(DAY, 9), end=at(DAY, 9, 30), expires_at=now + timedelta(minutes=5)
    )
    assert at(DAY, 9) not in starts(doctor)
    assert at(DAY, 9) not in starts(doctor)  # from the cache
    later = now + timedelta(minutes=6)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert at(DAY, 9) in starts(doctor)  # no write: the cached hold's own expiry


def test_search_by_day_and_soonest_follows_a_booking(api):
    first, second = DoctorFactory(), DoctorFactory()
    assert set(search_ids(api)) == {first.pk, second.pk}
    for hour in range(9, 17):
        for minute in (0, 30):
            book_directly(first, start=at(DAY, hour, minute))
    assert search_ids(api) == [second.pk]
