"""Data rights: a patient downloads everything held about them and asks for erasure; an admin
carries it out, anonymising what the clinic must keep and deleting the rest, logged."""

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework_simplejwt.tokens import RefreshToken

from accounts.models import User
from appointments.models import Appointment, AppointmentStatus
from notifications.events import Event
from notifications.models import Notification
from notifications.services import notify_appointment_event
from privacy.models import ErasureRequest
from records.models import AccessLog, MedicalRecord
from records.tests.factories import AppointmentFactory
from records.tests.scene import build_scene

pytestmark = pytest.mark.django_db

EXPORT = "/api/me/data-export/"
MINE = "/api/me/erasure-request/"


@pytest.fixture
def scene():
    scene = build_scene()
    notify_appointment_event(appointment=scene.upcoming_a_x, event=Event.BOOKED)
    return scene


class TestExport:
    def test_the_json_holds_the_account_profile_visits_records_messages_and_accesses(self, scene, client_for):
        response = client_for(scene.patient_a.user).get(EXPORT)
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith('attachment; filename="my-data-')
        data = response.json()
        assert data["account"]["email"] == scene.patient_a.user.email
        assert "password" not in data["account"]
        assert {a["id"] for a in data["appointments"]} == {
            scene.appointment_a_x.pk,
            scene.cancelled_a_x.pk,
            scene.upcoming_a_x.pk,
            scene.today_a_x.pk,
        }
        # Patient A's record only, never B's; the messages sent to A, not the doctor's copies.
        assert [r["id"] for r in data["medical_records"]] == [scene.record_a.pk]
        assert data["messages"] and all(m["recipient"] != scene.doctor_x.user.email for m in data["messages"])

    def test_the_download_is_logged_and_listed_in_the_next_one(self, scene, client_for):
        client = client_for(scene.patient_a.user)
        client.get(EXPORT)
        entry = AccessLog.objects.latest("id")
        assert (entry.user, entry.model_name, entry.patient_id) == (
            scene.patient_a.user,
            "privacy.DataExport",
            scene.patient_a.pk,
        )
        assert any(e["what"] == "privacy.DataExport" for e in client.get(EXPORT).json()["access_log"])

    def test_the_readable_page_is_html_with_the_same_data(self, scene, client_for):
        response = client_for(scene.patient_a.user).get(EXPORT, {"format": "html"})
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/html")
        page = response.content.decode()
        assert "<h2>Medical records</h2>" in page
        assert scene.patient_a.user.email in page
        assert 'filename="my-data-' in response["Content-Disposition"] and ".html" in response["Content-Disposition"]


class TestErasure:
    def test_a_patient_asks_once(self, scene, client_for):
        client = client_for(scene.patient_a.user)
        assert client.get(MINE).status_code == 404
        response = client.post(MINE)
        assert response.status_code == 201
        assert response.json()["status"] == "requested"
        assert client.post(MINE).status_code == 409
        assert client.get(MINE).json()["id"] == response.json()["id"]

    def test_the_admin_executes_it_anonymising_what_is_kept_and_deleting_the_rest(self, scene, client_for):
        user = scene.patient_a.user
        user.last_name = "Quennevilleova"  # a name no doctor of the scene can share (the check below)
        user.save(update_fields=["last_name"])
        RefreshToken.for_user(user)  # an outstanding refresh token
        request_id = client_for(user).post(MINE).json()["id"]
        admin = client_for(scene.admin)
        assert [r["id"] for r in admin.get("/api/erasure-requests/").json()["results"]] == [request_id]

        response = admin.post(f"/api/erasure-requests/{request_id}/execute/")

        assert response.status_code == 200, response.json()
        body = response.json()
        assert body["status"] == "executed"
        assert body["summary"]["deleted"]["messages"] >= 1
        assert body["summary"]["deleted"]["refresh_tokens"] == 1
        user = User.objects.get(pk=user.pk)
        assert (user.username, user.first_name, user.last_name, user.is_active) == (f"erased-{user.pk}", "", "", False)
        assert not user.has_usable_password()
        assert scene.patient_a.user.email not in user.email
        patient = user.patient
        assert (str(patient.phone), patient.insurance_number, patient.date_of_birth) == ("", "", None)
        # Kept: the medical record (legal retention) and past visits; the future one is cancelled.
        assert MedicalRecord.objects.filter(pk=scene.record_a.pk, patient=patient).exists()
        assert Appointment.objects.get(pk=scene.appointment_a_x.pk).status == AppointmentStatus.COMPLETED
        assert Appointment.objects.get(pk=scene.upcoming_a_x.pk).status == AppointmentStatus.CANCELLED
        # Deleted: every message naming the patient. The doctor is told the slot is free,
        # naming only the anonymised account.
        assert not Notification.objects.filter(appointment__patient=patient, recipient_role="patient").exists()
        notices = Notification.objects.filter(appointment__patient=patient)
        assert [n.event for n in notices] == ["cancelled"] * notices.count() and notices.exists()
        assert not any("Quennevilleova" in n.body_text for n in notices)
        # Logged, and the log itself kept.
        entry = AccessLog.objects.get(model_name="privacy.Erasure")
        assert (entry.user, entry.action, entry.patient_id) == (scene.admin, "delete", patient.pk)
        assert AccessLog.objects.filter(pk=scene.log_entry.pk).exists()

    def test_the_erased_patient_can_no_longer_log_in(self, scene, client_for, api):
        from accounts.tests.factories import PASSWORD

        username = scene.patient_a.user.username
        request_id = client_for(scene.patient_a.user).post(MINE).json()["id"]
        client_for(scene.admin).post(f"/api/erasure-requests/{request_id}/execute/")
        assert api.post("/api/token/", {"username": username, "password": PASSWORD}, format="json").status_code == 401

    def test_executing_twice_is_409_and_only_admins_execute(self, scene, client_for):
        request_id = client_for(scene.patient_a.user).post(MINE).json()["id"]
        url = f"/api/erasure-requests/{request_id}/execute/"
        assert client_for(scene.doctor_x.user).post(url).status_code == 403
        assert client_for(scene.patient_a.user).post(url).status_code == 403
        assert client_for(scene.admin).post(url).status_code == 200
        assert client_for(scene.admin).post(url).status_code == 409
        assert ErasureRequest.objects.get(pk=request_id).executed_by == scene.admin

    def test_a_past_visit_stays_completed_and_a_later_booking_is_unaffected(self, scene, client_for):
        other = AppointmentFactory(doctor=scene.doctor_x, start=timezone.now() + timedelta(days=3))
        request_id = client_for(scene.patient_a.user).post(MINE).json()["id"]
        client_for(scene.admin).post(f"/api/erasure-requests/{request_id}/execute/")
        assert Appointment.objects.get(pk=other.pk).status == other.status
