"""Who may do what with doctors, their hours and leave (visibility itself is in selectors)."""

from rest_framework import exceptions
from rest_framework.permissions import SAFE_METHODS, BasePermission

from accounts.permissions import is_admin

from .models import Doctor


class DoctorProfilePermission(BasePermission):
    """Anyone reads; admins create and deactivate; admins or the doctor themselves edit."""

    message = "Only clinic administrators, or the doctor on their own profile, may do this."

    def has_permission(self, request, view) -> bool:
        if request.method in SAFE_METHODS:
            return True
        user = request.user
        if request.method in ("PUT", "PATCH"):
            return bool(user and user.is_authenticated and (user.is_admin or user.is_doctor))
        return is_admin(user)

    def has_object_permission(self, request, view, obj: Doctor) -> bool:
        if request.method in SAFE_METHODS or is_admin(request.user):
            return True
        return obj.user_id == request.user.pk


class IsDoctorOwnerOrAdmin(BasePermission):
    """Writes to a doctor's hours or leave: the admin, or that doctor. ``read_anyone``
    lets anyone (even anonymous) read, as working hours are public."""

    message = "Doctors may change only their own schedule."
    read_anyone = False

    def has_permission(self, request, view) -> bool:
        if self.read_anyone and request.method in SAFE_METHODS:
            return True
        user = request.user
        if request.method in SAFE_METHODS and user and user.is_authenticated and user.is_front_desk:
            return True  # the front desk reads every doctor's schedule
        return bool(user and user.is_authenticated and (user.is_admin or user.is_doctor))

    def has_object_permission(self, request, view, obj) -> bool:
        if request.method in SAFE_METHODS or is_admin(request.user):
            return True
        return obj.doctor.user_id == request.user.pk


class WorkingHoursPermission(IsDoctorOwnerOrAdmin):
    read_anyone = True


class LeaveDayPermission(IsDoctorOwnerOrAdmin):
    read_anyone = False


class VisitTypePermission(IsDoctorOwnerOrAdmin):
    message = "Doctors may change only their own visit types."
    read_anyone = True


def doctor_for_write(user, requested: Doctor | None) -> Doctor:
    """The doctor whose hours or leave ``user`` is writing.

    A doctor writes their own (``doctor`` omitted or their own id; another id is 403);
    an admin must name the doctor (400 if missing).
    """
    if is_admin(user):
        if requested is None:
            raise exceptions.ValidationError({"doctor": ["This field is required."]})
        return requested
    own = getattr(user, "doctor", None)
    if own is None:
        raise exceptions.PermissionDenied("Your account has no doctor profile.")
    if requested is not None and requested.pk != own.pk:
        raise exceptions.PermissionDenied(IsDoctorOwnerOrAdmin.message)
    return own
