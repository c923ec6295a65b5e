"""Recurring series: same wall-clock time across DST, all-or-nothing or skip, one message, cancel the rest."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail

from accounts.models import Role
from accounts.tests.factories import UserFactory
from appointments.models import Appointment, AppointmentSeries
from appointments.series import SeriesConflict, series_book, series_cancel, series_plan
from appointments.tests.factories import book_directly
from doctors.tests.factories import DoctorFactory, LeaveDayFactory, at, clinic_rules, next_weekday
from notifications.models import Notification
from notifications.services import reminders_send_due
from patients.tests.factories import PatientFactory

pytestmark = pytest.mark.django_db

BERLIN, NEW_YORK = ZoneInfo("Europe/Berlin"), ZoneInfo("America/New_York")
# A fixed "now" well before the 2027 clock changes, so these cases never drift.
NOW = datetime(2027, 1, 15, 12, tzinfo=UTC)
SUNDAY = 6
NIGHT_AND_DAY = [(SUNDAY, time(1), time(12))]  # Sunday hours that span the changes at 02:00/03:00


def sunday_doctor(zone: str):
    return DoctorFactory(timezone=zone, hours=NIGHT_AND_DAY)


def wall(day: date, hour: int, minute: int, tz) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=tz)


def plan(doctor, patient, first, count=3, interval_days=7):
    return series_plan(
        patient=patient, doctor=doctor, first_start=first, interval_days=interval_days, count=count, now=NOW
    )


def book(doctor, patient, first, count=3, **kwargs):
    by = UserFactory(role=Role.ADMIN)
    return series_book(
        patient=patient, doctor=doctor, first_start=first, interval_days=7, count=count, by=by, now=NOW, **kwargs
    )


@pytest.mark.parametrize(
    ("zone", "before", "change", "after_offset"),
    [
        # spring forward: the offset grows by an hour
        ("Europe/Berlin", date(2027, 3, 21), "spring", timedelta(hours=2)),
        ("America/New_York", date(2027, 3, 7), "spring", timedelta(hours=-4)),
        # fall back: the offset shrinks by an hour
        ("Europe/Berlin", date(2027, 10, 24), "autumn", timedelta(hours=1)),
        ("America/New_York", date(2027, 10, 31), "autumn", timedelta(hours=-5)),
    ],
)
def test_the_wall_clock_time_is_kept_across_the_change(zone, before, change, after_offset):
    tz = ZoneInfo(zone)
    series, booked = book(sunday_doctor(zone), PatientFactory(), wall(before, 9, 0, tz))
    local = [a.start.astimezone(tz) for a in booked]
    assert [(d.date(), d.time()) for d in local] == [(before + timedelta(weeks=n), time(9)) for n in range(3)]
    assert [d.utcoffset() for d in local[1:]] == [after_offset, after_offset]
    assert local[0].utcoffset() != after_offset
    # In real time the gap between the first two is a week minus (spring) or plus (autumn) an hour.
    gap = booked[1].start.astimezone(UTC) - booked[0].start.astimezone(UTC)
    assert gap == timedelta(weeks=1) + (timedelta(hours=-1) if change == "spring" else timedelta(hours=1))
    assert all(a.series == series for a in booked)


@pytest.mark.parametrize(
    ("zone", "first", "gap_day"),
    [
        ("Europe/Berlin", date(2027, 3, 21), date(2027, 3, 28)),
        ("America/New_York", date(2027, 3, 7), date(2027, 3, 14)),
    ],
)
def test_a_time_that_does_not_exist_on_the_change_day_is_a_conflict(zone, first, gap_day):
    tz = ZoneInfo(zone)
    doctor, patient = sunday_doctor(zone), PatientFactory()
    planned = plan(doctor, patient, wall(first, 2, 30, tz))
    assert [o.code for o in planned] == ["", "nonexistent_time", ""]
    assert planned[1].start.date() == gap_day and "does not exist" in planned[1].reason
    with pytest.raises(SeriesConflict) as refused:
        book(doctor, patient, wall(first, 2, 30, tz))
    assert [c["code"] for c in refused.value.conflicts] == ["nonexistent_time"]
    assert not Appointment.objects.exists()
    _, booked = book(doctor, patient, wall(first, 2, 30, tz), on_conflict="skip")
    assert [a.start.astimezone(tz).date() for a in booked] == [first, first + timedelta(weeks=2)]
    assert all(a.start.astimezone(tz).time() == time(2, 30) for a in booked)


def test_a_time_that_happens_twice_is_its_first_occurrence():
    doctor, patient = sunday_doctor("Europe/Berlin"), PatientFactory()
    _, booked = book(doctor, patient, wall(date(2027, 10, 24), 2, 30, BERLIN))
    fold_day = booked[1].start.astimezone(BERLIN)
    assert (fold_day.date(), fold_day.time(), fold_day.utcoffset()) == (
        date(2027, 10, 31),
        time(2, 30),
        timedelta(hours=2),
    )


class TestConflicts:
    @pytest.fixture
    def scene(self):
        doctor, patient = DoctorFactory(), PatientFactory()
        monday = date(2027, 2, 1)
        return doctor, patient, monday

    def test_a_taken_date_fails_the_whole_series_or_is_skipped(self, scene):
        doctor, patient, monday = scene
        book_directly(doctor, start=at(monday + timedelta(weeks=1), 10))
        with pytest.raises(SeriesConflict) as refused:
            book(doctor, patient, at(monday, 10))
        assert refused.value.conflicts == [
            {
                "appointment_time": at(monday + timedelta(weeks=1), 10).isoformat(),
                "reason": "That slot is already taken; please choose another.",
                "code": "busy",
            }
        ]
        assert not AppointmentSeries.objects.exists() and Appointment.objects.count() == 1
        series, booked = book(doctor, patient, at(monday, 10), on_conflict="skip")
        assert len(booked) == 2 and [s["code"] for s in series.skipped] == ["busy"]

    def test_leave_hours_and_the_patients_other_visits_are_conflicts(self, scene):
        doctor, patient, monday = scene
        LeaveDayFactory(doctor=doctor, start_date=monday + timedelta(weeks=1), end_date=monday + timedelta(weeks=1))
        book_directly(DoctorFactory(), patient, start=at(monday + timedelta(weeks=2), 10))
        codes = [o.code for o in plan(doctor, patient, at(monday, 10), count=4)]
        assert codes == ["", "on_leave", "patient_busy", ""]
        assert [o.code for o in plan(doctor, patient, at(monday, 12), count=2)] == ["outside_hours", "on_leave"]

    def test_the_series_may_reach_a_year_ahead_but_no_further(self, scene):
        doctor, patient, _ = scene
        clinic_rules(booking_window_days=30)
        first = at(date(2027, 2, 1), 10)
        assert all(o.bookable for o in series_plan(
            patient=patient, doctor=doctor, first_start=first, interval_days=28, count=13, now=NOW
        ))  # fmt: skip
        too_far = series_plan(patient=patient, doctor=doctor, first_start=first, interval_days=28, count=14, now=NOW)
        assert too_far[-1].code == "too_far"


def test_one_message_for_the_whole_series_and_reminders_per_visit(django_capture_on_commit_callbacks):
    doctor, patient = DoctorFactory(), PatientFactory()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _, booked = book(doctor, patient, at(date(2027, 2, 1), 10), count=4)
    to_patient = [m for m in mail.outbox if m.to == [patient.user.email]]
    assert len(to_patient) == 1
    assert to_patient[0].body.count("2027") >= 4 and "Mon 22 Feb 2027, 10:00 CET" in to_patient[0].body
    assert not Notification.objects.filter(event="booked").exists()
    assert Notification.objects.filter(event="series_booked", channel="email").count() == 2  # patient, doctor
    reminded = reminders_send_due(now=booked[2].start - timedelta(hours=2))
    assert reminded and Notification.objects.filter(event="reminder", appointment=booked[2]).exists()


def test_cancel_the_rest_cancels_from_a_date_on_with_one_message(django_capture_on_commit_callbacks):
    doctor, patient = DoctorFactory(), PatientFactory()
    series, booked = book(doctor, patient, at(date(2027, 2, 1), 10), count=4)
    reminders_send_due(now=booked[3].start - timedelta(hours=2))  # recorded, not sent yet
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        cancelled = series_cancel(series=series, by=doctor.user, start_from=booked[2].start, now=NOW)
    assert not Notification.objects.filter(event="reminder", appointment=booked[3], status="pending").exists()
    assert [a.pk for a in cancelled] == [booked[2].pk, booked[3].pk]
    statuses = list(Appointment.objects.filter(series=series).order_by("start").values_list("status", flat=True))
    assert statuses == ["pending", "pending", "cancelled", "cancelled"]
    assert len([m for m in mail.outbox if m.to == [patient.user.email]]) == 1


class TestApi:
    @pytest.fixture
    def scene(self):
        clinic_rules(booking_window_days=60)
        doctor, patient = DoctorFactory(), PatientFactory()
        book_directly(doctor, patient, start=at(next_weekday(0, weeks_ahead=1), 9))  # makes A the doctor's patient
        return doctor, patient, next_weekday(0, weeks_ahead=2)

    def body(self, doctor, patient, monday, **extra):
        first = at(monday, 10).isoformat()
        return {"patient": patient.pk, "doctor": doctor.pk, "first_appointment_time": first, "count": 3, **extra}

    def test_dry_run_plans_every_date_and_writes_nothing(self, client_for, scene):
        doctor, patient, monday = scene
        book_directly(doctor, start=at(monday + timedelta(weeks=1), 10))
        response = client_for(doctor.user).post(
            "/api/appointment-series/?dry_run=true", self.body(doctor, patient, monday), format="json"
        )
        assert response.status_code == 200, response.content
        body = response.json()
        assert [a["appointment_time"] for a in body["appointments"]] == [
            at(monday, 10).isoformat(),
            at(monday + timedelta(weeks=2), 10).isoformat(),
        ]
        assert [s["appointment_time"] for s in body["skipped"]] == [at(monday + timedelta(weeks=1), 10).isoformat()]
        assert [o["conflict"] is None for o in body["occurrences"]] == [True, False, True]
        assert not AppointmentSeries.objects.exists()

    def test_book_and_read_a_series(self, client_for, scene):
        doctor, patient, monday = scene
        response = client_for(doctor.user).post(
            "/api/appointment-series/", self.body(doctor, patient, monday, reason="Physio"), format="json"
        )
        assert response.status_code == 201, response.content
        body = response.json()
        assert body["interval_days"] == 7 and body["skipped"] == []
        assert [a["appointment_time"] for a in body["appointments"]] == [
            at(monday + timedelta(weeks=n), 10).isoformat() for n in range(3)
        ]
        first = body["appointments"][0]
        assert first["series"] == body["id"] and first["reason"] == "Physio"
        detail = client_for(patient.user).get(f"/api/appointment-series/{body['id']}/")
        assert detail.status_code == 200 and len(detail.json()["appointments"]) == 3
        assert client_for(PatientFactory().user).get(f"/api/appointment-series/{body['id']}/").status_code == 404
        listed = client_for(doctor.user).get(f"/api/appointment-series/?patient={patient.pk}").json()
        assert [s["id"] for s in listed["results"]] == [body["id"]]
        assert client_for(patient.user).get(f"/api/appointments/{first['id']}/").json()["series"] == body["id"]
        cancelled = client_for(doctor.user).post(
            f"/api/appointment-series/{body['id']}/cancel/", {"from": body["appointments"][1]["appointment_time"]}
        )
        assert cancelled.status_code == 200
        assert [a["status"] for a in cancelled.json()["appointments"]] == ["pending", "cancelled", "cancelled"]

    def test_a_conflict_is_a_409_listing_it(self, client_for, scene):
        doctor, patient, monday = scene
        book_directly(doctor, start=at(monday, 10))
        response = client_for(doctor.user).post(
            "/api/appointment-series/", self.body(doctor, patient, monday), format="json"
        )
        assert response.status_code == 409
        assert [c["appointment_time"] for c in response.json()["conflicts"]] == [at(monday, 10).isoformat()]
        assert "detail" in response.json()

    @pytest.mark.parametrize(
        "change",
        [
            {"count": 1},
            {"count": 53},
            {"count": None, "until": None},
            {"until": "2030-01-01"},
            {"interval_days": 0},
            {"interval_days": 29},
            {"first_appointment_time": "2027-03-01T10:00:00"},
            {"on_conflict": "maybe"},
        ],
    )
    def test_bad_input_is_a_400(self, client_for, scene, change):
        doctor, patient, monday = scene
        body = {k: v for k, v in {**self.body(doctor, patient, monday), **change}.items() if v is not None}
        response = client_for(UserFactory(role=Role.ADMIN)).post("/api/appointment-series/", body, format="json")
        assert response.status_code == 400, response.content

    def test_who_may_book(self, client_for, scene):
        doctor, patient, monday = scene
        body = self.body(doctor, patient, monday)
        assert client_for(patient.user).post("/api/appointment-series/", body, format="json").status_code == 403
        other = DoctorFactory()
        assert client_for(other.user).post("/api/appointment-series/", body, format="json").status_code == 403
        own = {**body, "doctor": other.pk}
        assert client_for(other.user).post("/api/appointment-series/", own, format="json").status_code == 400
        admin = UserFactory(role=Role.ADMIN)
        no_doctor = {k: v for k, v in body.items() if k != "doctor"}
        assert client_for(admin).post("/api/appointment-series/", no_doctor, format="json").status_code == 400
        assert client_for(admin).post("/api/appointment-series/", body, format="json").status_code == 201
