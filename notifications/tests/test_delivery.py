"""Sending the outbox: once, with retries on transient errors, failures recorded, nothing lost."""

import smtplib
import sys
import threading
from datetime import timedelta
from types import ModuleType, SimpleNamespace

import pytest
from django.core import mail
from django.db import connection, transaction
from django.utils import timezone

from doctors.tests.factories import DoctorFactory as ApiDoctorFactory
from doctors.tests.factories import at, next_weekday
from healthcare_system.celery import app as celery_app
from notifications import sms
from notifications.delivery import notification_deliver, notifications_sweep
from notifications.events import Event
from notifications.models import Notification
from notifications.services import notify_appointment_event
from notifications.tasks import send_appointment_email, sweep_pending
from patients.tests.factories import PatientFactory

from .brokers import tasks_via_broker
from .factories import AppointmentFactory

pytestmark = pytest.mark.django_db


def _record(**kwargs) -> list[Notification]:
    # Recorded without running the on-commit queueing: the test decides when to send.
    return notify_appointment_event(appointment=AppointmentFactory(**kwargs), event=Event.BOOKED)


def _patient_email(notifications) -> Notification:
    return next(n for n in notifications if n.channel == "email" and n.recipient_role == "patient")


class _FailingBackend:
    """An email backend raising the class attribute ``error`` on send."""

    error: Exception = smtplib.SMTPServerDisconnected("connection unexpectedly closed")

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise type(self).error


@pytest.fixture
def failing_email(settings):
    settings.EMAIL_BACKEND = f"{__name__}._FailingBackend"
    yield _FailingBackend
    _FailingBackend.error = smtplib.SMTPServerDisconnected("connection unexpectedly closed")


class TestOnce:
    def test_a_message_is_sent_once_however_often_its_task_runs(self):
        notification = _patient_email(_record())

        results = [send_appointment_email.delay(notification.pk).get() for _ in range(3)]

        assert results == ["sent", "skipped", "skipped"]
        assert len(mail.outbox) == 1
        notification.refresh_from_db()
        assert (notification.status, notification.attempts, notification.last_error) == ("sent", 1, "")
        assert notification.sent_at is not None

    def test_a_fresh_claim_is_not_taken_but_an_expired_one_is(self, settings):
        notification = _patient_email(_record())
        Notification.objects.filter(pk=notification.pk).update(status="sending", claimed_at=timezone.now())

        assert notification_deliver(notification_id=notification.pk).status == "skipped"

        # The worker holding the claim died: after the lease the sweep sends it.
        stale = timezone.now() - timedelta(seconds=settings.NOTIFICATIONS_SENDING_LEASE_SECONDS + 1)
        Notification.objects.filter(pk=notification.pk).update(claimed_at=stale)
        assert notifications_sweep() >= 1
        notification.refresh_from_db()
        assert notification.status == "sent"
        assert len(mail.outbox) == 1

    def test_unknown_id_is_skipped(self):
        assert notification_deliver(notification_id=987654).status == "skipped"


class TestFailures:
    def test_transient_error_keeps_the_message_pending_with_backoff(self, failing_email, settings):
        notification = _patient_email(_record())

        outcome = notification_deliver(notification_id=notification.pk)

        assert outcome.status == "retry"
        assert outcome.retry_in == settings.NOTIFICATIONS_RETRY_BACKOFF_SECONDS
        notification.refresh_from_db()
        assert notification.status == "pending"
        assert notification.attempts == 1
        assert notification.last_error == "SMTPServerDisconnected: connection unexpectedly closed"
        assert notification.next_attempt_at > timezone.now()

        # Backoff doubles with each attempt.
        assert notification_deliver(notification_id=notification.pk).retry_in == 2 * outcome.retry_in

    def test_transient_errors_give_up_after_max_attempts(self, failing_email, settings):
        settings.NOTIFICATIONS_MAX_ATTEMPTS = 3
        notification = _patient_email(_record())

        outcomes = [notification_deliver(notification_id=notification.pk).status for _ in range(4)]

        assert outcomes == ["retry", "retry", "failed", "skipped"]
        notification.refresh_from_db()
        assert (notification.status, notification.attempts) == ("failed", 3)
        assert "SMTPServerDisconnected" in notification.last_error

    def test_refused_recipient_fails_at_once_with_the_error(self, failing_email):
        failing_email.error = smtplib.SMTPRecipientsRefused({"x@example.com": (550, b"no such user")})
        notification = _patient_email(_record())

        assert notification_deliver(notification_id=notification.pk).status == "failed"

        notification.refresh_from_db()
        assert notification.status == "failed"
        assert notification.attempts == 1
        assert "no such user" in notification.last_error

    def test_twilio_without_the_package_or_credentials_fails_permanently(self, settings):
        settings.SMS_BACKEND = "twilio"
        notification = next(n for n in _record() if n.channel == "sms")

        assert notification_deliver(notification_id=notification.pk).status == "failed"

        notification.refresh_from_db()
        assert "twilio" in notification.last_error.lower()

    def test_failed_task_in_process_does_not_raise_into_the_caller(
        self, failing_email, django_capture_on_commit_callbacks
    ):
        appointment = AppointmentFactory()

        with django_capture_on_commit_callbacks(execute=True):
            notify_appointment_event(appointment=appointment, event=Event.BOOKED)

        assert set(Notification.objects.filter(channel="email").values_list("status", flat=True)) == {"pending"}
        assert set(Notification.objects.filter(channel="sms").values_list("status", flat=True)) == {"sent"}


class _TwilioRestException(Exception):
    def __init__(self, status, msg):
        super().__init__(msg)
        self.status, self.msg = status, msg


@pytest.fixture
def fake_twilio(monkeypatch, settings):
    """The optional ``twilio`` package, faked: messages it was asked to send, or ``error`` raised."""
    state = SimpleNamespace(sent=[], error=None)

    class Client:
        def __init__(self, sid, token):
            assert (sid, token) == ("AC123", "secret")
            self.messages = self

        def create(self, **kwargs):
            if state.error:
                raise state.error
            state.sent.append(kwargs)

    modules = {name: ModuleType(name) for name in ("twilio", "twilio.rest", "twilio.base", "twilio.base.exceptions")}
    modules["twilio.rest"].Client = Client
    modules["twilio.base.exceptions"].TwilioRestException = _TwilioRestException
    for name, module in modules.items():
        monkeypatch.setitem(sys.modules, name, module)
    settings.SMS_BACKEND = "twilio"
    settings.TWILIO_ACCOUNT_SID, settings.TWILIO_AUTH_TOKEN = "AC123", "secret"
    settings.TWILIO_FROM_NUMBER = "+15005550006"
    return state


class TestSmsBackends:
    def test_file_backend_writes_one_file_per_message(self, settings, tmp_path):
        settings.SMS_BACKEND = "file"
        settings.SMS_FILE_PATH = str(tmp_path / "sms")
        for notification in _record():
            notification_deliver(notification_id=notification.pk)

        files = sorted((tmp_path / "sms").iterdir())
        assert len(files) == 2
        assert all(f.read_text().startswith("To: +") for f in files)

    def test_twilio_backend_sends_through_the_client(self, fake_twilio):
        notification = next(n for n in _record() if n.channel == "sms")

        assert notification_deliver(notification_id=notification.pk).status == "sent"

        expected = {"to": notification.recipient, "from_": "+15005550006", "body": notification.body_text}
        assert fake_twilio.sent == [expected]

    @pytest.mark.parametrize(("status", "outcome"), [(400, "failed"), (429, "retry"), (503, "retry")])
    def test_twilio_errors_are_permanent_for_4xx_only(self, fake_twilio, status, outcome):
        fake_twilio.error = _TwilioRestException(status, "nope")
        notification = next(n for n in _record() if n.channel == "sms")

        assert notification_deliver(notification_id=notification.pk).status == outcome

        notification.refresh_from_db()
        assert notification.last_error == f"SmsError: Twilio {status}: nope"

    def test_console_backend_prints_the_message(self, settings, capsys):
        settings.SMS_BACKEND = "console"
        notification = next(n for n in _record() if n.channel == "sms")

        notification_deliver(notification_id=notification.pk)

        assert f"SMS to {notification.recipient}" in capsys.readouterr().out


@pytest.fixture
def broker_down():
    """Tasks go to a broker on a closed port, as when Redis is down at booking time."""
    fail_fast = {"socket_connect_timeout": 1, "max_retries": 0}
    with tasks_via_broker("redis://127.0.0.1:1/0", broker_transport_options=fail_fast):
        yield


class TestBrokerDown:
    def test_recording_succeeds_and_the_sweep_delivers_later_exactly_once(
        self, broker_down, django_capture_on_commit_callbacks, sms_outbox
    ):
        appointment = AppointmentFactory()

        with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
            notify_appointment_event(appointment=appointment, event=Event.BOOKED)
        # The queueing failed after commit, quietly: the booking's response is not affected.

        assert Notification.objects.filter(status="pending").count() == 4
        assert mail.outbox == []

        # The broker is back; the sweep leaves fresh rows to their own tasks...
        celery_app.conf.task_always_eager = True
        assert notifications_sweep() == 0
        # ... and sends those older than NOTIFICATIONS_SWEEP_AFTER_SECONDS.
        later = timezone.now() + timedelta(minutes=2)
        assert notifications_sweep(now=later) == 4
        assert notifications_sweep(now=later + timedelta(minutes=20)) == 0
        sweep_pending.delay().get()

        assert sorted(m.to[0] for m in mail.outbox) == sorted(
            [appointment.patient.user.email, appointment.doctor.user.email]
        )
        assert len(sms_outbox) == 2
        assert set(Notification.objects.values_list("status", flat=True)) == {"sent"}

    def test_booking_through_the_api_succeeds_and_the_sweep_sends_its_messages_later(
        self, broker_down, django_capture_on_commit_callbacks, client_for, sms_outbox
    ):
        doctor = ApiDoctorFactory(phone="+493012345678")
        patient = PatientFactory()
        body = {"doctor": doctor.pk, "appointment_time": at(next_weekday(0), 10).isoformat()}

        with django_capture_on_commit_callbacks(execute=True):
            response = client_for(patient.user).post("/api/book-appointment/", body, format="json")

        assert response.status_code == 201, response.json()
        notifications = Notification.objects.filter(appointment_id=response.json()["id"])
        assert sorted(notifications.values_list("recipient_role", "channel", "status")) == [
            ("doctor", "email", "pending"),
            ("doctor", "sms", "pending"),
            ("patient", "email", "pending"),
            ("patient", "sms", "pending"),
        ]
        assert mail.outbox == [] and sms_outbox == []

        celery_app.conf.task_always_eager = True  # the broker is back
        assert notifications_sweep(now=timezone.now() + timedelta(minutes=2)) == 4

        assert sorted(m.to[0] for m in mail.outbox) == sorted([patient.user.email, doctor.user.email])
        assert len(sms_outbox) == 2
        assert set(notifications.values_list("status", flat=True)) == {"sent"}

    def test_sweep_respects_the_backoff_of_a_failed_attempt(self, failing_email):
        notification = _patient_email(_record())
        notification_deliver(notification_id=notification.pk)  # transient failure: retry in 30 s
        just_after = timezone.now() + timedelta(seconds=61)
        Notification.objects.exclude(pk=notification.pk).update(status="sent")

        Notification.objects.filter(pk=notification.pk).update(next_attempt_at=just_after + timedelta(minutes=1))
        assert notifications_sweep(now=just_after) == 0
        assert notifications_sweep(now=just_after + timedelta(minutes=2)) == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_workers_sending_the_same_message_at_once_send_it_once(postgres_only, monkeypatch):
    # Outside a test transaction on_commit runs at once: keep the booking's own queueing
    # from sending the message before the four workers race for it.
    monkeypatch.setattr("notifications.services.enqueue_all", lambda jobs: None)
    notification = _patient_email(_record())
    monkeypatch.undo()
    barrier = threading.Barrier(4)
    outcomes = []

    def worker():
        try:
            barrier.wait()
            outcomes.append(notification_deliver(notification_id=notification.pk).status)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["sent", "skipped", "skipped", "skipped"]
    assert len(mail.outbox) == 1


class WorkerKilled(BaseException):
    """Stands for SIGKILL: nothing after it runs, not even an ``except Exception``."""


class _AcceptThenDie(sms.LocmemSmsBackend):
    """A provider that takes the message, then the worker dies before recording "sent"."""

    deaths = 1

    def send(self, **message):
        super().send(**message)
        if type(self).deaths:
            type(self).deaths -= 1
            raise WorkerKilled


class TestWorkerDiesMidSend:
    """Finding 11 of issue 17: killed after the provider accepted, before the row said sent."""

    @pytest.fixture
    def dying_sms(self, settings):
        settings.SMS_BACKEND = f"{__name__}._AcceptThenDie"
        _AcceptThenDie.deaths = 1
        return next(n for n in _record() if n.channel == "sms")

    def test_the_message_is_retried_within_a_minute_and_delivered_once(self, dying_sms, settings, sms_outbox):
        with pytest.raises(WorkerKilled):
            notification_deliver(notification_id=dying_sms.pk)
        dying_sms.refresh_from_db()
        assert dying_sms.status == "sending"  # what a killed worker leaves behind

        # Beat's first sweep after the lease, at most a minute after the crash, sends it again...
        sweep_every = settings.CELERY_BEAT_SCHEDULE["notifications-sweep-pending"]["schedule"]
        assert settings.NOTIFICATIONS_SENDING_LEASE_SECONDS + sweep_every <= 60
        crashed_at = timezone.now() - timedelta(seconds=settings.NOTIFICATIONS_SENDING_LEASE_SECONDS + 1)
        Notification.objects.filter(pk=dying_sms.pk).update(claimed_at=crashed_at)
        assert notifications_sweep() == 1

        # ...with the same idempotency key, so the provider keeps one copy.
        dying_sms.refresh_from_db()
        assert dying_sms.status == "sent"
        assert [m["idempotency_key"] for m in sms_outbox] == [f"notification-{dying_sms.pk}"]

    def test_a_message_stuck_sending_for_40_seconds_is_sent_by_the_sweep(self, dying_sms, sms_outbox):
        _AcceptThenDie.deaths = 0
        stuck = timezone.now() - timedelta(seconds=40)
        Notification.objects.filter(pk=dying_sms.pk).update(status="sending", claimed_at=stuck)
        assert notifications_sweep() == 1
        dying_sms.refresh_from_db()
        assert dying_sms.status == "sent"


class TestIdempotencyKeys:
    def test_file_backend_writes_a_repeated_key_once(self, settings, tmp_path):
        settings.SMS_BACKEND = "file"
        settings.SMS_FILE_PATH = str(tmp_path / "sms")
        backend = sms.get_sms_backend()
        for _ in range(2):
            backend.send(to="+4915112345678", body="Hello", idempotency_key="notification-7")
        assert len(list((tmp_path / "sms").iterdir())) == 1

    def test_a_backend_without_keys_is_called_as_before(self, settings, capsys):
        settings.SMS_BACKEND = "console"  # send(to=, body=) only: custom backends keep working
        notification = next(n for n in _record() if n.channel == "sms")
        assert notification_deliver(notification_id=notification.pk).status == "sent"

    def test_email_carries_a_message_id_stable_per_message(self):
        notification = _patient_email(_record())
        notification_deliver(notification_id=notification.pk)
        assert mail.outbox[0].extra_headers["Message-ID"].startswith(f"<notification-{notification.pk}@")
