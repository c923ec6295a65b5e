"""Visit types through FHIR: a Slot search for one (``service-type``) lists the slots
/api/doctors/{id}/slots/?visit_type= lists, with their own ids; booking such a Slot books
that visit type (its length, buffer and fee), as /api/book-appointment/ with visit_type does."""

from datetime import UTC, datetime, timedelta

import pytest

from accounts.tests.factories import FrontDeskUserFactory
from appointments.models import Appointment
from doctors.tests.factories import VisitTypeFactory, at
from fhir_api.params import slot_id
from fhir_api.resources import VISIT_TYPE_SYSTEM

from .conftest import MONDAY, fhir, outcome, resources_of
from .test_booking import appointment_body, post

pytestmark = pytest.mark.django_db


@pytest.fixture
def first_visit(doctor):
    return VisitTypeFactory(doctor=doctor, name="First consultation")  # 45 minutes + 15 buffer


def instant(value: str) -> datetime:
    return datetime.fromisoformat(value).astimezone(UTC)


def test_slots_of_a_visit_type_are_the_apis_with_their_own_ids(api, doctor, first_visit):
    query = f"schedule={doctor.pk}&start={MONDAY}&service-type={first_visit.pk}&_count=100"
    slots = resources_of(fhir(api.get(f"/fhir/Slot?{query}")))
    expected = api.get(f"/api/doctors/{doctor.pk}/slots/?start={MONDAY}&end={MONDAY}&visit_type={first_visit.pk}")
    assert [instant(s["start"]) for s in slots] == [instant(s["start"]) for s in expected.json()]
    assert {instant(s["end"]) - instant(s["start"]) for s in slots} == {timedelta(minutes=45)}
    assert all(s["id"].endswith(f"-{first_visit.pk}") for s in slots)
    assert slots[0]["serviceType"][0]["coding"][0] == {
        "system": VISIT_TYPE_SYSTEM,
        "code": str(first_visit.pk),
        "display": "First consultation",
    }
    assert fhir(api.get(f"/fhir/Slot/{slots[0]['id']}")) == slots[0]
    with_system = f"schedule={doctor.pk}&start={MONDAY}&service-type={VISIT_TYPE_SYSTEM}|{first_visit.pk}"
    assert fhir(api.get(f"/fhir/Slot?{with_system}"))["total"] == len(slots)


def test_unknown_or_retired_visit_type(api, doctor, first_visit):
    outcome(api.get(f"/fhir/Slot?schedule={doctor.pk}&service-type=999999"), 400)
    outcome(api.get(f"/fhir/Slot?schedule={doctor.pk}&service-type=other|{first_visit.pk}"), 400)
    first_visit.active = False
    first_visit.save()
    outcome(api.get(f"/fhir/Slot?schedule={doctor.pk}&service-type={first_visit.pk}"), 400)
    outcome(api.get(f"/fhir/Slot/{slot_id(doctor.pk, at(MONDAY, 9), first_visit.pk)}"), 404)


def test_booking_a_visit_type_slot_books_that_type(as_patient, doctor, patient, first_visit):
    slot = slot_id(doctor.pk, at(MONDAY, 9), first_visit.pk)
    created = fhir(post(as_patient, appointment_body(slot, patient.pk)), 201)
    visit = Appointment.objects.get()
    assert visit.visit_type == first_visit and visit.fee == first_visit.fee
    assert visit.end - visit.start == timedelta(minutes=45)
    assert created["minutesDuration"] == 45 and created["slot"] == [{"reference": f"Slot/{slot}"}]
    assert created["serviceType"][0]["coding"][0]["code"] == str(first_visit.pk)
    # The buffer keeps the doctor busy until 10:00: the plain 09:30 slot is gone too.
    outcome(as_patient.get(f"/fhir/Slot/{slot_id(doctor.pk, at(MONDAY, 9, 30))}"), 404)


def test_front_desk_books_for_any_patient(client_for, doctor, patient):
    desk = client_for(FrontDeskUserFactory())
    fhir(post(desk, appointment_body(slot_id(doctor.pk, at(MONDAY, 9)), patient.pk)), 201)
    assert Appointment.objects.get().patient == patient
    assert fhir(desk.get("/fhir/Appointment"))["total"] == 1
