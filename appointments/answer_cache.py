"""Whole answers of reads, kept under stamps that PostgreSQL triggers raise in every writer's
transaction: the mechanism the directory (``directory_cache``) and a patient's own list
(``list_cache``) share; each of those says which stamps its answers depend on.

An answer is keyed by the stamps it depends on, read *before* it is computed (so nothing is
stored under a stamp older than the data it was computed from), and by the minute, since
time moving on changes answers as well: a cached answer is never behind a change and at most
a minute behind the clock (reading the stamps: ``stamps``). Only a computed answer is stored: an
error (a 400 on a bad filter, a 404 page) is an exception and leaves the cache as it was.
"""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from django.core.cache import BaseCache

from .stamps import TIMEOUT_SECONDS


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
