"""Role-based DRF permissions shared by every app."""

from rest_framework.permissions import SAFE_METHODS, BasePermission


def _role(request) -> str | None:
    user = request.user
    return user.effective_role if user and user.is_authenticated else None


class IsAdmin(BasePermission):
    message = "Only clinic administrators may do this."

    def has_permission(self, request, view) -> bool:
        return _role(request) == "admin"


class IsPatient(BasePermission):
    message = "Only patients may do this."

    def has_permission(self, request, view) -> bool:
        return _role(request) == "patient"


class IsDoctor(BasePermission):
    message = "Only doctors may do this."

    def has_permission(self, request, view) -> bool:
        return _role(request) == "doctor"


class IsDoctorOrAdmin(BasePermission):
    message = "Only doctors and administrators may do this."

    def has_permission(self, request, view) -> bool:
        return _role(request) in ("doctor", "admin")


class IsFrontDesk(BasePermission):
    message = "Only the front desk may do this."

    def has_permission(self, request, view) -> bool:
        return _role(request) == "front_desk"


class ReadOnly(BasePermission):
    def has_permission(self, request, view) -> bool:
        return request.method in SAFE_METHODS
