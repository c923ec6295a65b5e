"""Calendar subscriptions: a secret URL per doctor (their schedule) and per patient (their visits).

The token in the URL is the only credential (calendar apps cannot log in), so it is long and
random, one per user, and replaced or removed from the SPA: a new token makes the old URL a
404 at once. Events keep the UID and SEQUENCE of the appointment's emailed .ics, so a
calendar that took the file from an email and the feed sees one event, updated in place;
cancelled visits stay in the feed as STATUS:CANCELLED for a while, so subscribers drop them.
"""

import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from appointments.ical import appointment_vevent, new_calendar
from appointments.models import Appointment, ClinicSettings

from .models import CalendarFeed

PAST_DAYS = 60  # how far back a feed goes: recent history, not years of it
FUTURE_DAYS = 730


def calendar_feed_get(*, user) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(user=user).first()


@transaction.atomic
def calendar_feed_regenerate(*, user) -> CalendarFeed:
    """Create the user's feed, or give it a new token (the old URL stops working)."""
    feed, _ = CalendarFeed.objects.select_for_update().get_or_create(user=user, defaults={"token": _new_token()})
    if not _:
        feed.token = _new_token()
        feed.created_at = timezone.now()
        feed.save(update_fields=["token", "created_at"])
    return feed


def calendar_feed_revoke(*, user) -> None:
    CalendarFeed.objects.filter(user=user).delete()


def _new_token() -> str:
    return secrets.token_urlsafe(32)


def calendar_feed_ics(*, token: str) -> bytes | None:
    """The feed behind a token as iCalendar text; None for an unknown or revoked token."""
    feed = CalendarFeed.objects.select_related("user").filter(token=token).first()
    if feed is None or not feed.user.is_active:
        return None
    user, clinic = feed.user, ClinicSettings.load()
    now = timezone.now()
    visits = Appointment.objects.filter(
        start__gte=now - timedelta(days=PAST_DAYS), start__lte=now + timedelta(days=FUTURE_DAYS)
    ).select_related("doctor__user", "doctor__specialty", "patient__user")
    if user.is_doctor:
        visits = visits.filter(doctor__user=user)
        cal = new_calendar(clinic, name=f"{clinic.clinic_name}: schedule")
        for appointment in visits.order_by("start", "id"):
            summary = f"Visit: {appointment.patient.full_name}"
            cal.add_component(appointment_vevent(appointment, clinic, summary=summary))
    else:
        visits = visits.filter(patient__user=user)
        cal = new_calendar(clinic, name=f"{clinic.clinic_name}: my visits")
        for appointment in visits.order_by("start", "id"):
            cal.add_component(appointment_vevent(appointment, clinic))
    return cal.to_ical()
