"""Doctors' free time: schedules loaded for the pure slot engine, and the availability reads.

The one bridge between the ORM and ``appointments.slots``: the slots endpoint, the
doctor search (``next_available``, ``available_on``) and booking all build their
``Schedule`` here, so they can never disagree about what is free. Loading is done
in bulk — three queries whatever the number of doctors.

It lives beside the appointments whose busy time it reads (doctors, a lower layer, cannot
import them); the doctors' API reaches it from ``appointments.api.doctors``.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.core.cache import cache
from django.db import connections, router
from django.db.models import DateField, DateTimeField, IntegerField, Q, TextField, TimeField, Value
from django.utils import timezone

from doctors.models import Doctor, LeaveDay, VisitType, WorkingHours

from .models import ACTIVE_STATUSES, Appointment, ClinicSettings, HoldStatus
from .slots import (
    BookingRules,
    Busy,
    Leave,
    Schedule,
    Slot,
    WorkingInterval,
    first_free_slot,
    free_slots,
    has_free_slot_on,
)
from .stamps import TIMEOUT_SECONDS, cache_seconds, doctor_stamps, minute

# Local dates can be up to ~14 hours from UTC either way; pad the busy window.
_ZONE_PAD = timedelta(days=1)


def booking_rules(clinic: ClinicSettings | None = None) -> BookingRules:
    clinic = clinic or ClinicSettings.load()
    return BookingRules(
        min_notice=timedelta(hours=clinic.min_notice_hours),
        booking_window=timedelta(days=clinic.booking_window_days),
    )


def load_schedules(
    doctors: Iterable[Doctor],
    *,
    start_date: date,
    end_date: date,
    exclude_appointment_id: int | None = None,
    busy_after: datetime | None = None,
    visit_type: VisitType | None = None,
    cached: bool = False,
) -> dict[int, Schedule]:
    """Each doctor's schedule (hours, leaves, busy time) for local dates start_date..end_date.

    Busy time is what each visit blocks, its buffer included. ``visit_type`` (of the one
    doctor asked about) sets the length and buffer of the visit being looked for; without
    it, a plain slot of the doctor's ``slot_minutes`` with no buffer.

    ``exclude_appointment_id`` leaves one appointment out of the busy time, so a
    reschedule may move an appointment onto time overlapping its own old slot.
    ``busy_after`` (usually "now") skips busy time that ends before it: slots in the past
    are never free anyway, so their appointments need not be loaded.

    ``cached`` (the reads: slots and the search; never booking) takes each doctor's leave
    and busy time from the shared cache when their ``AvailabilityStamp`` has not moved since
    it was stored, and stores what it had to load (see ``_cached_parts``).
    """
    doctors = list(doctors)
    ids = [doctor.pk for doctor in doctors]
    now = timezone.now()
    if cached and exclude_appointment_id is None and cache_seconds():
        parts = _cached_parts(ids, start_date=start_date, end_date=end_date, busy_after=busy_after)
    else:
        parts = _load_parts(
            ids, start_date=start_date, end_date=end_date, busy_after=busy_after, exclude=exclude_appointment_id
        )
    schedules = {}
    for doctor in doctors:
        hours, leaves, busy = parts[doctor.pk]
        schedules[doctor.pk] = Schedule(
            tz=ZoneInfo(doctor.timezone),
            slot_minutes=doctor.slot_minutes,
            hours=hours,
            leaves=leaves,
            # A hold past its expiry is free at once, even before the sweep releases its row.
            busy=tuple(Busy(start=start, end=end) for start, end, expires in busy if expires is None or expires > now),
            visit_minutes=visit_type.duration_minutes if visit_type else None,
            buffer_minutes=visit_type.buffer_minutes if visit_type else 0,
        )
    return schedules


# Per doctor: (hours, leaves, busy) with busy as (start, blocked_until, hold expiry or None).
_Busy = tuple[tuple[datetime, datetime, datetime | None], ...]
_Parts = tuple[tuple[WorkingInterval, ...], tuple[Leave, ...], _Busy]


def _load_parts(
    ids: list[int], *, start_date: date, end_date: date, busy_after: datetime | None, exclude: int | None
) -> dict[int, _Parts]:
    """Hours, leave and busy time of the doctors ``ids`` from the database, in one statement.

    Booking makes this load on every request, so its three reads go as one UNION ALL (one
    round trip instead of three), written out rather than built by the ORM, whose building of
    three querysets and their union cost as much as the two round trips saved.
    """
    if not ids:
        return {}
    connection = connections[router.db_for_read(Appointment)]
    window_start, window_end = _busy_window(start_date=start_date, end_date=end_date, busy_after=busy_after)
    in_ids = ", ".join(["%s"] * len(ids))
    datetime_value = connection.ops.adapt_datetimefield_value
    date_value = connection.ops.adapt_datefield_value
    params = [
        *ids,
        *ids,
        date_value(end_date),
        date_value(start_date),
        *ids,
        datetime_value(window_end),
        datetime_value(window_start),
        datetime_value(timezone.now()),
    ]
    sql = _PARTS_SQL.format(ids=in_ids, exclude="" if exclude is None else "AND a.id <> %s", **_nulls(connection))
    if exclude is not None:
        params.append(exclude)
    hours: dict[int, list[WorkingInterval]] = defaultdict(list)
    leaves: dict[int, list[Leave]] = defaultdict(list)
    busy: dict[int, list[tuple]] = defaultdict(list)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = _converted(connection, cursor.fetchall())
    for part, doctor_id, weekday, start_time, end_time, first, last, start, end, status, expires in rows:
        if part == _HOURS:
            hours[doctor_id].append(WorkingInterval(weekday=weekday, start=start_time, end=end_time))
        elif part == _LEAVE:
            leaves[doctor_id].append(Leave(start_date=first, end_date=last))
        else:
            busy[doctor_id].append((start, end, _hold_expiry(status, expires)))
    return {pk: (tuple(hours[pk]), tuple(leaves[pk]), tuple(busy[pk])) for pk in ids}


# The parts of ``_load_parts``'s rows. Each row fills its part's columns; the others are NULL,
# cast to their type (PostgreSQL resolves a UNION's column types pairwise: two bare NULLs make
# text, which then matches no date or timestamp). Ordered as the three reads were: hours by
# weekday and start, leave by first day; busy time in no order (the engine needs none).
# Busy time as ``_load_leave_and_busy`` reads it: what takes time, in the window, one appointment left out.
_HOURS, _LEAVE, _BUSY = 0, 1, 2
_PARTS_SQL = f"""
SELECT {_HOURS}, h.doctor_id, h.weekday, h.start_time, h.end_time, {{date}}, {{date}},
       {{timestamp}}, {{timestamp}}, {{text}}, {{timestamp}}
FROM doctors_workinghours AS h WHERE h.doctor_id IN ({{ids}})
UNION ALL
SELECT {_LEAVE}, l.doctor_id, {{integer}}, {{time}}, {{time}}, l.start_date, l.end_date,
       {{timestamp}}, {{timestamp}}, {{text}}, {{timestamp}}
FROM doctors_leaveday AS l WHERE l.doctor_id IN ({{ids}}) AND l.start_date <= %s AND l.end_date >= %s
UNION ALL
SELECT {_BUSY}, a.doctor_id, {{integer}}, {{time}}, {{time}}, {{date}}, {{date}},
       a.start, a.blocked_until, a.status, a.hold_expires_at
FROM appointments_appointment AS a
WHERE a.doctor_id IN ({{ids}}) AND a.start < %s AND a.blocked_until > %s
  AND (a.status IN ({", ".join(f"'{status}'" for status in ACTIVE_STATUSES)})
       OR (a.status = '{HoldStatus.HELD}' AND a.hold_expires_at > %s))
  {{exclude}}
ORDER BY 1, 3, 4, 6
"""
# The type of each column, for the NULL casts and for turning what the driver returns into it.
_COLUMN_FIELDS = (
    IntegerField(),
    IntegerField(),
    IntegerField(),
    TimeField(),
    TimeField(),
    DateField(),
    DateField(),
    DateTimeField(),
    DateTimeField(),
    TextField(),
    DateTimeField(),
)


def _nulls(connection) -> dict[str, str]:
    types = {
        "integer": IntegerField(),
        "time": TimeField(),
        "date": DateField(),
        "timestamp": DateTimeField(),
        "text": TextField(),
    }
    return {name: f"CAST(NULL AS {field.db_type(connection)})" for name, field in types.items()}


def _converted(connection, rows: list[tuple]) -> list[tuple]:
    """Rows as the ORM would hand them over (SQLite returns dates and times as text)."""
    converters = [
        (index, converter, expression)
        for index, field in enumerate(_COLUMN_FIELDS)
        for expression in [Value(None, output_field=field)]
        for converter in connection.ops.get_db_converters(expression)
    ]
    if not converters:
        return rows
    converted = []
    for row in rows:
        row = list(row)
        for index, converter, expression in converters:
            row[index] = converter(row[index], expression, connection)
        converted.append(tuple(row))
    return converted


def _busy_window(*, start_date: date, end_date: date, busy_after: datetime | None) -> tuple[datetime, datetime]:
    """The instants busy time must overlap to matter on local dates start_date..end_date."""
    window_start = datetime.combine(start_date, datetime.min.time(), tzinfo=ZoneInfo("UTC")) - _ZONE_PAD
    window_end = datetime.combine(end_date, datetime.max.time(), tzinfo=ZoneInfo("UTC")) + _ZONE_PAD
    if busy_after is not None:
        window_start = max(window_start, busy_after)
    return window_start, window_end


def _hold_expiry(status: str, expires: datetime | None) -> datetime | None:
    return expires if status == HoldStatus.HELD else None


def _load_leave_and_busy(
    ids: list[int], *, start_date: date, end_date: date, busy_after: datetime | None, exclude: int | None
) -> dict[int, tuple[tuple[Leave, ...], _Busy]]:
    leaves: dict[int, list[Leave]] = defaultdict(list)
    for doctor_id, first, last in (
        LeaveDay.objects.filter(doctor_id__in=ids, start_date__lte=end_date, end_date__gte=start_date)
        .order_by("start_date")
        .values_list("doctor_id", "start_date", "end_date")
    ):
        leaves[doctor_id].append(Leave(start_date=first, end_date=last))

    window_start, window_end = _busy_window(start_date=start_date, end_date=end_date, busy_after=busy_after)
    busy: dict[int, list[tuple]] = defaultdict(list)
    # Waitlist holds take time like bookings while they last (their expiry is kept, so that a
    # cached schedule frees the time when it passes). ``_PARTS_SQL`` says the same in SQL.
    takes_time = Q(status__in=ACTIVE_STATUSES) | Q(status=HoldStatus.HELD, hold_expires_at__gt=timezone.now())
    appointments = Appointment.all_rows.filter(
        takes_time, doctor_id__in=ids, start__lt=window_end, blocked_until__gt=window_start
    )
    if exclude is not None:
        appointments = appointments.exclude(pk=exclude)
    for doctor_id, start, end, status, expires in appointments.order_by().values_list(
        "doctor_id", "start", "blocked_until", "status", "hold_expires_at"
    ):
        busy[doctor_id].append((start, end, _hold_expiry(status, expires)))
    return {pk: (tuple(leaves[pk]), tuple(busy[pk])) for pk in ids}


def _per_doctor_cached(
    doctors: list[Doctor], what: str, *, now: datetime, compute: Callable[[list[Doctor]], dict[int, object]]
) -> dict[int, object]:
    """``compute(doctors)`` (a value per doctor id), each doctor's value kept in the cache under
    their stamp, the clinic's and the minute (as ``directory_cache``): after a booking only the
    doctor booked is computed again. Without stamps (SQLite), everything is computed."""
    if not cache_seconds() or not doctors:
        return compute(doctors)
    stamps = doctor_stamps([doctor.pk for doctor in doctors])
    keys = {d.pk: f"{what}:{d.pk}:{stamps[d.pk]}:{stamps[0]}:{minute(now)}" for d in doctors}
    stored = cache.get_many(list(keys.values()))
    values = {pk: stored[key] for pk, key in keys.items() if key in stored}
    missing = [doctor for doctor in doctors if doctor.pk not in values]
    if missing:
        computed = compute(missing)
        cache.set_many({keys[pk]: value for pk, value in computed.items()}, timeout=TIMEOUT_SECONDS)
        values.update(computed)
    return values


# The doctors' stamps and their working hours in one statement (the same snapshot).
_STAMPS_AND_HOURS = """
SELECT d.id, COALESCE(s.version, 0), h.weekday, h.start_time, h.end_time
FROM unnest(%s::bigint[]) AS d(id)
LEFT JOIN appointments_availabilitystamp AS s ON s.doctor_id = d.id
LEFT JOIN doctors_workinghours AS h ON h.doctor_id = d.id
ORDER BY h.weekday, h.start_time
"""


def _cached_parts(
    ids: list[int], *, start_date: date, end_date: date, busy_after: datetime | None
) -> dict[int, _Parts]:
    """``_load_parts`` with leave and busy time through the cache: 1 query when every doctor
    is cached (stamps and hours), 3 when some are not, as without the cache.

    The stamps are read no later than what is stored under them, so nothing stored under a
    stamp is older than the change that raised it. Busy time that ended before ``busy_after``
    is left out of what is stored; later reads come later still, when it is past for them too.
    """
    if not ids:
        return {}
    hours: dict[int, list[WorkingInterval]] = defaultdict(list)
    stamps: dict[int, int] = {}
    with connections[router.db_for_read(WorkingHours)].cursor() as cursor:
        cursor.execute(_STAMPS_AND_HOURS, [ids])
        for pk, version, weekday, start, end in cursor.fetchall():
            stamps[pk] = version
            if weekday is not None:
                hours[pk].append(WorkingInterval(weekday=weekday, start=start, end=end))
    keys = {pk: f"availability:{pk}:{stamps[pk]}:{start_date}:{end_date}" for pk in ids}
    rest = cache.get_many(list(keys.values()))
    rest = {pk: rest[key] for pk, key in keys.items() if key in rest}
    missing = [pk for pk in ids if pk not in rest]
    if missing:
        loaded = _load_leave_and_busy(
            missing, start_date=start_date, end_date=end_date, busy_after=busy_after, exclude=None
        )
        cache.set_many({keys[pk]: loaded[pk] for pk in missing}, timeout=cache_seconds())
        rest.update(loaded)
    return {pk: (tuple(hours[pk]), *rest[pk]) for pk in ids}


def load_schedule(doctor: Doctor, *, start_date: date, end_date: date, **kwargs) -> Schedule:
    return load_schedules([doctor], start_date=start_date, end_date=end_date, **kwargs)[doctor.pk]


# next_available is found in widening passes: most doctors have a free slot within the
# first days, so the first pass loads (and scans) only that many days for everyone; each
# later pass loads a longer span only for the doctors still without a slot, the last one
# the whole booking window. Every pass is a bulk load, so the query count never depends on
# the number of doctors. (On 485 busy doctors, one pass of 7 days loaded ~20 000 rows.)
NEXT_AVAILABLE_PASS_DAYS = (2, 14)

# The doctor search with ``available_on`` (a day up to the last pass ahead) loads each
# matching doctor's schedule from today to that day once, and notes the first free slot it
# sees on the way; ``next_available`` then takes it from here instead of loading again
# (14 queries down to 7 for a search by day and soonest slot). Request-scoped: see
# ``availability_memo``.
_availability_memo: ContextVar[dict | None] = ContextVar("availability_memo", default=None)


@contextmanager
def availability_memo() -> Iterator[None]:
    """Within the block, ``doctor_ids_available_on`` hands its findings to ``doctors_set_next_available``."""
    token = _availability_memo.set({})
    try:
        yield
    finally:
        _availability_memo.reset(token)


# --- Free time ------------------------------------------------------------------------------


def _load_window(now: datetime, days: int) -> tuple[date, date]:
    # Local dates lie within a day of the UTC date, so one day of slack each side covers
    # every zone; the engine itself drops anything outside notice and window.
    today = now.astimezone(UTC).date()
    return today - timedelta(days=1), today + timedelta(days=days + 1)


def doctors_set_next_available(doctors: Sequence[Doctor], *, now: datetime) -> Sequence[Doctor]:
    """Set ``doctor.next_available`` (first free slot start in the doctor's zone, or None).

    At most 1 + 3 queries per pass whatever the number of doctors (NEXT_AVAILABLE_PASS_DAYS).
    """
    if not doctors:
        return doctors
    memo = _availability_memo.get() or {}
    rules = memo.get("rules") or booking_rules()
    window_days = rules.booking_window.days + 1
    passes = [days for days in NEXT_AVAILABLE_PASS_DAYS if days < window_days] + [window_days]

    first_free = memo.get("first_free", {})

    def compute(doctors: list[Doctor]) -> dict[int, Slot | None]:
        found = {doctor.pk: first_free.get(doctor.pk) for doctor in doctors}
        remaining = [doctor for doctor in doctors if found[doctor.pk] is None]
        for days in passes if remaining else ():
            start, end = _load_window(now, days)
            schedules = load_schedules(remaining, start_date=start, end_date=end, busy_after=now, cached=True)
            for doctor in remaining:
                found[doctor.pk] = first_free_slot(schedules[doctor.pk], rules=rules, now=now, horizon_days=days)
            remaining = [doctor for doctor in remaining if found[doctor.pk] is None]
            if not remaining:
                break
        return found

    found = _per_doctor_cached(list(doctors), "first_free", now=now, compute=compute)
    for doctor in doctors:
        slot = found[doctor.pk]
        doctor.next_available = slot.start if slot else None
    return doctors


def doctors_sorted_by_next_available(doctors: Iterable[Doctor], *, descending: bool = False) -> list[Doctor]:
    """Doctors with ``next_available`` set, soonest first (latest first if descending);
    doctors without a free slot always last, ties by name."""
    doctors = sorted(doctors, key=lambda d: (d.user.last_name.lower(), d.user.first_name.lower(), d.pk))
    with_slot = [d for d in doctors if d.next_available is not None]
    without = [d for d in doctors if d.next_available is None]
    # Compare instants, not wall clocks (doctors live in different zones).
    with_slot.sort(key=lambda d: d.next_available.astimezone(UTC), reverse=descending)
    return with_slot + without


def doctor_ids_available_on(doctors: Iterable[Doctor], *, day: date, now: datetime) -> list[int]:
    """Ids of the doctors with at least one free slot on ``day`` (a date in each doctor's zone)."""
    doctors = list(doctors)
    rules = booking_rules()
    first, last = _load_window(now, rules.booking_window.days + 1)
    if not doctors or not first <= day <= last:
        return []  # no doctor has a free slot outside the booking window
    memo = _availability_memo.get()
    if memo is None or (day - first).days > NEXT_AVAILABLE_PASS_DAYS[-1]:

        def compute(doctors: list[Doctor]) -> dict[int, bool]:
            schedules = load_schedules(doctors, start_date=day, end_date=day, busy_after=now, cached=True)
            return {d.pk: has_free_slot_on(schedules[d.pk], rules=rules, now=now, day=day) for d in doctors}

        free = _per_doctor_cached(doctors, f"free_on:{day}", now=now, compute=compute)
        return [d.pk for d in doctors if free[d.pk]]

    # From today on: each available doctor's first free slot lies on ``day`` at the latest, so
    # the scan below stops inside the loaded span (see availability_memo).
    def compute_with_first(doctors: list[Doctor]) -> dict[int, Slot | None]:
        # The first free slot of each doctor free on ``day``; None for the others.
        schedules = load_schedules(doctors, start_date=first, end_date=day, busy_after=now, cached=True)
        return {
            d.pk: first_free_slot(schedules[d.pk], rules=rules, now=now)
            if has_free_slot_on(schedules[d.pk], rules=rules, now=now, day=day)
            else None
            for d in doctors
        }

    first_free = _per_doctor_cached(doctors, f"free_on_first:{day}", now=now, compute=compute_with_first)
    ids = [d.pk for d in doctors if first_free[d.pk] is not None]
    memo["rules"] = rules
    memo["first_free"] = {pk: first_free[pk] for pk in ids}
    return ids


def doctor_free_slots(
    doctor: Doctor,
    *,
    start_date: date,
    end_date: date,
    now: datetime,
    visit_type: VisitType | None = None,
    cached: bool = False,
) -> list[Slot]:
    """Free slots of one doctor on local dates start_date..end_date, ascending (5 queries at most);
    for a visit of ``visit_type`` (its length and buffer) when given; ``cached``: see ``load_schedules``."""
    rules = booking_rules()
    # Nothing outside the booking window is free: load (and scan) only the part inside it.
    first, last = _load_window(now, rules.booking_window.days + 1)
    start_date, end_date = max(start_date, first), min(end_date, last)
    if end_date < start_date:
        return []
    schedule = load_schedules(
        [doctor], start_date=start_date, end_date=end_date, busy_after=now, visit_type=visit_type, cached=cached
    )[doctor.pk]
    return free_slots(schedule, rules=rules, now=now, start_date=start_date, end_date=end_date)
