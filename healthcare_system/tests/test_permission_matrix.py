"""The permission matrix: every URL route × method × object × role → the exact status.

One ``Row`` per endpoint, method and object; its ``expect`` tuple lists the status for
each role in ``ROLES`` order: anonymous, patient A, patient B, doctor X (treats A),
doctor Y (does not treat A), admin, front desk. A row without a status for every role fails
(``strict`` zip), so a new role needs its column and a new route its row. Path templates take the scene's ids
(``{patient_a}``, ``{record_a}``, ``{appointment_a_x}`` …, see ``records/tests/scene.py``).

``test_every_route_has_rows`` walks the URL resolver: a route (and each HTTP method its
view implements) without a row fails it, so a new endpoint must come with its rows here.

Reading the statuses: 401 no token; 403 the role may never do this; 404 the object
is outside the caller's scope (its existence is not revealed); 405 the method does
not exist on the resource.
"""

import json
from datetime import datetime
from typing import NamedTuple
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from rest_framework_simplejwt.tokens import RefreshToken

from accounts.tests.factories import PASSWORD
from fhir_api.params import slot_id
from privacy.models import ErasureRequest
from records.tests.scene import ROLES, build_scene


class Row(NamedTuple):
    method: str
    path: str
    expect: tuple[int, int, int, int, int, int, int]  # in ROLES order
    body: dict | None = None


def _record_body(ids):
    return {"appointment": ids["appointment_a_x"], "notes": "Seen today", "diagnosis": "Healthy"}


def _booking_body(ids):
    return {"doctor": ids["doctor_x"], "appointment_time": ids["doctor_x_free_time"], "patient": ids["patient_a"]}


def _reschedule_body(ids):
    return {"appointment_time": ids["doctor_x_free_time"]}


def _fhir_booking_body(ids):
    start = datetime.fromisoformat(ids["doctor_x_free_time"])
    return {
        "resourceType": "Appointment",
        "status": "proposed",
        "slot": [{"reference": f"Slot/{slot_id(ids['doctor_x'], start)}"}],
        "participant": [{"actor": {"reference": f"Patient/{ids['patient_a']}"}, "status": "accepted"}],
    }


def _new_patient_body(ids):
    user = {"username": "newpatient", "email": "new@example.com", "first_name": "New", "last_name": "Patient"}
    return {"user": user, "phone": "+4915199999999"}


def _registration_body(ids):
    return {
        "username": "newcomer",
        "email": "newcomer@example.com",
        "password": "Correct-Horse-42",
        "first_name": "New",
        "last_name": "Comer",
        "phone": "+4915112345678",
    }


def _login_body(ids):
    return {"username": get_user_model().objects.get(pk=ids["user_a"]).username, "password": PASSWORD}


def _refresh_body(ids):
    return {"refresh": str(RefreshToken.for_user(get_user_model().objects.get(pk=ids["user_a"])))}


def _doctor_profile_body(ids):
    return {"specialization": "Cardiology", "clinic_name": "Renamed Practice"}


def _new_doctor_body(ids):
    user = {
        "username": "newdoctor",
        "email": "newdoctor@example.com",
        "password": "Correct-Horse-42",
        "first_name": "New",
        "last_name": "Doctor",
    }
    return {"user": user, "specialization": "Cardiology"}


def _hours_body(ids):
    return {"doctor": ids["doctor_y"], "weekday": 5, "start_time": "13:00", "end_time": "15:00"}


def _leave_body(ids):
    return {"doctor": ids["doctor_y"], "start_date": "2099-01-05", "end_date": "2099-01-06", "reason": "Course"}


def _series_body(ids):
    start = ids["doctor_x_free_time"]
    return {"patient": ids["patient_a"], "doctor": ids["doctor_x"], "first_appointment_time": start, "count": 2}


def _waitlist_body(ids):
    week = ids["in_a_week"]
    return {"doctor": ids["doctor_y"], "date_from": week, "date_to": week, "patient": ids["patient_b"]}


def _waitlist_visit_type_body(ids):
    return {**_waitlist_body(ids), "visit_type": ids["visit_type_y"]}


def _waitlist_other_doctors_visit_type_body(ids):
    return {**_waitlist_body(ids), "doctor": ids["doctor_x"], "visit_type": ids["visit_type_y"]}


def _visit_type_body(ids):
    return {"doctor": ids["doctor_y"], "name": "Long follow-up", "duration_minutes": 40, "fee": "70.00"}


#              anon  pat A pat B doc X doc Y admin desk
MATRIX = [
    # /api/registrations/, tokens, /api/me/
    Row("POST", "/api/registrations/", (201, 201, 201, 201, 201, 201, 201), _registration_body),
    Row("POST", "/api/token/", (200, 200, 200, 200, 200, 200, 200), _login_body),
    Row("POST", "/api/token/refresh/", (200, 200, 200, 200, 200, 200, 200), _refresh_body),
    Row("POST", "/api/token/blacklist/", (200, 200, 200, 200, 200, 200, 200), _refresh_body),
    Row("GET", "/api/me/", (401, 200, 200, 200, 200, 200, 200)),
    Row("PATCH", "/api/me/", (401, 200, 200, 200, 200, 200, 200), {"first_name": "Renamed"}),
    # Data rights: a patient's own download and erasure request; admins execute
    Row("GET", "/api/me/data-export/", (401, 200, 200, 403, 403, 403, 403)),
    Row("GET", "/api/me/erasure-request/", (401, 404, 200, 403, 403, 403, 403)),
    Row("POST", "/api/me/erasure-request/", (401, 201, 409, 403, 403, 403, 403)),
    Row("GET", "/api/erasure-requests/", (401, 403, 403, 403, 403, 200, 403)),
    Row("GET", "/api/erasure-requests/{erasure_b}/", (401, 403, 403, 403, 403, 200, 403)),
    Row("POST", "/api/erasure-requests/{erasure_b}/execute/", (401, 403, 403, 403, 403, 200, 403)),
    Row(
        "POST",
        "/api/me/password/",
        (401, 200, 200, 200, 200, 200, 200),
        {"old_password": PASSWORD, "new_password": "Another-Horse-43"},
    ),
    Row("POST", "/api/password-reset/", (200, 200, 200, 200, 200, 200, 200), {"email": "someone@example.com"}),
    Row(
        "POST",
        "/api/password-reset/confirm/",
        (400, 400, 400, 400, 400, 400, 400),
        {"uid": "MQ", "token": "forged", "new_password": "Another-Horse-43"},
    ),
    Row("POST", "/api/email-verification/", (401, 200, 200, 200, 200, 200, 200)),
    Row(
        "POST",
        "/api/email-verification/confirm/",
        (400, 400, 400, 400, 400, 400, 400),
        {"uid": "MQ", "token": "forged"},
    ),
    # Two-factor authentication: one's own (nobody has it on in the scene: codes are 400)
    Row("GET", "/api/me/mfa/", (401, 200, 200, 200, 200, 200, 200)),
    Row("POST", "/api/me/mfa/setup/", (401, 200, 200, 200, 200, 200, 200)),
    Row("POST", "/api/me/mfa/confirm/", (401, 400, 400, 400, 400, 400, 400), {"otp": "000000"}),
    Row("POST", "/api/me/mfa/recovery-codes/", (401, 400, 400, 400, 400, 400, 400), {"otp": "000000"}),
    Row("POST", "/api/me/mfa/disable/", (401, 400, 400, 400, 400, 400, 400), {"otp": "000000"}),
    # /api/users/ (admin only)
    Row("GET", "/api/users/", (401, 403, 403, 403, 403, 200, 403)),
    Row("GET", "/api/users/{user_a}/", (401, 403, 403, 403, 403, 200, 403)),
    Row("PATCH", "/api/users/{user_a}/", (401, 403, 403, 403, 403, 200, 403), {"is_active": True}),
    # /api/doctors/, /api/specialties/
    Row("GET", "/api/specialties/", (200, 200, 200, 200, 200, 200, 200)),
    Row("GET", "/api/doctors/", (200, 200, 200, 200, 200, 200, 200)),
    Row("POST", "/api/doctors/", (401, 403, 403, 403, 403, 201, 403), _new_doctor_body),
    Row("GET", "/api/doctors/{doctor_x}/", (200, 200, 200, 200, 200, 200, 200)),
    Row("PATCH", "/api/doctors/{doctor_x}/", (401, 403, 403, 200, 403, 200, 403), _doctor_profile_body),
    Row("PUT", "/api/doctors/{doctor_x}/", (401, 403, 403, 200, 403, 200, 403), _doctor_profile_body),
    Row("DELETE", "/api/doctors/{doctor_y}/", (401, 403, 403, 403, 403, 204, 403)),
    Row(
        "GET", "/api/doctors/{doctor_x}/slots/?start={slots_start}&end={slots_end}", (200, 200, 200, 200, 200, 200, 200)
    ),
    # /api/working-hours/ (public to read; the doctor or an admin writes)
    Row("GET", "/api/working-hours/", (200, 200, 200, 200, 200, 200, 200)),
    Row("POST", "/api/working-hours/", (401, 403, 403, 403, 201, 201, 403), _hours_body),
    Row("GET", "/api/working-hours/{hours_y}/", (200, 200, 200, 200, 200, 200, 200)),
    Row("PATCH", "/api/working-hours/{hours_y}/", (401, 403, 403, 403, 200, 200, 403), {"end_time": "16:00"}),
    Row("PUT", "/api/working-hours/{hours_y}/", (401, 403, 403, 403, 200, 200, 403), _hours_body),
    Row("DELETE", "/api/working-hours/{hours_y}/", (401, 403, 403, 403, 204, 204, 403)),
    # /api/leave-days/ (a doctor's own, others' are 404; admin all)
    Row("GET", "/api/leave-days/", (401, 403, 403, 200, 200, 200, 200)),
    Row("POST", "/api/leave-days/", (401, 403, 403, 403, 201, 201, 403), _leave_body),
    Row("GET", "/api/leave-days/{leave_y}/", (401, 403, 403, 404, 200, 200, 200)),
    Row("PATCH", "/api/leave-days/{leave_y}/", (401, 403, 403, 404, 200, 200, 403), {"reason": "Moved"}),
    Row("PUT", "/api/leave-days/{leave_y}/", (401, 403, 403, 404, 200, 200, 403), _leave_body),
    Row("DELETE", "/api/leave-days/{leave_y}/", (401, 403, 403, 404, 204, 204, 403)),
    # /api/visit-types/ (public to read; the doctor or an admin writes)
    Row("GET", "/api/visit-types/", (200, 200, 200, 200, 200, 200, 200)),
    Row("POST", "/api/visit-types/", (401, 403, 403, 403, 201, 201, 403), _visit_type_body),
    Row("GET", "/api/visit-types/{visit_type_y}/", (200, 200, 200, 200, 200, 200, 200)),
    Row("PATCH", "/api/visit-types/{visit_type_y}/", (401, 403, 403, 403, 200, 200, 403), {"buffer_minutes": 5}),
    Row("PUT", "/api/visit-types/{visit_type_y}/", (401, 403, 403, 403, 200, 200, 403), _visit_type_body),
    Row("DELETE", "/api/visit-types/{visit_type_y}/", (401, 403, 403, 403, 204, 204, 403)),
    # /api/settings/ (public to read, admin writes)
    Row("GET", "/api/settings/", (200, 200, 200, 200, 200, 200, 200)),
    Row("PATCH", "/api/settings/", (401, 403, 403, 403, 403, 200, 403), {"min_notice_hours": 3}),
    Row("PUT", "/api/settings/", (401, 403, 403, 403, 403, 200, 403), {"min_notice_hours": 3}),
    # /api/reports/ (admin only)
    Row("GET", "/api/reports/appointments/", (401, 403, 403, 403, 403, 200, 403)),
    Row("GET", "/api/reports/appointments/?format=csv", (401, 403, 403, 403, 403, 200, 403)),
    Row("GET", "/api/reports/revenue/", (401, 403, 403, 403, 403, 200, 403)),
    Row("GET", "/api/reports/utilization/", (401, 403, 403, 403, 403, 200, 403)),
    # Operations and the API description: public, no data
    Row("GET", "/healthz/", (200, 200, 200, 200, 200, 200, 200)),
    Row("GET", "/swagger.json", (200, 200, 200, 200, 200, 200, 200)),
    Row("GET", "/swagger/", (200, 200, 200, 200, 200, 200, 200)),
    Row("GET", "/redoc/", (200, 200, 200, 200, 200, 200, 200)),
    # /api/patients/
    Row("GET", "/api/patients/", (401, 200, 200, 200, 200, 200, 200)),
    Row("POST", "/api/patients/", (401, 403, 403, 403, 403, 201, 201), _new_patient_body),
    Row("GET", "/api/patients/{patient_a}/", (401, 200, 404, 200, 404, 200, 200)),
    Row("GET", "/api/patients/{patient_b}/", (401, 404, 200, 404, 200, 200, 200)),
    Row("PATCH", "/api/patients/{patient_a}/", (401, 200, 404, 403, 403, 200, 200), {"insurance_number": "AOK-9"}),
    Row("PUT", "/api/patients/{patient_a}/", (401, 200, 404, 403, 403, 200, 200), {"insurance_number": "AOK-9"}),
    Row("DELETE", "/api/patients/{patient_a}/", (401, 403, 403, 403, 403, 204, 403)),
    Row("GET", "/api/patients/{patient_a}/history/", (401, 200, 404, 200, 404, 200, 403)),
    Row("GET", "/api/patients/{patient_b}/history/", (401, 404, 200, 404, 200, 200, 403)),
    # /api/medical-records/
    Row("GET", "/api/medical-records/", (401, 200, 200, 200, 200, 200, 403)),
    Row("GET", "/api/medical-records/?patient={patient_a}", (401, 200, 200, 200, 200, 200, 403)),
    Row("POST", "/api/medical-records/", (401, 403, 403, 201, 400, 403, 403), _record_body),
    Row("GET", "/api/medical-records/{record_a}/", (401, 200, 404, 200, 404, 200, 403)),
    Row("GET", "/api/medical-records/{record_b}/", (401, 404, 200, 404, 200, 200, 403)),
    Row("PATCH", "/api/medical-records/{record_a}/", (401, 403, 403, 200, 404, 403, 403), {"notes": "Amended"}),
    Row("PUT", "/api/medical-records/{record_a}/", (401, 403, 403, 200, 404, 403, 403), {"notes": "Amended"}),
    Row("DELETE", "/api/medical-records/{record_a}/", (401, 403, 403, 403, 403, 204, 403)),
    # /api/appointments/ and booking (the Scheduling core's endpoints). Doctor X has no
    # working hours in the scene, so an allowed booking or reschedule is refused as
    # "not a free slot" (400): what matters here is who gets that far.
    Row("GET", "/api/appointments/", (401, 200, 200, 200, 200, 200, 200)),
    Row("POST", "/api/appointments/", (401, 400, 400, 403, 403, 400, 400), _booking_body),
    Row("POST", "/api/book-appointment/", (401, 400, 400, 403, 403, 400, 400), _booking_body),
    Row("GET", "/api/appointments/{appointment_a_x}/", (401, 200, 404, 200, 404, 200, 200)),
    Row("GET", "/api/appointments/{appointment_b_y}/", (401, 404, 200, 404, 200, 200, 200)),
    Row("PATCH", "/api/appointments/{upcoming_a_x}/", (401, 200, 404, 200, 404, 200, 200), {"reason": "Back pain"}),
    Row("PUT", "/api/appointments/{upcoming_a_x}/", (401, 405, 405, 405, 405, 405, 405), {"reason": "Back pain"}),
    Row("DELETE", "/api/appointments/{upcoming_a_x}/", (401, 403, 403, 403, 403, 204, 403)),
    Row("GET", "/api/appointments/{upcoming_a_x}/ics/", (401, 200, 404, 200, 404, 200, 200)),
    Row("POST", "/api/appointments/{upcoming_a_x}/reschedule/", (401, 400, 404, 400, 404, 400, 400), _reschedule_body),
    Row("POST", "/api/appointments/{upcoming_a_x}/cancel/", (401, 200, 404, 200, 404, 200, 200), {"reason": "Away"}),
    Row("POST", "/api/appointments/{cancelled_a_x}/cancel/", (401, 400, 404, 400, 404, 400, 400)),
    Row("POST", "/api/appointments/{upcoming_a_x}/confirm/", (401, 403, 403, 200, 404, 200, 403)),
    Row("POST", "/api/appointments/{upcoming_a_x}/complete/", (401, 403, 403, 200, 404, 200, 403)),
    Row("POST", "/api/appointments/{upcoming_a_x}/no-show/", (401, 403, 403, 400, 404, 400, 403)),
    Row("POST", "/api/appointments/{today_a_x}/check-in/", (401, 403, 403, 200, 404, 200, 200)),
    Row("POST", "/api/appointments/{upcoming_a_x}/check-in/", (401, 403, 403, 400, 404, 400, 400)),
    Row("POST", "/api/appointments/{appointment_a_x}/confirm/", (401, 403, 403, 400, 404, 400, 403)),
    # /api/appointment-series/ (series_a_x: patient A with doctor X). Doctor X has no working
    # hours in the scene, so an allowed series is refused as "no occurrence can be booked" (409).
    Row("GET", "/api/appointment-series/", (401, 200, 200, 200, 200, 200, 200)),
    Row("POST", "/api/appointment-series/", (401, 403, 403, 409, 403, 409, 403), _series_body),
    Row("GET", "/api/appointment-series/{series_a_x}/", (401, 200, 404, 200, 404, 200, 200)),
    Row("POST", "/api/appointment-series/{series_a_x}/cancel/", (401, 403, 403, 200, 404, 200, 403), {}),
    # /api/waitlist/ (waitlist_a_x: patient A waits for doctor X, no offer yet)
    Row("GET", "/api/waitlist/", (401, 200, 200, 200, 200, 200, 200)),
    # A patient joins for themselves (``patient`` ignored); the front desk and admins for a patient.
    Row("POST", "/api/waitlist/", (401, 201, 201, 403, 403, 201, 201), _waitlist_body),
    Row("POST", "/api/waitlist/", (401, 201, 201, 403, 403, 201, 201), _waitlist_visit_type_body),
    Row("POST", "/api/waitlist/", (401, 400, 400, 403, 403, 400, 400), _waitlist_other_doctors_visit_type_body),
    Row("GET", "/api/waitlist/{waitlist_a_x}/", (401, 200, 404, 200, 404, 200, 200)),
    Row("PATCH", "/api/waitlist/{waitlist_a_x}/", (401, 405, 405, 405, 405, 405, 405), {"date_to": "2030-01-01"}),
    Row("DELETE", "/api/waitlist/{waitlist_a_x}/", (401, 405, 405, 405, 405, 405, 405)),
    Row("POST", "/api/waitlist/{waitlist_a_x}/accept/", (401, 400, 404, 403, 403, 400, 403)),
    Row("POST", "/api/waitlist/{waitlist_a_x}/decline/", (401, 400, 404, 403, 403, 400, 403)),
    Row("POST", "/api/waitlist/{waitlist_a_x}/cancel/", (401, 200, 404, 200, 404, 200, 200)),
    # /api/audit-log/ (read-only, admin only)
    Row("GET", "/api/audit-log/", (401, 403, 403, 403, 403, 200, 403)),
    Row("GET", "/api/audit-log/{log_entry}/", (401, 403, 403, 403, 403, 200, 403)),
    Row("POST", "/api/audit-log/", (401, 405, 405, 405, 405, 405, 405), {"action": "read"}),
    Row("PATCH", "/api/audit-log/{log_entry}/", (401, 405, 405, 405, 405, 405, 405), {"action": "delete"}),
    Row("PUT", "/api/audit-log/{log_entry}/", (401, 405, 405, 405, 405, 405, 405), {"action": "delete"}),
    Row("DELETE", "/api/audit-log/{log_entry}/", (401, 405, 405, 405, 405, 405, 405)),
    # /fhir/ (FHIR R4): the same token and scopes. Booking there is refused like the API's
    # above (doctor X has no hours: 400); patient B naming patient A is a 403.
    Row("GET", "/fhir/", (200, 200, 200, 200, 200, 200, 200)),
    Row("GET", "/fhir/metadata", (200, 200, 200, 200, 200, 200, 200)),
    Row("GET", "/fhir/Practitioner", (200, 200, 200, 200, 200, 200, 200)),
    Row("GET", "/fhir/Practitioner/{doctor_x}", (200, 200, 200, 200, 200, 200, 200)),
    Row("POST", "/fhir/Practitioner", (405, 405, 405, 405, 405, 405, 405), {"resourceType": "Practitioner"}),
    Row("GET", "/fhir/Schedule?actor=Practitioner/{doctor_x}", (200, 200, 200, 200, 200, 200, 200)),
    Row("GET", "/fhir/Schedule/{doctor_x}", (200, 200, 200, 200, 200, 200, 200)),
    Row("GET", "/fhir/Slot?schedule=Schedule/{doctor_x}", (200, 200, 200, 200, 200, 200, 200)),
    Row("GET", "/fhir/Slot/{doctor_x}-20270301T080000Z", (404, 404, 404, 404, 404, 404, 404)),
    Row("GET", "/fhir/Patient", (401, 200, 200, 200, 200, 200, 200)),
    Row("GET", "/fhir/Patient/{patient_a}", (401, 200, 404, 200, 404, 200, 200)),
    Row("GET", "/fhir/Patient/{patient_b}", (401, 404, 200, 404, 200, 200, 200)),
    Row("PUT", "/fhir/Patient/{patient_a}", (401, 405, 405, 405, 405, 405, 405), {"resourceType": "Patient"}),
    Row("GET", "/fhir/Appointment", (401, 200, 200, 200, 200, 200, 200)),
    Row("GET", "/fhir/Appointment/{appointment_a_x}", (401, 200, 404, 200, 404, 200, 200)),
    Row("GET", "/fhir/Appointment/{appointment_b_y}", (401, 404, 200, 404, 200, 200, 200)),
    Row("POST", "/fhir/Appointment", (401, 400, 403, 403, 403, 400, 400), _fhir_booking_body),
    Row("POST", "/fhir/Appointment/{appointment_a_x}", (401, 405, 405, 405, 405, 405, 405), _fhir_booking_body),
    Row("DELETE", "/fhir/Appointment/{appointment_a_x}", (401, 405, 405, 405, 405, 405, 405)),
    # Answering a visit from a message's link: the signed token is the credential, so every
    # caller gets the same answer; a forged token is a 404 for all.
    Row("GET", "/api/visit-links/forged-token/", (404, 404, 404, 404, 404, 404, 404)),
    Row("POST", "/api/visit-links/forged-token/", (404, 404, 404, 404, 404, 404, 404), {}),
    # SMS replies: only posts signed with TWILIO_AUTH_TOKEN count, whoever sends them.
    Row("POST", "/api/sms/replies/", (403, 403, 403, 403, 403, 403, 403), {"From": "+4915100000000", "Body": "X"}),
    # Calendar subscriptions: doctors and patients have one; the feed URL's token is its credential.
    Row("GET", "/api/calendar-feed/", (401, 200, 200, 200, 200, 403, 403)),
    Row("POST", "/api/calendar-feed/", (401, 201, 201, 201, 201, 403, 403)),
    Row("DELETE", "/api/calendar-feed/", (401, 204, 204, 204, 204, 403, 403)),
    Row("GET", "/api/calendar-feeds/not-a-token.ics", (404, 404, 404, 404, 404, 404, 404)),
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
    ids = {**scene.ids(), "erasure_b": ErasureRequest.objects.create(patient=scene.patient_b).pk}
    body = row.body(ids) if callable(row.body) else row.body
    client = client_for(scene.user(role))
    response = client.generic(
        row.method,
        row.path.format(**ids),
        data=None if body is None else json.dumps(body),
        content_type="application/json",
    )
    assert response.status_code == expected, response.content[:300]


# Routes the matrix does not drive, and why. Everything else must have rows.
NOT_IN_MATRIX = {
    "admin/": "Django admin: staff session login only, covered by each app's test_admin.py",
    "(?!api/|fhir(?:/|$)|admin/|static/|swagger|redoc|healthz)(?P<path>.*)$": "the SPA's index.html, no data",
}
IGNORED_METHODS = {"HEAD", "OPTIONS"}


def _route(path: str) -> str:
    # Django keeps or drops a regex's "^" depending on nesting; compare without it.
    return resolve(urlsplit(path).path).route.replace("^", "")


def _routes(patterns, prefix=""):
    """(route, view callback) for every URL pattern, spelled as ``_route`` spells it."""
    for pattern in patterns:
        route = prefix + str(pattern.pattern).replace("^", "")
        if any(route.startswith(skipped) for skipped in NOT_IN_MATRIX):
            continue
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            yield route, pattern.callback


def _methods(callback) -> set[str]:
    """The HTTP methods a view implements: a viewset's action map, an APIView's handlers."""
    actions = getattr(callback, "actions", None)
    if actions:
        return {method.upper() for method in actions} - IGNORED_METHODS
    view_class = getattr(callback, "view_class", None) or getattr(callback, "cls", None)
    if view_class is None:
        return {"GET"}  # plain function views (health check, schema) answer GET
    return {m.upper() for m in view_class.http_method_names if hasattr(view_class, m)} - IGNORED_METHODS


def _routes_without_rows() -> list[tuple[str, str]]:
    covered = {(_route(row.path), row.method) for row in MATRIX}
    routes = _routes(get_resolver().url_patterns)
    return sorted({(route, method) for route, callback in routes for method in _methods(callback)} - covered)


def test_every_route_has_rows():
    missing = _routes_without_rows()
    assert not missing, f"routes without rows in the permission matrix: {missing}"


@pytest.mark.urls("healthcare_system.tests.urls_with_unlisted_route")
def test_a_route_without_rows_is_reported():
    assert _routes_without_rows() == [("api/unlisted/", "GET"), ("api/unlisted/", "POST")]
