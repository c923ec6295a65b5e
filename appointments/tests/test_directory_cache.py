"""Whole answers of the doctor search and the slots, cached under the stamps (issue 18): a
repeated read costs one query, and every change they depend on shows in the very next read,
however it was written (bulk UPDATEs here, which no Python signal sees)."""

from datetime import datetime, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.tests.factories import AdminUserFactory
from appointments import availability, services
from appointments.models import ClinicSettings
from appointments.tests.factories import book_directly
from doctors.models import Doctor, Specialty, VisitType, WorkingHours
from doctors.tests.factories import DoctorFactory, VisitTypeFactory, at, clinic_rules, next_weekday
from patients.tests.factories import PatientFactory

pytestmark = [pytest.mark.django_db, pytest.mark.postgres, pytest.mark.usefixtures("stamped_cache")]

DAY = next_weekday(0, weeks_ahead=2)


def slots_url(doctor, *, visit_type=None):
    url = f"/api/doctors/{doctor.pk}/slots/?start={DAY}&end={DAY}"
    return f"{url}&visit_type={visit_type.pk}" if visit_type else url


def slot_starts(api, doctor, **kwargs):
    response = api.get(slots_url(doctor, **kwargs))
    assert response.status_code == 200, response.content
    return [slot["start"] for slot in response.json()]


def search(api):
    response = api.get(f"/api/doctors/?available_on={DAY}&ordering=next_available")
    assert response.status_code == 200, response.content
    return {doctor["id"]: doctor for doctor in response.json()["results"]}


def test_a_repeated_search_or_slot_list_costs_one_query(api):
    doctor = DoctorFactory()
    ClinicSettings.load()
    first_search, first_slots = search(api), slot_starts(api, doctor)
    with CaptureQueriesContext(connection) as searched:
        assert search(api) == first_search
    with CaptureQueriesContext(connection) as listed:
        assert slot_starts(api, doctor) == first_slots
    assert len(searched.captured_queries) == 1
    assert len(listed.captured_queries) == 1
    assert first_slots and doctor.pk in first_search


def test_profile_account_and_specialty_changes_show_in_the_next_search(api):
    doctor = DoctorFactory()
    assert search(api)[doctor.pk]["clinic_name"] == "Mitte Practice"
    Doctor.objects.filter(pk=doctor.pk).update(clinic_name="Elbe Practice")
    assert search(api)[doctor.pk]["clinic_name"] == "Elbe Practice"
    get_user_model().objects.filter(pk=doctor.user_id).update(last_name="Okafor")
    assert search(api)[doctor.pk]["full_name"].endswith("Okafor")
    Specialty.objects.filter(pk=doctor.specialty_id).update(name="Family Medicine")
    assert search(api)[doctor.pk]["specialization"] == "Family Medicine"
    Doctor.objects.filter(pk=doctor.pk).update(is_active=False)
    assert doctor.pk not in search(api)
    assert api.get(slots_url(doctor)).status_code == 404


def test_a_login_does_not_empty_the_cache(api):
    doctor = DoctorFactory()
    ClinicSettings.load()
    search(api)
    get_user_model().objects.filter(pk=doctor.user_id).update(last_login=timezone.now())
    with CaptureQueriesContext(connection) as searched:
        search(api)
    assert len(searched.captured_queries) == 1


def test_hours_and_visit_types_change_the_next_slot_list(api):
    doctor = DoctorFactory()
    visit = VisitTypeFactory(doctor=doctor, duration_minutes=45, buffer_minutes=15)
    # A 45-minute visit may start at 11:00 and end by 12:00; a 75-minute one may not.
    assert at(DAY, 11).isoformat() in slot_starts(api, doctor, visit_type=visit)
    VisitType.objects.filter(pk=visit.pk).update(duration_minutes=75)
    assert at(DAY, 11).isoformat() not in slot_starts(api, doctor, visit_type=visit)
    assert at(DAY, 11, 30).isoformat() in slot_starts(api, doctor)
    WorkingHours.objects.filter(doctor=doctor).update(end_time="11:00")
    assert at(DAY, 11, 30).isoformat() not in slot_starts(api, doctor)
    assert doctor.pk in search(api)
    WorkingHours.objects.filter(doctor=doctor).delete()
    assert slot_starts(api, doctor) == []
    assert doctor.pk not in search(api)


def test_the_clinic_rules_change_the_next_answers(api):
    doctor = DoctorFactory()
    assert slot_starts(api, doctor)
    assert doctor.pk in search(api)
    clinic_rules(booking_window_days=7)  # DAY is two weeks ahead
    assert slot_starts(api, doctor) == []
    assert doctor.pk not in search(api)


def test_admins_read_a_retired_doctors_slots_that_others_cannot(api, client_for):
    doctor = DoctorFactory()
    assert slot_starts(api, doctor)
    Doctor.objects.filter(pk=doctor.pk).update(is_active=False)
    assert api.get(slots_url(doctor)).status_code == 404
    response = client_for(AdminUserFactory()).get(slots_url(doctor))
    assert response.status_code == 200
    assert response.json()


def test_the_answers_follow_the_clock_within_a_minute(api, monkeypatch):
    doctor, patient = DoctorFactory(), PatientFactory()
    now = timezone.now()
    services.hold_place(
        patient=patient, doctor=doctor, start=at(DAY, 9), end=at(DAY, 9, 30), expires_at=now + timedelta(minutes=5)
    )
    assert at(DAY, 9).isoformat() not in slot_starts(api, doctor)
    assert at(DAY, 9).isoformat() not in slot_starts(api, doctor)  # the cached answer
    later = now + timedelta(minutes=6)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert at(DAY, 9).isoformat() in slot_starts(api, doctor)  # no write: the next minute's answer


def test_after_a_booking_the_search_computes_only_the_doctor_booked(api, monkeypatch):
    booked, other = DoctorFactory(), DoctorFactory()
    ClinicSettings.load()
    url = "/api/doctors/?ordering=next_available"
    before = {doctor["id"]: doctor["next_available"] for doctor in api.get(url).json()["results"]}
    scans = []
    counted = availability.first_free_slot
    monkeypatch.setattr(
        availability, "first_free_slot", lambda schedule, **kw: scans.append(1) or counted(schedule, **kw)
    )
    first = before[booked.pk]
    book_directly(booked, start=datetime.fromisoformat(first))
    after = {doctor["id"]: doctor["next_available"] for doctor in api.get(url).json()["results"]}
    assert after[booked.pk] != first
    assert after[other.pk] == before[other.pk]
    assert len(scans) == 1  # the other doctor's first free slot came from the cache
