"""Links in messages: confirm, cancel and reschedule a visit without logging in, each link once."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from appointments.models import Appointment, AppointmentStatus, ClinicSettings
from appointments.tests.factories import book_directly
from doctors.tests.factories import DoctorFactory, at, next_weekday
from notifications.events import Event
from notifications.models import Notification
from notifications.services import notify_appointment_event
from notifications.visit_links import visit_link_read
from patients.tests.factories import PatientFactory

from .factories import AppointmentFactory

pytestmark = pytest.mark.django_db

LINK = re.compile(r"http://testserver/visit/(\S+)")


@pytest.fixture(autouse=True)
def _links_on_the_test_server(settings):
    settings.PUBLIC_URL = "http://testserver"


def _links(appointment, event=Event.REMINDER, captured=None) -> dict[str, str]:
    """The tokens of the patient's email for the event, by the words the email puts before them."""
    with captured(execute=True):
        notify_appointment_event(appointment=appointment, event=event)
    email = next(m for m in mail.outbox if m.to == [appointment.patient.user.email])
    lines = {line.split(":", 1)[0].strip(): line for line in email.body.splitlines() if "/visit/" in line}
    html = email.alternatives[0][0]
    tokens = {name: LINK.search(lines[label]).group(1) for name, label in LINKS.items()}
    assert all(token in html for token in tokens.values())
    return tokens


LINKS = {"confirm": "Yes, I will come", "reschedule": "Choose another time", "cancel": "Cancel the visit"}


def _in(hours):
    start = timezone.now().replace(microsecond=0) + timedelta(hours=hours)
    return AppointmentFactory(start=start, end=start + timedelta(minutes=30), status=AppointmentStatus.CONFIRMED)


@pytest.fixture
def links(django_capture_on_commit_callbacks):
    return lambda appointment, event=Event.REMINDER: _links(appointment, event, django_capture_on_commit_callbacks)


def test_reminder_email_carries_three_links_and_the_sms_says_how_to_reply(links, sms_outbox):
    appointment = _in(48)

    tokens = links(appointment)

    assert len(set(tokens.values())) == 3
    assert "Reply C to confirm or X to cancel" in sms_outbox[0]["body"]
    assert "/visit/" not in sms_outbox[0]["body"]


def test_doctor_emails_and_cancellation_emails_carry_no_links(django_capture_on_commit_callbacks):
    appointment = _in(48)
    with django_capture_on_commit_callbacks(execute=True):
        notify_appointment_event(appointment=appointment, event=Event.BOOKED)
    appointment.status = AppointmentStatus.CANCELLED
    with django_capture_on_commit_callbacks(execute=True):
        notify_appointment_event(appointment=appointment, event=Event.CANCELLED)

    with_links = [(m.to[0], m.subject.split(":")[0]) for m in mail.outbox if "/visit/" in m.body]
    assert with_links == [(appointment.patient.user.email, "[City Health Clinic] Appointment booked")]


def test_confirm_link_works_once_without_login(api, links):
    appointment = _in(48)
    token = links(appointment)["confirm"]

    page = api.get(f"/api/visit-links/{token}/")
    assert page.status_code == 200
    assert (page.json()["action"], page.json()["state"]) == ("confirm", "ready")
    assert page.json()["appointment"]["doctor"]["name"] == str(appointment.doctor)
    assert "reason" not in page.json()["appointment"]  # health data stays behind the login

    done = api.post(f"/api/visit-links/{token}/", {}, format="json")
    assert done.status_code == 200
    assert done.json()["state"] == "used"
    appointment.refresh_from_db()
    assert appointment.patient_confirmed_at is not None
    assert appointment.status == AppointmentStatus.CONFIRMED

    again = api.post(f"/api/visit-links/{token}/", {}, format="json")
    assert again.status_code == 410
    assert again.json()["code"] == "link_used"
    assert api.get(f"/api/visit-links/{token}/").json()["state"] == "used"


def test_a_stale_login_does_not_get_in_the_way(api, links):
    token = links(_in(48))["confirm"]
    api.credentials(HTTP_AUTHORIZATION="Bearer not-a-token")

    assert api.post(f"/api/visit-links/{token}/", {}, format="json").status_code == 200


def test_cancel_link_cancels_and_tells_the_doctor(api, links, django_capture_on_commit_callbacks):
    appointment = _in(48)
    token = links(appointment)["cancel"]

    with django_capture_on_commit_callbacks(execute=True):
        response = api.post(f"/api/visit-links/{token}/", {"reason": "Feeling better"}, format="json")

    assert response.status_code == 200
    appointment.refresh_from_db()
    assert (appointment.status, appointment.cancellation_reason) == ("cancelled", "Feeling better")
    assert appointment.cancelled_by == appointment.patient.user
    assert Notification.objects.filter(appointment=appointment, event="cancelled", recipient_role="doctor").exists()


@pytest.mark.parametrize("token", ["nonsense", "eyJhIjoxfQ:1tQ:forged", ""])
def test_a_forged_or_mangled_link_is_a_404(api, token):
    response = api.get(f"/api/visit-links/{token}x/")

    assert response.status_code == 404
    assert api.post(f"/api/visit-links/{token}x/", {}, format="json").status_code == 404


def test_a_link_with_a_changed_payload_is_a_404(api, links):
    appointment = _in(48)
    token = links(appointment)["cancel"]
    other = _in(72)
    payload, rest = token.split(":", 1)
    forged = f"{payload[:-2]}AA:{rest}"

    assert api.post(f"/api/visit-links/{forged}/", {}, format="json").status_code == 404
    assert Appointment.objects.get(pk=other.pk).status == AppointmentStatus.CONFIRMED
    assert Appointment.objects.get(pk=appointment.pk).status == AppointmentStatus.CONFIRMED


def test_an_old_link_is_expired(api, links, settings):
    appointment = _in(48)
    token = links(appointment)["cancel"]
    settings.VISIT_LINK_MAX_AGE_DAYS = -1  # every link is older than that

    page = api.get(f"/api/visit-links/{token}/").json()
    response = api.post(f"/api/visit-links/{token}/", {}, format="json")

    assert (page["state"], page["detail"]) == ("expired", "This link has expired.")
    assert (response.status_code, response.json()["code"]) == (410, "link_expired")
    assert Appointment.objects.get(pk=appointment.pk).status == AppointmentStatus.CONFIRMED


def test_a_link_ends_when_the_visit_starts_or_moves(api, links):
    appointment = _in(48)
    token = links(appointment)["confirm"]

    assert visit_link_read(token, now=appointment.start).state == "expired"
    appointment.start += timedelta(days=1)
    appointment.end += timedelta(days=1)
    appointment.save()
    page = api.get(f"/api/visit-links/{token}/").json()
    assert (page["state"], page["detail"]) == (
        "expired",
        "This visit has moved since the message was sent; the link was for its earlier time.",
    )
    assert api.post(f"/api/visit-links/{token}/", {}, format="json").status_code == 410


def test_cancel_and_reschedule_respect_the_cutoff_and_leave_the_link_unused(api, links):
    ClinicSettings.objects.update_or_create(pk=1, defaults={"cancellation_cutoff_hours": 24})
    appointment = _in(5)
    tokens = links(appointment)

    response = api.post(f"/api/visit-links/{tokens['cancel']}/", {}, format="json")

    assert (response.status_code, response.json()["code"]) == (400, "cancellation_window_closed")
    assert Appointment.objects.get(pk=appointment.pk).status == AppointmentStatus.CONFIRMED
    assert api.get(f"/api/visit-links/{tokens['cancel']}/").json()["state"] == "ready"
    # Saying you will come is always welcome.
    assert api.post(f"/api/visit-links/{tokens['confirm']}/", {}, format="json").status_code == 200


def test_reschedule_link_moves_the_visit_to_a_free_slot(api, links, django_capture_on_commit_callbacks):
    doctor = DoctorFactory()
    monday, tuesday = next_weekday(0), next_weekday(1)
    appointment = book_directly(doctor, PatientFactory(), start=at(monday, 9))
    token = links(appointment)["reschedule"]

    missing = api.post(f"/api/visit-links/{token}/", {}, format="json")
    off_grid = api.post(f"/api/visit-links/{token}/", {"appointment_time": at(tuesday, 20).isoformat()}, format="json")
    with django_capture_on_commit_callbacks(execute=True):
        moved = api.post(f"/api/visit-links/{token}/", {"appointment_time": at(tuesday, 10).isoformat()}, format="json")

    assert (missing.status_code, off_grid.status_code) == (400, 400)
    assert moved.status_code == 200, moved.json()
    appointment.refresh_from_db()
    assert appointment.start == at(tuesday, 10)
    assert moved.json()["state"] == "used"
    assert Notification.objects.filter(appointment=appointment, event="rescheduled").exists()
