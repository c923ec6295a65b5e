"""Every write to appointments: booking and the lifecycle. Each function owns its transaction.

Concurrency: the slot engine's answer ("this start is free") is only advice — two
requests can both hear it. On PostgreSQL the exclusion constraint
``appointments_no_overlap_per_doctor`` rejects the loser's INSERT/UPDATE, which we turn
into ``SlotUnavailable`` (and ``appointments_no_overlap_per_patient`` a patient's second
visit at the same time into ``PatientBusy``); on SQLite every transaction starts IMMEDIATE (settings), so
writers queue and the second one reads the first one's booking.
"""

from datetime import UTC, datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import User
from doctors.models import Doctor, VisitType
from doctors.selectors import visit_type_bookable
from healthcare_system.dates import clinic_day_start
from healthcare_system.db import model_update
from healthcare_system.exceptions import DomainError
from patients.models import Patient

from . import hooks
from .availability import booking_rules, load_schedule
from .errors import BookingRejected, CancellationWindowClosed, IllegalTransition, PatientBusy, SlotUnavailable
from .models import ACTIVE_STATUSES, Appointment, AppointmentStatus, ClinicSettings, HoldStatus
from .slots import RejectReason, Slot, SlotRejected, check_start
from .transitions import Action, transition

_OVERLAP_CONSTRAINT = "appointments_no_overlap_per_doctor"
_PATIENT_OVERLAP_CONSTRAINT = "appointments_no_overlap_per_patient"


_KEEP = object()  # reschedule without a visit_type keeps the appointment's own


def _free_slot(
    *,
    doctor: Doctor,
    start: datetime,
    clinic: ClinicSettings,
    now: datetime,
    moving: Appointment | None = None,
    visit_type: VisitType | None = None,
) -> Slot:
    """The free slot ``start`` begins (for a visit of ``visit_type``), or the domain error saying why not."""
    if timezone.is_naive(start):
        raise BookingRejected(
            "The appointment time must include a UTC offset, e.g. 2027-03-01T09:30:00+01:00.",
            field="appointment_time",
        )
    local_day = start.astimezone(doctor.tzinfo).date()
    schedule = load_schedule(
        doctor,
        start_date=local_day - timedelta(days=1),
        end_date=local_day + timedelta(days=1),
        exclude_appointment_id=moving.pk if moving else None,
        visit_type=visit_type,
    )
    try:
        return check_start(schedule, rules=booking_rules(clinic), now=now, start=start)
    except SlotRejected as exc:
        if exc.reason == RejectReason.BUSY:
            raise SlotUnavailable(exc.message, code="slot_unavailable") from exc
        raise BookingRejected(exc.message, code=str(exc.reason)) from exc


def _save_holding_time(appointment: Appointment, **save_kwargs) -> None:
    """Save an appointment that holds time; a lost race on the constraint becomes a 409."""
    try:
        with transaction.atomic():  # a savepoint, so the error leaves the outer transaction usable
            appointment.save(**save_kwargs)
    except IntegrityError as exc:
        if _OVERLAP_CONSTRAINT in str(exc):
            raise SlotUnavailable("That slot was just taken; please choose another.", code="slot_unavailable") from exc
        if _PATIENT_OVERLAP_CONSTRAINT in str(exc):
            raise PatientBusy(
                "The patient already has another appointment at that time; choose another time.",
                code="patient_busy",
            ) from exc
        raise


def _patient_clashes(patient: Patient, start: datetime, end: datetime, moving: Appointment | None = None):
    """The patient's active visits overlapping ``start..end`` (with any doctor), ``moving`` left out.

    The rows ``appointments_no_overlap_per_patient`` keeps apart (holds are not among them);
    asking first gives a readable error instead of the constraint's.
    """
    clashes = Appointment.objects.filter(patient=patient, status__in=ACTIVE_STATUSES, start__lt=end, end__gt=start)
    return clashes if moving is None else clashes.exclude(pk=moving.pk)


def _check_patient_free(
    *, patient: Patient, start: datetime, end: datetime, by: User, moving: Appointment | None = None
):
    """A patient holds one active visit at a time, with any doctor (409 naming the other visit)."""
    other = _patient_clashes(patient, start, end, moving).select_related("doctor__user").order_by("start").first()
    if other is None:
        return
    local = other.start.astimezone(other.doctor.tzinfo)
    when = f"{local:%a} {local.day} {local:%b %Y, %H:%M} {local.tzname()}"
    who = "You already have" if by.is_patient else "The patient already has"
    raise PatientBusy(
        f"{who} an appointment with Dr. {other.doctor.user.get_full_name()} at {when} that overlaps this time. "
        "Choose another time, or cancel or move that visit first.",
        code="patient_busy",
    )


def _check_patient_cutoff(
    *, appointment: Appointment, by: User, clinic: ClinicSettings, now: datetime, verb: str
) -> None:
    """Patients cannot change a visit inside the cutoff; doctors and admins can."""
    if not by.is_patient:
        return
    cutoff = timedelta(hours=clinic.cancellation_cutoff_hours)
    if appointment.start - now < cutoff:
        raise CancellationWindowClosed(
            f"Appointments can only be {verb} online up to {clinic.cancellation_cutoff_hours} hours before "
            "they start. Please call the clinic.",
            code="cancellation_window_closed",
        )


def _locked(appointment: Appointment) -> Appointment:
    return (
        Appointment.objects.select_for_update(of=("self",))
        .select_related("doctor__user", "patient__user", "visit_type")
        .get(pk=appointment.pk)
    )


def booking_patient(*, by: User, patient: Patient | None) -> Patient:
    """Who a booking made by ``by`` is for: a patient always books for themselves (``patient``
    is ignored); the front desk and admins name the patient (a field error without one)."""
    if by.is_admin or by.is_front_desk:
        if patient is None:
            raise DomainError(errors={"patient": ["Required when the front desk or an administrator books."]})
        return patient
    return by.patient


def appointment_book(
    *,
    patient: Patient,
    doctor: Doctor,
    start: datetime,
    by: User,
    reason: str = "",
    visit_type: VisitType | int | None = None,
    now: datetime | None = None,
) -> Appointment:
    """Book the slot that starts at ``start`` for ``patient`` with ``doctor``, for a visit of
    ``visit_type`` (its length, buffer and fee) or a plain slot without one.

    Raises ``BookingRejected`` (400: inactive doctor or patient, unknown or inactive visit
    type, naive time, past, too soon, too far ahead, on leave, outside hours, off the slot
    grid) or ``SlotUnavailable`` (409: the slot is taken, including by a concurrent booking).
    """
    now = now or timezone.now()
    settle_before_booking(doctor, now=now)
    return _book(patient=patient, doctor=doctor, start=start, by=by, reason=reason, visit_type=visit_type, now=now)


def settle_before_booking(doctor: Doctor, *, now: datetime) -> None:
    """Let the layers above settle what is due (holds that ran out) before the slot check.

    Sent before the booking's transaction, so what they settle stays settled even when the
    booking is then refused.

    Only holds run out, so a doctor read by ``doctors_to_book`` without held time has nothing
    to settle, and the receivers' query is saved. A hold placed since that read cannot have run
    out already: an offer holds its time for at least a minute (``waitlist_hold_minutes``).
    """
    if getattr(doctor, "holds_time", True):
        hooks.before_booking.send(sender=Appointment, doctor=doctor, now=now)


@transaction.atomic
def _book(
    *, patient: Patient, doctor: Doctor, start: datetime, by, reason: str, visit_type, now: datetime
) -> Appointment:
    if not doctor.is_active:
        raise BookingRejected("This doctor is not taking appointments.", field="doctor")
    if not patient.user.is_active:
        raise BookingRejected("This patient's account is deactivated.", field="patient")
    visit_type = visit_type_bookable(doctor=doctor, visit_type_id=visit_type)
    clinic = ClinicSettings.load()
    slot = _free_slot(doctor=doctor, start=start, clinic=clinic, now=now, visit_type=visit_type)
    _check_patient_free(patient=patient, start=slot.start, end=slot.end, by=by)
    appointment = Appointment(
        patient=patient,
        doctor=doctor,
        start=slot.start,
        end=slot.end,
        visit_type=visit_type,
        buffer_minutes=visit_type.buffer_minutes if visit_type else 0,
        reason=reason,
        fee=visit_type.fee if visit_type else doctor.consultation_fee,
        created_by=by,
        status=AppointmentStatus.CONFIRMED if clinic.auto_confirm else AppointmentStatus.PENDING,
    )
    _save_holding_time(appointment)
    announce(appointment, hooks.Change.BOOKED, actor=by, clinic=clinic)
    return appointment


def appointment_reschedule(
    *,
    appointment: Appointment,
    start: datetime,
    by: User,
    visit_type=_KEEP,
    reason: str = "",
    now: datetime | None = None,
) -> Appointment:
    """Move an active appointment to the free slot starting at ``start``; the old time is free at once.

    ``visit_type`` (a type of the doctor, or None for a plain slot) changes the kind of visit
    too, with its length, buffer and fee; left out, the visit keeps its own type (an inactive
    one included: it was booked as such).
    A patient's move needs the doctor's confirmation again unless bookings auto-confirm.
    Raises ``IllegalTransition``, ``CancellationWindowClosed`` (patients inside the
    cutoff), ``BookingRejected`` and ``SlotUnavailable`` as booking does.
    """
    now = now or timezone.now()
    settle_before_booking(appointment.doctor, now=now)
    return _reschedule(appointment=appointment, start=start, by=by, visit_type=visit_type, reason=reason, now=now)


@transaction.atomic
def _reschedule(
    *, appointment: Appointment, start: datetime, by, visit_type, reason: str, now: datetime
) -> Appointment:
    appointment = _locked(appointment)
    transition(appointment.status, Action.RESCHEDULE)
    clinic = ClinicSettings.load()
    _check_patient_cutoff(appointment=appointment, by=by, clinic=clinic, now=now, verb="rescheduled")
    changes_type = visit_type is not _KEEP
    if changes_type:
        visit_type = visit_type_bookable(doctor=appointment.doctor, visit_type_id=visit_type)
    else:
        visit_type = appointment.visit_type
    if timezone.is_aware(start) and start == appointment.start and not changes_type:
        raise BookingRejected("The appointment is already at that time.", field="appointment_time")
    slot = _free_slot(
        doctor=appointment.doctor, start=start, clinic=clinic, now=now, moving=appointment, visit_type=visit_type
    )
    _check_patient_free(patient=appointment.patient, start=slot.start, end=slot.end, by=by, moving=appointment)
    previous_start, previous_blocked_until = appointment.start, appointment.blocked_until
    appointment.start, appointment.end = slot.start, slot.end
    # The buffer follows the type as it is now, as the engine just checked it.
    appointment.buffer_minutes = visit_type.buffer_minutes if visit_type else 0
    if changes_type:
        appointment.visit_type = visit_type
        appointment.fee = visit_type.fee if visit_type else appointment.doctor.consultation_fee
    if by.is_patient and not clinic.auto_confirm:
        appointment.status = AppointmentStatus.PENDING
    appointment.patient_confirmed_at = None  # they confirmed the old time, not this one
    _save_holding_time(appointment)
    announce(appointment, hooks.Change.RESCHEDULED, actor=by, previous_start=previous_start, reason=reason)
    announce_freed(appointment.doctor, previous_start, previous_blocked_until, now=now)
    return appointment


@transaction.atomic
def appointment_cancel(
    *, appointment: Appointment, by: User, reason: str = "", now: datetime | None = None
) -> Appointment:
    """Cancel an active appointment; its time is free at once.

    Raises ``IllegalTransition`` and, for patients inside the cutoff, ``CancellationWindowClosed``.
    """
    now = now or timezone.now()
    appointment = _locked(appointment)
    appointment.status = transition(appointment.status, Action.CANCEL)
    _check_patient_cutoff(appointment=appointment, by=by, clinic=ClinicSettings.load(), now=now, verb="cancelled")
    appointment.cancelled_at = now
    appointment.cancelled_by = by
    appointment.cancellation_reason = reason
    appointment.save(update_fields=["status", "cancelled_at", "cancelled_by", "cancellation_reason", "updated_at"])
    announce(appointment, hooks.Change.CANCELLED, actor=by)
    announce_freed(appointment.doctor, appointment.start, appointment.blocked_until, now=now)
    return appointment


@transaction.atomic
def appointment_confirm(*, appointment: Appointment, by: User) -> Appointment:
    """Confirm a pending appointment (confirming a confirmed one changes nothing).

    Raises ``IllegalTransition``.
    """
    appointment = _locked(appointment)
    was = appointment.status
    appointment.status = transition(was, Action.CONFIRM)
    if appointment.status != was:
        appointment.save(update_fields=["status", "updated_at"])
        announce(appointment, hooks.Change.CONFIRMED, actor=by)
    return appointment


@transaction.atomic
def appointment_patient_confirm(*, appointment: Appointment, now: datetime | None = None) -> Appointment:
    """The patient says they will come (a message's link or an SMS reply); saying it twice changes nothing.

    Not the clinic's confirmation: a pending booking stays pending. Raises ``IllegalTransition``
    for a visit that is not upcoming and active.
    """
    now = now or timezone.now()
    appointment = _locked(appointment)
    if not appointment.is_active or appointment.start <= now:
        raise IllegalTransition("Only an upcoming visit can be confirmed.", code="illegal_transition")
    if appointment.patient_confirmed_at is None:
        appointment.patient_confirmed_at = now
        appointment.save(update_fields=["patient_confirmed_at", "updated_at"])
    return appointment


@transaction.atomic
def appointment_complete(*, appointment: Appointment) -> Appointment:
    """Mark a visit as done — also before its start time, since visits can happen early.

    Raises ``IllegalTransition``.
    """
    appointment = _locked(appointment)
    appointment.status = transition(appointment.status, Action.COMPLETE)
    appointment.save(update_fields=["status", "updated_at"])
    return appointment


@transaction.atomic
def appointment_mark_no_show(*, appointment: Appointment, now: datetime | None = None) -> Appointment:
    """Record that the patient did not come. Only once the start time has passed.

    Raises ``IllegalTransition``.
    """
    now = now or timezone.now()
    appointment = _locked(appointment)
    target = transition(appointment.status, Action.NO_SHOW)
    if now < appointment.start:
        raise IllegalTransition("A visit can be marked as a no-show only after its start time.", code="too_early")
    appointment.status = target
    appointment.save(update_fields=["status", "updated_at"])
    return appointment


@transaction.atomic
def appointment_check_in(*, appointment: Appointment, now: datetime | None = None) -> Appointment:
    """Record that the patient has arrived: a pending or confirmed visit of today (the
    clinic's calendar day). The status stays as it is.

    Raises ``IllegalTransition`` for another status, another day, or a second check-in.
    """
    now = now or timezone.now()
    appointment = _locked(appointment)
    if not appointment.is_active:
        label = AppointmentStatus(appointment.status).label.lower()
        raise IllegalTransition(f"A {label} appointment cannot be checked in.", code="illegal_transition")
    today = timezone.localdate(now)  # the clinic's calendar (TIME_ZONE)
    if not clinic_day_start(today) <= appointment.start < clinic_day_start(today + timedelta(days=1)):
        raise IllegalTransition("Only today's appointments can be checked in.", code="not_today")
    if appointment.checked_in_at is not None:
        raise IllegalTransition(
            f"The patient was already checked in at {timezone.localtime(appointment.checked_in_at):%H:%M}.",
            code="already_checked_in",
        )
    appointment.checked_in_at = now
    appointment.save(update_fields=["checked_in_at", "updated_at"])
    return appointment


@transaction.atomic
def appointment_update_reason(*, appointment: Appointment, reason: str) -> Appointment:
    appointment = _locked(appointment)
    appointment.reason = reason
    appointment.save(update_fields=["reason", "updated_at"])
    return appointment


@transaction.atomic
def appointment_delete(*, appointment: Appointment) -> None:
    """Delete an appointment entered by mistake. One with medical records cannot be deleted.

    Raises ``IllegalTransition`` when clinical records hang off it (cancel it instead).
    """
    from django.db.models import ProtectedError

    took_time = appointment.is_active
    try:
        with transaction.atomic():
            appointment.delete()
    except ProtectedError as exc:
        raise IllegalTransition(
            "This appointment has medical records and cannot be deleted; cancel it instead.", code="protected"
        ) from exc
    if took_time:
        announce_freed(appointment.doctor, appointment.start, appointment.blocked_until, now=timezone.now())


def announce(appointment: Appointment, change: hooks.Change, *, actor=None, **details) -> None:
    """Tell the layers above what happened to ``appointment`` (notifications records the
    messages), in this transaction: a receiver's error fails the change."""
    hooks.appointment_changed.send(sender=Appointment, appointment=appointment, change=change, actor=actor, **details)


def announce_freed(doctor: Doctor, start: datetime, blocked_until: datetime, *, now: datetime) -> None:
    """Let the layers above hand freed time on (the waitlist offers it), in this transaction.

    The freed time is all the visit or hold kept the doctor busy: ``start`` to its
    ``blocked_until`` (the end plus the buffer after it), never just to its ``end``, or a
    waiting visit that needs the buffer's minutes would not hear of them.
    """
    hooks.slot_freed.send(sender=Appointment, doctor=doctor, start=start, end=blocked_until, now=now)


# --- Holds: time reserved for a waitlist offer (docs/decisions/0008) ---------------------------


@transaction.atomic
def hold_place(
    *,
    patient: Patient,
    doctor: Doctor,
    start: datetime,
    end: datetime,
    expires_at: datetime,
    visit_type: VisitType | None = None,
) -> Appointment:
    """Reserve ``start..end`` of ``doctor`` for ``patient`` until ``expires_at``, for a visit
    of ``visit_type`` when given: its buffer is held after ``end`` too, as a booking holds it.

    The hold is a hidden appointments row in status ``held``, so the exclusion constraint
    keeps anyone else out of the time. Raises ``SlotUnavailable`` if the time is taken and
    ``PatientBusy`` if the patient has a visit then (they could not accept it).
    """
    if _patient_clashes(patient, start, end).exists():
        raise PatientBusy("The patient already has another appointment at that time.", code="patient_busy")
    hold = Appointment(  # as instants: arithmetic on a zoned time inside the autumn fold loses the fold
        patient=patient,
        doctor=doctor,
        start=start.astimezone(UTC),
        end=end.astimezone(UTC),
        visit_type=visit_type,
        buffer_minutes=visit_type.buffer_minutes if visit_type else 0,
        status=HoldStatus.HELD,
        hold_expires_at=expires_at,
    )
    _save_holding_time(hold)
    return hold


def _locked_hold(hold: Appointment) -> Appointment:
    return (
        Appointment.all_rows.select_for_update()
        .select_related("doctor__user", "doctor__specialty", "patient__user")
        .get(pk=hold.pk)
    )


@transaction.atomic
def hold_release(*, hold: Appointment, now: datetime | None = None) -> None:
    """Give held time back; the layers above hear of it as freed time (and pass it on).

    Releasing a hold that is no longer held (booked, released) changes nothing.
    """
    hold = _locked_hold(hold)
    if hold.status != HoldStatus.HELD:
        return
    hold.status = HoldStatus.RELEASED
    hold.save(update_fields=["status", "updated_at"])
    announce_freed(hold.doctor, hold.start, hold.blocked_until, now=now or timezone.now())


@transaction.atomic
def hold_book(*, hold: Appointment, by: User, reason: str = "", now: datetime | None = None) -> Appointment:
    """Turn a live hold into an ordinary appointment of its patient (a waitlist offer accepted).

    Raises ``BookingRejected`` if the hold ran out, was released, or its time has passed.
    """
    now = now or timezone.now()
    hold = _locked_hold(hold)
    if hold.status != HoldStatus.HELD or hold.hold_expires_at <= now:
        raise BookingRejected("This offer has expired.", code="offer_expired")
    if hold.start <= now:
        raise BookingRejected("That time is in the past.", code="past")
    _check_patient_free(patient=hold.patient, start=hold.start, end=hold.end, by=by)
    clinic = ClinicSettings.load()
    hold.status = AppointmentStatus.CONFIRMED if clinic.auto_confirm else AppointmentStatus.PENDING
    hold.hold_expires_at = None
    hold.reason = reason
    # The kind of visit held sets the fee, as a booking of it would (its length and buffer are held already).
    hold.fee = hold.visit_type.fee if hold.visit_type else hold.doctor.consultation_fee
    hold.created_by = by
    _save_holding_time(hold)
    announce(hold, hooks.Change.BOOKED, actor=by)
    return hold


@transaction.atomic
def clinic_settings_update(**rules) -> ClinicSettings:
    """Change the booking rules (any subset of ``ClinicSettings`` fields)."""
    clinic = ClinicSettings.objects.select_for_update().get(pk=ClinicSettings.load().pk)
    if "reminder_schedule" in rules:  # stored in one order: by channel, longest lead first
        rules["reminder_schedule"] = sorted(
            rules["reminder_schedule"], key=lambda entry: (entry["channel"], -entry["hours_before"])
        )
    model_update(clinic, rules)
    return clinic
