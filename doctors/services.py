"""Every write to doctors, specialties, working hours and leave. Each function owns its transaction."""

from collections.abc import Callable
from datetime import date, time, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from accounts.models import Role
from accounts.services import user_create, user_set_active
from healthcare_system.db import model_update
from healthcare_system.exceptions import DomainError, full_clean

from . import hooks
from .errors import WorkingHoursOverlap
from .models import Doctor, LeaveDay, Specialty, VisitType, WorkingHours

User = get_user_model()

# A new doctor's slot length defaults to the clinic's setting, which lives in a higher layer
# (appointments' ClinicSettings): it registers the reader in its AppConfig.ready(). Unregistered
# (never in a running project), the model's own default.
_default_slot_minutes: list[Callable[[], int]] = []


def register_default_slot_minutes(read: Callable[[], int]) -> None:
    """The clinic's "slot length for new doctors" (one registered reader)."""
    _default_slot_minutes[:] = [read]


def default_slot_minutes() -> int:
    if _default_slot_minutes:
        return _default_slot_minutes[0]()
    return Doctor._meta.get_field("slot_minutes").default


_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# Profile fields a doctor or admin may change through doctor_update.
PROFILE_FIELDS = (
    "clinic_name",
    "city",
    "address",
    "bio",
    "phone",
    "consultation_fee",
    "slot_minutes",
    "timezone",
)


# --- Specialties -------------------------------------------------------------------------------


def specialty_get_or_create(*, name: str) -> Specialty:
    """The specialty called ``name`` in any case, created (as typed) if new."""
    name = " ".join(name.split())
    if not name:
        raise DomainError("A specialization is required.", field="specialization")
    existing = Specialty.objects.filter(name__iexact=name).first()
    if existing:
        return existing
    try:
        # A savepoint: a concurrent create of the same name loses on the unique
        # constraint, and the caller's transaction goes on with the winner's row.
        with transaction.atomic():
            return Specialty.objects.create(name=name)
    except IntegrityError:
        return Specialty.objects.get(name__iexact=name)


# --- Doctors -----------------------------------------------------------------------------------


@transaction.atomic
def doctor_create(
    *,
    username: str,
    email: str,
    password: str,
    first_name: str,
    last_name: str,
    specialization: str,
    clinic_name: str = "",
    city: str = "",
    address: str = "",
    bio: str = "",
    phone: str = "",
    consultation_fee: Decimal = Decimal("0"),
    slot_minutes: int | None = None,
    timezone: str = "Europe/Berlin",
) -> Doctor:
    """Create a doctor's user account (role doctor) and profile together, all or nothing.

    ``slot_minutes`` defaults to the clinic's ``default_slot_minutes``. Raises
    ``DomainError`` (400): ``user_create``'s field errors under ``user`` for a taken username
    or email (case-insensitive) or a password Django's validators refuse; the profile fields
    the model refuses (the user is then rolled back with it).
    """
    try:
        user = user_create(
            username=username,
            email=email,
            password=password,
            role=Role.DOCTOR,
            first_name=first_name,
            last_name=last_name,
        )
    except DomainError as exc:
        raise exc.under("user") from exc

    doctor = Doctor(
        user=user,
        specialty=specialty_get_or_create(name=specialization),
        clinic_name=clinic_name,
        city=city,
        address=address,
        bio=bio,
        phone=phone,
        consultation_fee=consultation_fee,
        slot_minutes=slot_minutes if slot_minutes is not None else default_slot_minutes(),
        timezone=timezone,
    )
    # Raises before the insert; the user saved above goes with this transaction.
    full_clean(doctor)
    doctor.save()
    return doctor


@transaction.atomic
def doctor_update(*, doctor: Doctor, specialization: str | None = None, **fields) -> Doctor:
    """Change profile fields (PROFILE_FIELDS) and the specialty (by name, created if new).

    Raises ``DomainError`` (field errors) for values the model refuses. Changing ``slot_minutes`` or
    ``timezone`` leaves booked appointments as they are.
    """
    unknown = set(fields) - set(PROFILE_FIELDS)
    if unknown:
        raise TypeError(f"doctor_update() got unexpected fields: {', '.join(sorted(unknown))}")
    doctor = Doctor.objects.select_for_update().select_related("user").get(pk=doctor.pk)
    if specialization is not None:
        fields["specialty"] = specialty_get_or_create(name=specialization)
    model_update(doctor, fields, validate_exclude=["user"])
    return doctor


@transaction.atomic
def doctor_deactivate(*, doctor: Doctor) -> Doctor:
    """Retire a doctor: hidden from the public list and from booking; history stays.

    A retired doctor also loses access: their account is deactivated, which refuses logins
    and refreshes, ends their sessions and rejects their access tokens. An account that is
    more than a doctor's (an admin) keeps its access. Reactivate through /api/users/.
    """
    doctor = Doctor.objects.select_for_update().select_related("user").get(pk=doctor.pk)
    if doctor.is_active:
        doctor.is_active = False
        doctor.save(update_fields=["is_active", "updated_at"])
    if doctor.user.is_doctor and doctor.user.is_active:
        user_set_active(user=doctor.user, is_active=False)
    return doctor


# --- Working hours -----------------------------------------------------------------------------


def _check_interval(*, weekday: int, start_time: time, end_time: time) -> None:
    if not 0 <= weekday <= 6:
        raise DomainError("weekday must be 0 (Monday) to 6 (Sunday).", field="weekday")
    if not start_time < end_time:
        raise DomainError("start_time must be before end_time.", field="end_time")


def _check_no_overlap(
    *, doctor: Doctor, weekday: int, start_time: time, end_time: time, exclude_id: int | None = None
) -> None:
    # Half-open intervals: 09:00-12:00 and 12:00-13:00 touch but do not overlap.
    clash = (
        WorkingHours.objects.filter(doctor=doctor, weekday=weekday, start_time__lt=end_time, end_time__gt=start_time)
        .exclude(pk=exclude_id)
        .order_by("start_time")
        .first()
    )
    if clash:
        raise WorkingHoursOverlap(
            f"{start_time:%H:%M}-{end_time:%H:%M} overlaps the doctor's hours "
            f"{clash.start_time:%H:%M}-{clash.end_time:%H:%M} on {_WEEKDAYS[weekday]}."
        )


def _lock_doctor(doctor: Doctor) -> Doctor:
    # Every write to a doctor's hours locks the doctor row first, so two concurrent writes
    # cannot both pass the overlap check (SQLite: IMMEDIATE transactions serialise them).
    return Doctor.objects.select_for_update().get(pk=doctor.pk)


@transaction.atomic
def working_hours_create(*, doctor: Doctor, weekday: int, start_time: time, end_time: time) -> WorkingHours:
    """Add a weekly working interval. Raises ``DomainError`` (bad weekday, start not before
    end) and ``WorkingHoursOverlap`` (overlaps another interval of the doctor that weekday)."""
    _check_interval(weekday=weekday, start_time=start_time, end_time=end_time)
    doctor = _lock_doctor(doctor)
    _check_no_overlap(doctor=doctor, weekday=weekday, start_time=start_time, end_time=end_time)
    return WorkingHours.objects.create(doctor=doctor, weekday=weekday, start_time=start_time, end_time=end_time)


@transaction.atomic
def working_hours_update(
    *,
    hours: WorkingHours,
    weekday: int | None = None,
    start_time: time | None = None,
    end_time: time | None = None,
) -> WorkingHours:
    """Change a working interval; same errors as ``working_hours_create``."""
    _lock_doctor(hours.doctor)
    hours = WorkingHours.objects.select_related("doctor").get(pk=hours.pk)
    weekday = hours.weekday if weekday is None else weekday
    start_time = hours.start_time if start_time is None else start_time
    end_time = hours.end_time if end_time is None else end_time
    _check_interval(weekday=weekday, start_time=start_time, end_time=end_time)
    _check_no_overlap(
        doctor=hours.doctor, weekday=weekday, start_time=start_time, end_time=end_time, exclude_id=hours.pk
    )
    hours.weekday, hours.start_time, hours.end_time = weekday, start_time, end_time
    hours.save(update_fields=["weekday", "start_time", "end_time"])
    return hours


@transaction.atomic
def working_hours_delete(*, hours: WorkingHours) -> None:
    """Remove a working interval; booked appointments in it stay as they are."""
    hours.delete()


# --- Leave -------------------------------------------------------------------------------------


def _check_leave(*, start_date: date, end_date: date) -> None:
    if end_date < start_date:
        raise DomainError("end_date cannot be before start_date.", field="end_date")


@transaction.atomic
def leave_day_create(*, doctor: Doctor, start_date: date, end_date: date, reason: str = "") -> LeaveDay:
    """Record days off (both dates included, in the doctor's zone).

    Booked appointments on those days are left as they are; the caller reports them
    (``appointments.selectors.leave_days_conflicts``) and the hooks tell their patients
    (``hooks.leave_saved``). Raises ``DomainError`` if end_date < start_date.
    """
    _check_leave(start_date=start_date, end_date=end_date)
    leave = LeaveDay.objects.create(doctor=doctor, start_date=start_date, end_date=end_date, reason=reason)
    hooks.leave_saved.send(sender=LeaveDay, leave=leave)
    return leave


@transaction.atomic
def leave_day_update(
    *, leave: LeaveDay, start_date: date | None = None, end_date: date | None = None, reason: str | None = None
) -> LeaveDay:
    """Change a leave; same errors as ``leave_day_create``."""
    leave = LeaveDay.objects.select_for_update().get(pk=leave.pk)
    was = (leave.start_date, leave.end_date)
    leave.start_date = leave.start_date if start_date is None else start_date
    leave.end_date = leave.end_date if end_date is None else end_date
    leave.reason = leave.reason if reason is None else reason
    _check_leave(start_date=leave.start_date, end_date=leave.end_date)
    leave.save(update_fields=["start_date", "end_date", "reason"])
    _announce_lifted(leave.doctor, *was, still_off=(leave.start_date, leave.end_date))
    hooks.leave_saved.send(sender=LeaveDay, leave=leave)
    return leave


def _announce_lifted(doctor: Doctor, first: date, last: date, *, still_off: tuple[date, date] | None = None) -> None:
    """Tell the layers above which days of ``first..last`` are no longer leave."""
    if still_off is None or still_off[1] < first or last < still_off[0]:
        hooks.leave_lifted.send(sender=LeaveDay, doctor=doctor, start_date=first, end_date=last)
        return
    if first < still_off[0]:
        hooks.leave_lifted.send(sender=LeaveDay, doctor=doctor, start_date=first, end_date=still_off[0] - timedelta(1))
    if still_off[1] < last:
        hooks.leave_lifted.send(sender=LeaveDay, doctor=doctor, start_date=still_off[1] + timedelta(1), end_date=last)


@transaction.atomic
def leave_day_delete(*, leave: LeaveDay) -> None:
    """Remove a leave: its days become bookable again."""
    doctor, first, last = leave.doctor, leave.start_date, leave.end_date
    leave.delete()
    _announce_lifted(doctor, first, last)


# --- Visit types -------------------------------------------------------------------------------

VISIT_TYPE_FIELDS = ("name", "duration_minutes", "buffer_minutes", "fee", "active")


def _check_visit_type_name(*, doctor: Doctor, name: str, exclude_id: int | None = None) -> str:
    name = " ".join(name.split())
    if not name:
        raise DomainError("A name is required.", field="name")
    if VisitType.objects.filter(doctor=doctor, name__iexact=name).exclude(pk=exclude_id).exists():
        raise DomainError(f"The doctor already has a visit type called '{name}'.", field="name")
    return name


@transaction.atomic
def visit_type_create(
    *,
    doctor: Doctor,
    name: str,
    duration_minutes: int,
    fee: Decimal,
    buffer_minutes: int = 0,
    active: bool = True,
) -> VisitType:
    """Add a kind of visit the doctor offers. Raises ``DomainError`` for a blank or duplicate name."""
    doctor = _lock_doctor(doctor)
    name = _check_visit_type_name(doctor=doctor, name=name)
    return VisitType.objects.create(
        doctor=doctor,
        name=name,
        duration_minutes=duration_minutes,
        buffer_minutes=buffer_minutes,
        fee=fee,
        active=active,
    )


@transaction.atomic
def visit_type_update(*, visit_type: VisitType, **changes) -> VisitType:
    """Change a visit type (any of ``VISIT_TYPE_FIELDS``). Booked visits keep the length,
    buffer and fee they were booked with. Retiring it (``active`` false) is announced
    (``visit_type_announce_retired``)."""
    _lock_doctor(visit_type.doctor)
    visit_type = VisitType.objects.select_related("doctor").get(pk=visit_type.pk)
    if "name" in changes:
        changes["name"] = _check_visit_type_name(
            doctor=visit_type.doctor, name=changes["name"], exclude_id=visit_type.pk
        )
    was_active = visit_type.active
    model_update(visit_type, changes, allowed=VISIT_TYPE_FIELDS)
    if was_active and not visit_type.active:
        visit_type_announce_retired(visit_type=visit_type)
    return visit_type


def visit_type_announce_retired(*, visit_type: VisitType) -> None:
    """Tell the layers above that ``visit_type`` is no longer offered, in the caller's transaction
    (``hooks.visit_type_retired``: the waitlist's entries for it wait on for a plain slot).

    Called by ``visit_type_update`` and by the admin, which saves the row itself.
    """
    hooks.visit_type_retired.send(sender=VisitType, visit_type=visit_type)


@transaction.atomic
def visit_type_delete(*, visit_type: VisitType) -> None:
    """Remove a visit type never booked; one with appointments is only deactivated.

    Raises ``DomainError`` for a booked type (its history must stay readable).
    """
    in_use = DomainError(
        "This visit type has appointments or waitlist entries and cannot be deleted; set active to false instead.",
        code="visit_type_in_use",
    )
    if visit_type.appointments.exists():
        raise in_use
    try:
        with transaction.atomic():
            visit_type.delete()
    except ProtectedError as exc:  # waitlist entries (a layer above) or holds still name it
        raise in_use from exc


def doctor_profile_follow_role(*, user, role: str) -> None:
    """Keep the doctor profile in step with the role (``accounts.hooks.role_set``): a new doctor
    gets one in "General Practice" with the clinic's default slot length, to be completed by an
    admin; leaving the role retires it (inactive, history kept), returning revives it."""
    doctor = Doctor.objects.filter(user=user).first()
    if role == Role.DOCTOR and doctor is None:
        specialty, _ = Specialty.objects.get_or_create(name="General Practice")
        Doctor.objects.create(user=user, specialty=specialty, slot_minutes=default_slot_minutes())
    elif doctor is not None and doctor.is_active != (role == Role.DOCTOR):
        doctor.is_active = role == Role.DOCTOR
        doctor.save(update_fields=["is_active"])
