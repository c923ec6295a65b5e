"""Role-based DRF permissions shared by every app: the one vocabulary of roles (``Role``).

``IsAdmin`` and friends guard a whole view; ``RolePermission`` subclasses declare a table of
which roles may use each HTTP method (patients, records).
"""

from rest_framework.permissions import SAFE_METHODS, BasePermission

from .models import Role

# The roles that may read clinical data in their scope; the front desk is not one of them.
CLINICAL_ROLES = (Role.ADMIN, Role.DOCTOR, Role.PATIENT)


def _role(request) -> str | None:
    user = request.user
    return user.effective_role if user and user.is_authenticated else None


def is_admin(user) -> bool:
    """An authenticated clinic administrator (staff and superusers count as admins)."""
    return bool(user and user.is_authenticated and user.is_admin)


class IsAdmin(BasePermission):
    message = "Only clinic administrators may do this."

    def has_permission(self, request, view) -> bool:
        return _role(request) == Role.ADMIN


class IsPatient(BasePermission):
    message = "Only patients may do this."

    def has_permission(self, request, view) -> bool:
        return _role(request) == Role.PATIENT


class IsDoctor(BasePermission):
    message = "Only doctors may do this."

    def has_permission(self, request, view) -> bool:
        return _role(request) == Role.DOCTOR


class IsDoctorOrAdmin(BasePermission):
    message = "Only doctors and administrators may do this."

    def has_permission(self, request, view) -> bool:
        return _role(request) in (Role.DOCTOR, Role.ADMIN)


class IsFrontDesk(BasePermission):
    message = "Only the front desk may do this."

    def has_permission(self, request, view) -> bool:
        return _role(request) == Role.FRONT_DESK


class ReadOnly(BasePermission):
    def has_permission(self, request, view) -> bool:
        return request.method in SAFE_METHODS


class RolePermission(BasePermission):
    """Allows a request when the caller's role is listed for its method in ``allowed``.

    Subclasses declare the table; read methods not listed default to ``allowed["GET"]``.
    Anonymous callers are refused (401 with the JWT authenticator).
    """

    allowed: dict[str, tuple[Role, ...]] = {}

    def has_permission(self, request, view) -> bool:
        user = request.user
        if not user or not user.is_authenticated:
            return False
        method = "GET" if request.method in ("HEAD", "OPTIONS") else request.method
        if request.method not in view.allowed_methods:
            # Let DRF answer 405: the resource has no such method, whoever asks.
            return True
        return user.effective_role in self.allowed.get(method, ())
