"""The access audit log: every read and change of medical data is written once, and never changed."""

from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.db.utils import DatabaseError
from django.utils import timezone

from records.models import AccessLog, AppendOnlyError

pytestmark = pytest.mark.django_db

ADDRESS = "203.0.113.7"


def _new_entries(before: int) -> list[AccessLog]:
    return list(AccessLog.objects.order_by("id")[before:])


@pytest.fixture
def as_role(scene, client_for):
    def make(role):
        client = client_for(scene.user(role))
        client.defaults["REMOTE_ADDR"] = ADDRESS
        return client

    return make


class TestEachReadWritesOneEntry:
    def test_record_detail(self, scene, as_role):
        before = AccessLog.objects.count()
        assert as_role("doctor_x").get(f"/api/medical-records/{scene.record_a.pk}/").status_code == 200

        [entry] = _new_entries(before)
        assert (entry.user, entry.action, entry.model_name, entry.object_id, entry.patient, entry.ip_address) == (
            scene.doctor_x.user,
            "read",
            "records.MedicalRecord",
            str(scene.record_a.pk),
            scene.patient_a,
            ADDRESS,
        )

    def test_record_list_writes_one_entry_per_record_shown(self, scene, as_role):
        before = AccessLog.objects.count()
        body = as_role("admin").get("/api/medical-records/").json()

        entries = _new_entries(before)
        assert body["count"] == 2
        assert sorted(e.object_id for e in entries) == sorted(str(r["id"]) for r in body["results"])
        assert {e.action for e in entries} == {"list"}

    def test_an_empty_page_writes_nothing(self, scene, as_role):
        before = AccessLog.objects.count()
        assert as_role("doctor_x").get(f"/api/medical-records/?patient={scene.patient_b.pk}").json()["count"] == 0
        assert _new_entries(before) == []

    def test_history(self, scene, as_role):
        before = AccessLog.objects.count()
        assert as_role("patient_a").get(f"/api/patients/{scene.patient_a.pk}/history/").status_code == 200

        [entry] = _new_entries(before)
        assert (entry.user, entry.action, entry.model_name, entry.patient) == (
            scene.patient_a.user,
            "read",
            "patients.PatientHistory",
            scene.patient_a,
        )

    def test_a_refused_read_writes_nothing(self, scene, as_role):
        before = AccessLog.objects.count()
        assert as_role("doctor_y").get(f"/api/medical-records/{scene.record_a.pk}/").status_code == 404
        assert as_role("patient_b").get(f"/api/patients/{scene.patient_a.pk}/history/").status_code == 404
        assert _new_entries(before) == []


class TestEachChangeWritesOneEntry:
    def test_create_update_delete(self, scene, as_role):
        before = AccessLog.objects.count()
        doctor = as_role("doctor_x")
        created = doctor.post(
            "/api/medical-records/", {"appointment": scene.appointment_a_x.pk, "notes": "Follow-up"}, format="json"
        )
        assert created.status_code == 201
        record_id = created.json()["id"]
        assert (
            doctor.patch(f"/api/medical-records/{record_id}/", {"notes": "Amended"}, format="json").status_code == 200
        )
        assert as_role("admin").delete(f"/api/medical-records/{record_id}/").status_code == 204

        entries = _new_entries(before)
        assert [(e.action, e.object_id, e.patient_id, e.ip_address) for e in entries] == [
            ("create", str(record_id), scene.patient_a.pk, ADDRESS),
            ("update", str(record_id), scene.patient_a.pk, ADDRESS),
            ("delete", str(record_id), scene.patient_a.pk, ADDRESS),
        ]
        assert [e.user for e in entries] == [scene.doctor_x.user, scene.doctor_x.user, scene.admin]


class TestAppendOnly:
    def test_the_model_refuses_changes(self, scene):
        entry = scene.log_entry
        entry.action = "delete"
        with pytest.raises(AppendOnlyError):
            entry.save()
        with pytest.raises(AppendOnlyError):
            entry.delete()

    def test_bulk_paths_refuse_changes(self, scene):
        with pytest.raises(AppendOnlyError):
            AccessLog.objects.filter(pk=scene.log_entry.pk).update(action="delete")
        with pytest.raises(AppendOnlyError):
            AccessLog.objects.all().delete()
        assert AccessLog.objects.get(pk=scene.log_entry.pk).action == "read"

    def test_postgresql_refuses_raw_sql_too(self, scene):
        if connection.vendor != "postgresql":
            pytest.skip("the trigger exists on PostgreSQL only")
        for sql in (
            "UPDATE records_accesslog SET action = 'delete' WHERE id = %s",
            "DELETE FROM records_accesslog WHERE id = %s",
        ):
            with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cur:
                cur.execute(sql, [scene.log_entry.pk])
        assert AccessLog.objects.get(pk=scene.log_entry.pk).action == "read"


class TestAuditLogApi:
    def test_admin_filters_by_user_patient_and_date(self, scene, as_role):
        as_role("doctor_x").get(f"/api/medical-records/{scene.record_a.pk}/")
        as_role("patient_b").get(f"/api/medical-records/{scene.record_b.pk}/")
        admin = as_role("admin")

        by_user = admin.get(f"/api/audit-log/?user={scene.doctor_x.user.pk}").json()["results"]
        by_patient = admin.get(f"/api/audit-log/?patient={scene.patient_b.pk}").json()["results"]
        today = timezone.localdate()
        today_count = admin.get(f"/api/audit-log/?date_from={today}&date_to={today}").json()["count"]
        tomorrow = today + timedelta(days=1)

        assert [(e["username"], e["object_id"]) for e in by_user] == [
            (scene.doctor_x.user.username, str(scene.record_a.pk))
        ]
        assert [e["object_id"] for e in by_patient] == [str(scene.record_b.pk)]
        assert today_count == AccessLog.objects.count()
        assert admin.get(f"/api/audit-log/?date_from={tomorrow}").json()["count"] == 0

    @pytest.mark.parametrize("query", ["date_from=yesterday", "date_to=9999-12-31", "date_from=0001-01-01"])
    def test_bad_filter_is_a_400(self, scene, as_role, query):
        response = as_role("admin").get(f"/api/audit-log/?{query}")
        assert response.status_code == 400
        assert query.split("=")[0] in response.json()

    def test_newest_first(self, scene, as_role):
        as_role("doctor_x").get(f"/api/medical-records/{scene.record_a.pk}/")
        results = as_role("admin").get("/api/audit-log/").json()["results"]
        assert [r["id"] for r in results] == sorted((r["id"] for r in results), reverse=True)

    def test_query_count_does_not_grow_with_the_page(self, scene, as_role, django_assert_max_num_queries):
        admin = as_role("admin")
        with django_assert_max_num_queries(3):
            small = admin.get("/api/audit-log/?page_size=1")
        for _ in range(10):
            as_role("doctor_x").get(f"/api/medical-records/{scene.record_a.pk}/")
        with django_assert_max_num_queries(3):
            big = admin.get("/api/audit-log/?page_size=100")
        assert len(small.json()["results"]) == 1
        assert len(big.json()["results"]) == 11
