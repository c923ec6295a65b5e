"""Change notices: a leave over booked visits tells their patients; a doctor's move or cancel says why."""

import re

import pytest
from django.core import mail

from appointments.models import AppointmentStatus
from appointments.services import appointment_cancel
from appointments.tests.factories import book_directly
from doctors.services import leave_day_create, leave_day_update
from doctors.tests.factories import DoctorFactory, at, next_weekday
from notifications.models import Notification
from patients.tests.factories import PatientFactory

pytestmark = pytest.mark.django_db

MONDAY, TUESDAY, WEDNESDAY = next_weekday(0), next_weekday(1), next_weekday(2)


@pytest.fixture(autouse=True)
def _public_url(settings):
    settings.PUBLIC_URL = "http://testserver"


@pytest.fixture
def doctor():
    return DoctorFactory(phone="+493012345678")


def _patient():
    return PatientFactory(phone="+4915112340000", notify_sms=True)


def test_a_leave_over_booked_visits_tells_their_patients_with_a_rebook_link(
    doctor, django_capture_on_commit_callbacks, sms_outbox, api
):
    monday = book_directly(doctor, _patient(), start=at(MONDAY, 9))
    tuesday = book_directly(doctor, _patient(), start=at(TUESDAY, 11, 30))
    book_directly(doctor, _patient(), start=at(WEDNESDAY, 9))  # after the leave
    book_directly(doctor, _patient(), start=at(MONDAY, 10), status=AppointmentStatus.CANCELLED)

    with django_capture_on_commit_callbacks(execute=True):
        leave_day_create(doctor=doctor, start_date=MONDAY, end_date=TUESDAY, reason="Conference")

    told = Notification.objects.filter(event="leave")
    assert sorted(set(told.values_list("appointment_id", flat=True))) == sorted([monday.pk, tuesday.pk])
    assert set(told.values_list("recipient_role", flat=True)) == {"patient"}
    email = next(m for m in mail.outbox if m.to == [monday.patient.user.email])
    assert "needs a new time" in email.subject
    assert "Conference" not in email.body  # the doctor's reason for leave is theirs
    token = re.search(r"Choose another time: http://testserver/visit/(\S+)", email.body).group(1)
    page = api.get(f"/api/visit-links/{token}/").json()
    assert (page["action"], page["state"]) == ("reschedule", "ready")
    assert any("is away" in m["body"] for m in sms_outbox)


def test_changing_the_leave_tells_only_the_newly_covered_visits(doctor):
    monday = book_directly(doctor, _patient(), start=at(MONDAY, 9))
    tuesday = book_directly(doctor, _patient(), start=at(TUESDAY, 9))
    leave = leave_day_create(doctor=doctor, start_date=MONDAY, end_date=MONDAY)

    leave_day_update(leave=leave, end_date=TUESDAY)
    leave_day_update(leave=leave, reason="Still away")

    counts = {
        a.pk: Notification.objects.filter(event="leave", appointment=a, channel="email").count()
        for a in (monday, tuesday)
    }
    assert counts == {monday.pk: 1, tuesday.pk: 1}


def test_the_leave_api_tells_patients_too(doctor, client_for):
    visit = book_directly(doctor, _patient(), start=at(MONDAY, 9))

    response = client_for(doctor.user).post(
        "/api/leave-days/", {"start_date": MONDAY.isoformat(), "end_date": MONDAY.isoformat()}, format="json"
    )

    assert response.status_code == 201, response.content
    assert Notification.objects.filter(event="leave", appointment=visit).exists()


def test_a_doctors_move_tells_the_patient_why(doctor, client_for, django_capture_on_commit_callbacks, sms_outbox):
    visit = book_directly(doctor, _patient(), start=at(MONDAY, 9))

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(doctor.user).post(
            f"/api/appointments/{visit.pk}/reschedule/",
            {"appointment_time": at(TUESDAY, 10).isoformat(), "reason": "Surgery ran long"},
            format="json",
        )

    assert response.status_code == 200, response.content
    email = next(m for m in mail.outbox if m.to == [visit.patient.user.email])
    assert "Reason: Surgery ran long" in email.body
    assert "Surgery ran long" in email.alternatives[0][0]
    assert any("Surgery ran long" in m["body"] for m in sms_outbox if m["to"] == visit.patient.phone.as_e164)


def test_a_doctors_cancellation_tells_the_patient_why_by_sms_too(
    doctor, django_capture_on_commit_callbacks, sms_outbox
):
    visit = book_directly(doctor, _patient(), start=at(MONDAY, 9))

    with django_capture_on_commit_callbacks(execute=True):
        appointment_cancel(appointment=visit, by=doctor.user, reason="Doctor ill")

    sms = next(m for m in sms_outbox if m["to"] == visit.patient.phone.as_e164)
    assert "Doctor ill" in sms["body"]
