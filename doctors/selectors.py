"""Every read of doctors, their hours, leaves and visit types; querysets scoped to the caller.

Free time (``next_available``, ``available_on``, slots) and the visits a leave covers read
appointments, so they live above, in ``appointments.availability`` and
``appointments.selectors``.
"""

from django.db.models import Q, QuerySet

from accounts.permissions import is_admin
from healthcare_system.exceptions import DomainError

from .models import Doctor, LeaveDay, Specialty, VisitType, WorkingHours


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
