"""Making the signed links that messages carry (see visit_links.py for reading and using them).

Apart from visit_links so that the message renderer can make links without importing the
appointment services (which import the renderer).
"""

import secrets

from django.conf import settings
from django.core import signing

from appointments.models import Appointment

SALT = "notifications.visit-link"
ACTIONS = ("confirm", "cancel", "reschedule")


def visit_link_token(appointment: Appointment, action: str) -> str:
    if action not in ACTIONS:
        raise ValueError(action)
    payload = {"a": appointment.pk, "x": action, "s": int(appointment.start.timestamp()), "n": secrets.token_hex(8)}
    return signing.dumps(payload, salt=SALT, compress=True)


def visit_link_url(appointment: Appointment, action: str) -> str:
    """Where a message's link points: the SPA's answer page, on PUBLIC_URL."""
    base = (settings.PUBLIC_URL or settings.NOTIFICATIONS_LINK_FALLBACK_URL).rstrip("/")
    return f"{base}/visit/{visit_link_token(appointment, action)}"
