"""Whole answers of reads, kept under stamps that PostgreSQL triggers raise in every writer's
transaction: the mechanism the directory (``directory_cache``) and a patient's own list
(``list_cache``) share; each of those says which stamps its answers depend on.

An answer is keyed by the stamps it depends on, read *before* it is computed (so nothing is
stored under a stamp older than the data it was computed from), and by the minute, since
time moving on changes answers as well: a cached answer is never behind a change and at most
a minute behind the clock. Where there are no stamps (SQLite), or with
``AVAILABILITY_CACHE_SECONDS = 0``, nothing is cached. Only a computed answer is stored: an
error (a 400 on a bad filter, a 404 page) is an exception and leaves the cache as it was.
"""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.core.cache import BaseCache
from django.db import connections, models, router

from . import availability

# Keys change every minute, so an answer is of no use for longer than that.
TIMEOUT_SECONDS = 90


def enabled() -> bool:
    return availability.cache_seconds() > 0


def stamps(model: type[models.Model], sql: str, params: list) -> list[tuple]:
    """The rows of one raw statement over ``model``'s stamp table (one round trip, no ORM)."""
    with connections[router.db_for_read(model)].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


@dataclass(frozen=True)
class Answer:
    """A read's data, and the tag of its version when it is kept under stamps (else None):
    the same tag, the same data, so it serves as the response's ETag."""

    data: object
    tag: str | None = None


def answer(store: BaseCache, parts: tuple, compute: Callable[[], object]) -> Answer:
    """The answer stored under ``parts`` (stamps, minute, query …), or ``compute()``'s, stored."""
    tag = hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()
    key = "answer:" + tag
    found = store.get(key)
    if found is None:
        found = compute()
        store.set(key, found, timeout=TIMEOUT_SECONDS)
    return Answer(found, tag)


def minute(now: datetime) -> int:
    return int(now.timestamp()) // 60
