"""Delivery of the notification outbox: each recorded message is queued on commit and sent at
most once: a row is claimed with one conditional UPDATE before sending, so concurrent task
runs, broker redeliveries and the sweep cannot send it twice. A failure is retried with
backoff until it is permanent; admins may retry failed ones."""

import logging
import smtplib
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from appointments.ical import appointment_ics

from .audience import ICS_EVENTS
from .background import in_background
from .models import Notification
from .sms import SmsError, get_sms_backend

logger = logging.getLogger(__name__)

Channel = Notification.Channel
Status = Notification.Status


def enqueue_all(jobs: list[tuple[int, str]]) -> None:
    # Without a broker "queueing" is sending: off the request's path (notifications/background.py).
    in_background(_enqueue_each, jobs)


def _enqueue_each(jobs: list[tuple[int, str]]) -> None:
    for notification_id, channel in jobs:
        if not notification_enqueue(notification_id=notification_id, channel=channel):
            # The broker is down. Each failed attempt costs the request that booked (this runs
            # on its commit) most of a second, so leave the rest to the sweep at once.
            return


def notification_enqueue(*, notification_id: int, channel: str) -> bool:
    """Queue the send task; never raises. False when the broker refused (the sweep sends it later)."""
    from .tasks import send_appointment_email, send_appointment_sms  # tasks import this module

    task = send_appointment_email if channel == Channel.EMAIL else send_appointment_sms
    try:
        task.delay(notification_id)
    except Exception:  # broker down or misconfigured: the row stays pending for the sweep
        logger.warning("Could not queue notification %s; the sweep will send it.", notification_id, exc_info=True)
        return False
    return True


@dataclass(frozen=True)
class Delivery:
    status: str  # sent | skipped | retry | failed
    retry_in: int | None = None  # seconds, when status == "retry"


def notification_deliver(*, notification_id: int) -> Delivery:
    """Send one recorded message, at most once; record the outcome on the row.

    A row is sent only after this call wins the claim ``pending → sending`` (one
    conditional UPDATE: of two concurrent callers exactly one changes the row). A claim
    older than NOTIFICATIONS_SENDING_LEASE_SECONDS is a crashed worker's and can be taken.
    A transient error (SMTP 4xx, connection, timeout, SMS backend says retry) puts the row
    back to pending with a backoff, until NOTIFICATIONS_MAX_ATTEMPTS; a permanent one marks
    it failed with the error. Never raises for delivery errors.
    """
    now = timezone.now()
    lease_expired = now - timedelta(seconds=settings.NOTIFICATIONS_SENDING_LEASE_SECONDS)
    claimed = Notification.objects.filter(
        Q(status=Status.PENDING) | Q(status=Status.SENDING, claimed_at__lt=lease_expired), pk=notification_id
    ).update(status=Status.SENDING, claimed_at=now, attempts=F("attempts") + 1)
    if not claimed:
        return Delivery("skipped")  # sent, failed, being sent elsewhere, or gone

    notification = Notification.objects.select_related(
        "appointment__doctor__user", "appointment__doctor__specialty", "appointment__patient__user"
    ).get(pk=notification_id)
    try:
        if notification.channel == Channel.EMAIL:
            _send_email(notification)
        else:
            _send_sms(notification)
    except Exception as exc:
        return _record_failure(notification, exc)

    Notification.objects.filter(pk=notification_id).update(
        status=Status.SENT, sent_at=timezone.now(), last_error="", next_attempt_at=None
    )
    return Delivery("sent")


def idempotency_key(notification: Notification) -> str:
    """The same for every attempt at one message: a provider that honours it sends it once."""
    return f"notification-{notification.pk}"


def _send_sms(notification: Notification) -> None:
    backend = get_sms_backend()
    message = {"to": notification.recipient, "body": notification.body_text}
    if backend.accepts_idempotency_key:
        message["idempotency_key"] = idempotency_key(notification)
    backend.send(**message)


def _send_email(notification: Notification) -> None:
    message = EmailMultiAlternatives(
        subject=notification.subject,
        body=notification.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[notification.recipient],
        # SMTP has no idempotency key: a worker that dies between the server's "250 OK" and
        # marking the row sent sends again after the lease (at-least-once). The Message-ID
        # is stable per message, so clients and servers that dedupe by it show one copy.
        headers={"Message-ID": f"<{idempotency_key(notification)}@{settings.ICAL_UID_DOMAIN}>"},
    )
    if notification.body_html:
        message.attach_alternative(notification.body_html, "text/html")
    if notification.event in ICS_EVENTS:
        message.attach("appointment.ics", appointment_ics(notification.appointment), "text/calendar")
    message.send(fail_silently=False)


def is_permanent_error(exc: Exception) -> bool:
    if isinstance(exc, SmsError):
        return exc.permanent
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return True
    if isinstance(exc, smtplib.SMTPResponseException):
        return exc.smtp_code >= 500
    # Connection refused/reset, timeouts, DNS, other SMTP trouble: worth another try.
    return not isinstance(exc, smtplib.SMTPException | OSError)


def retry_delay(attempts: int) -> int:
    """Exponential backoff: base, 2·base, 4·base … capped."""
    base = settings.NOTIFICATIONS_RETRY_BACKOFF_SECONDS
    return min(base * 2 ** max(attempts - 1, 0), settings.NOTIFICATIONS_RETRY_BACKOFF_MAX_SECONDS)


def _record_failure(notification: Notification, exc: Exception) -> Delivery:
    error = f"{type(exc).__name__}: {exc}"[:2000]
    permanent = is_permanent_error(exc)
    if permanent or notification.attempts >= settings.NOTIFICATIONS_MAX_ATTEMPTS:
        log = logger.exception if not isinstance(exc, SmsError | smtplib.SMTPException | OSError) else logger.warning
        log("Notification %s failed for good after %s attempt(s): %s", notification.pk, notification.attempts, error)
        Notification.objects.filter(pk=notification.pk).update(
            status=Status.FAILED, last_error=error, next_attempt_at=None
        )
        return Delivery("failed")
    delay = retry_delay(notification.attempts)
    logger.warning(
        "Notification %s attempt %s failed, retrying in %ss: %s", notification.pk, notification.attempts, delay, error
    )
    Notification.objects.filter(pk=notification.pk).update(
        status=Status.PENDING, last_error=error, next_attempt_at=timezone.now() + timedelta(seconds=delay)
    )
    return Delivery("retry", retry_in=delay)


def notifications_sweep(*, now: datetime | None = None, limit: int = 500) -> int:
    """Queue what the on-commit path did not deliver: pending rows older than
    NOTIFICATIONS_SWEEP_AFTER_SECONDS whose backoff is over, and claims past their lease.

    Returns how many were queued. Queueing twice is harmless (the claim sends once); each
    swept row is pushed back by the lease so a slow queue is not flooded with copies.
    """
    now = now or timezone.now()
    due = Notification.objects.filter(
        Q(
            status=Status.PENDING,
            created_at__lte=now - timedelta(seconds=settings.NOTIFICATIONS_SWEEP_AFTER_SECONDS),
        )
        & (Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        | Q(status=Status.SENDING, claimed_at__lt=now - timedelta(seconds=settings.NOTIFICATIONS_SENDING_LEASE_SECONDS))
    ).order_by("created_at", "id")
    jobs = list(due.values_list("pk", "channel")[:limit])
    if not jobs:
        return 0
    Notification.objects.filter(pk__in=[pk for pk, _ in jobs], status=Status.PENDING).update(
        next_attempt_at=now + timedelta(seconds=settings.NOTIFICATIONS_SENDING_LEASE_SECONDS)
    )
    queued = 0
    for notification_id, channel in jobs:
        if not notification_enqueue(notification_id=notification_id, channel=channel):
            break  # the broker is down: the next sweep tries again
        queued += 1
    return queued


@transaction.atomic
def notifications_retry(*, notification_ids: list[int]) -> int:
    """Put failed messages back in the queue (admin's "retry failed"). Returns how many.

    Only failed rows are touched: a sent message is never sent again from here.
    """
    ids = list(
        Notification.objects.select_for_update()
        .filter(pk__in=notification_ids, status=Status.FAILED)
        .values_list("pk", "channel")
    )
    Notification.objects.filter(pk__in=[pk for pk, _ in ids]).update(
        status=Status.PENDING, attempts=0, next_attempt_at=None, claimed_at=None
    )
    transaction.on_commit(partial(enqueue_all, ids))
    return len(ids)
