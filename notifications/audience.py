"""Who hears about what, and what they read: the recipients of an appointment event, each
one's language and context, and the message rendered for a channel. No writes here;
``notifications.services`` records the messages, ``notifications.delivery`` sends them."""

from datetime import datetime

from django.utils import dateformat
from django.utils.translation import gettext

from appointments.ical import appointment_location
from appointments.models import Appointment

from .events import Event
from .link_tokens import visit_link_url
from .message_templates import render_message
from .models import Notification

Channel = Notification.Channel
Role = Notification.RecipientRole

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


def event_recipients(appointment: Appointment, event: Event, actor=None) -> list[tuple[str, str, str]]:
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


def message_context(appointment, event, role, *, clinic, actor, previous_start) -> dict:
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


def recipient_language(appointment: Appointment, role: str) -> str:
    return appointment.patient.language if role == Role.PATIENT else "en"


def render_for_channel(event: Event, channel: str, context: dict, *, language: str = "en", custom=None) -> dict:
    if channel == Channel.SMS:
        context = {**context, "links": None}  # too long for a text: SMS answers by reply (C / X)
    return render_message(event=event.value, channel=channel, language=language, context=context, custom=custom)
