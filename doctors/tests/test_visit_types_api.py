"""Visit types: their own length, buffer and fee, through CRUD, slots, booking and the database."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction

from accounts.tests.factories import AdminUserFactory
from appointments.models import Appointment
from appointments.tests.factories import book_directly
from patients.tests.factories import PatientFactory

from .factories import DoctorFactory, VisitTypeFactory, at, clinic_rules, next_weekday

pytestmark = pytest.mark.django_db

TYPES = "/api/visit-types/"
MONDAY = next_weekday(0)


@pytest.fixture(autouse=True)
def _rules():
    clinic_rules(booking_window_days=365)


@pytest.fixture
def doctor():
    # Monday to Friday 09:00-12:00 on a 15-minute grid.
    return DoctorFactory(slot_minutes=15)


@pytest.fixture
def first_visit(doctor):
    return VisitTypeFactory(doctor=doctor, name="First consultation", duration_minutes=45, buffer_minutes=15)


def slots(api, doctor, visit_type=None, day=MONDAY):
    query = f"?start={day}&end={day}" + (f"&visit_type={visit_type.pk}" if visit_type else "")
    response = api.get(f"/api/doctors/{doctor.pk}/slots/{query}")
    assert response.status_code == 200, response.content
    return [slot["start"][11:16] for slot in response.json()]


class TestCrud:
    def test_anyone_reads_and_filters_by_doctor(self, api, doctor, first_visit):
        VisitTypeFactory()  # another doctor's
        response = api.get(f"{TYPES}?doctor={doctor.pk}")
        assert response.status_code == 200
        assert response.json()["results"] == [
            {
                "id": first_visit.pk,
                "doctor": doctor.pk,
                "name": "First consultation",
                "duration_minutes": 45,
                "buffer_minutes": 15,
                "fee": "120.00",
                "active": True,
            }
        ]
        assert api.get(TYPES).json()["count"] == 2

    def test_a_doctor_manages_their_own(self, client_for, doctor):
        api = client_for(doctor.user)
        body = {"name": "Follow-up", "duration_minutes": 15, "fee": "40.00"}
        created = api.post(TYPES, body, format="json")
        assert created.status_code == 201, created.content
        assert created.json() | {"id": 0} == {
            "id": 0,
            "doctor": doctor.pk,
            "name": "Follow-up",
            "duration_minutes": 15,
            "buffer_minutes": 0,
            "fee": "40.00",
            "active": True,
        }
        url = f"{TYPES}{created.json()['id']}/"
        assert api.patch(url, {"buffer_minutes": 5}, format="json").json()["buffer_minutes"] == 5
        assert api.delete(url).status_code == 204

    def test_a_doctor_cannot_touch_another_doctors_types(self, client_for, doctor, first_visit):
        api = client_for(DoctorFactory().user)
        body = {"doctor": doctor.pk, "name": "Sneaky", "duration_minutes": 15, "fee": "1.00"}
        assert api.post(TYPES, body, format="json").status_code == 403
        assert api.patch(f"{TYPES}{first_visit.pk}/", {"fee": "1.00"}, format="json").status_code == 403
        assert api.delete(f"{TYPES}{first_visit.pk}/").status_code == 403

    def test_patients_and_anonymous_cannot_write(self, api, client_for, doctor):
        body = {"doctor": doctor.pk, "name": "X", "duration_minutes": 15, "fee": "1.00"}
        assert api.post(TYPES, body, format="json").status_code == 401
        assert client_for(PatientFactory().user).post(TYPES, body, format="json").status_code == 403

    def test_an_admin_manages_any_and_must_name_the_doctor(self, client_for, doctor):
        api = client_for(AdminUserFactory())
        body = {"name": "Follow-up", "duration_minutes": 15, "fee": "40.00"}
        assert api.post(TYPES, body, format="json").json() == {"doctor": ["This field is required."]}
        assert api.post(TYPES, body | {"doctor": doctor.pk}, format="json").status_code == 201

    @pytest.mark.parametrize(
        ("body", "field"),
        [
            ({"duration_minutes": 4}, "duration_minutes"),
            ({"duration_minutes": 481}, "duration_minutes"),
            ({"duration_minutes": "long"}, "duration_minutes"),
            ({"buffer_minutes": -5}, "buffer_minutes"),
            ({"buffer_minutes": 241}, "buffer_minutes"),
            ({"fee": "-1.00"}, "fee"),
            ({"fee": "cheap"}, "fee"),
            ({"name": "   "}, "name"),
            ({"name": "first CONSULTATION"}, "name"),  # the same name in another case
        ],
    )
    def test_bad_values_are_400_with_the_field(self, client_for, doctor, first_visit, body, field):
        valid = {"name": "Follow-up", "duration_minutes": 15, "buffer_minutes": 0, "fee": "40.00"}
        response = client_for(doctor.user).post(TYPES, valid | body, format="json")
        assert response.status_code == 400
        assert field in response.json()

    def test_a_booked_type_cannot_be_deleted_only_deactivated(self, client_for, doctor, first_visit):
        booked = book_directly(doctor, start=at(MONDAY, 9))
        Appointment.objects.filter(pk=booked.pk).update(visit_type=first_visit)
        api = client_for(doctor.user)
        response = api.delete(f"{TYPES}{first_visit.pk}/")
        assert response.status_code == 400
        assert "active" in response.json()["detail"]
        assert api.patch(f"{TYPES}{first_visit.pk}/", {"active": False}, format="json").json()["active"] is False


class TestSlots:
    def test_without_a_type_the_plain_grid_as_before(self, api, doctor, first_visit):
        assert slots(api, doctor)[:3] == ["09:00", "09:15", "09:30"]
        assert slots(api, doctor)[-1] == "11:45"

    def test_a_type_steps_on_the_grid_and_fits_the_whole_visit(self, api, doctor, first_visit):
        offered = slots(api, doctor, first_visit)
        assert offered[0] == "09:00" and offered[-1] == "11:15"  # 11:15 + 45 min = 12:00

    def test_a_visits_buffer_keeps_the_next_one_away(self, api, doctor, first_visit):
        visit = book_directly(doctor, start=at(MONDAY, 10), minutes=45)
        visit.buffer_minutes = 15
        visit.save()  # busy 10:00-11:00 (45 + 15)
        assert "11:00" in slots(api, doctor) and "10:45" not in slots(api, doctor)
        # A 45-minute visit + 15 buffer at 09:00 ends its buffer at 10:00: fits; 09:15 does not.
        assert slots(api, doctor, first_visit)[:2] == ["09:00", "11:00"]

    @pytest.mark.parametrize("value", ["999999", "abc"])
    def test_an_unknown_type_is_400(self, api, doctor, value):
        response = api.get(f"/api/doctors/{doctor.pk}/slots/?start={MONDAY}&end={MONDAY}&visit_type={value}")
        assert response.status_code == 400
        assert "visit_type" in response.json()

    def test_another_doctors_or_an_inactive_type_is_400(self, api, doctor):
        for visit_type in (VisitTypeFactory(), VisitTypeFactory(doctor=doctor, active=False)):
            query = f"?start={MONDAY}&end={MONDAY}&visit_type={visit_type.pk}"
            response = api.get(f"/api/doctors/{doctor.pk}/slots/{query}")
            assert response.status_code == 400
            assert "visit_type" in response.json()


class TestBooking:
    def book(self, client_for, doctor, hour, minute=0, visit_type=None, patient=None):
        patient = patient or PatientFactory()
        body = {"doctor": doctor.pk, "appointment_time": at(MONDAY, hour, minute).isoformat()}
        if visit_type is not None:
            body["visit_type"] = visit_type.pk
        return client_for(patient.user).post("/api/book-appointment/", body, format="json")

    def test_the_type_sets_the_end_the_fee_and_shows_in_the_item(self, client_for, doctor, first_visit):
        response = self.book(client_for, doctor, 9, visit_type=first_visit)
        assert response.status_code == 201, response.content
        item = response.json()
        assert item["end_time"] == at(MONDAY, 9, 45).isoformat()
        assert item["visit_type"] == first_visit.pk
        assert item["visit_type_name"] == "First consultation"
        assert item["fee"] == "120.00"
        assert Appointment.objects.get().blocked_until == at(MONDAY, 10)

    def test_without_a_type_as_before(self, client_for, doctor, first_visit):
        item = self.book(client_for, doctor, 9).json()
        assert item["visit_type"] is None
        assert item["end_time"] == at(MONDAY, 9, 15).isoformat()
        assert Decimal(item["fee"]) == doctor.consultation_fee

    def test_the_buffer_makes_the_next_start_taken(self, client_for, doctor, first_visit):
        assert self.book(client_for, doctor, 9, visit_type=first_visit).status_code == 201
        # 09:45 is inside the buffer (until 10:00): 409; 10:00 is free.
        assert self.book(client_for, doctor, 9, 45).status_code == 409
        assert self.book(client_for, doctor, 10).status_code == 201

    def test_a_visit_whose_buffer_would_reach_the_next_one_is_409(self, client_for, doctor, first_visit):
        assert self.book(client_for, doctor, 10).status_code == 201
        # 09:00 + 45 + 15 = 10:00: touches; 09:15 would run its buffer into 10:00.
        assert self.book(client_for, doctor, 9, 15, visit_type=first_visit).status_code == 409
        assert self.book(client_for, doctor, 9, visit_type=first_visit).status_code == 201

    def test_a_visit_running_past_closing_time_is_400(self, client_for, doctor, first_visit):
        response = self.book(client_for, doctor, 11, 30, visit_type=first_visit)
        assert response.status_code == 400
        assert "45-minute" in response.json()["detail"]

    @pytest.mark.parametrize("kind", ["other doctor's", "inactive", "unknown"])
    def test_a_type_that_cannot_be_booked_is_400(self, client_for, doctor, kind):
        visit_type = {
            "other doctor's": lambda: VisitTypeFactory(),
            "inactive": lambda: VisitTypeFactory(doctor=doctor, active=False),
            "unknown": lambda: type("Missing", (), {"pk": 999999})(),
        }[kind]()
        response = self.book(client_for, doctor, 9, visit_type=visit_type)
        assert response.status_code == 400
        assert "visit_type" in response.json()

    def test_reschedule_keeps_the_type_or_changes_it(self, client_for, doctor, first_visit):
        patient = PatientFactory()
        booked = self.book(client_for, doctor, 9, visit_type=first_visit, patient=patient).json()
        url = f"/api/appointments/{booked['id']}/reschedule/"
        api = client_for(doctor.user)
        moved = api.post(url, {"appointment_time": at(MONDAY, 10).isoformat()}, format="json").json()
        assert (moved["visit_type"], moved["end_time"]) == (first_visit.pk, at(MONDAY, 10, 45).isoformat())
        follow_up = VisitTypeFactory(doctor=doctor, duration_minutes=15, buffer_minutes=0, fee=Decimal("30"))
        body = {"appointment_time": at(MONDAY, 10).isoformat(), "visit_type": follow_up.pk}
        changed = api.post(url, body, format="json").json()
        assert (changed["visit_type"], changed["end_time"], changed["fee"]) == (
            follow_up.pk,
            at(MONDAY, 10, 15).isoformat(),
            "30.00",
        )
        assert Appointment.objects.get().blocked_until == at(MONDAY, 10, 15)


@pytest.mark.postgres
def test_the_database_refuses_a_visit_inside_anothers_buffer(doctor):
    if connection.vendor != "postgresql":
        pytest.skip("the exclusion constraint is PostgreSQL's")
    first = book_directly(doctor, start=at(MONDAY, 9), minutes=45)
    first.buffer_minutes = 15
    first.save()
    with pytest.raises(IntegrityError), transaction.atomic():
        book_directly(doctor, start=at(MONDAY, 9, 50), minutes=15)
    assert book_directly(doctor, start=at(MONDAY, 10), minutes=15).blocked_until == at(MONDAY, 10, 15)
    assert first.blocked_until == at(MONDAY, 10) == first.end + timedelta(minutes=15)
