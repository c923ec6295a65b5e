"""Signed links in messages that answer for a visit without logging in: confirm, cancel, reschedule.

A link carries the appointment, the action, the start time it was written for and a random
nonce, signed with SECRET_KEY (django.core.signing). It works once (the nonce is recorded
in ``VisitLinkUse`` when used, a unique column), until the visit starts and for at most
VISIT_LINK_MAX_AGE_DAYS, and only for the time it was written for: after a move the old
links are stale. The changes go through the appointment services as the patient, so the
cancellation cutoff and the lifecycle rules are the same as in the app.
"""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone

from appointments.models import Appointment
from appointments.services import appointment_cancel, appointment_patient_confirm, appointment_reschedule
from healthcare_system.exceptions import DomainError

from .errors import LinkGone, LinkInvalid
from .link_tokens import SALT
from .models import VisitLinkUse


@dataclass(frozen=True)
class VisitLink:
    appointment: Appointment
    action: str
    nonce: str
    state: str  # ready | used | expired
    detail: str


def visit_link_read(token: str, *, now: datetime | None = None) -> VisitLink:
    """The link's visit, action and whether it still works. Raises ``LinkInvalid`` for a forgery."""
    now = now or timezone.now()
    max_age = settings.VISIT_LINK_MAX_AGE_DAYS * 86400
    try:
        payload = signing.loads(token, salt=SALT, max_age=max_age)
    except signing.SignatureExpired:
        payload = signing.loads(token, salt=SALT)  # genuine, only old: say so
        expired = "This link has expired."
    except signing.BadSignature:
        message = "This link is not valid. Please check that it was copied whole."
        raise LinkInvalid(message, code="link_invalid") from None
    else:
        expired = ""
    try:
        appointment_id, action, start, nonce = payload["a"], payload["x"], payload["s"], payload["n"]
        appointment = Appointment.objects.select_related("doctor__user", "doctor__specialty", "patient__user").get(
            pk=appointment_id
        )
    except (KeyError, TypeError, Appointment.DoesNotExist):
        raise LinkInvalid("This link is not valid.", code="link_invalid") from None
    if VisitLinkUse.objects.filter(nonce=nonce).exists():
        return VisitLink(appointment, action, nonce, "used", "This link has already been used.")
    if not expired:
        expired = _why_stale(appointment, start, now)
    if expired:
        return VisitLink(appointment, action, nonce, "expired", expired)
    return VisitLink(appointment, action, nonce, "ready", "")


def _why_stale(appointment: Appointment, start: int, now: datetime) -> str:
    if not appointment.is_active:
        return f"This visit is {appointment.get_status_display().lower()}, so the link no longer works."
    if int(appointment.start.timestamp()) != start:
        return "This visit has moved since the message was sent; the link was for its earlier time."
    if appointment.start <= now:
        return "This visit has already started, so the link no longer works."
    return ""


@transaction.atomic
def visit_link_use(
    token: str, *, appointment_time: datetime | None = None, reason: str = "", now: datetime | None = None
) -> tuple[str, Appointment]:
    """Do what the link says, once. Returns (action, appointment).

    Raises ``LinkInvalid`` (404), ``LinkGone`` (410: used, expired, stale) and whatever the
    appointment service raises (the cancellation cutoff, a taken slot); a refused change
    leaves the link unused.
    """
    now = now or timezone.now()
    link = visit_link_read(token, now=now)
    if link.state != "ready":
        raise LinkGone(link.detail, code=f"link_{link.state}")
    try:
        with transaction.atomic():
            VisitLinkUse.objects.create(nonce=link.nonce, appointment=link.appointment, action=link.action)
    except IntegrityError:  # the same link, used concurrently
        raise LinkGone("This link has already been used.", code="link_used") from None
    patient = link.appointment.patient.user
    if link.action == "confirm":
        appointment = appointment_patient_confirm(appointment=link.appointment, now=now)
    elif link.action == "cancel":
        reason = reason or "Cancelled from the link in a message."
        appointment = appointment_cancel(appointment=link.appointment, by=patient, reason=reason, now=now)
    else:
        if appointment_time is None:
            raise DomainError("Choose the new time.", field="appointment_time")
        appointment = appointment_reschedule(appointment=link.appointment, start=appointment_time, by=patient, now=now)
    return link.action, appointment
