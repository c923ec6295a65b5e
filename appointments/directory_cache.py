"""Whole answers of the public directory reads, the doctor search and a doctor's slots,
kept in the shared cache under the availability stamps.

Every change these answers depend on raises a stamp (``AvailabilityStamp``) in its own
transaction, through PostgreSQL triggers (migrations appointments/0013 and 0014): a doctor's
appointments and holds, leave, working hours, visit types, profile, account name and
specialty raise theirs; the clinic's booking rules raise stamp 0. So an answer is keyed by

- the search: the sum of all stamps (every raise adds one, so the sum never comes back);
- a doctor's slots: that doctor's stamp and stamp 0;

and by the minute, since time moving on changes answers as well (a slot passing the
minimum notice, a hold running out, a new day entering the booking window): a cached answer
is never behind a change and at most a minute behind the clock, as a page the browser
fetched a minute ago is. Booking checks everything again on the primary (409, 400).
How the stamps key an answer: ``answer_cache``; where nothing is cached: ``stamps``.
"""

from collections.abc import Callable
from datetime import datetime

from django.core.cache import cache

from . import answer_cache
from .answer_cache import Answer
from .models import AvailabilityStamp
from .stamps import doctor_stamps, enabled, minute, read

_SUM_OF_STAMPS = "SELECT COALESCE(SUM(version), 0), COUNT(*) FROM appointments_availabilitystamp"


def search_answer(
    query: list[tuple[str, str]], *, base_url: str, now: datetime, compute: Callable[[], object]
) -> Answer:
    """The doctor search's answer to ``query`` (its parameters), computed or from the cache.

    ``base_url`` is part of the key because the page links in the answer carry it."""
    if not enabled():
        return Answer(compute())
    ((total, count),) = read(AvailabilityStamp, _SUM_OF_STAMPS, [])
    return answer_cache.answer(cache, ("search", total, count, minute(now), base_url, sorted(query)), compute)


def slots_answer(
    doctor_id: int, query: list[tuple[str, str]], *, now: datetime, compute: Callable[[], object]
) -> Answer:
    """A doctor's free slots for ``query``, computed or from the cache."""
    if not enabled():
        return Answer(compute())
    stamps = doctor_stamps([doctor_id])
    key = ("slots", doctor_id, stamps[doctor_id], stamps[0], minute(now), sorted(query))
    return answer_cache.answer(cache, key, compute)
