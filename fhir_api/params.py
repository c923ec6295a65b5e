"""Reading FHIR ids, references and search parameters; anything unusable is a 400.

Date searches (``start=ge2027-03-01``, ``date=le2027-03-05T12:00:00+01:00``) become one
half-open range of instants ``[lower, upper)``: a date stands for its whole day (in the
zone the caller passes), and the prefixes cut that range as FHIR says (``ge`` from the
day's start, ``le`` up to its end, ``gt`` after it, ``lt`` before it, none = within it).
Several date parameters intersect.
"""

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import NamedTuple

from healthcare_system.dates import EARLIEST, LATEST

from .outcomes import InvalidSearch

# --- Ids and references ------------------------------------------------------------------------

_NUMERIC_ID = re.compile(r"^[1-9][0-9]{0,17}$")
_SLOT_ID = re.compile(
    r"^(?P<doctor>[1-9][0-9]{0,17})-(?P<start>[0-9]{8}T[0-9]{6}Z)(?:-(?P<visit_type>[1-9][0-9]{0,17}))?$"
)
_SLOT_START_FORMAT = "%Y%m%dT%H%M%SZ"


def numeric_id(value: str) -> int | None:
    """Our database ids; anything else names no resource of ours (None)."""
    return int(value) if _NUMERIC_ID.match(value or "") else None


class SlotKey(NamedTuple):
    """What a slot id says: the doctor, the UTC start and the visit type (None: a plain slot)."""

    doctor_id: int
    start: datetime
    visit_type_id: int | None = None


def slot_id(doctor_id: int, start: datetime, visit_type_id: int | None = None) -> str:
    """A slot's id: its doctor, its UTC start and its visit type if any, so the same slot has
    the same id on every read (``12-20270301T080000Z``, ``12-20270301T080000Z-3``)."""
    plain = f"{doctor_id}-{start.astimezone(UTC).strftime(_SLOT_START_FORMAT)}"
    return f"{plain}-{visit_type_id}" if visit_type_id else plain


def parse_slot_id(value: str) -> SlotKey | None:
    """What a slot id says, or None when it is not one."""
    match = _SLOT_ID.match(value or "")
    if not match:
        return None
    try:
        start = datetime.strptime(match["start"], _SLOT_START_FORMAT).replace(tzinfo=UTC)
    except ValueError:
        return None
    visit_type = int(match["visit_type"]) if match["visit_type"] else None
    return SlotKey(int(match["doctor"]), start, visit_type)


def reference_id(value: str, resource_type: str, *, param: str) -> str:
    """The id in ``Type/id``, a bare ``id`` or an absolute ``…/Type/id``; 400 for another type."""
    value = (value or "").strip()
    parts = value.rstrip("/").split("/")
    if len(parts) == 1 and parts[0]:
        return parts[0]
    if len(parts) >= 2 and parts[-2] == resource_type and parts[-1]:
        return parts[-1]
    raise InvalidSearch(f"{param}: expected a reference like {resource_type}/123, got {value!r}.")


def one_value(query, name: str) -> str | None:
    values = query.getlist(name)
    if len(values) > 1:
        raise InvalidSearch(f"{name}: give it once.")
    return values[0] if values else None


def tokens(value: str) -> list[str]:
    """A comma-separated list (FHIR's OR)."""
    return [token.strip() for token in value.split(",") if token.strip()]


def check_known(query, allowed: set[str]) -> None:
    unknown = sorted(set(query) - allowed)
    if unknown:
        known = ", ".join(sorted(allowed))
        raise InvalidSearch(f"Unknown search parameter {', '.join(unknown)}; this resource takes: {known}.")


# --- Paging --------------------------------------------------------------------------------------

DEFAULT_COUNT, MAX_COUNT = 20, 100


@dataclass(frozen=True)
class Page:
    count: int
    number: int  # 1-based

    @property
    def offset(self) -> int:
        return self.count * (self.number - 1)


def page(query) -> Page:
    """``_count`` (default 20, at most 100; 0 asks for the total only) and ``_page`` (from 1)."""
    count = _whole_number(one_value(query, "_count"), "_count", default=DEFAULT_COUNT, minimum=0)
    number = _whole_number(one_value(query, "_page"), "_page", default=1, minimum=1)
    return Page(count=min(count, MAX_COUNT), number=number)


def _whole_number(value: str | None, name: str, *, default: int, minimum: int) -> int:
    if value is None:
        return default
    if not re.fullmatch(r"[0-9]{1,9}", value.strip()) or int(value) < minimum:
        raise InvalidSearch(f"{name}: expected a whole number of at least {minimum}, got {value!r}.")
    return int(value)


# --- Dates ---------------------------------------------------------------------------------------

_PREFIXES = ("eq", "ge", "le", "gt", "lt")
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


@dataclass(frozen=True)
class InstantRange:
    """Half-open ``[lower, upper)``; None is unbounded."""

    lower: datetime | None = None
    upper: datetime | None = None


def _split_prefix(value: str) -> tuple[str, str]:
    if value[:2] in _PREFIXES:
        return value[:2], value[2:]
    return "eq", value


def _cut(prefix: str, low, high):
    """The [lower, upper) that ``prefix`` leaves of the value's own range [low, high)."""
    return {"eq": (low, high), "ge": (low, None), "gt": (high, None), "le": (None, high), "lt": (None, low)}[prefix]


def _parse_day(text: str, name: str) -> date:
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise InvalidSearch(f"{name}: {text!r} is not a date (YYYY-MM-DD).") from None
    if not EARLIEST <= day <= LATEST:
        raise InvalidSearch(f"{name}: dates must be between {EARLIEST} and {LATEST}.")
    return day


def _parse_instant(text: str, name: str) -> datetime:
    # A '+' in a query string arrives as a space when the client did not encode it.
    text = text.replace(" ", "+")
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise InvalidSearch(f"{name}: {text!r} is not a date or a date-time.") from None
    if moment.tzinfo is None:
        raise InvalidSearch(f"{name}: a date-time needs a UTC offset, e.g. 2027-03-01T09:30:00+01:00.")
    if not EARLIEST <= moment.date() <= LATEST:
        raise InvalidSearch(f"{name}: dates must be between {EARLIEST} and {LATEST}.")
    return moment.astimezone(UTC)


def _intersect(cuts):
    """The [lower, upper) that all the cuts allow."""
    lowers = [low for low, _ in cuts if low is not None]
    uppers = [high for _, high in cuts if high is not None]
    return (max(lowers) if lowers else None), (min(uppers) if uppers else None)


def instant_range(values: list[str], *, name: str, zone: tzinfo) -> InstantRange:
    """The instants that every one of ``values`` allows; a plain date is that day in ``zone``."""
    cuts = []
    for raw in values:
        prefix, text = _split_prefix(raw.strip())
        if _DATE.match(text):
            day = _parse_day(text, name)
            low = datetime.combine(day, time.min, tzinfo=zone)
            high = datetime.combine(day + timedelta(days=1), time.min, tzinfo=zone)
        else:
            low = _parse_instant(text, name)
            high = low + timedelta(seconds=1)  # a date-time stands for its second
        cuts.append(_cut(prefix, low, high))
    return InstantRange(*_intersect(cuts))


def date_range(values: list[str], *, name: str) -> tuple[date | None, date | None]:
    """Like ``instant_range`` for a plain date (``birthdate``): ``[lower, upper)`` of dates."""
    cuts = []
    for raw in values:
        prefix, text = _split_prefix(raw.strip())
        day = _parse_day(text, name)
        cuts.append(_cut(prefix, day, day + timedelta(days=1)))
    return _intersect(cuts)
