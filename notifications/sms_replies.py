"""Replies to our SMS: a patient texts C to confirm or X to cancel their next visit.

The provider posts each inbound message to ``/api/sms/replies/``. Twilio signs the post:
``X-Twilio-Signature`` is base64(HMAC-SHA1(auth token, the webhook URL followed by each
POST parameter's name and value, sorted by name)); a post without a valid signature is
refused, and without TWILIO_AUTH_TOKEN the webhook refuses everything.
"""

import base64
import hashlib
import hmac
from datetime import datetime
from xml.sax.saxutils import escape

from django.conf import settings
from django.utils import timezone

from appointments.errors import CancellationWindowClosed
from appointments.models import ACTIVE_STATUSES, Appointment
from appointments.services import appointment_cancel, appointment_patient_confirm
from healthcare_system.exceptions import DomainError

from .audience import format_local

CONFIRM_WORDS = frozenset({"c", "confirm", "yes", "y"})
CANCEL_WORDS = frozenset({"x", "cancel"})
HELP = "Reply C to confirm your next visit or X to cancel it."


def twilio_signature(auth_token: str, url: str, params: dict[str, str]) -> str:
    data = url + "".join(f"{key}{params[key]}" for key in sorted(params))
    digest = hmac.new(auth_token.encode(), data.encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


def signature_valid(url: str, params: dict[str, str], signature: str) -> bool:
    token = settings.TWILIO_AUTH_TOKEN
    if not token or not signature:
        return False
    return hmac.compare_digest(twilio_signature(token, url, params), signature)


def webhook_url(request) -> str:
    """The URL Twilio signed: TWILIO_WEBHOOK_URL when a proxy rewrites it, else the one asked."""
    return settings.TWILIO_WEBHOOK_URL or request.build_absolute_uri()


def sms_reply_handle(*, sender: str, body: str, now: datetime | None = None) -> str:
    """Act on one reply; returns the text to answer with."""
    now = now or timezone.now()
    word = body.strip().lower().rstrip(".!")
    if word not in CONFIRM_WORDS | CANCEL_WORDS:
        return HELP
    appointment = (
        Appointment.objects.filter(patient__phone=sender, status__in=ACTIVE_STATUSES, start__gt=now)
        .select_related("doctor__user", "patient__user")
        .order_by("start")
        .first()
        if sender
        else None
    )
    if appointment is None:
        return "We found no upcoming visit for this number. Please call the clinic."
    when = format_local(appointment.start, appointment.doctor.tzinfo)
    patient = appointment.patient.user
    try:
        if word in CONFIRM_WORDS:
            appointment_patient_confirm(appointment=appointment, now=now)
            return f"Thank you: your visit with {appointment.doctor} on {when} is confirmed."
        appointment_cancel(appointment=appointment, by=patient, reason="Cancelled by SMS reply.", now=now)
        return f"Your visit with {appointment.doctor} on {when} is cancelled."
    except CancellationWindowClosed as exc:
        return exc.message
    except DomainError as exc:
        return exc.message


def twiml(message: str) -> str:
    return f'<?xml version="1.0" encoding="UTF-8"?><Response><Message>{escape(message)}</Message></Response>'
