"""/api/patients/: scoping by role, admin-created accounts, deactivation, mass assignment, history."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from accounts.tests.factories import PASSWORD
from patients.models import Patient
from records.tests.factories import AppointmentFactory, MedicalRecordFactory

from .factories import PatientFactory

pytestmark = pytest.mark.django_db
User = get_user_model()


def _new_patient(**overrides):
    user = {"username": "newpatient", "email": "New@Example.com", "first_name": "New", "last_name": "Patient"}
    user.update(overrides.pop("user", {}))
    return {"user": user, "phone": "0151 99999999", "insurance_number": "TK-1", **overrides}


class TestScope:
    def test_doctor_lists_only_patients_with_an_appointment_with_them(self, scene, client_for):
        results = client_for(scene.doctor_x.user).get("/api/patients/").json()["results"]
        assert [p["id"] for p in results] == [scene.patient_a.pk]

    def test_patient_lists_only_themselves(self, scene, client_for):
        results = client_for(scene.patient_b.user).get("/api/patients/").json()["results"]
        assert [p["id"] for p in results] == [scene.patient_b.pk]

    def test_admin_lists_all_and_searches(self, scene, client_for):
        admin = client_for(scene.admin)
        assert admin.get("/api/patients/").json()["count"] == 2
        found = admin.get("/api/patients/", {"search": scene.patient_b.user.last_name}).json()["results"]
        assert scene.patient_b.pk in [p["id"] for p in found]

    def test_contract_shape(self, scene, client_for):
        body = client_for(scene.patient_a.user).get(f"/api/patients/{scene.patient_a.pk}/").json()
        assert {"id", "user", "phone", "insurance_number", "date_of_birth", "created_at"} <= set(body)
        assert set(body["user"]) == {"id", "username", "email", "first_name", "last_name"}
        assert body["phone"].startswith("+49")

    def test_query_count_does_not_grow_with_the_page(self, scene, client_for, django_assert_max_num_queries):
        admin = client_for(scene.admin)
        with django_assert_max_num_queries(2):
            small = admin.get("/api/patients/?page_size=1")
        PatientFactory.create_batch(10)
        with django_assert_max_num_queries(2):
            big = admin.get("/api/patients/?page_size=100")
        assert len(small.json()["results"]) == 1
        assert len(big.json()["results"]) == 12


class TestAdminCreates:
    def test_account_and_profile_in_one_request(self, scene, client_for):
        response = client_for(scene.admin).post("/api/patients/", _new_patient(), format="json")

        assert response.status_code == 201, response.content
        patient = Patient.objects.select_related("user").get(pk=response.json()["id"])
        assert (patient.user.role, patient.user.username, str(patient.phone)) == (
            "patient",
            "newpatient",
            "+4915199999999",
        )
        assert not patient.user.has_usable_password()  # the patient sets one later

    @pytest.mark.parametrize(
        ("overrides", "field"),
        [
            ({"user": {"email": "not-an-email"}}, "user"),
            ({"phone": "12"}, "phone"),
            ({"date_of_birth": "2999-01-01"}, "date_of_birth"),
            ({"date_of_birth": "0001-01-01"}, "date_of_birth"),
            ({"user": {"username": "bad name!"}}, "user"),
        ],
    )
    def test_bad_input_is_a_field_error_and_creates_nothing(self, scene, client_for, overrides, field):
        users_before = User.objects.count()
        response = client_for(scene.admin).post("/api/patients/", _new_patient(**overrides), format="json")
        assert response.status_code == 400
        assert field in response.json()
        assert User.objects.count() == users_before

    def test_taken_email_in_another_case_is_refused(self, scene, client_for):
        taken = scene.patient_a.user.email.upper()
        response = client_for(scene.admin).post("/api/patients/", _new_patient(user={"email": taken}), format="json")
        assert response.status_code == 400
        assert "email" in response.json()


class TestDeactivate:
    def test_delete_deactivates_and_keeps_everything(self, scene, client_for, api):
        assert client_for(scene.admin).delete(f"/api/patients/{scene.patient_a.pk}/").status_code == 204

        scene.patient_a.user.refresh_from_db()
        assert scene.patient_a.user.is_active is False
        assert Patient.objects.filter(pk=scene.patient_a.pk).exists()
        assert scene.patient_a.appointments.count() == 4
        assert scene.patient_a.medical_records.count() == 1
        login = api.post(
            "/api/token/", {"username": scene.patient_a.user.username, "password": PASSWORD}, format="json"
        )
        assert login.status_code == 401

    def test_admin_can_list_inactive_patients(self, scene, client_for):
        admin = client_for(scene.admin)
        admin.delete(f"/api/patients/{scene.patient_a.pk}/")
        inactive = admin.get("/api/patients/?is_active=false").json()["results"]
        assert [p["id"] for p in inactive] == [scene.patient_a.pk]


class TestMassAssignment:
    def test_patient_cannot_escalate_or_re_target(self, scene, client_for):
        me = scene.patient_a
        body = {
            "role": "admin",
            "is_staff": True,
            "user": scene.patient_b.user.pk,
            "patient": scene.patient_b.pk,
            "doctor": scene.doctor_x.pk,
            "id": scene.patient_b.pk,
            "insurance_number": "AOK-77",
        }
        response = client_for(me.user).patch(f"/api/patients/{me.pk}/", body, format="json")

        assert response.status_code == 200, response.content
        me.refresh_from_db()
        me.user.refresh_from_db()
        scene.patient_b.refresh_from_db()
        assert (me.insurance_number, me.user.role, me.user.is_staff) == ("AOK-77", "patient", False)
        assert scene.patient_b.insurance_number != "AOK-77"
        assert scene.patient_b.user_id != me.user_id

    def test_me_ignores_role_and_profile_fields(self, scene, client_for):
        body = {"role": "admin", "patient": scene.patient_b.pk, "doctor": scene.doctor_x.pk, "first_name": "Ann"}
        response = client_for(scene.patient_a.user).patch("/api/me/", body, format="json")
        assert response.status_code == 200
        scene.patient_a.user.refresh_from_db()
        assert (scene.patient_a.user.role, scene.patient_a.user.first_name) == ("patient", "Ann")
        assert response.json()["doctor"] is None
        assert response.json()["patient"]["id"] == scene.patient_a.pk

    def test_booking_for_someone_else_books_for_yourself_or_nobody(self, scene, client_for):
        # A patient naming another patient in a booking never books for them.
        start = (timezone.now() + timedelta(days=3)).isoformat()
        body = {"doctor": scene.doctor_x.pk, "appointment_time": start, "patient": scene.patient_b.pk}
        client_for(scene.patient_a.user).post("/api/book-appointment/", body, format="json")
        assert scene.patient_b.appointments.filter(doctor=scene.doctor_x).count() == 0


class TestHistory:
    def test_a_doctor_sees_other_doctors_visits_as_date_doctor_and_specialty_only(self, scene, client_for):
        elsewhere = AppointmentFactory(
            patient=scene.patient_a,
            doctor=scene.doctor_y,
            start=timezone.now() - timedelta(days=30),
            reason="Private matter",
            status="completed",
        )
        body = client_for(scene.doctor_x.user).get(f"/api/patients/{scene.patient_a.pk}/history/").json()
        other = next(a for a in body["appointments"] if a["id"] == elsewhere.pk)
        assert set(other) == {
            "id",
            "doctor",
            "doctor_name",
            "doctor_timezone",
            "specialization",
            "appointment_time",
            "end_time",
        }
        assert "Private matter" not in str(body)
        own = next(a for a in body["appointments"] if a["id"] == scene.appointment_a_x.pk)
        assert {"reason", "status"} <= set(own)

    def test_the_patient_sees_every_visit_in_full(self, scene, client_for):
        elsewhere = AppointmentFactory(
            patient=scene.patient_a, doctor=scene.doctor_y, start=timezone.now() - timedelta(days=30), reason="Mine"
        )
        body = client_for(scene.patient_a.user).get(f"/api/patients/{scene.patient_a.pk}/history/").json()
        assert next(a for a in body["appointments"] if a["id"] == elsewhere.pk)["reason"] == "Mine"

    def test_appointments_and_records_newest_first(self, scene, client_for):
        older = AppointmentFactory(
            patient=scene.patient_a, doctor=scene.doctor_x, start=timezone.now() - timedelta(days=200)
        )
        older_record = MedicalRecordFactory(appointment=older)
        body = client_for(scene.doctor_x.user).get(f"/api/patients/{scene.patient_a.pk}/history/").json()

        starts = [a["appointment_time"] for a in body["appointments"]]
        assert starts == sorted(starts, reverse=True)
        assert body["appointments"][-1]["id"] == older.pk
        # Records: newest written first.
        assert [r["id"] for r in body["medical_records"]] == [older_record.pk, scene.record_a.pk]
        assert body["patient"]["id"] == scene.patient_a.pk
        assert {a["patient"] for a in body["appointments"]} == {scene.patient_a.pk}
