"""The attacks and faults of issue 17's audit, each as a test (finding numbers as in the issue).

More of them live next to the feature they concern: the CSV report (reports/tests), the
record admin (records/tests/test_admin_history.py), notification delivery (notifications/tests).
"""

import json
import threading
import time

import psycopg
import pytest
from django.db import connection

from accounts.tests.factories import AdminUserFactory
from appointments.models import Appointment, AppointmentStatus
from doctors.tests.factories import DoctorFactory, at, next_weekday
from healthcare_system.db import long_running
from patients.tests.factories import PatientFactory
from records.tests.scene import build_scene

pytestmark = pytest.mark.django_db

DEEP_JSON = "[" * 100_000


# --- Finding 10: hostile bodies and a fee the appointment cannot hold ----------------------------


@pytest.mark.parametrize("path", ["/api/registrations/", "/api/token/", "/api/token/refresh/"])
def test_a_body_nested_100k_deep_is_a_400(api, path):
    response = api.generic("POST", path, DEEP_JSON, content_type="application/json")
    assert response.status_code == 400
    assert "nested too deeply" in response.json()["detail"]


def test_a_deep_body_from_a_signed_in_user_is_a_400_too(client_for):
    client = client_for(PatientFactory().user)
    assert client.generic("PATCH", "/api/me/", DEEP_JSON, content_type="application/json").status_code == 400


class TestDoctorFee:
    @pytest.fixture
    def admin(self, client_for):
        return client_for(AdminUserFactory())

    def test_a_fee_wider_than_the_appointment_fee_column_is_a_400(self, admin):
        doctor = DoctorFactory()
        response = admin.patch(f"/api/doctors/{doctor.pk}/", {"consultation_fee": "99999999.99"}, format="json")
        assert response.status_code == 400
        assert "consultation_fee" in response.json()
        doctor.refresh_from_db()
        assert str(doctor.consultation_fee) == "80.00"

    def test_the_largest_fee_a_doctor_may_set_books_fine(self, admin, client_for):
        doctor = DoctorFactory()
        response = admin.patch(f"/api/doctors/{doctor.pk}/", {"consultation_fee": "999999.99"}, format="json")
        assert response.status_code == 200, response.json()
        start = at(next_weekday(0), 9, 30)
        patient = client_for(PatientFactory().user)
        booked = patient.post(
            "/api/book-appointment/", {"doctor": doctor.pk, "appointment_time": start.isoformat()}, format="json"
        )
        assert booked.status_code == 201, booked.json()
        assert booked.json()["fee"] == "999999.99"


# --- Finding 12: a PATCH carrying only read-only fields ------------------------------------------


def test_patch_of_an_appointment_with_only_read_only_fields_is_200_and_changes_nothing(client_for):
    scene = build_scene()
    before = Appointment.objects.get(pk=scene.upcoming_a_x.pk)
    body = {"status": "completed", "patient": scene.patient_b.pk, "doctor": scene.doctor_y.pk, "fee": "1.00"}
    response = client_for(scene.patient_a.user).patch(f"/api/appointments/{before.pk}/", body, format="json")
    assert response.status_code == 200, response.json()
    after = Appointment.objects.get(pk=before.pk)
    assert (after.status, after.patient_id, after.doctor_id, after.fee, after.reason) == (
        AppointmentStatus.PENDING,
        before.patient_id,
        before.doctor_id,
        before.fee,
        before.reason,
    )
    assert response.json()["status"] == "pending"


# --- Finding 9: a database that does not answer ------------------------------------------------

postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL's locks")


def _hold_lock_on(table: str, *, seconds: float) -> threading.Thread:
    """Another session locks ``table`` exclusively for ``seconds``, as a stuck migration or
    a long admin transaction would; returns once the lock is held."""
    params = connection.get_connection_params()
    held = threading.Event()

    def hold():
        with psycopg.connect(**{k: v for k, v in params.items() if k != "cursor_factory"}) as session:
            session.execute(f"LOCK TABLE {table} IN ACCESS EXCLUSIVE MODE")
            held.set()
            time.sleep(seconds)

    thread = threading.Thread(target=hold, daemon=True)
    thread.start()
    assert held.wait(10)
    return thread


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_a_locked_table_is_a_503_json_within_5_seconds_then_recovers(api):
    holder = _hold_lock_on("appointments_clinicsettings", seconds=8)
    started = time.monotonic()
    response = api.get("/api/settings/")
    elapsed = time.monotonic() - started
    assert (response.status_code, round(elapsed) <= 5) == (503, True), (response.status_code, elapsed)
    assert response["Content-Type"] == "application/json"
    assert response.json()["code"] == "database_unavailable"
    assert response["Retry-After"]
    holder.join()
    # The same process answers again once the lock is gone: no restart.
    assert api.get("/api/settings/").status_code == 200


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_a_write_waiting_on_a_lock_is_a_503_json(client_for):
    doctor = DoctorFactory()
    patient = client_for(PatientFactory().user)
    holder = _hold_lock_on("appointments_appointment", seconds=8)
    started = time.monotonic()
    response = patient.post(
        "/api/book-appointment/",
        {"doctor": doctor.pk, "appointment_time": at(next_weekday(0), 9, 30).isoformat()},
        format="json",
    )
    assert (response.status_code, time.monotonic() - started < 5) == (503, True)
    assert json.loads(response.content)["code"] == "database_unavailable"
    holder.join()


@postgres_only
def test_long_running_work_lifts_the_bounds_for_its_block_only():
    def timeout():
        with connection.cursor() as cursor:
            cursor.execute("SHOW statement_timeout")
            return cursor.fetchone()[0]

    with long_running():
        assert timeout() == "0"
    assert timeout() == "4s"
