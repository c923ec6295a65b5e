"""Failures are visible in the Django admin, with their error, and can be queued again."""

import smtplib

import pytest
from django.core import mail

from accounts.tests.factories import AdminUserFactory
from notifications.delivery import notification_deliver
from notifications.events import Event
from notifications.services import notify_appointment_event

from .factories import AppointmentFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/notifications/notification/"


class _RefusingBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise smtplib.SMTPRecipientsRefused({"x@example.com": (550, b"mailbox unavailable")})


@pytest.fixture
def failed(settings):
    notifications = notify_appointment_event(appointment=AppointmentFactory(), event=Event.BOOKED)
    email = next(n for n in notifications if n.channel == "email" and n.recipient_role == "patient")
    settings.EMAIL_BACKEND = f"{__name__}._RefusingBackend"
    assert notification_deliver(notification_id=email.pk).status == "failed"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    return email


def test_the_changelist_shows_failed_messages_with_their_error(client, failed):
    client.force_login(AdminUserFactory())

    response = client.get(CHANGELIST, {"status__exact": "failed"})

    assert response.status_code == 200
    page = response.content.decode()
    assert failed.recipient in page
    assert "mailbox unavailable" in page
    assert client.get(f"{CHANGELIST}{failed.pk}/change/").status_code == 200


def test_retry_failed_queues_them_again_and_they_are_sent(client, failed, django_capture_on_commit_callbacks):
    client.force_login(AdminUserFactory())
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(CHANGELIST, {"action": "retry_failed", "_selected_action": [failed.pk]}, follow=True)

    assert response.status_code == 200
    assert "1 failed notification(s) queued again." in response.content.decode()
    failed.refresh_from_db()
    assert (failed.status, failed.attempts, failed.last_error) == ("sent", 1, "")
    assert [m.to for m in mail.outbox] == [[failed.recipient]]
