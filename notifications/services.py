"""Recording the notification outbox: the messages an appointment event produces, and the
reminders due.

The flow: an appointment service calls ``notify_appointment_event`` inside its transaction;
the messages are recorded there (rolled back with the change, never sent for a change that
did not happen) and queued on commit. Who hears what and the rendering are
``notifications.audience``; sending, claiming and retrying are ``notifications.delivery``.
"""

from datetime import datetime, timedelta
from functools import partial

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone, translation

from appointments.models import ACTIVE_STATUSES, Appointment, ClinicSettings

from .audience import event_recipients, message_context, recipient_language, render_for_channel
from .delivery import enqueue_all
from .events import Event
from .message_templates import custom_templates
from .models import Notification

Channel = Notification.Channel
Status = Notification.Status


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
    recipients = [r for r in event_recipients(appointment, event, actor) if channels is None or r[1] in channels]
    languages = [recipient_language(appointment, role) for role, _, _ in recipients]
    # The clinic's own templates of this event, for every recipient at once (one query).
    custom = custom_templates(event.value, languages) if recipients else {}
    notifications, plain = [], []
    for (role, channel, address), language in zip(recipients, languages, strict=True):
        with translation.override(language):  # dates and labels in the recipient's language
            context = message_context(
                appointment, event, role, clinic=clinic, actor=actor, previous_start=previous_start
            )
        context["change_reason"] = reason
        context.update(extra or {})
        notification = Notification(
            appointment=appointment,
            event=event,
            channel=channel,
            recipient_role=role,
            recipient=address,
            **render_for_channel(event, channel, context, language=language, custom=custom),
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
        transaction.on_commit(partial(enqueue_all, jobs))
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
