"""The slot engine: which appointment slots of one doctor are free.

Pure functions over plain values: no Django, no ORM, no clock (``now`` is always passed in),
so the rules can be tested and benchmarked on their own. Search (``free_slots``), the doctor
list (``first_free_slot``, ``has_free_slot_on``) and booking (``check_start``) all go through
the same per-day grid (``day_slots``), so they can never disagree about a slot.

Time zones and daylight saving time, decided once here:

- Working hours are wall-clock times in the doctor's zone. Each wall-clock slot start is
  read at its *first* occurrence (``fold=0``); a start the clocks skip (spring-forward gap)
  does not exist and yields no slot.
- Slot starts step through each working interval by ``slot_minutes`` of wall-clock time (the
  grid). A slot lasts the visit's length of real time (``visit_minutes``, by default
  ``slot_minutes``) and must lie inside the real span of its working interval (interval
  start and end read at ``fold=0``; an end inside a gap means the instant the gap ends). A
  start less than one step of real time after the previous one of the same day is skipped,
  so the repeated hour in autumn produces neither duplicates nor overlaps: Berlin on the
  last Sunday of October with hours 01:00-04:00 has 01:00, 01:30, 02:00, 02:30 (CEST), then
  03:00, 03:30 (CET), and nothing in the second 02:00-03:00.

Visit types and buffers: a visit may be followed by ``buffer_minutes`` of set-up time. Busy
time is what other visits block, their buffers included; a start is free when the visit and
its buffer, ``[start, end + buffer)``, meet no busy time. Only the visit itself has to fit in
the working hours (the buffer may run past closing time). This is exactly the exclusion
constraint on ``[start, blocked_until)`` in the database, so the engine offers no start the
database would refuse.
- ``check_start`` rejects a time that does not exist on the wall clock it is written in
  (``OUTSIDE_HOURS``: the doctor cannot work in an hour that never happens) rather than
  silently moving it, and the second occurrence of a repeated time (``OFF_GRID``: only the
  first occurrence is a slot start).

Python compares two datetimes that share a ``tzinfo`` by wall clock, ignoring ``fold``, so
inside the repeated hour such comparisons are wrong. This module therefore compares UTC
instants only; callers comparing ``Slot`` times should do the same (``astimezone(UTC)``).
"""

from __future__ import annotations

import enum
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo

__all__ = [
    "BookingRules",
    "Busy",
    "Leave",
    "RejectReason",
    "Schedule",
    "Slot",
    "SlotRejected",
    "WorkingInterval",
    "check_start",
    "day_slots",
    "first_free_slot",
    "free_slots",
    "has_free_slot_on",
]

_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_ONE_DAY = timedelta(days=1)


# --- Plain values in ---------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class WorkingInterval:
    """A weekly stretch of working time: wall-clock times in the doctor's zone, same day."""

    weekday: int  # 0 = Monday .. 6 = Sunday, as date.weekday()
    start: time
    end: time

    def __post_init__(self) -> None:
        if not 0 <= self.weekday <= 6:
            raise ValueError(f"weekday must be 0..6, got {self.weekday}")
        if self.start.tzinfo is not None or self.end.tzinfo is not None:
            raise ValueError("working hours are wall-clock times and carry no time zone")
        if not self.start < self.end:
            raise ValueError("a working interval must start before it ends")


@dataclass(frozen=True, kw_only=True)
class Leave:
    """Days off, both ends included, as dates in the doctor's zone."""

    start_date: date
    end_date: date

    def __post_init__(self) -> None:
        if self.end_date < self.start_date:
            raise ValueError("a leave cannot end before it starts")

    def covers(self, day: date) -> bool:
        return self.start_date <= day <= self.end_date


@dataclass(frozen=True, kw_only=True)
class Busy:
    """Time already taken (an appointment, say): the half-open instant range [start, end)."""

    start: datetime
    end: datetime

    def __post_init__(self) -> None:
        _require_aware(self.start, "Busy.start")
        _require_aware(self.end, "Busy.end")
        # As instants: across the autumn fold the end can read earlier on the same clock.
        if not self.start.astimezone(UTC) < self.end.astimezone(UTC):
            raise ValueError("busy time must start before it ends")


@dataclass(frozen=True, kw_only=True)
class BookingRules:
    """How close to now and how far ahead patients may book (the clinic settings)."""

    min_notice: timedelta
    booking_window: timedelta

    def __post_init__(self) -> None:
        if self.min_notice < timedelta(0) or self.booking_window < timedelta(0):
            raise ValueError("min_notice and booking_window cannot be negative")


@dataclass(frozen=True, kw_only=True)
class Slot:
    """One bookable stretch, expressed in the doctor's zone (compare as instants, see above)."""

    start: datetime
    end: datetime


@dataclass(frozen=True, kw_only=True)
class Schedule:
    """Everything about one doctor the engine needs, for one kind of visit.

    ``slot_minutes`` is the grid step; ``visit_minutes`` the visit's length (default: one
    step) and ``buffer_minutes`` the time it blocks after it. ``busy`` holds what other
    visits block, each with its own buffer.
    """

    tz: ZoneInfo
    slot_minutes: int
    hours: tuple[WorkingInterval, ...]
    leaves: tuple[Leave, ...] = ()
    busy: tuple[Busy, ...] = ()
    visit_minutes: int | None = None
    buffer_minutes: int = 0

    def __post_init__(self) -> None:
        if self.slot_minutes <= 0:
            raise ValueError("slot_minutes must be positive")
        if self.visit_minutes is not None and self.visit_minutes <= 0:
            raise ValueError("visit_minutes must be positive")
        if self.buffer_minutes < 0:
            raise ValueError("buffer_minutes cannot be negative")

    @property
    def slot_length(self) -> timedelta:
        """The grid step."""
        return timedelta(minutes=self.slot_minutes)

    @property
    def visit_length(self) -> timedelta:
        return timedelta(minutes=self.visit_minutes or self.slot_minutes)

    @property
    def blocked_length(self) -> timedelta:
        """The visit and its buffer: what must be free, and what a booking blocks."""
        return self.visit_length + timedelta(minutes=self.buffer_minutes)

    def hours_on(self, weekday: int) -> list[WorkingInterval]:
        return [interval for interval in self.hours if interval.weekday == weekday]

    def on_leave(self, day: date) -> bool:
        return any(leave.covers(day) for leave in self.leaves)


# --- Why a start is refused ----------------------------------------------------------------


class RejectReason(enum.StrEnum):
    """Why ``check_start`` refused a start; the API maps BUSY to 409 and all others to 400."""

    NAIVE_DATETIME = enum.auto()
    PAST = enum.auto()
    TOO_SOON = enum.auto()
    TOO_FAR = enum.auto()
    ON_LEAVE = enum.auto()
    OUTSIDE_HOURS = enum.auto()
    OFF_GRID = enum.auto()
    BUSY = enum.auto()


class SlotRejected(Exception):
    """A requested start is not the start of a free slot; ``message`` is for the patient."""

    def __init__(self, reason: RejectReason, message: str) -> None:
        # Both go to Exception so the error survives pickling (e.g. through a Celery result).
        super().__init__(reason, message)
        self.reason = reason
        self.message = message

    def __str__(self) -> str:
        return self.message


# --- Public functions ----------------------------------------------------------------------


def free_slots(
    schedule: Schedule, *, rules: BookingRules, now: datetime, start_date: date, end_date: date
) -> list[Slot]:
    """Free slots on the local dates start_date..end_date (both included), ascending.

    Raises ValueError if ``now`` is naive.
    """
    search = _Search(schedule, rules, now)
    slots: list[Slot] = []
    for day in _dates(start_date, end_date):
        slots.extend(search.free_on(day))
    return slots


def first_free_slot(
    schedule: Schedule, *, rules: BookingRules, now: datetime, horizon_days: int | None = None
) -> Slot | None:
    """The earliest free slot from ``now`` within the booking window, or None.

    Scans day by day and stops at the first hit, because the doctor list asks this for every
    doctor on the page. ``horizon_days`` further limits the scan to local dates at most that
    many days after today (today in the doctor's zone). Raises ValueError if ``now`` is naive
    or ``horizon_days`` is negative.
    """
    if horizon_days is not None and horizon_days < 0:
        raise ValueError("horizon_days cannot be negative")
    search = _Search(schedule, rules, now)
    last_day = search.last_day
    if horizon_days is not None:
        today = search.now.astimezone(schedule.tz).date()
        last_day = min(last_day, today + timedelta(days=horizon_days))
    for day in _dates(search.first_day, last_day):
        for slot in search.free_on(day):
            return slot
    return None


def has_free_slot_on(schedule: Schedule, *, rules: BookingRules, now: datetime, day: date) -> bool:
    """Whether the local date ``day`` has at least one free slot (the ``available_on`` filter)."""
    return next(_Search(schedule, rules, now).free_on(day), None) is not None


def check_start(schedule: Schedule, *, rules: BookingRules, now: datetime, start: datetime) -> Slot:
    """The free slot that ``start`` begins, for booking and rescheduling.

    Raises SlotRejected with the first failing reason, checked in the order of RejectReason;
    ValueError if ``now`` is naive. The slot comes from the same grid as ``free_slots``, so a
    start is accepted exactly when ``free_slots`` lists it.
    """
    if not _is_aware(start):
        raise SlotRejected(
            RejectReason.NAIVE_DATETIME,
            "The appointment time must include a UTC offset, e.g. 2027-03-01T09:30:00+01:00.",
        )
    search = _Search(schedule, rules, now)
    instant = start.astimezone(UTC)
    _check_booking_window(search, rules, instant)

    day = instant.astimezone(schedule.tz).date()
    if schedule.on_leave(day):
        raise SlotRejected(RejectReason.ON_LEAVE, f"The doctor is on leave on {day.isoformat()}.")
    if not _exists(start):
        raise SlotRejected(RejectReason.OUTSIDE_HOURS, _nonexistent_message(start))

    grid = _day_grid(schedule, day)
    starts = [slot_start for slot_start, _ in grid]
    index = bisect_left(starts, instant)
    if index == len(starts) or starts[index] != instant:
        if not _fits_working_hours(schedule, day, instant):
            message = _outside_hours_message(schedule, day, start)
            raise SlotRejected(RejectReason.OUTSIDE_HOURS, message)
        raise SlotRejected(RejectReason.OFF_GRID, _off_grid_message(schedule, starts, instant))

    slot_start, slot_end = grid[index]
    if search.busy.overlaps(slot_start, slot_start + schedule.blocked_length):
        raise SlotRejected(RejectReason.BUSY, "That slot is already taken; please choose another.")
    return _slot(slot_start, slot_end, schedule.tz)


def day_slots(schedule: Schedule, day: date) -> list[Slot]:
    """The grid of one local date: every slot of the working hours, before leave, busy time,
    notice and window are applied. Useful to show taken slots greyed out."""
    return [_slot(start, end, schedule.tz) for start, end in _day_grid(schedule, day)]


# --- The grid ------------------------------------------------------------------------------


def _day_grid(schedule: Schedule, day: date) -> list[tuple[datetime, datetime]]:
    """UTC (start, end) of the grid slots of one local date, ascending; starts at least one
    step apart (so a visit no longer than a step never overlaps the next one).

    The single source of slots: searching and booking both read it.
    """
    step, length = schedule.slot_length, schedule.visit_length
    candidates: list[datetime] = []
    for interval in schedule.hours_on(day.weekday()):
        candidates.extend(_interval_starts(interval, day, schedule.tz, step, length))
    candidates.sort()

    grid: list[tuple[datetime, datetime]] = []
    for start in candidates:
        # After spring-forward a wall-clock step can be shorter in real time than a step;
        # keeping the earlier start keeps the grid free of duplicates and squeezed starts.
        if not grid or start >= grid[-1][0] + step:
            grid.append((start, start + length))
    return grid


def _interval_starts(
    interval: WorkingInterval, day: date, tz: tzinfo, step: timedelta, length: timedelta
) -> Iterator[datetime]:
    """Step wall-clock starts through one working interval, yielding the real starts of the
    visits of ``length`` that fit in it."""
    opens = _bound_instant(datetime.combine(day, interval.start), tz)
    closes = _bound_instant(datetime.combine(day, interval.end), tz)
    wall = datetime.combine(day, interval.start)
    last_wall = datetime.combine(day, interval.end) - length
    while wall <= last_wall:
        start = _wall_instant(wall, tz)
        # The real-span test matters on DST days: a wall-clock fit can overrun the real
        # end of the interval (spring forward) or the start may not exist at all.
        if start is not None and opens <= start and start + length <= closes:
            yield start
        wall += step


def _fits_working_hours(schedule: Schedule, day: date, instant: datetime) -> bool:
    """Whether a visit starting at ``instant`` lies inside the real span of a working interval."""
    end = instant + schedule.visit_length
    for interval in schedule.hours_on(day.weekday()):
        opens = _bound_instant(datetime.combine(day, interval.start), schedule.tz)
        closes = _bound_instant(datetime.combine(day, interval.end), schedule.tz)
        if opens <= instant and end <= closes:
            return True
    return False


# --- Wall clock to instants ----------------------------------------------------------------


def _wall_instant(wall: datetime, tz: tzinfo) -> datetime | None:
    """The UTC instant of a naive wall-clock reading at its first occurrence, or None if the
    clocks skip it (detected by the round trip through UTC)."""
    instant = wall.replace(tzinfo=tz).astimezone(UTC)
    if instant.astimezone(tz).replace(tzinfo=None) != wall:
        return None
    return instant


def _bound_instant(wall: datetime, tz: tzinfo) -> datetime:
    """Like _wall_instant, but a reading inside a gap means the instant the gap ends: an
    interval bound in the skipped hour is where working time resumes."""
    instant = _wall_instant(wall, tz)
    if instant is not None:
        return instant
    # In a gap, fold=1 reads the wall time with the offset after the change and fold=0 with
    # the one before, which brackets the change; bisect to the second (zone data has
    # whole-second changes). Gaps are rare, so the dozen steps cost nothing overall.
    before = wall.replace(tzinfo=tz, fold=1).astimezone(UTC)
    after = wall.replace(tzinfo=tz, fold=0).astimezone(UTC)
    offset_after = after.astimezone(tz).utcoffset()
    while after - before > timedelta(seconds=1):
        middle = before + (after - before) // 2
        middle -= timedelta(microseconds=middle.microsecond)
        if middle.astimezone(tz).utcoffset() == offset_after:
            after = middle
        else:
            before = middle
    return after


def _exists(moment: datetime) -> bool:
    """Whether an aware datetime names a reading its own wall clock actually shows."""
    back = moment.astimezone(UTC).astimezone(moment.tzinfo)
    return back.replace(tzinfo=None) == moment.replace(tzinfo=None)


# --- Rules and busy time -------------------------------------------------------------------


class _Search:
    """One question about one doctor at one moment: the booking rules turned into instants
    and the busy time indexed, shared by all the public functions."""

    def __init__(self, schedule: Schedule, rules: BookingRules, now: datetime) -> None:
        _require_aware(now, "now")
        self.schedule = schedule
        self.now = now.astimezone(UTC)
        self.earliest = self.now + rules.min_notice
        self.latest = self.now + rules.booking_window
        # A slot belongs to the local date of its start, so dates outside these two hold no
        # bookable slot. One day of slack at the end covers zones whose clocks once went back
        # across midnight (the date of an instant can then step back by one).
        self.first_day = self.earliest.astimezone(schedule.tz).date()
        self.last_day = self.latest.astimezone(schedule.tz).date() + _ONE_DAY
        self.busy = _BusyIndex(schedule.busy)

    def free_on(self, day: date) -> Iterator[Slot]:
        """Free slots of one local date, lazily, so callers can stop at the first."""
        if not self.first_day <= day <= self.last_day or self.schedule.on_leave(day):
            return
        blocked = self.schedule.blocked_length
        for start, end in _day_grid(self.schedule, day):
            if self.earliest <= start <= self.latest and not self.busy.overlaps(start, start + blocked):
                yield _slot(start, end, self.schedule.tz)


class _BusyIndex:
    """Busy time merged into sorted, disjoint UTC ranges, so one bisect answers whether a
    slot overlaps any of it: O(log n) per slot instead of a scan of every appointment."""

    def __init__(self, busy: Iterable[Busy]) -> None:
        self._starts: list[datetime] = []
        self._ends: list[datetime] = []
        for start, end in sorted((b.start.astimezone(UTC), b.end.astimezone(UTC)) for b in busy):
            if self._ends and start <= self._ends[-1]:
                self._ends[-1] = max(self._ends[-1], end)
            else:
                self._starts.append(start)
                self._ends.append(end)

    def overlaps(self, start: datetime, end: datetime) -> bool:
        """Whether [start, end) meets busy time; touching ends do not count."""
        # The last range starting before `end` has the latest end of all such ranges,
        # because the ranges are disjoint and sorted.
        index = bisect_left(self._starts, end) - 1
        return index >= 0 and self._ends[index] > start


def _check_booking_window(search: _Search, rules: BookingRules, instant: datetime) -> None:
    """PAST, TOO_SOON and TOO_FAR, each message quoting the rule the clinic set."""
    notice = _describe_duration(rules.min_notice)
    notice_rule = f"Appointments must be booked at least {notice} in advance."
    if instant < search.now:
        past = "That time is in the past."
        raise SlotRejected(RejectReason.PAST, f"{past} {notice_rule}" if rules.min_notice else past)
    if instant < search.earliest:
        raise SlotRejected(RejectReason.TOO_SOON, notice_rule)
    if instant > search.latest:
        window = _describe_duration(rules.booking_window)
        window_rule = f"Appointments can be booked at most {window} in advance."
        raise SlotRejected(RejectReason.TOO_FAR, window_rule)


# --- Small helpers -------------------------------------------------------------------------


def _dates(first: date, last: date) -> Iterator[date]:
    day = first
    while day <= last:
        yield day
        day += _ONE_DAY


def _slot(start: datetime, end: datetime, tz: tzinfo) -> Slot:
    return Slot(start=start.astimezone(tz), end=end.astimezone(tz))


def _is_aware(moment: datetime) -> bool:
    return moment.tzinfo is not None and moment.utcoffset() is not None


def _require_aware(moment: datetime, name: str) -> None:
    if not _is_aware(moment):
        raise ValueError(f"{name} must be a timezone-aware datetime")


# --- Messages ------------------------------------------------------------------------------


def _describe_duration(span: timedelta) -> str:
    """'24 hours', '90 days', '45 minutes': the unit the clinic settings most likely used."""
    seconds = int(span.total_seconds())
    if seconds >= 2 * 86400 and seconds % 86400 == 0:
        count, unit = seconds // 86400, "day"
    elif seconds >= 3600 and seconds % 3600 == 0:
        count, unit = seconds // 3600, "hour"
    elif seconds % 60 == 0:
        count, unit = seconds // 60, "minute"
    else:
        count, unit = seconds, "second"
    return f"{count} {unit}{'' if count == 1 else 's'}"


def _nonexistent_message(start: datetime) -> str:
    return (
        f"{start:%H:%M} on {start:%Y-%m-%d} does not exist in {start.tzinfo}: the clocks go "
        "forward for daylight saving time. Please choose another time."
    )


def _outside_hours_message(schedule: Schedule, day: date, start: datetime) -> str:
    weekday = _WEEKDAY_NAMES[day.weekday()]
    intervals = sorted(schedule.hours_on(day.weekday()), key=lambda interval: interval.start)
    if not intervals:
        return f"The doctor does not work on {weekday}s."
    hours = ", ".join(f"{i.start:%H:%M}-{i.end:%H:%M}" for i in intervals)
    local = start.astimezone(schedule.tz)
    return (
        f"A {schedule.visit_minutes or schedule.slot_minutes}-minute appointment at {local:%H:%M} on {weekday} "
        f"{day.isoformat()} is outside the doctor's working hours ({hours})."
    )


def _off_grid_message(schedule: Schedule, starts: list[datetime], instant: datetime) -> str:
    tz = schedule.tz
    local = instant.astimezone(tz)
    first_reading = local.replace(fold=0).astimezone(UTC)
    if local.fold == 1 and first_reading in starts:
        return (
            f"{local:%H:%M} occurs twice on {local:%Y-%m-%d} because the clocks go back; only "
            f"the first one ({first_reading.astimezone(tz).isoformat()}) can be booked."
        )
    message = f"That time is not on the doctor's {schedule.slot_minutes}-minute slot grid"
    index = bisect_left(starts, instant)
    nearest = [f"{s.astimezone(tz):%H:%M}" for s in starts[max(index - 1, 0) : index + 1]]
    if len(nearest) == 2:
        return f"{message}; the nearest slots start at {nearest[0]} and {nearest[1]}."
    if nearest:
        return f"{message}; the nearest slot starts at {nearest[0]}."
    return f"{message}."
