"""A series of one visit type: each occurrence has the type's length, buffer and fee, kept at the
same wall-clock time across the Berlin autumn change, with conflicts that count the buffer."""

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

import pytest

from appointments.models import Appointment, AppointmentSeries
from appointments.series import SeriesConflict, series_plan
from appointments.tests.factories import book_directly
from appointments.tests.test_series import BERLIN, NOW, book, plan, sunday_doctor, wall
from doctors.tests.factories import DoctorFactory, VisitTypeFactory, at, clinic_rules, next_weekday
from healthcare_system.exceptions import DomainError
from patients.tests.factories import PatientFactory

pytestmark = pytest.mark.django_db

BEFORE, FOLD_DAY = date(2027, 10, 24), date(2027, 10, 31)  # Berlin falls back on 31 October 2027


def utc(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=UTC)


def plan_with(doctor, patient, first, visit_type):
    return series_plan(
        patient=patient, doctor=doctor, first_start=first, interval_days=7, count=3, visit_type=visit_type, now=NOW
    )


@pytest.fixture
def doctor():
    return sunday_doctor("Europe/Berlin")  # Sunday 01:00-12:00, 30-minute grid


@pytest.fixture
def hour(doctor):
    return VisitTypeFactory(doctor=doctor, duration_minutes=60, buffer_minutes=15, fee=Decimal("95.00"))


def test_each_occurrence_is_the_type_at_the_same_wall_clock_time(doctor, hour):
    _, booked = book(doctor, PatientFactory(), wall(BEFORE, 9, 0, BERLIN), visit_type=hour)
    local = [a.start.astimezone(BERLIN) for a in booked]
    assert [d.time() for d in local] == [time(9)] * 3
    assert [a.start for a in booked] == [utc(BEFORE, 7), utc(FOLD_DAY, 8), utc(FOLD_DAY + timedelta(weeks=1), 8)]
    for appointment in booked:
        assert appointment.end - appointment.start == timedelta(minutes=60)
        assert appointment.blocked_until - appointment.end == timedelta(minutes=15)
        assert (appointment.visit_type, appointment.buffer_minutes, appointment.fee) == (hour, 15, Decimal("95.00"))


def test_a_time_in_the_fold_lasts_60_real_minutes(doctor, hour):
    patient = PatientFactory()
    planned = plan(doctor, patient, wall(BEFORE, 2, 30, BERLIN))
    planned_typed = plan_with(doctor, patient, wall(BEFORE, 2, 30, BERLIN), hour)
    # Plain: the doctor's 30 minutes; typed: 60 real minutes from 02:30 CEST (first pass) to 02:30 CET.
    assert planned[1].end.astimezone(UTC) - planned[1].start.astimezone(UTC) == timedelta(minutes=30)
    fold = planned_typed[1]
    assert (fold.start.astimezone(UTC), fold.end.astimezone(UTC)) == (utc(FOLD_DAY, 0, 30), utc(FOLD_DAY, 1, 30))
    assert (fold.start.isoformat(), fold.end.isoformat()) == (
        "2027-10-31T02:30:00+02:00",
        "2027-10-31T02:30:00+01:00",
    )
    _, booked = book(doctor, patient, wall(BEFORE, 2, 30, BERLIN), visit_type=hour)
    assert (booked[1].start, booked[1].end, booked[1].blocked_until) == (
        utc(FOLD_DAY, 0, 30),
        utc(FOLD_DAY, 1, 30),
        utc(FOLD_DAY, 1, 45),
    )


def test_the_buffer_counts_in_conflicts_inside_the_fold(doctor, hour):
    # Someone at 02:00 CET (the second pass, 01:00Z). The series at 02:00 CEST (first pass,
    # 00:00Z): plain 30 minutes or 60 without buffer end by 01:00Z; the type's buffer runs to 01:15Z.
    book_directly(doctor, start=utc(FOLD_DAY, 1))
    patient, first = PatientFactory(), wall(BEFORE, 2, 0, BERLIN)
    assert [o.code for o in plan(doctor, patient, first)] == ["", "", ""]
    no_buffer = VisitTypeFactory(doctor=doctor, duration_minutes=60, buffer_minutes=0)
    assert [o.code for o in plan_with(doctor, patient, first, no_buffer)] == ["", "", ""]
    assert [o.code for o in plan_with(doctor, patient, first, hour)] == ["", "busy", ""]
    with pytest.raises(SeriesConflict) as refused:
        book(doctor, patient, first, visit_type=hour)
    assert refused.value.conflicts[0]["appointment_time"] == "2027-10-31T02:00:00+02:00"
    series, booked = book(doctor, patient, first, visit_type=hour, on_conflict="skip")
    assert [a.start.astimezone(BERLIN).date() for a in booked] == [BEFORE, FOLD_DAY + timedelta(weeks=1)]
    assert series.skipped[0]["code"] == "busy"


def test_a_type_of_another_doctor_or_retired_is_refused(doctor, hour):
    patient, first = PatientFactory(), wall(BEFORE, 9, 0, BERLIN)
    for visit_type in (VisitTypeFactory(), VisitTypeFactory(doctor=doctor, active=False)):
        with pytest.raises(DomainError) as refused:
            book(doctor, patient, first, visit_type=visit_type)
        assert refused.value.field == "visit_type"
    assert not Appointment.objects.exists()


class TestApi:
    def test_plan_and_book_with_a_visit_type(self, client_for):
        clinic_rules(booking_window_days=60)
        monday = next_weekday(0, weeks_ahead=2)
        doctor, patient = DoctorFactory(), PatientFactory()
        book_directly(doctor, patient, start=at(next_weekday(0, weeks_ahead=1), 9))  # A is the doctor's patient
        visit_type = VisitTypeFactory(doctor=doctor, duration_minutes=45, buffer_minutes=15, fee=Decimal("120.00"))
        book_directly(doctor, start=at(monday + timedelta(weeks=1), 11))  # in the buffer of the second 10:15
        body = {
            "patient": patient.pk,
            "doctor": doctor.pk,
            "first_appointment_time": at(monday, 10, 0).isoformat(),
            "count": 3,
            "visit_type": visit_type.pk,
        }
        client = client_for(doctor.user)
        planned = client.post("/api/appointment-series/?dry_run=true", body, format="json")
        assert planned.status_code == 200, planned.content
        assert [o["end_time"] for o in planned.json()["occurrences"]] == [
            at(monday + timedelta(weeks=n), 10, 45).isoformat() for n in range(3)
        ]
        body["first_appointment_time"] = at(monday, 10, 30).isoformat()
        planned = client.post("/api/appointment-series/?dry_run=true", body, format="json").json()
        assert [o["conflict"] and o["conflict"]["code"] for o in planned["occurrences"]] == [None, "busy", None]
        booked = client.post("/api/appointment-series/", {**body, "on_conflict": "skip"}, format="json")
        assert booked.status_code == 201, booked.content
        appointments = booked.json()["appointments"]
        assert {(a["visit_type"], a["fee"], a["buffer_minutes"]) for a in appointments} == {
            (visit_type.pk, "120.00", 15)
        }
        assert [a["end_time"] for a in appointments] == [
            at(monday, 11, 15).isoformat(),
            at(monday + timedelta(weeks=2), 11, 15).isoformat(),
        ]
        assert AppointmentSeries.objects.count() == 1
        other = client.post("/api/appointment-series/", {**body, "visit_type": VisitTypeFactory().pk}, format="json")
        assert other.status_code == 400 and "visit_type" in other.json()
