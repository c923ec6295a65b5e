"""The doctors contract: list and search, profiles, specialties, slots."""

from datetime import date, time, timedelta
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import Role
from accounts.tests.factories import AdminUserFactory, UserFactory
from appointments import directory_cache, stamps
from appointments.availability import NEXT_AVAILABLE_PASS_DAYS
from appointments.models import AppointmentStatus, ClinicSettings
from appointments.tests.factories import book_directly
from doctors.models import Doctor, Specialty
from patients.tests.factories import PatientFactory

from .factories import DoctorFactory, LeaveDayFactory, SpecialtyFactory, at, clinic_rules, next_weekday

pytestmark = pytest.mark.django_db
User = get_user_model()

ITEM_FIELDS = {
    "id",
    "user",
    "full_name",
    "specialization",
    "clinic_name",
    "city",
    "address",
    "bio",
    "consultation_fee",
    "slot_minutes",
    "timezone",
    "is_active",
    "next_available",
}
EVERY_DAY = [(day, time(9), time(12)) for day in range(7)]


@pytest.fixture(autouse=True)
def _rules():
    clinic_rules(booking_window_days=365, min_notice_hours=2)


@pytest.fixture
def admin():
    return AdminUserFactory()


@pytest.fixture
def patient_user():
    return PatientFactory().user


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(ctx.captured_queries)


def ids(response) -> list[int]:
    return [item["id"] for item in response.json()["results"]]


def free_from(day: date, **kwargs) -> Doctor:
    """A doctor working every day 09-12 whose first free slot is ``day`` 09:00 (Berlin):
    on leave from yesterday to the day before."""
    doctor = DoctorFactory(hours=EVERY_DAY, **kwargs)
    LeaveDayFactory(doctor=doctor, start_date=timezone.localdate() - timedelta(days=1), end_date=day - timedelta(1))
    return doctor


class TestDoctorList:
    def test_anonymous_gets_a_paginated_list_of_active_doctors(self, api):
        active = DoctorFactory()
        DoctorFactory(is_active=False)
        response = api.get("/api/doctors/")
        assert response.status_code == 200
        body = response.json()
        assert set(body) == {"count", "next", "previous", "results"}
        assert body["count"] == 1
        item = body["results"][0]
        assert set(item) == ITEM_FIELDS
        assert item["id"] == active.pk
        assert set(item["user"]) == {"id", "username", "first_name", "last_name"}
        assert item["consultation_fee"] == "80.00"
        assert item["specialization"] == "General Practice"
        assert item["timezone"] == "Europe/Berlin"

    def test_next_available_is_first_free_slot_in_the_doctors_zone(self, api):
        day = timezone.localdate() + timedelta(days=10)
        doctor = free_from(day)
        book_directly(doctor, start=at(day, 9))
        book_directly(doctor, start=at(day, 9, 30), status=AppointmentStatus.CANCELLED)
        [item] = api.get("/api/doctors/").json()["results"]
        assert item["next_available"] == at(day, 9, 30).isoformat()

    def test_next_available_beyond_the_first_week(self, api):
        day = timezone.localdate() + timedelta(days=40)
        free_from(day)
        [item] = api.get("/api/doctors/").json()["results"]
        assert item["next_available"] == at(day, 9).isoformat()

    def test_next_available_is_null_without_hours_or_inside_window(self, api):
        clinic_rules(booking_window_days=20)
        DoctorFactory(hours=[])
        free_from(timezone.localdate() + timedelta(days=30))
        results = api.get("/api/doctors/").json()["results"]
        assert [item["next_available"] for item in results] == [None, None]

    @pytest.mark.parametrize(
        ("params", "expected"),
        [
            ("specialty=cardiology", ["heart"]),
            ("specialty=CARDIOLOGY", ["heart"]),
            ("specialty=Cardio", []),
            ("city=hamburg", ["skin"]),
            ("search=Herz", ["heart"]),
            ("search=derma", ["skin"]),
            ("search=ada", ["heart"]),
            ("search=Ada Lovelace", ["heart"]),
            ("search=nobody", []),
        ],
    )
    def test_filters(self, api, params, expected):
        doctors = {
            "heart": DoctorFactory(
                specialty=SpecialtyFactory(name="Cardiology"),
                clinic_name="Herzzentrum",
                user__first_name="Ada",
                user__last_name="Lovelace",
            ),
            "skin": DoctorFactory(
                specialty=SpecialtyFactory(name="Dermatology"),
                city="Hamburg",
                user__first_name="Grace",
                user__last_name="Hopper",
            ),
        }
        response = api.get(f"/api/doctors/?{params}")
        assert response.status_code == 200
        assert ids(response) == [doctors[name].pk for name in expected]

    def test_orderings(self, api):
        a = DoctorFactory(user__last_name="Adams", consultation_fee=Decimal("120"))
        b = DoctorFactory(user__last_name="Brown", consultation_fee=Decimal("50"))
        c = DoctorFactory(user__last_name="Clark", consultation_fee=Decimal("80"))
        assert ids(api.get("/api/doctors/?ordering=name")) == [a.pk, b.pk, c.pk]
        assert ids(api.get("/api/doctors/?ordering=-name")) == [c.pk, b.pk, a.pk]
        assert ids(api.get("/api/doctors/?ordering=consultation_fee")) == [b.pk, c.pk, a.pk]
        assert ids(api.get("/api/doctors/?ordering=-consultation_fee")) == [a.pk, c.pk, b.pk]

    def test_unknown_ordering_is_a_400(self, api):
        response = api.get("/api/doctors/?ordering=password")
        assert response.status_code == 400
        assert "ordering" in response.json()

    def test_next_available_ordering_puts_doctors_without_a_slot_last(self, api):
        clinic_rules(booking_window_days=20)
        today = timezone.localdate()
        soon, later = today + timedelta(days=3), today + timedelta(days=12)
        late = free_from(later, user__last_name="Late")
        early = free_from(soon, user__last_name="Early")
        no_hours = DoctorFactory(hours=[], user__last_name="Idle")
        # Works only one slot a day, is on leave all window except `soon`, and that slot is booked.
        booked = DoctorFactory(hours=[(d, time(9), time(9, 30)) for d in range(7)], user__last_name="Booked")
        LeaveDayFactory(doctor=booked, start_date=today - timedelta(days=1), end_date=soon - timedelta(days=1))
        LeaveDayFactory(doctor=booked, start_date=soon + timedelta(days=1), end_date=today + timedelta(days=60))
        book_directly(booked, start=at(soon, 9))

        ascending = api.get("/api/doctors/?ordering=next_available").json()["results"]
        assert [item["id"] for item in ascending] == [early.pk, late.pk, booked.pk, no_hours.pk]
        assert [item["next_available"] is None for item in ascending] == [False, False, True, True]
        descending = ids(api.get("/api/doctors/?ordering=-next_available"))
        assert descending == [late.pk, early.pk, booked.pk, no_hours.pk]

    def test_next_available_ordering_paginates(self, api):
        today = timezone.localdate()
        doctors = [free_from(today + timedelta(days=n)) for n in (5, 3, 4)]
        first = api.get("/api/doctors/?ordering=next_available&page_size=2").json()
        assert first["count"] == 3
        assert [item["id"] for item in first["results"]] == [doctors[1].pk, doctors[2].pk]
        second = api.get(first["next"]).json()
        assert [item["id"] for item in second["results"]] == [doctors[0].pk]

    def test_available_on(self, api):
        day = next_weekday(2, weeks_ahead=2)  # a Wednesday
        free = DoctorFactory(user__last_name="Free")
        on_leave = DoctorFactory(user__last_name="Leave")
        LeaveDayFactory(doctor=on_leave, start_date=day - timedelta(days=1), end_date=day)
        full = DoctorFactory(user__last_name="Full")
        for slot in range(6):
            book_directly(full, start=at(day, 9) + timedelta(minutes=30 * slot))
        partly = DoctorFactory(user__last_name="Partly")
        book_directly(partly, start=at(day, 9))
        book_directly(full, start=at(day + timedelta(days=1), 9))
        DoctorFactory(hours=[(5, time(9), time(12))], user__last_name="Weekend")

        response = api.get(f"/api/doctors/?available_on={day.isoformat()}")
        assert response.status_code == 200
        assert ids(response) == [free.pk, partly.pk]
        assert response.json()["count"] == 2

    def test_available_on_in_the_doctors_zone(self, api):
        day = next_weekday(2, weeks_ahead=2)
        # 09:00-10:00 in Tokyo is the evening before in Berlin.
        tokyo = DoctorFactory(timezone="Asia/Tokyo", hours=[(2, time(9), time(10))])
        assert ids(api.get(f"/api/doctors/?available_on={day.isoformat()}")) == [tokyo.pk]
        assert ids(api.get(f"/api/doctors/?available_on={(day - timedelta(days=1)).isoformat()}")) == []

    def test_available_on_combines_with_other_filters_and_ordering(self, api):
        day = next_weekday(1, weeks_ahead=2)
        DoctorFactory(city="Hamburg")
        berlin = DoctorFactory(city="Berlin")
        response = api.get(f"/api/doctors/?available_on={day}&city=berlin&ordering=next_available")
        assert ids(response) == [berlin.pk]

    @pytest.mark.parametrize("value", ["9999-12-31", "0001-01-01", "2000-01-01"])
    def test_available_on_outside_the_booking_window_matches_nobody(self, api, value):
        DoctorFactory(hours=EVERY_DAY)
        response = api.get(f"/api/doctors/?available_on={value}")
        assert response.status_code == 200
        assert response.json()["count"] == 0

    @pytest.mark.parametrize("value", ["tomorrow", "2027-02-30", "01.03.2027"])
    def test_bad_available_on_is_a_400(self, api, value):
        response = api.get(f"/api/doctors/?available_on={value}")
        assert response.status_code == 400
        assert "available_on" in response.json()

    @pytest.mark.parametrize("params", ["", "ordering=name", "ordering=next_available", "available_on=DAY"])
    def test_query_count_does_not_grow_with_page_size(self, api, params):
        params = params.replace("DAY", next_weekday(0).isoformat())
        for _ in range(3):
            DoctorFactory()
        small = count_queries(api, f"/api/doctors/?page_size=2&{params}")
        for _ in range(12):
            DoctorFactory()
        DoctorFactory(hours=[])  # never free: needs every next_available pass
        large = count_queries(api, f"/api/doctors/?page_size=100&{params}")
        later_passes = len(NEXT_AVAILABLE_PASS_DAYS)
        assert large <= small + 3 * later_passes  # the later next_available passes (3 bulk queries each)
        # count, page, settings, 3 bulk loads per pass (+ 1 + 3 for available_on)
        assert large <= 3 + 3 * (later_passes + 1) + 4


class TestSpecialties:
    def test_anyone_gets_the_whole_list_unpaginated(self, api):
        SpecialtyFactory(name="Neurology")
        SpecialtyFactory(name="Cardiology")
        response = api.get("/api/specialties/")
        assert response.status_code == 200
        assert [item["name"] for item in response.json()] == ["Cardiology", "Neurology"]
        assert set(response.json()[0]) == {"id", "name"}


class TestDoctorDetail:
    def test_anyone_reads_an_active_doctor(self, api):
        doctor = DoctorFactory()
        response = api.get(f"/api/doctors/{doctor.pk}/")
        assert response.status_code == 200
        assert set(response.json()) == ITEM_FIELDS
        assert response.json()["next_available"] is not None

    def test_inactive_doctor_is_404_except_for_admin(self, api, client_for, admin, patient_user):
        doctor = DoctorFactory(is_active=False)
        assert api.get(f"/api/doctors/{doctor.pk}/").status_code == 404
        assert client_for(patient_user).get(f"/api/doctors/{doctor.pk}/").status_code == 404
        assert client_for(admin).get(f"/api/doctors/{doctor.pk}/").status_code == 200

    def test_unknown_doctor_is_404(self, api):
        assert api.get("/api/doctors/999999/").status_code == 404


NEW_DOCTOR = {
    "user": {
        "username": "drhouse",
        "email": "house@example.com",
        "password": "Vicodin-and-Puzzles-9",
        "first_name": "Gregory",
        "last_name": "House",
    },
    "specialization": "Diagnostics",
    "clinic_name": "Princeton-Plainsboro",
    "city": "Princeton",
    "address": "1 Hospital Way",
    "bio": "Everybody lies.",
    "consultation_fee": "250.00",
    "timezone": "America/New_York",
}


def new_doctor(**overrides):
    body = {**NEW_DOCTOR, **overrides}
    if "user" in overrides:
        body["user"] = {**NEW_DOCTOR["user"], **overrides["user"]}
    return body


class TestDoctorCreate:
    def test_admin_creates_user_and_profile(self, client_for, admin, api):
        clinic = ClinicSettings.load()
        clinic.default_slot_minutes = 20
        clinic.save()
        response = client_for(admin).post("/api/doctors/", new_doctor(), format="json")
        assert response.status_code == 201, response.json()
        body = response.json()
        assert set(body) == ITEM_FIELDS
        assert body["specialization"] == "Diagnostics"
        assert body["slot_minutes"] == 20
        assert body["timezone"] == "America/New_York"
        assert body["consultation_fee"] == "250.00"
        assert body["next_available"] is None  # no hours yet
        doctor = Doctor.objects.get(pk=body["id"])
        assert doctor.user.role == Role.DOCTOR
        assert "password" not in response.content.decode()
        login = api.post("/api/token/", {"username": "drhouse", "password": "Vicodin-and-Puzzles-9"})
        assert login.status_code == 200

    def test_specialization_matches_existing_case_insensitively(self, client_for, admin):
        existing = SpecialtyFactory(name="Cardiology")
        response = client_for(admin).post("/api/doctors/", new_doctor(specialization="cardiology"), format="json")
        assert response.status_code == 201
        assert Doctor.objects.get(pk=response.json()["id"]).specialty == existing
        assert Specialty.objects.filter(name__iexact="cardiology").count() == 1

    @pytest.mark.parametrize(
        ("overrides", "path"),
        [
            ({"user": {"password": "123"}}, ("user", "password")),
            ({"user": {"password": "drhouse1"}}, ("user", "password")),
            ({"user": {"email": "nope"}}, ("user", "email")),
            ({"user": {"username": "bad name!"}}, ("user", "username")),
            ({"timezone": "Mars/Olympus"}, ("timezone",)),
            ({"consultation_fee": "-1"}, ("consultation_fee",)),
            ({"slot_minutes": 2}, ("slot_minutes",)),
            ({"specialization": ""}, ("specialization",)),
            ({"phone": "12"}, ("phone",)),
        ],
    )
    def test_bad_input_is_a_field_error_and_creates_nothing(self, client_for, admin, overrides, path):
        response = client_for(admin).post("/api/doctors/", new_doctor(**overrides), format="json")
        assert response.status_code == 400
        body = response.json()
        for key in path:
            assert key in body, body
            body = body[key]
        assert not User.objects.filter(username="drhouse").exists()
        assert not Doctor.objects.exists()

    def test_missing_user_is_a_400(self, client_for, admin):
        body = {k: v for k, v in NEW_DOCTOR.items() if k != "user"}
        response = client_for(admin).post("/api/doctors/", body, format="json")
        assert response.status_code == 400
        assert "user" in response.json()

    @pytest.mark.parametrize(("field", "value"), [("username", "DRHOUSE"), ("email", "HOUSE@example.COM")])
    def test_duplicates_are_refused_case_insensitively(self, client_for, admin, field, value):
        UserFactory(username="drhouse", email="house@example.com")
        response = client_for(admin).post("/api/doctors/", new_doctor(user={field: value}), format="json")
        assert response.status_code == 400
        assert field in response.json()["user"]
        assert not Doctor.objects.exists()

    @pytest.mark.parametrize("role", ["patient", "doctor"])
    def test_only_admin_creates(self, client_for, role):
        user = PatientFactory().user if role == "patient" else DoctorFactory().user
        response = client_for(user).post("/api/doctors/", new_doctor(), format="json")
        assert response.status_code == 403
        assert not User.objects.filter(username="drhouse").exists()

    def test_anonymous_is_401(self, api):
        assert api.post("/api/doctors/", new_doctor(), format="json").status_code == 401


class TestDoctorUpdate:
    def test_doctor_edits_own_profile(self, client_for):
        doctor = DoctorFactory()
        response = client_for(doctor.user).patch(
            f"/api/doctors/{doctor.pk}/", {"bio": "New bio", "specialization": "Sports Medicine"}, format="json"
        )
        assert response.status_code == 200, response.json()
        assert response.json()["bio"] == "New bio"
        assert response.json()["specialization"] == "Sports Medicine"
        doctor.refresh_from_db()
        assert doctor.bio == "New bio"
        assert doctor.specialty.name == "Sports Medicine"

    def test_admin_edits_any_profile_with_put(self, client_for, admin):
        doctor = DoctorFactory()
        body = {"specialization": "Neurology", "city": "Munich", "slot_minutes": 15, "timezone": "Europe/Vienna"}
        response = client_for(admin).put(f"/api/doctors/{doctor.pk}/", body, format="json")
        assert response.status_code == 200, response.json()
        assert response.json()["city"] == "Munich"
        assert response.json()["slot_minutes"] == 15

    def test_put_requires_specialization(self, client_for, admin):
        doctor = DoctorFactory()
        response = client_for(admin).put(f"/api/doctors/{doctor.pk}/", {"city": "Munich"}, format="json")
        assert response.status_code == 400
        assert "specialization" in response.json()

    def test_read_only_fields_are_ignored(self, client_for):
        doctor = DoctorFactory()
        response = client_for(doctor.user).patch(
            f"/api/doctors/{doctor.pk}/", {"is_active": False, "id": 999, "next_available": None}, format="json"
        )
        assert response.status_code == 200
        doctor.refresh_from_db()
        assert doctor.is_active

    @pytest.mark.parametrize(
        ("body", "field"),
        [({"timezone": "Nowhere/City"}, "timezone"), ({"consultation_fee": "-5"}, "consultation_fee")],
    )
    def test_bad_values_are_a_400(self, client_for, body, field):
        doctor = DoctorFactory()
        response = client_for(doctor.user).patch(f"/api/doctors/{doctor.pk}/", body, format="json")
        assert response.status_code == 400
        assert field in response.json()

    def test_doctor_cannot_edit_another_doctor(self, client_for):
        me, other = DoctorFactory(), DoctorFactory()
        response = client_for(me.user).patch(f"/api/doctors/{other.pk}/", {"bio": "hacked"}, format="json")
        assert response.status_code == 403
        other.refresh_from_db()
        assert other.bio != "hacked"

    def test_patient_and_anonymous_cannot_edit(self, client_for, api, patient_user):
        doctor = DoctorFactory()
        assert client_for(patient_user).patch(f"/api/doctors/{doctor.pk}/", {"bio": "x"}).status_code == 403
        assert api.patch(f"/api/doctors/{doctor.pk}/", {"bio": "x"}).status_code == 401


class TestDoctorDeactivate:
    def test_admin_deactivates_and_history_stays(self, client_for, admin, api):
        doctor = DoctorFactory()
        appointment = book_directly(doctor, start=at(next_weekday(0), 9))
        response = client_for(admin).delete(f"/api/doctors/{doctor.pk}/")
        assert response.status_code == 204
        doctor.refresh_from_db()
        assert not doctor.is_active
        assert not doctor.user.is_active  # a retired doctor loses access (accounts/tests/test_sessions.py)
        assert doctor.appointments.get() == appointment
        assert api.get("/api/doctors/").json()["count"] == 0
        assert api.get(f"/api/doctors/{doctor.pk}/").status_code == 404

    def test_only_admin_deactivates(self, client_for, api, patient_user):
        doctor = DoctorFactory()
        assert client_for(doctor.user).delete(f"/api/doctors/{doctor.pk}/").status_code == 403
        assert client_for(patient_user).delete(f"/api/doctors/{doctor.pk}/").status_code == 403
        assert api.delete(f"/api/doctors/{doctor.pk}/").status_code == 401
        doctor.refresh_from_db()
        assert doctor.is_active


class TestSlots:
    def url(self, doctor, start, end):
        return f"/api/doctors/{doctor.pk}/slots/?start={start}&end={end}"

    def test_free_slots_hide_booked_but_not_cancelled(self, api):
        day = next_weekday(0, weeks_ahead=2)
        doctor = DoctorFactory()
        book_directly(doctor, start=at(day, 9), status=AppointmentStatus.PENDING)
        book_directly(doctor, start=at(day, 10), status=AppointmentStatus.CONFIRMED)
        book_directly(doctor, start=at(day, 11), status=AppointmentStatus.CANCELLED)
        response = api.get(self.url(doctor, day, day))
        assert response.status_code == 200
        starts = [slot["start"] for slot in response.json()]
        expected = [at(day, 9, 30), at(day, 10, 30), at(day, 11), at(day, 11, 30)]
        assert starts == [moment.isoformat() for moment in expected]
        assert response.json()[0]["end"] == at(day, 10).isoformat()

    def test_schedule_loads_read_only_their_own_tables(self, api):
        # The models' default orderings sort by the doctor's name: followed, they joined the
        # doctor and user tables into every hours and leave load (issue 18).
        day = next_weekday(0, weeks_ahead=2)
        doctor = DoctorFactory()
        LeaveDayFactory(doctor=doctor, start_date=day, end_date=day)
        with CaptureQueriesContext(connection) as ctx:
            response = api.get(self.url(doctor, day, day + timedelta(days=27)))
        assert response.status_code == 200
        sql = [query["sql"] for query in ctx.captured_queries]
        loads = [q for q in sql if "doctors_workinghours" in q or "doctors_leaveday" in q]
        # Cached (PostgreSQL): stamps with hours, then leave; uncached: one statement for all parts.
        assert len(loads) == (2 if stamps.enabled() else 1)
        assert not any("accounts_user" in q or "doctors_doctor" in q for q in loads)
        # the doctor, expired holds, clinic settings, hours, leave, busy time (and, where whole
        # answers are cached, the stamps that key them)
        assert len(sql) <= 6 + directory_cache.enabled()

    def test_range_is_inclusive_and_skips_leave_and_days_off(self, api):
        monday = next_weekday(0, weeks_ahead=2)
        doctor = DoctorFactory()
        LeaveDayFactory(doctor=doctor, start_date=monday + timedelta(days=1), end_date=monday + timedelta(days=1))
        slots = api.get(self.url(doctor, monday, monday + timedelta(days=6))).json()
        days = sorted({slot["start"][:10] for slot in slots})
        expected = [monday + timedelta(days=n) for n in (0, 2, 3, 4)]
        assert days == [d.isoformat() for d in expected]
        assert len(slots) == 4 * 6

    def test_not_beyond_the_booking_window_or_in_the_past(self, api):
        clinic_rules(booking_window_days=7)
        doctor = DoctorFactory(hours=EVERY_DAY)
        today = timezone.localdate()
        slots = api.get(self.url(doctor, today - timedelta(days=3), today + timedelta(days=20))).json()
        now = timezone.now()
        assert slots
        assert all(now < at(date.fromisoformat(s["start"][:10]), 0) + timedelta(days=1) for s in slots)
        assert max(s["start"][:10] for s in slots) <= (today + timedelta(days=8)).isoformat()

    def test_other_zone_keeps_its_offset(self, api):
        day = next_weekday(0, weeks_ahead=2)
        doctor = DoctorFactory(timezone="America/New_York", hours=[(0, time(9), time(10))])
        slots = api.get(self.url(doctor, day, day)).json()
        assert [s["start"] for s in slots] == [
            at(day, 9, tz="America/New_York").isoformat(),
            at(day, 9, 30, tz="America/New_York").isoformat(),
        ]

    def test_dst_spring_forward_in_berlin(self, api):
        day = _next_last_sunday_of_march()
        clinic_rules(booking_window_days=730)
        doctor = DoctorFactory(slot_minutes=60, hours=[(6, time(1), time(4))])
        response = api.get(self.url(doctor, day, day))
        assert response.status_code == 200
        # 02:00-03:00 never happens that night: 01:00 CET, then 03:00 CEST.
        assert response.json() == [
            {"start": f"{day}T01:00:00+01:00", "end": f"{day}T03:00:00+02:00"},
            {"start": f"{day}T03:00:00+02:00", "end": f"{day}T04:00:00+02:00"},
        ]

    @pytest.mark.parametrize(
        ("query", "field"),
        [
            ("", "start"),
            ("start=2027-01-01", "end"),
            ("start=soon&end=2027-01-02", "start"),
            ("start=2027-01-05&end=2027-01-04", "end"),
            ("start=2027-01-01&end=2027-02-01", "end"),  # 32 days
        ],
    )
    def test_bad_ranges_are_a_400(self, api, query, field):
        doctor = DoctorFactory()
        response = api.get(f"/api/doctors/{doctor.pk}/slots/?{query}")
        assert response.status_code == 400
        assert field in response.json()

    @pytest.mark.parametrize(("start", "end"), [("9999-12-01", "9999-12-31"), ("0001-01-01", "0001-01-31")])
    def test_ranges_outside_the_booking_window_are_empty(self, api, start, end):
        doctor = DoctorFactory(hours=EVERY_DAY)
        response = api.get(self.url(doctor, start, end))
        assert response.status_code == 200
        assert response.json() == []

    def test_31_days_are_fine(self, api):
        doctor = DoctorFactory()
        start = timezone.localdate() + timedelta(days=7)
        assert api.get(self.url(doctor, start, start + timedelta(days=30))).status_code == 200

    def test_inactive_or_unknown_doctor_is_404(self, api):
        doctor = DoctorFactory(is_active=False)
        day = next_weekday(0)
        assert api.get(self.url(doctor, day, day)).status_code == 404
        assert api.get(f"/api/doctors/999999/slots/?start={day}&end={day}").status_code == 404

    def test_query_count_does_not_depend_on_the_range(self, api):
        doctor = DoctorFactory()
        start = next_weekday(0)
        for week in range(4):
            book_directly(doctor, start=at(start + timedelta(weeks=week), 9))
        one_day = count_queries(api, self.url(doctor, start, start))
        month = count_queries(api, self.url(doctor, start, start + timedelta(days=30)))
        assert one_day == month <= 6 + directory_cache.enabled()


def _next_last_sunday_of_march() -> date:
    today = timezone.localdate()
    year = today.year
    while True:
        day = date(year, 3, 31)
        day -= timedelta(days=(day.weekday() - 6) % 7)
        if day > today + timedelta(days=1):
            return day
        year += 1
