"""Writes of the notification outbox."""

from datetime import datetime

from .events import Event


def notify_appointment_event(*, appointment, event: Event, actor=None, previous_start: datetime | None = None) -> None:
    """Record the messages an appointment event produces, in the caller's transaction.

    Called by every appointment service after its change. The outbox (messages
    recorded here, sent after commit by Celery) is not built yet: for now no
    message is produced.
    """
