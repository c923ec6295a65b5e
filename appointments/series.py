"""Recurring series: every occurrence planned at the same wall-clock time, booked in one transaction.

Daylight saving time, decided here (docs/recurring-series.md):

- Occurrence *n* is on the local date ``first date + n × interval_days`` at the first
  occurrence's wall-clock time in the doctor's zone, so 09:00 stays 09:00 when the clocks
  change (the UTC instant moves by the offset change).
- A wall-clock time the clocks skip on that date (02:30 on a spring-forward Sunday in Berlin)
  does not exist: that occurrence is a conflict with code ``nonexistent_time`` — refused with
  ``on_conflict=fail``, skipped with ``skip`` — never silently moved to another time. This is
  the slot engine's rule for single bookings too.
- A time that happens twice (the autumn fold) is read at its first occurrence (``fold=0``),
  again as the slot engine does.

Every occurrence must pass the single-booking rules (working hours, leave, notice, free
slot, the patient's other visits) except the booking window, which a series may exceed up to
``SERIES_HORIZON_DAYS``. Occurrences are ordinary appointments; the series sends one message
for all of them.
"""

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from doctors.models import Doctor, VisitType
from doctors.selectors import visit_type_bookable
from healthcare_system.exceptions import Conflict
from patients.models import Patient

from . import hooks, services
from .availability import load_schedule
from .errors import BookingRejected, PatientBusy, SlotUnavailable
from .models import ACTIVE_STATUSES, Appointment, AppointmentSeries, AppointmentStatus, ClinicSettings
from .slots import BookingRules, Busy, SlotRejected, check_start
from .transitions import Action, transition

SERIES_HORIZON_DAYS = 365
MAX_OCCURRENCES = 52


class SeriesConflict(Conflict):
    """Some occurrences cannot be booked and the caller asked for all or nothing (409)."""

    def __init__(self, conflicts: list[dict]):
        super().__init__("Some occurrences of the series cannot be booked; nothing was booked.", code="series_conflict")
        self.conflicts = conflicts

    def as_data(self) -> dict:
        return {**super().as_data(), "conflicts": self.conflicts}


@dataclass(frozen=True)
class Occurrence:
    """One planned date: its slot, or why it cannot be booked."""

    start: datetime  # in the doctor's zone
    end: datetime | None = None
    reason: str = ""
    code: str = ""

    @property
    def bookable(self) -> bool:
        return not self.code

    def as_conflict(self) -> dict:
        return {"appointment_time": self.start.isoformat(), "reason": self.reason, "code": self.code}


def occurrence_starts(
    first_start: datetime, tz, *, interval_days: int, count: int | None = None, until: date | None = None
) -> list[datetime]:
    """The wall-clock starts of the series in zone ``tz`` (``fold=0``; a skipped time is kept
    as written, for ``series_plan`` to refuse). Raises ``BookingRejected`` for a bad count/until."""
    if timezone.is_naive(first_start):
        raise BookingRejected("Include a UTC offset in first_appointment_time.", field="first_appointment_time")
    wall = first_start.astimezone(tz).replace(tzinfo=None)
    if (count is None) == (until is None):
        raise BookingRejected("Give exactly one of count or until.", field="count")
    if until is not None:
        if until < wall.date():
            raise BookingRejected("until cannot be before the first appointment.", field="until")
        count = (until - wall.date()).days // interval_days + 1
        if count > MAX_OCCURRENCES:
            raise BookingRejected(
                f"A series has at most {MAX_OCCURRENCES} appointments; choose an earlier until.", field="until"
            )
    step = timedelta(days=interval_days)
    return [(wall + n * step).replace(tzinfo=tz, fold=0) for n in range(count)]


def _exists(moment: datetime) -> bool:
    return moment.astimezone(UTC).astimezone(moment.tzinfo).replace(tzinfo=None) == moment.replace(tzinfo=None)


def series_plan(
    *,
    patient: Patient,
    doctor: Doctor,
    first_start: datetime,
    interval_days: int,
    count: int | None = None,
    until: date | None = None,
    visit_type: VisitType | int | None = None,
    now: datetime | None = None,
) -> list[Occurrence]:
    """Every occurrence with its slot or the reason it cannot be booked; writes nothing.

    With ``visit_type`` each occurrence is a visit of that type: its length, and its buffer
    must be free after it as for a single booking. Raises ``BookingRejected`` for an inactive
    doctor or patient or a bad count/until, ``DomainError`` (400, field ``visit_type``) for a
    visit type that is not the doctor's or no longer offered.
    """
    now = now or timezone.now()
    if not doctor.is_active:
        raise BookingRejected("This doctor is not taking appointments.", field="doctor")
    if not patient.user.is_active:
        raise BookingRejected("This patient's account is deactivated.", field="patient")
    visit_type = visit_type_bookable(doctor=doctor, visit_type_id=visit_type)
    buffer = timedelta(minutes=visit_type.buffer_minutes if visit_type else 0)
    tz = doctor.tzinfo
    starts = occurrence_starts(first_start, tz, interval_days=interval_days, count=count, until=until)
    clinic = ClinicSettings.load()
    rules = BookingRules(
        min_notice=timedelta(hours=clinic.min_notice_hours), booking_window=timedelta(days=SERIES_HORIZON_DAYS)
    )
    schedule = load_schedule(
        doctor,
        start_date=starts[0].date() - timedelta(days=1),
        end_date=starts[-1].date() + timedelta(days=1),
        visit_type=visit_type,
    )
    patient_busy = _patient_busy(patient, starts[0], starts[-1] + timedelta(days=1))
    planned: list[Occurrence] = []
    taken: list[Busy] = []  # earlier occurrences of this plan
    for start in starts:
        if not _exists(start):
            reason = (
                f"{start:%H:%M} does not exist on {start:%Y-%m-%d} in {doctor.timezone}: the clocks go forward "
                "for daylight saving time."
            )
            planned.append(Occurrence(start=start, reason=reason, code="nonexistent_time"))
            continue
        try:
            slot = check_start(replace(schedule, busy=schedule.busy + tuple(taken)), rules=rules, now=now, start=start)
        except SlotRejected as exc:
            planned.append(Occurrence(start=start, reason=exc.message, code=str(exc.reason)))
            continue
        if any(b_start < slot.end and slot.start < b_end for b_start, b_end in patient_busy):
            reason = "The patient already has an appointment at that time."
            planned.append(Occurrence(start=start, reason=reason, code="patient_busy"))
            continue
        # In UTC: the end plus the buffer on a zoned time inside the autumn fold lands an hour off.
        taken.append(Busy(start=slot.start, end=slot.end.astimezone(UTC) + buffer))
        planned.append(Occurrence(start=slot.start, end=slot.end))
    return planned


def _patient_busy(patient: Patient, first: datetime, last: datetime) -> list[tuple[datetime, datetime]]:
    rows = Appointment.objects.filter(
        patient=patient, status__in=ACTIVE_STATUSES, start__lt=last, end__gt=first - timedelta(days=1)
    )
    return list(rows.values_list("start", "end"))


def series_book(
    *,
    patient: Patient,
    doctor: Doctor,
    first_start: datetime,
    interval_days: int,
    count: int | None = None,
    until: date | None = None,
    visit_type: VisitType | int | None = None,
    on_conflict: str = "fail",
    reason: str = "",
    by: User,
    now: datetime | None = None,
) -> tuple[AppointmentSeries, list[Appointment]]:
    """Book every bookable occurrence in one transaction and send one message for the series;
    each occurrence a visit of ``visit_type`` (its length, buffer and fee) when given.

    ``on_conflict="fail"``: any occurrence that cannot be booked raises ``SeriesConflict``
    (409) and nothing is booked. ``"skip"``: those are left out and recorded on the series
    (``skipped``); if none can be booked, ``SeriesConflict``. Raises ``BookingRejected`` as
    ``series_plan`` does.
    """
    now = now or timezone.now()
    services.settle_before_booking(doctor, now=now)
    with transaction.atomic():
        visit_type = visit_type_bookable(doctor=doctor, visit_type_id=visit_type)
        plan = series_plan(
            patient=patient, doctor=doctor, first_start=first_start, interval_days=interval_days,
            count=count, until=until, visit_type=visit_type, now=now,
        )  # fmt: skip
        conflicts = [o for o in plan if not o.bookable]
        if (conflicts and on_conflict == "fail") or len(conflicts) == len(plan):
            raise SeriesConflict([o.as_conflict() for o in conflicts])
        series = AppointmentSeries.objects.create(
            patient=patient,
            doctor=doctor,
            interval_days=interval_days,
            reason=reason,
            created_by=by,
            skipped=[o.as_conflict() for o in conflicts],
        )
        status = AppointmentStatus.CONFIRMED if ClinicSettings.load().auto_confirm else AppointmentStatus.PENDING
        booked = []
        for occurrence in plan:
            if not occurrence.bookable:
                continue
            appointment = Appointment(
                patient=patient,
                doctor=doctor,
                # As instants: arithmetic on a zoned time inside the autumn fold loses the fold.
                start=occurrence.start.astimezone(UTC),
                end=occurrence.end.astimezone(UTC),
                visit_type=visit_type,
                buffer_minutes=visit_type.buffer_minutes if visit_type else 0,
                status=status,
                reason=reason,
                fee=visit_type.fee if visit_type else doctor.consultation_fee,
                created_by=by,
                series=series,
            )
            try:
                services._save_holding_time(appointment)
            except (SlotUnavailable, PatientBusy) as exc:  # lost a race since the plan: all or nothing
                lost = replace(occurrence, code="slot_unavailable", reason=str(exc))
                raise SeriesConflict([lost.as_conflict()]) from exc
            booked.append(appointment)
        services.announce(
            booked[0],
            hooks.Change.SERIES_BOOKED,
            actor=by,
            occurrences=[a.start for a in booked],
            skipped=[o.start for o in conflicts],
        )
        return series, booked


@transaction.atomic
def series_cancel(
    *, series: AppointmentSeries, by, start_from: datetime | None = None, reason: str = "", now: datetime | None = None
) -> list[Appointment]:
    """Cancel every pending or confirmed occurrence starting at or after ``start_from`` (default now).

    One message for all of them (per recipient); each freed slot is passed on like any
    cancellation. Returns the cancelled appointments.
    """
    now = now or timezone.now()
    start_from = start_from or now
    occurrences = list(
        Appointment.objects.select_for_update(of=("self",))
        .select_related("doctor__user", "doctor__specialty", "patient__user")
        .filter(series=series, status__in=ACTIVE_STATUSES, start__gte=start_from)
        .order_by("start")
    )
    for appointment in occurrences:
        appointment.status = transition(appointment.status, Action.CANCEL)
        appointment.cancelled_at, appointment.cancelled_by, appointment.cancellation_reason = now, by, reason
        appointment.save(update_fields=["status", "cancelled_at", "cancelled_by", "cancellation_reason", "updated_at"])
        hooks.appointment_cancelled_quietly.send(sender=Appointment, appointment=appointment)
        services.announce_freed(appointment.doctor, appointment.start, appointment.blocked_until, now=now)
    if occurrences:
        occurrence_starts = [a.start for a in occurrences]
        services.announce(occurrences[0], hooks.Change.SERIES_CANCELLED, actor=by, occurrences=occurrence_starts)
    return occurrences
