"""Every write to the waitlist: joining, offers with a hold, accepting, declining, expiry.

How a freed slot travels: the appointments layer announces freed time (``appointments.hooks``
— a cancellation, a move away, a deleted appointment, a released hold) and the doctors layer
lifted leave (``doctors.hooks``); ``waitlist_offer_freed`` then offers that time to the
waiting entries, oldest first, each the earliest free slot its visit type fits, holding it for
``waitlist_hold_minutes``. A hold is a hidden appointments row (``appointments.services.hold_*``),
so the database's no-overlap guarantee covers it like a booking. When an offer is declined or
runs out, releasing its hold announces the time as freed again, and it passes on.
"""

from datetime import UTC, date, datetime, time, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import User
from appointments.availability import booking_rules, load_schedule
from appointments.errors import PatientBusy, SlotUnavailable
from appointments.models import Appointment, ClinicSettings
from appointments.services import hold_book, hold_place, hold_release
from appointments.slots import Slot, free_slots
from doctors.models import Doctor, VisitType
from doctors.selectors import visit_type_bookable
from notifications.audience import format_local
from notifications.events import Event
from notifications.services import notify_appointment_event
from patients.models import Patient

from .errors import WaitlistRejected
from .models import OPEN_STATUSES, WaitlistEntry, WaitlistStatus

MAX_DAYS = 31


# --- Joining and leaving -------------------------------------------------------------------------


@transaction.atomic
def waitlist_join(
    *,
    patient: Patient,
    doctor: Doctor,
    date_from: date,
    date_to: date,
    time_from: time | None = None,
    time_to: time | None = None,
    visit_type: VisitType | int | None = None,
    by: User | None,
    now: datetime | None = None,
) -> WaitlistEntry:
    """Put ``patient`` on ``doctor``'s waitlist for local dates date_from..date_to (both included),
    for a visit of ``visit_type`` (only a free time that fits its length and buffer is offered)
    or a plain slot without one.

    Raises ``WaitlistRejected`` (400) for dates in the past, beyond the booking window, more
    than 31 days, in the wrong order, times in the wrong order, an inactive doctor, or a
    second open entry of the patient for the doctor; ``DomainError`` (400, field
    ``visit_type``) for a visit type that is not the doctor's or no longer offered.
    """
    now = now or timezone.now()
    if not doctor.is_active:
        raise WaitlistRejected("This doctor is not taking appointments.", field="doctor")
    visit_type = visit_type_bookable(doctor=doctor, visit_type_id=visit_type)
    today = now.astimezone(doctor.tzinfo).date()
    last_bookable = (now + timedelta(days=ClinicSettings.load().booking_window_days)).astimezone(doctor.tzinfo).date()
    if date_to < date_from:
        raise WaitlistRejected("date_to cannot be before date_from.", field="date_to")
    if date_from < today:
        raise WaitlistRejected(f"Choose dates from today ({today.isoformat()}) on.", field="date_from")
    if date_to > last_bookable:
        raise WaitlistRejected(
            f"Appointments can be booked up to {last_bookable.isoformat()}; choose dates until then.", field="date_to"
        )
    if (date_to - date_from).days + 1 > MAX_DAYS:
        raise WaitlistRejected(f"Wait for at most {MAX_DAYS} days (both dates counted).", field="date_to")
    if time_from is not None and time_to is not None and time_to <= time_from:
        raise WaitlistRejected("time_to must be after time_from.", field="time_to")
    open_entries = WaitlistEntry.objects.select_for_update().filter(
        patient=patient, doctor=doctor, status__in=OPEN_STATUSES
    )
    if open_entries.exists():
        raise WaitlistRejected("You are already on this doctor's waitlist.", field="doctor")
    try:
        with transaction.atomic():
            return WaitlistEntry.objects.create(
                patient=patient,
                doctor=doctor,
                date_from=date_from,
                date_to=date_to,
                time_from=time_from,
                time_to=time_to,
                visit_type=visit_type,
                created_by=by,
            )
    except IntegrityError as exc:  # a concurrent join of the same patient won
        raise WaitlistRejected("You are already on this doctor's waitlist.", field="doctor") from exc


def _locked(entry: WaitlistEntry) -> WaitlistEntry:
    return (
        WaitlistEntry.objects.select_for_update(of=("self",))
        .select_related("patient__user", "doctor__user", "doctor__specialty", "hold", "visit_type")
        .get(pk=entry.pk)
    )


@transaction.atomic
def waitlist_cancel(*, entry: WaitlistEntry, now: datetime | None = None) -> WaitlistEntry:
    """Leave the waitlist; a held slot is released (and passes on). Cancelling twice changes nothing."""
    now = now or timezone.now()
    entry = _locked(entry)
    if entry.status not in OPEN_STATUSES:
        if entry.status == WaitlistStatus.CANCELLED:
            return entry
        raise WaitlistRejected(f"A {entry.get_status_display().lower()} entry cannot be cancelled.")
    was_offered = entry.status == WaitlistStatus.OFFERED
    entry.status = WaitlistStatus.CANCELLED
    entry.save(update_fields=["status", "updated_at"])
    if was_offered:
        hold_release(hold=entry.hold, now=now)
    return entry


def waitlist_visit_type_retired(*, visit_type: VisitType) -> int:
    """The doctor no longer offers ``visit_type``: the open entries waiting for it wait on for a
    plain slot (the doctor's ``slot_minutes``, at the consultation fee), in the caller's transaction.

    Why not cancel them: the patient still wants a time with this doctor, and a cancelled entry
    could neither say why (the contract's entry has no reason) nor be told to the patient (every
    message hangs on an appointment row; a waiting entry has none). A plain slot is what anyone
    may book with the doctor; the patient hears of the next offer as usual, with its time and
    length, and may decline it. A live offer stands as it was made (accepting books the kind of
    visit offered, as booked visits of a retired type stay); declined, the entry waits on for a
    plain slot.

    Returns how many entries changed.
    """
    return WaitlistEntry.objects.filter(visit_type=visit_type, status__in=OPEN_STATUSES).update(
        visit_type=None, updated_at=timezone.now()
    )


# --- Offers ----------------------------------------------------------------------------------------


def _matches(entry: WaitlistEntry, slot: Slot) -> bool:
    local = slot.start.astimezone(entry.doctor.tzinfo)
    if not entry.date_from <= local.date() <= entry.date_to:
        return False
    if entry.time_from is not None and local.time() < entry.time_from:
        return False
    if entry.time_to is not None and local.time() >= entry.time_to:
        return False
    return _start_key(slot.start) not in entry.declined_starts


def _start_key(start: datetime) -> str:
    return start.astimezone(UTC).isoformat()


def accept_url(entry: WaitlistEntry) -> str:
    """The SPA page where the patient accepts the offer with one click."""
    return f"{settings.FRONTEND_URL.rstrip('/')}/waitlist/{entry.pk}?accept=1"


def waitlist_offer_freed(*, doctor: Doctor, start: datetime, end: datetime, now: datetime) -> list[WaitlistEntry]:
    """Offer the time ``start..end`` just freed to the waiting entries, oldest first: each gets the
    earliest free slot that suits it, one its visit type fits (its length and buffer; a plain
    slot without a type) that starts inside its dates and times, on the doctor's slot grid.

    A slot suits when the freed time made it possible: its visit or its buffer overlaps
    ``start..end``. So an offer may start before ``start`` (a 60-minute visit at 09:30 when
    09:30-10:00 was free already and 10:00-10:30 is freed) or its buffer run past ``end``, but
    only ever into time that is free as well: the slot comes from the engine, which counts
    every other visit, buffer and live hold as busy.

    Runs in the caller's transaction (the change that freed the time). One query when nobody
    waits for the doctor on those dates. Returns the entries that got an offer.

    Time arithmetic is on UTC instants only: a slot or hold end plus a buffer computed on a
    zoned time inside the autumn fold would land an hour off. The doctor's zone serves only
    the wall-clock windows (the entry's dates and times).
    """
    tz = doctor.tzinfo
    start, end = start.astimezone(UTC), end.astimezone(UTC)
    first_day = start.astimezone(tz).date()
    last_day = (end - timedelta(microseconds=1)).astimezone(tz).date()
    candidates = list(
        WaitlistEntry.objects.filter(
            doctor=doctor, status=WaitlistStatus.WAITING, date_from__lte=last_day, date_to__gte=first_day
        )
        .select_related("doctor", "patient__user", "visit_type")
        .order_by("created_at", "id")
    )
    if not candidates:
        return []
    rules = booking_rules()
    freed_by_type: dict[int | None, list[Slot]] = {}  # one slot search per kind of visit waited for

    def freed_slots(visit_type: VisitType | None) -> list[Slot]:
        key = visit_type.pk if visit_type else None
        if key not in freed_by_type:
            schedule = load_schedule(
                doctor, start_date=first_day, end_date=last_day, busy_after=now, visit_type=visit_type
            )
            slots = free_slots(schedule, rules=rules, now=now, start_date=first_day, end_date=last_day)
            # The slots the freed time made possible: those whose blocked time (the visit and its
            # buffer) reaches into it. Every one of them is free as a whole (the engine says so);
            # one may start before ``start`` where the minutes before were free already but too
            # few for this kind of visit, or end with its buffer after ``end`` in free time.
            buffer = timedelta(minutes=visit_type.buffer_minutes if visit_type else 0)
            freed_by_type[key] = [
                s for s in slots if s.start.astimezone(UTC) < end and s.end.astimezone(UTC) + buffer > start
            ]
        return freed_by_type[key]

    hold_for = timedelta(minutes=ClinicSettings.load().waitlist_hold_minutes)
    # What this pass held, buffers included, as UTC (start, blocked_until): the slot lists were
    # computed before, so a later candidate must not be offered time an earlier one now holds.
    held: list[tuple[datetime, datetime]] = []
    offered = []
    for candidate in candidates:
        visit_type = candidate.visit_type
        if visit_type is not None and not visit_type.active:
            # Retiring a type makes its entries plain (waitlist_visit_type_retired); one retired
            # around the services (a script) is still never offered.
            continue
        buffer = timedelta(minutes=visit_type.buffer_minutes if visit_type else 0)
        for slot in freed_slots(visit_type):
            slot_start, blocked_until = slot.start.astimezone(UTC), slot.end.astimezone(UTC) + buffer
            if not _matches(candidate, slot) or any(s < blocked_until and slot_start < e for s, e in held):
                continue
            if _offer(candidate, slot, expires_at=now + hold_for) is not None:
                held.append((slot_start, blocked_until))
                offered.append(candidate)
                break
    return offered


def _offer(candidate: WaitlistEntry, slot: Slot, *, expires_at: datetime) -> WaitlistEntry | None:
    """Hold ``slot`` for the entry and tell the patient; None if the entry or the slot is gone."""
    entry = (
        WaitlistEntry.objects.select_for_update(of=("self",))
        .select_related("patient__user", "doctor__user", "doctor__specialty", "visit_type")
        .filter(pk=candidate.pk, status=WaitlistStatus.WAITING)
        .first()
    )
    if entry is None:
        return None  # offered, cancelled or booked by a concurrent change
    try:
        hold = hold_place(
            patient=entry.patient,
            doctor=entry.doctor,
            start=slot.start,
            end=slot.end,
            expires_at=expires_at,
            visit_type=entry.visit_type,
        )
    except SlotUnavailable:
        return None  # taken meanwhile
    except PatientBusy:
        return None  # the patient has another visit then: the next entry gets it
    entry.status = WaitlistStatus.OFFERED
    entry.hold = hold
    entry.save(update_fields=["status", "hold", "updated_at"])
    extra = {"accept_url": accept_url(entry), "expires": format_local(expires_at, entry.doctor.tzinfo)}
    notify_appointment_event(appointment=hold, event=Event.OFFERED, extra=extra)
    return entry


def _expire_if_due(entry: WaitlistEntry, *, now: datetime) -> bool:
    """Expire a locked entry whose offer ran out (its hold passes on); whether it did."""
    if entry.status != WaitlistStatus.OFFERED or entry.hold.hold_expires_at > now:
        return False
    entry.status = WaitlistStatus.EXPIRED
    entry.save(update_fields=["status", "updated_at"])
    hold_release(hold=entry.hold, now=now)
    return True


def waitlist_expire_due(*, now: datetime | None = None, doctor: Doctor | None = None) -> int:
    """Expire every offer whose hold ran out (of one doctor, or all); the slots pass on.

    Each entry in its own transaction, so one failure leaves the others expired. Returns how
    many expired. Cheap when nothing is due (one indexed query).
    """
    now = now or timezone.now()
    due = WaitlistEntry.objects.filter(status=WaitlistStatus.OFFERED, hold__hold_expires_at__lte=now)
    if doctor is not None:
        due = due.filter(doctor=doctor)
    expired = 0
    for entry_id in list(due.order_by("hold__hold_expires_at").values_list("pk", flat=True)):
        with transaction.atomic():
            entry = _locked(WaitlistEntry(pk=entry_id))
            expired += _expire_if_due(entry, now=now)
    return expired


# --- The patient's answer ------------------------------------------------------------------------


def waitlist_accept(*, entry: WaitlistEntry, by: User, now: datetime | None = None) -> Appointment:
    """Book the offered slot for the entry's patient; the entry becomes ``booked``.

    Raises ``WaitlistRejected`` (400) when there is no live offer (none, or it ran out:
    the entry is then expired and the slot passes on).
    """
    now = now or timezone.now()
    waitlist_expire_due(now=now, doctor=entry.doctor)  # committed even though the accept then fails
    with transaction.atomic():
        entry = _locked(entry)
        if entry.status != WaitlistStatus.OFFERED:
            raise WaitlistRejected("There is no offer to accept: it expired or was never made.", code="no_offer")
        appointment = hold_book(hold=entry.hold, by=by, now=now)
        entry.status = WaitlistStatus.BOOKED
        entry.save(update_fields=["status", "updated_at"])
        return appointment


def waitlist_decline(*, entry: WaitlistEntry, now: datetime | None = None) -> WaitlistEntry:
    """Turn the offer down: the entry waits again, is never offered that slot again, and the slot passes on.

    Raises ``WaitlistRejected`` (400) when there is no live offer.
    """
    now = now or timezone.now()
    waitlist_expire_due(now=now, doctor=entry.doctor)
    with transaction.atomic():
        entry = _locked(entry)
        if entry.status != WaitlistStatus.OFFERED:
            raise WaitlistRejected("There is no offer to decline: it expired or was never made.", code="no_offer")
        hold = entry.hold
        entry.status = WaitlistStatus.WAITING
        entry.declined_starts = [*entry.declined_starts, _start_key(hold.start)]
        entry.hold = None
        entry.save(update_fields=["status", "declined_starts", "hold", "updated_at"])
        hold_release(hold=hold, now=now)
        return entry
