"""Without a broker, the messages of a booking go out from a thread after the commit."""

import threading

import pytest
from django.core import mail
from django.db import transaction

from notifications import background
from notifications.background import in_background
from notifications.events import Event
from notifications.models import Notification
from notifications.services import notify_appointment_event

from .factories import AppointmentFactory


@pytest.fixture
def no_broker(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    settings.NOTIFICATIONS_SEND_IN_BACKGROUND = True


def test_work_runs_on_the_notification_thread(no_broker):
    ran = threading.Event()
    seen = {}

    def work(value):
        seen.update(thread=threading.current_thread().name, value=value)
        ran.set()

    in_background(work, 42)
    assert ran.wait(5)
    assert seen == {"thread": seen["thread"], "value": 42}
    assert seen["thread"].startswith("notifications")


@pytest.mark.parametrize("eager, switch", [(False, True), (True, False)])
def test_with_a_broker_or_switched_off_it_runs_in_place(settings, eager, switch):
    settings.CELERY_TASK_ALWAYS_EAGER, settings.NOTIFICATIONS_SEND_IN_BACKGROUND = eager, switch
    seen = []
    in_background(lambda: seen.append(threading.current_thread()))
    assert seen == [threading.current_thread()]


@pytest.mark.django_db(transaction=True)
def test_a_booking_commits_first_and_its_email_follows(no_broker):
    with transaction.atomic():
        notifications = notify_appointment_event(appointment=AppointmentFactory(), event=Event.BOOKED)
    emails = [n.pk for n in notifications if n.channel == "email"]
    assert emails
    # Wait for the thread to finish what the commit handed it (a no-op queued behind: one thread,
    # first in first out) rather than poll the table, which failed now and then on SQLite's
    # shared-cache test database ("database table is locked") while the thread wrote to it.
    background._executor.submit(lambda: None).result(timeout=10)
    assert Notification.objects.filter(pk__in=emails, status="sent").count() == len(emails)
    assert len(mail.outbox) == len(emails)
