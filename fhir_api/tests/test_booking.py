"""POST /fhir/Appointment books through the same service as /api/book-appointment/."""

from datetime import UTC, timedelta

import pytest
from django.utils import timezone

from accounts.tests.factories import AdminUserFactory
from appointments.models import Appointment, AppointmentStatus
from appointments.tests.factories import book_directly
from doctors.models import LeaveDay
from doctors.tests.factories import DoctorFactory, at
from fhir_api.params import slot_id
from notifications.models import Notification
from patients.tests.factories import PatientFactory

from .conftest import MONDAY, fhir, outcome

pytestmark = pytest.mark.django_db


def appointment_body(slot: str, patient_id, **extra) -> dict:
    return {
        "resourceType": "Appointment",
        "status": "proposed",
        "slot": [{"reference": f"Slot/{slot}"}],
        "participant": [{"actor": {"reference": f"Patient/{patient_id}"}, "status": "accepted"}],
        **extra,
    }


def post(client, body, **headers):
    return client.post("/fhir/Appointment", body, format="json", **headers)


class TestBookASlot:
    def test_books_reads_back_and_the_slot_is_gone(self, as_patient, doctor, patient):
        slot = slot_id(doctor.pk, at(MONDAY, 9, 30))
        assert fhir(as_patient.get(f"/fhir/Slot/{slot}"))["status"] == "free"
        response = post(as_patient, appointment_body(slot, patient.pk, description="Back pain"))
        created = fhir(response, 201)
        visit = Appointment.objects.get()
        assert response["Location"] == f"http://testserver/fhir/Appointment/{visit.pk}"
        assert created["id"] == str(visit.pk) and created["status"] == "pending"
        assert created["slot"] == [{"reference": f"Slot/{slot}"}]
        assert created["description"] == "Back pain" and visit.reason == "Back pain"
        assert (visit.patient, visit.doctor, visit.start) == (patient, doctor, at(MONDAY, 9, 30))
        assert visit.fee == doctor.consultation_fee and visit.created_by == patient.user
        assert fhir(as_patient.get(f"/fhir/Appointment/{visit.pk}")) == created
        outcome(as_patient.get(f"/fhir/Slot/{slot}"), 404)
        # The same outbox as an /api/ booking: the booked event for the patient and the doctor.
        assert set(Notification.objects.filter(appointment=visit).values_list("event", flat=True)) == {"booked"}

    def test_the_same_booking_as_the_rest_api_shows(self, as_patient, doctor, patient):
        created = fhir(post(as_patient, appointment_body(slot_id(doctor.pk, at(MONDAY, 10)), patient.pk)), 201)
        [rest] = as_patient.get("/api/appointments/").json()["results"]
        assert str(rest["id"]) == created["id"]
        assert rest["doctor"] == doctor.pk and rest["status"] == "pending"

    def test_taken_slot_is_409(self, as_patient, doctor, patient):
        book_directly(doctor, start=at(MONDAY, 9))
        words = outcome(post(as_patient, appointment_body(slot_id(doctor.pk, at(MONDAY, 9)), patient.pk)), 409)
        assert "taken" in words
        assert Appointment.objects.count() == 1

    def test_other_booking_rules_are_400(self, as_patient, doctor, patient):
        LeaveDay.objects.create(doctor=doctor, start_date=MONDAY, end_date=MONDAY)
        outcome(post(as_patient, appointment_body(slot_id(doctor.pk, at(MONDAY, 9)), patient.pk)), 400)
        tuesday = MONDAY + timedelta(days=1)
        off_grid = slot_id(doctor.pk, at(tuesday, 9, 10))
        outcome(post(as_patient, appointment_body(off_grid, patient.pk)), 400)
        soon = slot_id(doctor.pk, timezone.now().replace(microsecond=0) + timedelta(minutes=30))
        outcome(post(as_patient, appointment_body(soon, patient.pk)), 400)
        assert not Appointment.objects.exists()

    def test_auto_confirm_books_it(self, as_patient, doctor, patient):
        from appointments.models import ClinicSettings

        ClinicSettings.objects.update_or_create(pk=1, defaults={"auto_confirm": True})
        created = fhir(post(as_patient, appointment_body(slot_id(doctor.pk, at(MONDAY, 9)), patient.pk)), 201)
        assert created["status"] == "booked"
        assert Appointment.objects.get().status == AppointmentStatus.CONFIRMED

    def test_retry_with_the_idempotency_key_replays_the_first_answer(self, as_patient, doctor, patient):
        body = appointment_body(slot_id(doctor.pk, at(MONDAY, 9)), patient.pk)
        first = fhir(post(as_patient, body, HTTP_IDEMPOTENCY_KEY="k-1"), 201)
        again = post(as_patient, body, HTTP_IDEMPOTENCY_KEY="k-1")
        assert fhir(again, 201) == first and again["Idempotent-Replayed"] == "true"
        assert again["Location"].endswith(f"/fhir/Appointment/{first['id']}")
        assert Appointment.objects.count() == 1
        outcome(post(as_patient, body), 409)  # without the key it is a second booking: taken
        other_body = appointment_body(slot_id(doctor.pk, at(MONDAY, 10)), patient.pk)
        outcome(post(as_patient, other_body, HTTP_IDEMPOTENCY_KEY="k-1"), 422)

    def test_a_replayed_refusal_is_an_operation_outcome_too(self, as_patient, doctor, patient):
        book_directly(doctor, start=at(MONDAY, 9))
        body = appointment_body(slot_id(doctor.pk, at(MONDAY, 9)), patient.pk)
        outcome(post(as_patient, body, HTTP_IDEMPOTENCY_KEY="k-2"), 409)
        outcome(post(as_patient, body, HTTP_IDEMPOTENCY_KEY="k-2"), 409)


class TestWhoMayBook:
    def test_a_patient_books_only_for_themselves(self, as_patient, doctor):
        other = PatientFactory()
        outcome(post(as_patient, appointment_body(slot_id(doctor.pk, at(MONDAY, 9)), other.pk)), 403)
        assert not Appointment.objects.exists()

    def test_admin_books_for_any_patient(self, client_for, doctor, patient):
        admin = client_for(AdminUserFactory())
        fhir(post(admin, appointment_body(slot_id(doctor.pk, at(MONDAY, 9)), patient.pk)), 201)
        assert Appointment.objects.get().patient == patient
        assert "does not exist" in outcome(post(admin, appointment_body(slot_id(doctor.pk, at(MONDAY, 10)), 999)), 400)

    def test_doctor_is_403_and_anonymous_401(self, api, client_for, doctor, patient):
        body = appointment_body(slot_id(doctor.pk, at(MONDAY, 9)), patient.pk)
        outcome(post(client_for(doctor.user), body), 403)
        outcome(post(api, body), 401)


class TestBadBodies:
    @pytest.mark.parametrize(
        ("change", "words"),
        [
            (lambda b: {**b, "resourceType": "Patient"}, "Appointment resource"),
            (lambda b: [b], "Appointment resource"),
            (lambda b: {**b, "colour": "red"}, "Not a valid FHIR R4 Appointment"),
            (lambda b: {**b, "start": "tomorrow"}, "Not a valid FHIR R4 Appointment"),
            (lambda b: {k: v for k, v in b.items() if k != "slot"}, "exactly one free Slot"),
            (lambda b: {**b, "slot": [{"reference": "Slot/nope"}]}, "not a slot of this server"),
            (lambda b: {**b, "slot": [{"reference": "Schedule/1"}]}, "Slot/123"),
            (lambda b: {**b, "participant": [{"status": "accepted"}]}, "exactly one Patient"),
            (lambda b: {**b, "description": "x" * 2001}, "at most 2000"),
        ],
    )
    def test_is_400_with_an_outcome(self, as_patient, doctor, patient, change, words):
        body = change(appointment_body(slot_id(doctor.pk, at(MONDAY, 9)), patient.pk))
        assert words in outcome(post(as_patient, body), 400)
        assert not Appointment.objects.exists()

    def test_a_practitioner_participant_must_be_the_slots(self, as_patient, doctor, patient):
        body = appointment_body(slot_id(doctor.pk, at(MONDAY, 9)), patient.pk)
        other = DoctorFactory()
        body["participant"].append({"actor": {"reference": f"Practitioner/{other.pk}"}, "status": "needs-action"})
        assert "belongs to" in outcome(post(as_patient, body), 400)
        body["participant"][1]["actor"]["reference"] = f"Practitioner/{doctor.pk}"
        fhir(post(as_patient, body), 201)

    def test_fhir_json_content_type_is_accepted_and_others_are_415(self, as_patient, doctor, patient):
        import json

        body = json.dumps(appointment_body(slot_id(doctor.pk, at(MONDAY, 9)), patient.pk))
        outcome(as_patient.post("/fhir/Appointment", body, content_type="text/plain"), 415)
        fhir(as_patient.post("/fhir/Appointment", body, content_type="application/fhir+json"), 201)
        assert Appointment.objects.get().start.astimezone(UTC) == at(MONDAY, 9).astimezone(UTC)

    def test_malformed_json_is_400(self, as_patient):
        outcome(as_patient.post("/fhir/Appointment", "{nope", content_type="application/fhir+json"), 400)
