"""Writes of the notification outbox: recording messages for appointment events, delivering them.

The flow: an appointment service calls ``notify_appointment_event`` inside its transaction;
the messages are recorded there (rolled back with the change, never sent for a change that
did not happen) and queued on commit. ``notification_deliver`` sends one message at most
once: a row is claimed with one conditional UPDATE before sending, so concurrent task runs,
broker redeliveries and the sweep cannot send it twice.
"""

import logging
import smtplib
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import Exists, F, OuterRef, Q
from django.utils import dateformat, timezone, translation
from django.utils.translation import gettext

from appointments.ical import appointment_ics, appointment_location
from appointments.models import ACTIVE_STATUSES, Appointment, ClinicSettings

from .background import in_background
from .events import Event
from .link_tokens import visit_link_url
from .message_templates import custom_templates, render_message
from .models import Notification
from .sms import SmsError, get_sms_backend

logger = logging.getLogger(__name__)

Channel = Notification.Channel
Role = Notification.RecipientRole
Status = Notification.Status

# Who hears about what. The patient hears about everything; the doctor about changes to
# the day (booked, moved, cancelled) and about a confirmation someone else (the clinic)
# made, but not about their own confirmations or about reminders.
AUDIENCE: dict[Event, tuple[str, ...]] = {
    Event.BOOKED: (Role.PATIENT, Role.DOCTOR),
    Event.CONFIRMED: (Role.PATIENT, Role.DOCTOR),
    Event.RESCHEDULED: (Role.PATIENT, Role.DOCTOR),
    Event.CANCELLED: (Role.PATIENT, Role.DOCTOR),
    Event.REMINDER: (Role.PATIENT,),
    Event.OFFERED: (Role.PATIENT,),
    Event.SERIES_BOOKED: (Role.PATIENT, Role.DOCTOR),
    Event.SERIES_CANCELLED: (Role.PATIENT, Role.DOCTOR),
    Event.LEAVE: (Role.PATIENT,),
}

# Emails of these events carry the appointment as an .ics attachment (same UID, growing
# SEQUENCE), so a calendar that took the booking follows the changes.
ICS_EVENTS = frozenset({Event.BOOKED, Event.CONFIRMED, Event.RESCHEDULED, Event.CANCELLED})

# The patient's emails of these events carry links to confirm, cancel or reschedule the visit.
LINK_ACTIONS = ("confirm", "cancel", "reschedule")
LINK_EVENTS = frozenset({Event.BOOKED, Event.CONFIRMED, Event.RESCHEDULED, Event.REMINDER, Event.LEAVE})


# --- Recording ---------------------------------------------------------------------------


def notify_appointment_event(
    *,
    appointment: Appointment,
    event: Event,
    actor=None,
    previous_start: datetime | None = None,
    channels: tuple[str, ...] | None = None,
    lead_hours: int | None = None,
    extra: dict | None = None,
    reason: str = "",
    once_key: str | None = None,
    clinic: ClinicSettings | None = None,
) -> list[Notification]:
    """Record the messages an appointment event produces, in the caller's transaction.

    Called by every appointment service after its change (inside its transaction). The
    messages are queued for sending when that transaction commits; if queueing fails
    (broker down) they stay pending and ``sweep_pending`` sends them later. Reminders are
    recorded at most once per appointment, start time, lead time, channel and recipient: a
    concurrent duplicate is skipped, not raised. ``channels`` limits the messages to those
    channels (the reminder schedule is per channel). A cancellation or a move disarms the
    reminders recorded but not yet sent for the old time. ``reason`` is the why of a move,
    told to the patient. With ``once_key`` each message is recorded once per key, channel and
    role (a concurrent or repeated duplicate is skipped).

    ``extra`` adds to the templates' context what only the caller knows (the accept link of
    a waitlist offer, the dates of a series). ``clinic``, when the caller has the settings
    loaded already, saves loading them again.

    Raises nothing of its own; database errors propagate to the caller's transaction.
    """
    event = Event(event)
    clinic = clinic or ClinicSettings.load()
    if event in (Event.CANCELLED, Event.RESCHEDULED):
        _disarm_reminders(appointment)
    recipients = [r for r in _recipients(appointment, event, actor) if channels is None or r[1] in channels]
    languages = [_language(appointment, role) for role, _, _ in recipients]
    # The clinic's own templates of this event, for every recipient at once (one query).
    custom = custom_templates(event.value, languages) if recipients else {}
    notifications, plain = [], []
    for (role, channel, address), language in zip(recipients, languages, strict=True):
        with translation.override(language):  # dates and labels in the recipient's language
            context = _context(appointment, event, role, clinic=clinic, actor=actor, previous_start=previous_start)
        context["change_reason"] = reason
        context.update(extra or {})
        notification = Notification(
            appointment=appointment,
            event=event,
            channel=channel,
            recipient_role=role,
            recipient=address,
            **_render(event, channel, context, language=language, custom=custom),
        )
        if event == Event.REMINDER:
            notification.reminder_for = appointment.start
            notification.reminder_lead_hours = lead_hours
            notification.dedupe_key = reminder_dedupe_key(
                appointment, channel=channel, role=role, lead_hours=lead_hours
            )
        elif once_key:
            notification.dedupe_key = f"{once_key}:{channel}:{role}"
        if notification.dedupe_key:
            try:
                # A savepoint: a concurrent run that recorded this reminder first makes the
                # unique dedupe_key fail here, which only skips this one message.
                with transaction.atomic():
                    notification.save(force_insert=True)
            except IntegrityError:
                continue
        else:
            plain.append(notification)
        notifications.append(notification)
    # The messages without a dedupe key in one INSERT (PostgreSQL returns their ids).
    Notification.objects.bulk_create(plain)
    if notifications:
        jobs = [(n.pk, n.channel) for n in notifications]
        transaction.on_commit(partial(_enqueue_all, jobs))
    return notifications


def reminder_dedupe_key(appointment: Appointment, *, channel: str, role: str, lead_hours: int | None = None) -> str:
    # The start is part of the key: a rescheduled appointment is reminded of its new time.
    key = f"reminder:{appointment.pk}:{int(appointment.start.timestamp())}:{channel}:{role}"
    return key if lead_hours is None else f"{key}:{lead_hours}h"


def reminders_disarm(*, appointment: Appointment) -> None:
    """Drop the unsent reminders of a visit that changed without its own message (a series
    cancelled at once sends one message for all its visits)."""
    _disarm_reminders(appointment)


def _disarm_reminders(appointment: Appointment) -> None:
    """Drop reminders recorded but not yet claimed that no longer fit the visit.

    A claimed one (``sending``) is left to its worker: the claim is a conditional UPDATE on
    ``pending``, so this DELETE and a claim never both win.
    """
    stale = Notification.objects.filter(appointment=appointment, event=Event.REMINDER, status=Status.PENDING)
    if appointment.is_active:
        stale = stale.exclude(reminder_for=appointment.start)
    stale.delete()


def _recipients(appointment: Appointment, event: Event, actor=None) -> list[tuple[str, str, str]]:
    """(role, channel, address) for each message of the event, honouring the patient's choices."""
    patient, doctor = appointment.patient, appointment.doctor
    out = []
    for role in AUDIENCE[event]:
        by_doctor = role == Role.DOCTOR and actor_role(appointment, actor) == Role.DOCTOR
        if event in (Event.CONFIRMED, Event.SERIES_BOOKED, Event.SERIES_CANCELLED) and by_doctor:
            continue  # the doctor did it: no message about what they just did
        if role == Role.PATIENT:
            if patient.notify_email and patient.user.email:
                out.append((role, Channel.EMAIL, patient.user.email))
            if patient.notify_sms and patient.phone:
                out.append((role, Channel.SMS, patient.phone.as_e164))
        else:
            if doctor.user.email:
                out.append((role, Channel.EMAIL, doctor.user.email))
            if doctor.phone:
                out.append((role, Channel.SMS, doctor.phone.as_e164))
    return out


def format_local(value: datetime, tz) -> str:
    """A start time as the doctor's clinic sees it: 'Mon 1 Mar 2027, 09:30 CET' (names in the active language)."""
    local = value.astimezone(tz)
    return f"{dateformat.format(local, 'D j M Y, H:i')} {local.tzname()}"


def actor_role(appointment: Appointment, user) -> str:
    """Who made a change, as its recipients see it: 'patient', 'doctor' or 'clinic' (an admin, or nobody known)."""
    if user is not None and user.pk == appointment.patient.user_id:
        return Role.PATIENT
    if user is not None and user.pk == appointment.doctor.user_id:
        return Role.DOCTOR
    return "clinic"


def cancelled_by(appointment: Appointment, actor=None) -> str:
    """'patient', 'doctor' or 'clinic'; without an actor, the appointment's ``cancelled_by``."""
    return actor_role(appointment, actor or appointment.cancelled_by)


def _by_label(by: str, role: str, *, patient, doctor, clinic) -> str:
    """How the message names who made the change, for the recipient in ``role``."""
    if by == role:
        return "you"
    if by == Role.PATIENT:
        return f"the patient, {patient.full_name}"
    if by == Role.DOCTOR:
        return str(doctor)
    return f"the clinic ({clinic.clinic_name})"


def _context(appointment, event, role, *, clinic, actor, previous_start) -> dict:
    doctor, patient = appointment.doctor, appointment.patient
    tz = doctor.tzinfo
    context = {
        "event": event.value,
        "clinic_name": clinic.clinic_name,
        "is_patient": role == Role.PATIENT,
        "is_doctor": role == Role.DOCTOR,
        "recipient_name": patient.full_name if role == Role.PATIENT else str(doctor),
        "patient_name": patient.full_name,
        "doctor_name": str(doctor),
        "specialty": doctor.specialty.name,
        "location": appointment_location(appointment, clinic),
        "when": format_local(appointment.start, tz),
        "ends": f"{appointment.end.astimezone(tz):%H:%M}",
        "timezone": doctor.timezone,
        "previous_when": format_local(previous_start, tz) if previous_start else "",
        "status": gettext(appointment.get_status_display()),
        "appointment_id": appointment.pk,
        "cancellation_reason": appointment.cancellation_reason,
    }
    if role == Role.PATIENT and event in LINK_EVENTS and appointment.is_active:
        # Each message gets its own single-use links (rendered once, into the stored body).
        context["links"] = {action: visit_link_url(appointment, action) for action in LINK_ACTIONS}
    # Who made the change, named for this recipient. Cancellations fall back to the row's
    # cancelled_by; for confirmations and moves it is only said when the caller knows.
    by = None
    if event == Event.CANCELLED:
        by = cancelled_by(appointment, actor)
    elif event in (Event.CONFIRMED, Event.RESCHEDULED) and actor is not None:
        by = actor_role(appointment, actor)
    if by is not None:
        label = _by_label(by, role, patient=patient, doctor=doctor, clinic=clinic)
        context.update(changed_by=by, changed_by_label=label, cancelled_by=by, cancelled_by_label=label)
    return context


def _language(appointment: Appointment, role: str) -> str:
    return appointment.patient.language if role == Role.PATIENT else "en"


def _render(event: Event, channel: str, context: dict, *, language: str = "en", custom=None) -> dict:
    if channel == Channel.SMS:
        context = {**context, "links": None}  # too long for a text: SMS answers by reply (C / X)
    return render_message(event=event.value, channel=channel, language=language, context=context, custom=custom)


def _enqueue_all(jobs: list[tuple[int, str]]) -> None:
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


# --- Delivery ------------------------------------------------------------------------------


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


# --- Periodic work ------------------------------------------------------------------------------


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


def reminders_send_due(*, now: datetime | None = None) -> int:
    """Record (and queue) the reminders now due under the clinic's reminder schedule.

    Per channel, the lead times split the time before a visit into windows: with email at
    168 and 24 hours, the 168-hour reminder is due while the visit is 24 to 168 hours away,
    the 24-hour one inside the last 24 hours. So a visit booked late gets only the reminder
    of the window it is in, not every one it missed, and each (appointment, start, lead,
    channel) is recorded once.

    Safe to run often and concurrently: each appointment is locked and re-checked (a
    cancellation or a move that committed meanwhile wins), and the unique dedupe_key keeps a
    second concurrent run from recording the same reminder. Returns how many were recorded.
    """
    now = now or timezone.now()
    recorded = 0
    for channel, lead_hours, window_start, window_end in _reminder_windows(ClinicSettings.load(), now):
        for appointment_id in _due_for_reminder(channel, lead_hours, window_start, window_end):
            with transaction.atomic():
                appointment = (
                    Appointment.objects.select_for_update(of=("self",))
                    .select_related("doctor__user", "doctor__specialty", "patient__user")
                    .filter(pk=appointment_id, status__in=ACTIVE_STATUSES)
                    .filter(start__gt=window_start, start__lte=window_end)
                    .first()
                )
                if appointment is None:
                    continue  # cancelled or moved out of the window since the query above
                recorded += len(
                    notify_appointment_event(
                        appointment=appointment, event=Event.REMINDER, channels=(channel,), lead_hours=lead_hours
                    )
                )
    return recorded


def _reminder_windows(clinic: ClinicSettings, now: datetime):
    """(channel, lead hours, window start, window end) for each lead time of the schedule."""
    for channel, leads in clinic.reminder_lead_times().items():
        shorter = [*leads[1:], 0]  # leads are longest first: the next one closes this window
        for lead, next_lead in zip(leads, shorter, strict=True):
            yield channel, lead, now + timedelta(hours=next_lead), now + timedelta(hours=lead)


def _due_for_reminder(channel: str, lead_hours: int, window_start: datetime, window_end: datetime) -> list[int]:
    reminded = Notification.objects.filter(
        appointment=OuterRef("pk"),
        event=Event.REMINDER,
        channel=channel,
        reminder_for=OuterRef("start"),
        reminder_lead_hours=lead_hours,
    )
    reachable = (
        Q(patient__notify_email=True) & ~Q(patient__user__email="")
        if channel == Channel.EMAIL
        else Q(patient__notify_sms=True) & ~Q(patient__phone="")
    )
    return list(
        Appointment.objects.filter(reachable, status__in=ACTIVE_STATUSES, start__gt=window_start, start__lte=window_end)
        .exclude(Exists(reminded))
        .order_by("start")
        .values_list("pk", flat=True)
    )


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
    transaction.on_commit(partial(_enqueue_all, ids))
    return len(ids)
