"""Every read of doctors, their hours, leaves and free time; querysets scoped to the caller.

Availability (``next_available``, ``available_on``, slots) goes through
``doctors.availability`` (bulk schedule loading) and the pure engine in
``appointments.slots``, so the list, the slots endpoint and booking agree on what is free.
"""

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Q, QuerySet

from accounts.permissions import is_admin
from appointments.models import ACTIVE_STATUSES, Appointment
from appointments.slots import BookingRules, Slot, first_free_slot, free_slots, has_free_slot_on
from healthcare_system.exceptions import DomainError

from .availability import booking_rules, load_schedules
from .models import Doctor, LeaveDay, Specialty, VisitType, WorkingHours

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


def _own_doctor_id(user) -> int | None:
    if not (user and user.is_authenticated and user.is_doctor):
        return None
    doctor = getattr(user, "doctor", None)
    return doctor.pk if doctor else None


# --- Doctors ---------------------------------------------------------------------------------


def doctor_list() -> QuerySet[Doctor]:
    """Active doctors, as anyone may list them."""
    return Doctor.objects.filter(is_active=True).select_related("user", "specialty")


def doctor_visible_to(user) -> QuerySet[Doctor]:
    """Doctors whose profile the user may open: admins see retired (inactive) ones too."""
    doctors = Doctor.objects.select_related("user", "specialty")
    return doctors if is_admin(user) else doctors.filter(is_active=True)


def specialty_list() -> QuerySet[Specialty]:
    return Specialty.objects.order_by("name")


# --- Availability ------------------------------------------------------------------------------


def _load_window(now: datetime, days: int) -> tuple[date, date]:
    # Local dates lie within a day of the UTC date, so one day of slack each side covers
    # every zone; the engine itself drops anything outside notice and window.
    today = now.astimezone(UTC).date()
    return today - timedelta(days=1), today + timedelta(days=days + 1)


def doctors_set_next_available(
    doctors: Sequence[Doctor], *, now: datetime, rules: BookingRules | None = None
) -> Sequence[Doctor]:
    """Set ``doctor.next_available`` (first free slot start in the doctor's zone, or None).

    At most 1 + 3 queries per pass whatever the number of doctors (NEXT_AVAILABLE_PASS_DAYS).
    """
    if not doctors:
        return doctors
    memo = _availability_memo.get() or {}
    rules = rules or memo.get("rules") or booking_rules()
    window_days = rules.booking_window.days + 1
    passes = [days for days in NEXT_AVAILABLE_PASS_DAYS if days < window_days] + [window_days]

    first_free = memo.get("first_free", {})
    found: dict[int, Slot | None] = {doctor.pk: first_free.get(doctor.pk) for doctor in doctors}
    remaining = [doctor for doctor in doctors if found[doctor.pk] is None]
    for days in passes if remaining else ():
        start, end = _load_window(now, days)
        schedules = load_schedules(remaining, start_date=start, end_date=end, busy_after=now)
        for doctor in remaining:
            found[doctor.pk] = first_free_slot(schedules[doctor.pk], rules=rules, now=now, horizon_days=days)
        remaining = [doctor for doctor in remaining if found[doctor.pk] is None]
        if not remaining:
            break

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
        schedules = load_schedules(doctors, start_date=day, end_date=day, busy_after=now)
        return [d.pk for d in doctors if has_free_slot_on(schedules[d.pk], rules=rules, now=now, day=day)]
    # From today on: each available doctor's first free slot lies on ``day`` at the latest, so
    # the scan below stops inside the loaded span (see availability_memo).
    schedules = load_schedules(doctors, start_date=first, end_date=day, busy_after=now)
    ids = [d.pk for d in doctors if has_free_slot_on(schedules[d.pk], rules=rules, now=now, day=day)]
    memo["rules"] = rules
    memo["first_free"] = {pk: first_free_slot(schedules[pk], rules=rules, now=now) for pk in ids}
    return ids


def doctor_free_slots(
    doctor: Doctor, *, start_date: date, end_date: date, now: datetime, visit_type: VisitType | None = None
) -> list[Slot]:
    """Free slots of one doctor on local dates start_date..end_date, ascending (5 queries at most);
    for a visit of ``visit_type`` (its length and buffer) when given."""
    rules = booking_rules()
    # Nothing outside the booking window is free: load (and scan) only the part inside it.
    first, last = _load_window(now, rules.booking_window.days + 1)
    start_date, end_date = max(start_date, first), min(end_date, last)
    if end_date < start_date:
        return []
    schedule = load_schedules(
        [doctor], start_date=start_date, end_date=end_date, busy_after=now, visit_type=visit_type
    )[doctor.pk]
    return free_slots(schedule, rules=rules, now=now, start_date=start_date, end_date=end_date)


# --- Working hours and leave -----------------------------------------------------------------


def _public_per_doctor(rows: QuerySet, user) -> QuerySet:
    """Rows anyone may read: those of active doctors; admins all, a doctor also their own."""
    if is_admin(user):
        return rows
    own = _own_doctor_id(user)
    if own is not None:
        return rows.filter(Q(doctor__is_active=True) | Q(doctor_id=own))
    return rows.filter(doctor__is_active=True)


def working_hours_visible_to(user) -> QuerySet[WorkingHours]:
    """Anyone reads the hours of active doctors; admins all, a doctor also their own."""
    hours = WorkingHours.objects.select_related("doctor").order_by("doctor_id", "weekday", "start_time", "id")
    return _public_per_doctor(hours, user)


def leave_days_visible_to(user) -> QuerySet[LeaveDay]:
    """Admins and the front desk see every leave, a doctor only their own, anyone else none."""
    leaves = LeaveDay.objects.select_related("doctor").order_by("doctor_id", "start_date", "id")
    if is_admin(user) or (user and user.is_authenticated and user.is_front_desk):
        return leaves
    own = _own_doctor_id(user)
    return leaves.filter(doctor_id=own) if own is not None else leaves.none()


def leave_days_conflicts(leaves: Sequence[LeaveDay]) -> dict[int, list[int]]:
    """For each leave, the ids of the doctor's booked (pending/confirmed) appointments whose
    start falls on one of its dates in the doctor's zone. One query for any number of leaves."""
    result: dict[int, list[int]] = {leave.pk: [] for leave in leaves}
    if not leaves:
        return result
    # One query over the union of the leaves' spans, padded for zones; matched per leave below.
    # The padding stops at the calendar's ends: rows saved before the API bounded leave dates
    # may sit on 0001-01-01 or 9999-12-31, where a day more would overflow.
    first = max(min(leave.start_date for leave in leaves), date.min + timedelta(days=1)) - timedelta(days=1)
    last = min(max(leave.end_date for leave in leaves), date.max - timedelta(days=2)) + timedelta(days=2)
    by_doctor: dict[int, list[LeaveDay]] = defaultdict(list)
    for leave in leaves:
        by_doctor[leave.doctor_id].append(leave)
    appointments = (
        Appointment.objects.filter(
            doctor_id__in=list(by_doctor),
            status__in=ACTIVE_STATUSES,
            start__gte=datetime.combine(first, time.min, tzinfo=UTC),
            start__lt=datetime.combine(last, time.min, tzinfo=UTC),
        )
        .order_by("start", "id")
        .values_list("id", "doctor_id", "start", "doctor__timezone")
    )
    for appointment_id, doctor_id, start, zone in appointments:
        local_day = start.astimezone(ZoneInfo(zone)).date()
        for leave in by_doctor[doctor_id]:
            if leave.start_date <= local_day <= leave.end_date:
                result[leave.pk].append(appointment_id)
    return result


# --- Visit types ---------------------------------------------------------------------------------


def visit_types_visible_to(user) -> QuerySet[VisitType]:
    """Anyone reads the visit types of active doctors; admins all, a doctor also their own."""
    types = VisitType.objects.select_related("doctor").order_by("doctor_id", "duration_minutes", "name", "id")
    return _public_per_doctor(types, user)


def visit_type_bookable(*, doctor: Doctor, visit_type_id: int | VisitType | None) -> VisitType | None:
    """The active visit type ``visit_type_id`` of ``doctor``, or a 400 naming the field.

    The one check behind the slots query and every booking, so they agree on what can be
    booked.
    """
    if visit_type_id is None:
        return None
    pk = visit_type_id.pk if isinstance(visit_type_id, VisitType) else visit_type_id
    visit_type = VisitType.objects.filter(pk=pk, doctor=doctor).first()
    if visit_type is None:
        raise DomainError(f"Doctor {doctor.pk} has no visit type {pk}.", field="visit_type")
    if not visit_type.active:
        raise DomainError(f"The visit type '{visit_type.name}' is no longer offered.", field="visit_type")
    return visit_type
