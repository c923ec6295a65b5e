"""The working-hours and leave-days contract."""

from datetime import date, time, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.tests.factories import AdminUserFactory
from appointments.models import AppointmentStatus
from appointments.tests.factories import book_directly
from doctors.models import LeaveDay, WorkingHours
from patients.tests.factories import PatientFactory

from .factories import DoctorFactory, LeaveDayFactory, WorkingHoursFactory, at, clinic_rules, next_weekday

pytestmark = pytest.mark.django_db

HOURS = "/api/working-hours/"
LEAVES = "/api/leave-days/"


@pytest.fixture(autouse=True)
def _rules():
    clinic_rules(booking_window_days=365)


@pytest.fixture
def admin():
    return AdminUserFactory()


@pytest.fixture
def doctor():
    return DoctorFactory(hours=[])


@pytest.fixture
def other():
    return DoctorFactory(hours=[])


class TestWorkingHoursRead:
    def test_anyone_lists_and_filters_by_doctor(self, api, doctor, other):
        mine = WorkingHoursFactory(doctor=doctor, weekday=1, start_time=time(8, 30), end_time=time(12))
        WorkingHoursFactory(doctor=other)
        response = api.get(f"{HOURS}?doctor={doctor.pk}")
        assert response.status_code == 200
        assert response.json()["count"] == 1
        assert response.json()["results"] == [
            {"id": mine.pk, "doctor": doctor.pk, "weekday": 1, "start_time": "08:30", "end_time": "12:00"}
        ]
        assert api.get(HOURS).json()["count"] == 2
        assert api.get(f"{HOURS}{mine.pk}/").json()["start_time"] == "08:30"

    def test_hours_of_inactive_doctors_are_hidden_from_the_public(self, api, client_for, admin):
        retired = DoctorFactory(is_active=False, hours=[])
        hours = WorkingHoursFactory(doctor=retired)
        assert api.get(HOURS).json()["count"] == 0
        assert api.get(f"{HOURS}{hours.pk}/").status_code == 404
        assert client_for(admin).get(HOURS).json()["count"] == 1

    def test_query_count_does_not_grow_with_page_size(self, api, doctor):
        for weekday in range(7):
            WorkingHoursFactory(doctor=doctor, weekday=weekday)
        with CaptureQueriesContext(connection) as small:
            api.get(f"{HOURS}?page_size=2")
        with CaptureQueriesContext(connection) as large:
            api.get(f"{HOURS}?page_size=100")
        assert len(small) == len(large) <= 2


class TestWorkingHoursWrite:
    def test_doctor_creates_own_without_naming_themselves(self, client_for, doctor):
        body = {"weekday": 0, "start_time": "09:00:00", "end_time": "12:30"}
        response = client_for(doctor.user).post(HOURS, body, format="json")
        assert response.status_code == 201, response.json()
        assert response.json() | {"id": None} == {
            "id": None,
            "doctor": doctor.pk,
            "weekday": 0,
            "start_time": "09:00",
            "end_time": "12:30",
        }

    def test_doctor_may_name_themselves(self, client_for, doctor):
        body = {"doctor": doctor.pk, "weekday": 0, "start_time": "09:00", "end_time": "12:00"}
        assert client_for(doctor.user).post(HOURS, body, format="json").status_code == 201

    def test_doctor_cannot_write_for_another_doctor(self, client_for, doctor, other):
        body = {"doctor": other.pk, "weekday": 0, "start_time": "09:00", "end_time": "12:00"}
        assert client_for(doctor.user).post(HOURS, body, format="json").status_code == 403
        assert not WorkingHours.objects.exists()

    def test_admin_must_name_the_doctor(self, client_for, admin, doctor):
        body = {"weekday": 0, "start_time": "09:00", "end_time": "12:00"}
        response = client_for(admin).post(HOURS, body, format="json")
        assert response.status_code == 400
        assert "doctor" in response.json()
        response = client_for(admin).post(HOURS, {**body, "doctor": doctor.pk}, format="json")
        assert response.status_code == 201
        assert response.json()["doctor"] == doctor.pk

    def test_patient_is_403_and_anonymous_401(self, client_for, api, doctor):
        body = {"doctor": doctor.pk, "weekday": 0, "start_time": "09:00", "end_time": "12:00"}
        assert client_for(PatientFactory().user).post(HOURS, body, format="json").status_code == 403
        assert api.post(HOURS, body, format="json").status_code == 401

    @pytest.mark.parametrize(
        ("body", "field"),
        [
            ({"weekday": 7, "start_time": "09:00", "end_time": "12:00"}, "weekday"),
            ({"weekday": -1, "start_time": "09:00", "end_time": "12:00"}, "weekday"),
            ({"weekday": 0, "start_time": "9 am", "end_time": "12:00"}, "start_time"),
            ({"weekday": 0, "start_time": "25:00", "end_time": "12:00"}, "start_time"),
            ({"weekday": 0, "start_time": "12:00", "end_time": "09:00"}, "end_time"),
            ({"weekday": 0, "start_time": "12:00", "end_time": "12:00"}, "end_time"),
            ({"start_time": "09:00", "end_time": "12:00"}, "weekday"),
        ],
    )
    def test_bad_input_is_a_400(self, client_for, doctor, body, field):
        response = client_for(doctor.user).post(HOURS, body, format="json")
        assert response.status_code == 400
        assert field in response.json()

    @pytest.mark.parametrize(
        ("start", "end"), [("11:00", "13:00"), ("08:00", "09:30"), ("09:00", "12:00"), ("10:00", "11:00")]
    )
    def test_overlap_is_a_400(self, client_for, doctor, start, end):
        WorkingHoursFactory(doctor=doctor, weekday=0, start_time=time(9), end_time=time(12))
        body = {"weekday": 0, "start_time": start, "end_time": end}
        response = client_for(doctor.user).post(HOURS, body, format="json")
        assert response.status_code == 400
        assert "overlaps" in response.json()["detail"]
        assert WorkingHours.objects.count() == 1

    def test_touching_intervals_and_other_days_are_fine(self, client_for, doctor, other):
        WorkingHoursFactory(doctor=doctor, weekday=0, start_time=time(9), end_time=time(12))
        WorkingHoursFactory(doctor=other, weekday=0, start_time=time(12), end_time=time(13))
        client = client_for(doctor.user)
        assert client.post(HOURS, {"weekday": 0, "start_time": "12:00", "end_time": "13:00"}).status_code == 201
        assert client.post(HOURS, {"weekday": 0, "start_time": "08:00", "end_time": "09:00"}).status_code == 201
        assert client.post(HOURS, {"weekday": 1, "start_time": "09:00", "end_time": "12:00"}).status_code == 201

    def test_doctor_updates_and_deletes_own(self, client_for, doctor):
        hours = WorkingHoursFactory(doctor=doctor)
        client = client_for(doctor.user)
        response = client.patch(f"{HOURS}{hours.pk}/", {"end_time": "13:15"}, format="json")
        assert response.status_code == 200
        assert response.json()["end_time"] == "13:15"
        put = {"weekday": 2, "start_time": "10:00", "end_time": "11:00"}
        assert client.put(f"{HOURS}{hours.pk}/", put, format="json").json()["weekday"] == 2
        assert client.delete(f"{HOURS}{hours.pk}/").status_code == 204
        assert not WorkingHours.objects.exists()

    def test_update_into_an_overlap_is_a_400(self, client_for, doctor):
        WorkingHoursFactory(doctor=doctor, weekday=0, start_time=time(9), end_time=time(12))
        later = WorkingHoursFactory(doctor=doctor, weekday=0, start_time=time(13), end_time=time(15))
        response = client_for(doctor.user).patch(f"{HOURS}{later.pk}/", {"start_time": "11:00"}, format="json")
        assert response.status_code == 400
        later.refresh_from_db()
        assert later.start_time == time(13)

    def test_update_that_moves_its_own_interval_is_not_an_overlap(self, client_for, doctor):
        hours = WorkingHoursFactory(doctor=doctor, weekday=0, start_time=time(9), end_time=time(12))
        response = client_for(doctor.user).patch(f"{HOURS}{hours.pk}/", {"start_time": "10:00"}, format="json")
        assert response.status_code == 200

    def test_doctor_cannot_touch_another_doctors_hours(self, client_for, doctor, other):
        theirs = WorkingHoursFactory(doctor=other)
        client = client_for(doctor.user)
        assert client.patch(f"{HOURS}{theirs.pk}/", {"end_time": "18:00"}, format="json").status_code == 403
        assert client.delete(f"{HOURS}{theirs.pk}/").status_code == 403
        mine = WorkingHoursFactory(doctor=doctor)
        response = client.patch(f"{HOURS}{mine.pk}/", {"doctor": other.pk}, format="json")
        assert response.status_code == 403
        theirs.refresh_from_db()
        assert theirs.end_time == time(12)

    def test_admin_updates_and_deletes_any(self, client_for, admin, doctor):
        hours = WorkingHoursFactory(doctor=doctor)
        client = client_for(admin)
        assert client.patch(f"{HOURS}{hours.pk}/", {"end_time": "18:00"}, format="json").status_code == 200
        assert client.delete(f"{HOURS}{hours.pk}/").status_code == 204

    def test_patient_cannot_update(self, client_for, doctor):
        hours = WorkingHoursFactory(doctor=doctor)
        response = client_for(PatientFactory().user).patch(f"{HOURS}{hours.pk}/", {"end_time": "18:00"})
        assert response.status_code == 403


class TestLeaveDays:
    def test_patient_is_403_and_anonymous_401(self, client_for, api, doctor):
        leave = LeaveDayFactory(doctor=doctor)
        patient = client_for(PatientFactory().user)
        assert patient.get(LEAVES).status_code == 403
        assert patient.get(f"{LEAVES}{leave.pk}/").status_code == 403
        assert api.get(LEAVES).status_code == 401

    def test_doctor_sees_only_own_and_others_are_404(self, client_for, doctor, other):
        mine = LeaveDayFactory(doctor=doctor)
        theirs = LeaveDayFactory(doctor=other)
        client = client_for(doctor.user)
        response = client.get(LEAVES)
        assert [item["id"] for item in response.json()["results"]] == [mine.pk]
        assert set(response.json()["results"][0]) == {
            "id",
            "doctor",
            "start_date",
            "end_date",
            "reason",
            "conflicting_appointments",
        }
        assert client.get(f"{LEAVES}{theirs.pk}/").status_code == 404
        assert client.patch(f"{LEAVES}{theirs.pk}/", {"reason": "x"}).status_code == 404
        assert client.delete(f"{LEAVES}{theirs.pk}/").status_code == 404
        assert LeaveDay.objects.filter(pk=theirs.pk).exists()

    def test_admin_sees_all_and_filters_by_doctor(self, client_for, admin, doctor, other):
        LeaveDayFactory(doctor=doctor)
        LeaveDayFactory(doctor=other)
        client = client_for(admin)
        assert client.get(LEAVES).json()["count"] == 2
        assert client.get(f"{LEAVES}?doctor={other.pk}").json()["count"] == 1

    def test_rows_at_the_calendars_edge_still_list(self, client_for, doctor):
        # Saved before the API bounded leave dates; listing their conflicts overflowed (a 500).
        LeaveDayFactory(doctor=doctor, start_date=date.min, end_date=date.min)
        LeaveDayFactory(doctor=doctor, start_date=date.max, end_date=date.max)
        response = client_for(doctor.user).get(LEAVES)
        assert response.status_code == 200
        assert [row["conflicting_appointments"] for row in response.json()["results"]] == [[], []]

    def test_create_over_booked_appointments_lists_them_and_leaves_them_alone(self, client_for, doctor):
        day = next_weekday(0, weeks_ahead=2)
        pending = book_directly(doctor, start=at(day, 9), status=AppointmentStatus.PENDING)
        confirmed = book_directly(doctor, start=at(day + timedelta(days=1), 23, 30))
        book_directly(doctor, start=at(day, 10), status=AppointmentStatus.CANCELLED)
        book_directly(doctor, start=at(day + timedelta(days=2), 0, 0))  # the day after the leave
        book_directly(DoctorFactory(), start=at(day, 9))  # another doctor's
        body = {"start_date": day.isoformat(), "end_date": (day + timedelta(days=1)).isoformat(), "reason": "Flu"}
        response = client_for(doctor.user).post(LEAVES, body, format="json")
        assert response.status_code == 201, response.json()
        assert response.json()["conflicting_appointments"] == [pending.pk, confirmed.pk]
        assert response.json()["doctor"] == doctor.pk
        pending.refresh_from_db()
        assert pending.status == AppointmentStatus.PENDING
        # Reading it back tells the same.
        leave_id = response.json()["id"]
        assert client_for(doctor.user).get(f"{LEAVES}{leave_id}/").json()["conflicting_appointments"] == [
            pending.pk,
            confirmed.pk,
        ]

    def test_update_lists_conflicts_too(self, client_for, doctor):
        day = next_weekday(3, weeks_ahead=2)
        leave = LeaveDayFactory(doctor=doctor, start_date=day, end_date=day)
        later = book_directly(doctor, start=at(day + timedelta(days=1), 9))
        response = client_for(doctor.user).patch(
            f"{LEAVES}{leave.pk}/", {"end_date": (day + timedelta(days=1)).isoformat()}, format="json"
        )
        assert response.status_code == 200
        assert response.json()["conflicting_appointments"] == [later.pk]

    def test_without_conflicts_the_list_is_empty(self, client_for, doctor):
        body = {"start_date": "2030-01-01", "end_date": "2030-01-01"}
        response = client_for(doctor.user).post(LEAVES, body, format="json")
        assert response.status_code == 201
        assert response.json()["conflicting_appointments"] == []
        assert response.json()["reason"] == ""

    @pytest.mark.parametrize(
        ("body", "field"),
        [
            ({"start_date": "2030-01-05", "end_date": "2030-01-04"}, "end_date"),
            ({"start_date": "2030-01-05"}, "end_date"),
            ({"start_date": "soon", "end_date": "2030-01-04"}, "start_date"),
            ({"start_date": "2030-01-01", "end_date": "2030-01-01", "reason": "x" * 201}, "reason"),
            # Dates at the calendar's edge once overflowed while listing conflicts (a 500, after the INSERT).
            ({"start_date": "9999-12-31", "end_date": "9999-12-31"}, "start_date"),
            ({"start_date": "2030-01-01", "end_date": "9999-12-31"}, "end_date"),
            ({"start_date": "0001-01-01", "end_date": "2030-01-01"}, "start_date"),
        ],
    )
    def test_bad_input_is_a_400(self, client_for, doctor, body, field):
        response = client_for(doctor.user).post(LEAVES, body, format="json")
        assert response.status_code == 400
        assert field in response.json()
        assert not LeaveDay.objects.exists()

    def test_update_with_end_before_start_is_a_400(self, client_for, doctor):
        leave = LeaveDayFactory(doctor=doctor)
        before = (leave.start_date - timedelta(days=1)).isoformat()
        response = client_for(doctor.user).patch(f"{LEAVES}{leave.pk}/", {"end_date": before}, format="json")
        assert response.status_code == 400
        assert "end_date" in response.json()

    def test_same_doctor_rule_as_working_hours(self, client_for, admin, doctor, other):
        body = {"start_date": "2030-01-01", "end_date": "2030-01-02"}
        assert client_for(doctor.user).post(LEAVES, {**body, "doctor": other.pk}).status_code == 403
        assert client_for(doctor.user).post(LEAVES, {**body, "doctor": doctor.pk}).status_code == 201
        response = client_for(admin).post(LEAVES, body)
        assert response.status_code == 400
        assert "doctor" in response.json()
        assert client_for(admin).post(LEAVES, {**body, "doctor": other.pk}).status_code == 201

    def test_doctor_deletes_own(self, client_for, doctor):
        leave = LeaveDayFactory(doctor=doctor)
        assert client_for(doctor.user).delete(f"{LEAVES}{leave.pk}/").status_code == 204
        assert not LeaveDay.objects.exists()

    def test_leave_hides_slots_until_deleted(self, client_for, api, doctor):
        WorkingHoursFactory(doctor=doctor, weekday=0)
        day = next_weekday(0, weeks_ahead=2)
        url = f"/api/doctors/{doctor.pk}/slots/?start={day}&end={day}"
        assert len(api.get(url).json()) == 6
        response = client_for(doctor.user).post(LEAVES, {"start_date": str(day), "end_date": str(day)})
        assert api.get(url).json() == []
        client_for(doctor.user).delete(f"{LEAVES}{response.json()['id']}/")
        assert len(api.get(url).json()) == 6

    def test_query_count_does_not_grow_with_page_size(self, client_for, admin):
        day = next_weekday(0, weeks_ahead=2)
        for n in range(6):
            leave = LeaveDayFactory(start_date=day + timedelta(days=n), end_date=day + timedelta(days=n))
            book_directly(leave.doctor, start=at(leave.start_date, 9))
        client = client_for(admin)
        with CaptureQueriesContext(connection) as small:
            assert client.get(f"{LEAVES}?page_size=2").status_code == 200
        with CaptureQueriesContext(connection) as large:
            response = client.get(f"{LEAVES}?page_size=100")
        assert len(small) == len(large) <= 3
        assert all(len(item["conflicting_appointments"]) == 1 for item in response.json()["results"])
