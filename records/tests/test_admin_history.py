"""Finding 4 of issue 17: the record admin's version pages neither rewrite records nor read
them unlogged (django-simple-history's history list, version view and revert)."""

import pytest
from django.test import Client

from records.models import AccessLog, MedicalRecord

pytestmark = pytest.mark.django_db


@pytest.fixture
def browser(scene):
    browser = Client()
    browser.force_login(scene.admin)
    return browser


@pytest.fixture
def record(scene):
    """Patient B's record, edited after A's were: its version ids differ from its id."""
    for edited in (scene.record_a, scene.record_a, scene.record_b):
        edited.save()
    assert scene.record_b.history.latest("history_id").history_id != scene.record_b.pk
    return scene.record_b


def version_url(record) -> str:
    version = record.history.latest("history_id")
    return f"/admin/records/medicalrecord/{record.pk}/history/{version.history_id}/"


def test_reverting_a_version_cannot_move_or_rewrite_a_record(scene, browser, record):
    attack = {
        "appointment": scene.appointment_a_x.pk,
        "patient": scene.patient_a.pk,
        "doctor": scene.doctor_x.pk,
        "notes": "Rewritten",
        "diagnosis": "Forged diagnosis",
        "prescription": "",
    }
    response = browser.post(version_url(record), attack)
    assert response.status_code == 403
    after = MedicalRecord.objects.get(pk=record.pk)
    assert (after.patient_id, after.doctor_id, after.diagnosis) == (
        record.patient_id,
        record.doctor_id,
        record.diagnosis,
    )
    assert record.history.count() == 2  # no new version either


def test_a_version_page_is_a_logged_read_without_a_revert_button(scene, browser, record):
    page = browser.get(version_url(record))
    assert page.status_code == 200
    assert "Revert" not in page.content.decode()
    entry = AccessLog.objects.latest("id")
    assert (entry.user, entry.action, entry.object_id, entry.patient_id) == (
        scene.admin,
        "read",
        str(record.pk),
        scene.patient_b.pk,
    )


def test_the_history_list_is_a_logged_read(scene, browser, record):
    page = browser.get(f"/admin/records/medicalrecord/{record.pk}/history/")
    assert page.status_code == 200
    assert record.diagnosis in page.content.decode()  # the versions show the diagnosis
    entry = AccessLog.objects.latest("id")
    assert (entry.action, entry.object_id, entry.patient_id) == ("read", str(record.pk), scene.patient_b.pk)


def test_a_deleted_records_versions_are_logged_reads_too(scene, browser, record):
    url, record_id = version_url(record), record.pk
    record.delete()
    assert browser.get(url).status_code == 200
    entry = AccessLog.objects.latest("id")
    assert (entry.action, entry.object_id, entry.patient_id) == ("read", str(record_id), scene.patient_b.pk)


def test_searching_records_by_diagnosis_logs_each_record_found(scene, browser):
    scene.record_b.diagnosis = "E11 Type 2 diabetes"
    scene.record_b.save()
    before = AccessLog.objects.count()
    page = browser.get("/admin/records/medicalrecord/", {"q": "diabetes"})
    assert page.status_code == 200
    logged = AccessLog.objects.order_by("id")[before:]
    assert [(e.action, e.object_id, e.patient_id) for e in logged] == [
        ("list", str(scene.record_b.pk), scene.patient_b.pk)
    ]
