"""The permission matrix: every endpoint × method × object × role → the exact status.

One ``Row`` per endpoint, method and object; its ``expect`` tuple lists the status for
each role in ``ROLES`` order: anonymous, patient A, patient B, doctor X (treats A),
doctor Y (does not treat A), admin. Path templates take the scene's ids
(``{patient_a}``, ``{record_a}``, ``{appointment_a_x}`` …, see ``scene.py``). To
cover a new endpoint, add a row.

Reading the statuses: 401 no token; 403 the role may never do this; 404 the object
is outside the caller's scope (its existence is not revealed); 405 the method does
not exist on the resource.
"""

import json
from typing import NamedTuple

import pytest

from .scene import ROLES, build_scene


class Row(NamedTuple):
    method: str
    path: str
    expect: tuple[int, int, int, int, int, int]  # in ROLES order
    body: dict | None = None


def _record_body(ids):
    return {"appointment": ids["appointment_a_x"], "notes": "Seen today", "diagnosis": "Healthy"}


def _booking_body(ids):
    return {"doctor": ids["doctor_x"], "appointment_time": ids["doctor_x_free_time"], "patient": ids["patient_a"]}


def _reschedule_body(ids):
    return {"appointment_time": ids["doctor_x_free_time"]}


def _new_patient_body(ids):
    user = {"username": "newpatient", "email": "new@example.com", "first_name": "New", "last_name": "Patient"}
    return {"user": user, "phone": "+4915199999999"}


#              anon  pat A pat B doc X doc Y admin
MATRIX = [
    # /api/patients/
    Row("GET", "/api/patients/", (401, 200, 200, 200, 200, 200)),
    Row("POST", "/api/patients/", (401, 403, 403, 403, 403, 201), _new_patient_body),
    Row("GET", "/api/patients/{patient_a}/", (401, 200, 404, 200, 404, 200)),
    Row("GET", "/api/patients/{patient_b}/", (401, 404, 200, 404, 200, 200)),
    Row("PATCH", "/api/patients/{patient_a}/", (401, 200, 404, 403, 403, 200), {"insurance_number": "AOK-9"}),
    Row("PUT", "/api/patients/{patient_a}/", (401, 200, 404, 403, 403, 200), {"insurance_number": "AOK-9"}),
    Row("DELETE", "/api/patients/{patient_a}/", (401, 403, 403, 403, 403, 204)),
    Row("GET", "/api/patients/{patient_a}/history/", (401, 200, 404, 200, 404, 200)),
    Row("GET", "/api/patients/{patient_b}/history/", (401, 404, 200, 404, 200, 200)),
    # /api/medical-records/
    Row("GET", "/api/medical-records/", (401, 200, 200, 200, 200, 200)),
    Row("GET", "/api/medical-records/?patient={patient_a}", (401, 200, 200, 200, 200, 200)),
    Row("POST", "/api/medical-records/", (401, 403, 403, 201, 400, 403), _record_body),
    Row("GET", "/api/medical-records/{record_a}/", (401, 200, 404, 200, 404, 200)),
    Row("GET", "/api/medical-records/{record_b}/", (401, 404, 200, 404, 200, 200)),
    Row("PATCH", "/api/medical-records/{record_a}/", (401, 403, 403, 200, 404, 403), {"notes": "Amended"}),
    Row("PUT", "/api/medical-records/{record_a}/", (401, 403, 403, 200, 404, 403), {"notes": "Amended"}),
    Row("DELETE", "/api/medical-records/{record_a}/", (401, 403, 403, 403, 403, 204)),
    # /api/appointments/ and booking (the Scheduling core's endpoints). Doctor X has no
    # working hours in the scene, so an allowed booking or reschedule is refused as
    # "not a free slot" (400): what matters here is who gets that far.
    Row("GET", "/api/appointments/", (401, 200, 200, 200, 200, 200)),
    Row("POST", "/api/appointments/", (401, 400, 400, 403, 403, 400), _booking_body),
    Row("POST", "/api/book-appointment/", (401, 400, 400, 403, 403, 400), _booking_body),
    Row("GET", "/api/appointments/{appointment_a_x}/", (401, 200, 404, 200, 404, 200)),
    Row("GET", "/api/appointments/{appointment_b_y}/", (401, 404, 200, 404, 200, 200)),
    Row("PATCH", "/api/appointments/{upcoming_a_x}/", (401, 200, 404, 200, 404, 200), {"reason": "Back pain"}),
    Row("PUT", "/api/appointments/{upcoming_a_x}/", (401, 405, 405, 405, 405, 405), {"reason": "Back pain"}),
    Row("DELETE", "/api/appointments/{upcoming_a_x}/", (401, 403, 403, 403, 403, 204)),
    Row("GET", "/api/appointments/{upcoming_a_x}/ics/", (401, 200, 404, 200, 404, 200)),
    Row("POST", "/api/appointments/{upcoming_a_x}/reschedule/", (401, 400, 404, 400, 404, 400), _reschedule_body),
    Row("POST", "/api/appointments/{upcoming_a_x}/cancel/", (401, 200, 404, 200, 404, 200), {"reason": "Away"}),
    Row("POST", "/api/appointments/{cancelled_a_x}/cancel/", (401, 400, 404, 400, 404, 400)),
    Row("POST", "/api/appointments/{upcoming_a_x}/confirm/", (401, 403, 403, 200, 404, 200)),
    Row("POST", "/api/appointments/{upcoming_a_x}/complete/", (401, 403, 403, 200, 404, 200)),
    Row("POST", "/api/appointments/{upcoming_a_x}/no-show/", (401, 403, 403, 400, 404, 400)),
    Row("POST", "/api/appointments/{appointment_a_x}/confirm/", (401, 403, 403, 400, 404, 400)),
    # /api/audit-log/ (read-only, admin only)
    Row("GET", "/api/audit-log/", (401, 403, 403, 403, 403, 200)),
    Row("GET", "/api/audit-log/{log_entry}/", (401, 403, 403, 403, 403, 200)),
    Row("POST", "/api/audit-log/", (401, 405, 405, 405, 405, 405), {"action": "read"}),
    Row("PATCH", "/api/audit-log/{log_entry}/", (401, 405, 405, 405, 405, 405), {"action": "delete"}),
    Row("PUT", "/api/audit-log/{log_entry}/", (401, 405, 405, 405, 405, 405), {"action": "delete"}),
    Row("DELETE", "/api/audit-log/{log_entry}/", (401, 405, 405, 405, 405, 405)),
]

CELLS = [
    pytest.param(row, role, status, id=f"{row.method} {row.path} as {role} -> {status}")
    for row in MATRIX
    for role, status in zip(ROLES, row.expect, strict=True)
]


@pytest.mark.django_db
@pytest.mark.parametrize(("row", "role", "expected"), CELLS)
def test_permission_matrix(client_for, row, role, expected):
    scene = build_scene()
    ids = scene.ids()
    body = row.body(ids) if callable(row.body) else row.body
    client = client_for(scene.user(role))
    response = client.generic(
        row.method,
        row.path.format(**ids),
        data=None if body is None else json.dumps(body),
        content_type="application/json",
    )
    assert response.status_code == expected, response.content[:300]


def test_matrix_size():
    # Reported in the closing note; update when rows are added.
    assert len(CELLS) == len(MATRIX) * len(ROLES)
