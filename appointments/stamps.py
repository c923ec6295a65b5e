"""The stamps PostgreSQL triggers raise in every writer's transaction (``AvailabilityStamp``,
migrations appointments/0013 and 0014; ``ListStamp``, 0015), read for the caches keyed by
them: ``availability`` keeps each doctor's parts under them, ``answer_cache`` whole answers.

Without the triggers (SQLite), or with ``AVAILABILITY_CACHE_SECONDS = 0``, nothing is cached.
"""

from datetime import datetime

from django.conf import settings
from django.db import connection, connections, models, router

from .models import AvailabilityStamp

# Keys carry the minute, so what is kept under them is of no use for longer than that.
TIMEOUT_SECONDS = 90

_DOCTOR_STAMPS = "SELECT doctor_id, version FROM appointments_availabilitystamp WHERE doctor_id = ANY(%s)"


def cache_seconds() -> int:
    return settings.AVAILABILITY_CACHE_SECONDS if connection.vendor == "postgresql" else 0


def enabled() -> bool:
    return cache_seconds() > 0


def minute(now: datetime) -> int:
    return int(now.timestamp()) // 60


def read(model: type[models.Model], sql: str, params: list) -> list[tuple]:
    """The rows of one raw statement over ``model``'s stamp table (one round trip, no ORM)."""
    with connections[router.db_for_read(model)].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def doctor_stamps(ids: list[int]) -> dict[int, int]:
    """The doctors' stamps and the clinic's (0), each 0 until first raised."""
    found = dict(read(AvailabilityStamp, _DOCTOR_STAMPS, [[0, *ids]]))
    return {pk: found.get(pk, 0) for pk in [0, *ids]}
