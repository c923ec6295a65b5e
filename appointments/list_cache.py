"""A patient's own appointment list, the hottest private read, kept as whole answers under
the list stamps (``ListStamp``, raised by the PostgreSQL triggers of migration
appointments/0015): their stamp moves with any write to one of their appointments or to
their account's name, stamp 0 with the doctors' and the catalogue's names every list shows.
A repeated read costs the one query that reads both (the mechanism: ``answer_cache``).

The answers are health data, so they stay in this process (the ``private_answers`` cache, a
bounded local memory) and never reach the shared cache, which may be Redis. Only patients'
lists are cached: a doctor's, the front desk's or an admin's list depends on rows no single
stamp follows.
"""

from collections.abc import Callable
from datetime import datetime

from django.core.cache import caches

from . import answer_cache
from .models import ListStamp
from .stamps import enabled, minute, read

_STAMPS = "SELECT owner_id, version FROM appointments_liststamp WHERE owner_id IN (0, %s)"


def list_answer(
    user, query: list[tuple[str, list[str]]], *, base_url: str, now: datetime, compute: Callable[[], object]
) -> answer_cache.Answer:
    """``user``'s appointment list for ``query`` (its parameters): for a patient, from this
    process's cache when it holds it; for anyone else, ``compute()``'s. ``base_url`` is part
    of the key because the page links carry it."""
    if not user.is_patient or not enabled():
        return answer_cache.Answer(compute())
    stamps = dict(read(ListStamp, _STAMPS, [user.pk]))
    key = ("list", user.pk, user.role, stamps.get(user.pk, 0), stamps.get(0, 0))
    key += (minute(now), base_url, sorted(query))
    return answer_cache.answer(caches["private_answers"], key, compute)
