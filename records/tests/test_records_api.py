"""Medical records: who writes them, what they may change, and that every edit keeps the old version."""

import pytest
from django.test import Client

from appointments.models import AppointmentStatus
from records.models import MedicalRecord

from .factories import AppointmentFactory, MedicalRecordFactory

pytestmark = pytest.mark.django_db


class TestCreate:
    def test_patient_and_author_come_from_the_appointment_not_the_body(self, scene, client_for):
        body = {
            "appointment": scene.appointment_a_x.pk,
            "notes": "Blood pressure fine",
            "patient": scene.patient_b.pk,
            "doctor": scene.doctor_y.pk,
        }
        response = client_for(scene.doctor_x.user).post("/api/medical-records/", body, format="json")

        assert response.status_code == 201, response.content
        record = MedicalRecord.objects.get(pk=response.json()["id"])
        assert (record.patient, record.doctor, record.appointment) == (
            scene.patient_a,
            scene.doctor_x,
            scene.appointment_a_x,
        )
        assert response.json()["patient"] == scene.patient_a.pk

    def test_several_records_per_appointment(self, scene, client_for):
        doctor = client_for(scene.doctor_x.user)
        for notes in ("First look", "Lab results"):
            body = {"appointment": scene.appointment_a_x.pk, "notes": notes}
            assert doctor.post("/api/medical-records/", body, format="json").status_code == 201
        assert MedicalRecord.objects.filter(appointment=scene.appointment_a_x).count() == 3

    def test_not_for_a_cancelled_appointment(self, scene, client_for):
        body = {"appointment": scene.cancelled_a_x.pk, "notes": "x"}
        response = client_for(scene.doctor_x.user).post("/api/medical-records/", body, format="json")
        assert response.status_code == 400
        assert "appointment" in response.json()

    def test_not_for_another_doctors_appointment(self, scene, client_for):
        body = {"appointment": scene.appointment_b_y.pk, "notes": "x"}
        response = client_for(scene.doctor_x.user).post("/api/medical-records/", body, format="json")
        assert response.status_code == 400
        assert "appointment" in response.json()
        assert not MedicalRecord.objects.filter(appointment=scene.appointment_b_y, doctor=scene.doctor_x).exists()

    @pytest.mark.parametrize(
        "body",
        [
            {},
            {"notes": "no appointment"},
            {"appointment": "abc", "notes": "x"},
            {"appointment": 999999, "notes": "x"},
            {"appointment": "__own__", "notes": "  ", "diagnosis": ""},
        ],
    )
    def test_bad_input_is_a_400_and_writes_nothing(self, scene, client_for, body):
        if body.get("appointment") == "__own__":
            body = {**body, "appointment": scene.appointment_a_x.pk}
        before = MedicalRecord.objects.count()
        response = client_for(scene.doctor_x.user).post("/api/medical-records/", body, format="json")
        assert response.status_code == 400
        assert MedicalRecord.objects.count() == before

    def test_malformed_json_is_a_json_400(self, scene, client_for):
        response = client_for(scene.doctor_x.user).post(
            "/api/medical-records/", "{not json", content_type="application/json"
        )
        assert response.status_code == 400
        assert "detail" in response.json()


class TestEdit:
    def test_every_edit_keeps_the_previous_version(self, scene, client_for):
        record = scene.record_a
        original = record.notes
        doctor = client_for(scene.doctor_x.user)

        doctor.patch(f"/api/medical-records/{record.pk}/", {"notes": "Second version"}, format="json")
        doctor.patch(f"/api/medical-records/{record.pk}/", {"diagnosis": "J00 Common cold"}, format="json")

        versions = list(record.history.order_by("history_date", "history_id"))
        assert [v.notes for v in versions] == [original, "Second version", "Second version"]
        assert [v.diagnosis for v in versions][-1] == "J00 Common cold"
        assert versions[-1].history_user == scene.doctor_x.user

    def test_the_author_cannot_re_target_a_record(self, scene, client_for):
        record = scene.record_a
        body = {
            "notes": "Amended",
            "patient": scene.patient_b.pk,
            "doctor": scene.doctor_y.pk,
            "appointment": scene.appointment_b_y.pk,
        }
        assert (
            client_for(scene.doctor_x.user).put(f"/api/medical-records/{record.pk}/", body, format="json").status_code
            == 200
        )
        record.refresh_from_db()
        assert (record.notes, record.patient, record.doctor, record.appointment) == (
            "Amended",
            scene.patient_a,
            scene.doctor_x,
            scene.appointment_a_x,
        )

    def test_a_treating_colleague_reads_but_cannot_edit(self, scene, client_for):
        # Doctor Y also sees patient A (one appointment), so reads X's record but may not change it.
        AppointmentFactory(patient=scene.patient_a, doctor=scene.doctor_y, status=AppointmentStatus.COMPLETED)
        colleague = client_for(scene.doctor_y.user)
        assert colleague.get(f"/api/medical-records/{scene.record_a.pk}/").status_code == 200
        response = colleague.patch(f"/api/medical-records/{scene.record_a.pk}/", {"notes": "Mine"}, format="json")
        assert response.status_code == 403
        scene.record_a.refresh_from_db()
        assert scene.record_a.notes != "Mine"

    def test_versions_are_visible_in_django_admin(self, scene, client_for):
        client_for(scene.doctor_x.user).patch(
            f"/api/medical-records/{scene.record_a.pk}/", {"notes": "Second version"}, format="json"
        )
        browser = Client()
        browser.force_login(scene.admin)
        page = browser.get(f"/admin/records/medicalrecord/{scene.record_a.pk}/history/")
        assert page.status_code == 200
        html = page.content.decode()
        assert str(scene.doctor_x.user) in html  # who changed it
        assert html.count("Changed") + html.count("Added") >= 2  # the creation and the edit


class TestList:
    def test_doctor_sees_records_of_treated_patients_only(self, scene, client_for):
        ids = {r["id"] for r in client_for(scene.doctor_x.user).get("/api/medical-records/").json()["results"]}
        assert ids == {scene.record_a.pk}

    def test_patient_sees_own_records_only(self, scene, client_for):
        ids = {r["id"] for r in client_for(scene.patient_b.user).get("/api/medical-records/").json()["results"]}
        assert ids == {scene.record_b.pk}

    def test_query_count_does_not_grow_with_the_page(self, scene, client_for, django_assert_max_num_queries):
        admin = client_for(scene.admin)
        with django_assert_max_num_queries(4):
            small = admin.get("/api/medical-records/?page_size=1")
        MedicalRecordFactory.create_batch(8)
        with django_assert_max_num_queries(4):
            big = admin.get("/api/medical-records/?page_size=100")
        assert len(small.json()["results"]) == 1
        assert len(big.json()["results"]) == 10


class TestDjangoAdmin:
    @pytest.fixture
    def browser(self, scene):
        browser = Client()
        browser.force_login(scene.admin)
        return browser

    def test_opening_a_record_is_a_logged_read_and_the_page_is_read_only(self, scene, browser):
        from records.models import AccessLog

        page = browser.get(f"/admin/records/medicalrecord/{scene.record_a.pk}/change/")

        assert page.status_code == 200
        assert 'name="notes"' not in page.content.decode()  # shown, not editable
        entry = AccessLog.objects.latest("id")
        assert (entry.user, entry.action, entry.object_id) == (scene.admin, "read", str(scene.record_a.pk))

    def test_the_admin_cannot_edit_or_add_records(self, scene, browser):
        url = f"/admin/records/medicalrecord/{scene.record_a.pk}/change/"
        assert browser.post(url, {"notes": "Rewritten by admin"}).status_code == 403
        assert browser.get("/admin/records/medicalrecord/add/").status_code == 403
        scene.record_a.refresh_from_db()
        assert scene.record_a.notes != "Rewritten by admin"

    def test_delete_action_goes_through_the_service(self, scene, browser):
        from records.models import AccessLog

        response = browser.post(
            "/admin/records/medicalrecord/",
            {"action": "delete_through_service", "_selected_action": [scene.record_a.pk]},
        )

        assert response.status_code == 302
        assert not MedicalRecord.objects.filter(pk=scene.record_a.pk).exists()
        assert scene.record_a.history.filter(history_type="-").exists()
        assert AccessLog.objects.filter(action="delete", object_id=str(scene.record_a.pk)).count() == 1
