"""What each role may do to patients, per HTTP method.

*Which* patients a caller may touch is decided once, by ``patients_visible_to``: an
object outside that queryset is a 404 before any of this runs on it.
"""

from rest_framework.permissions import BasePermission

ADMIN, DOCTOR, PATIENT, FRONT_DESK = "admin", "doctor", "patient", "front_desk"
# The roles that may read clinical data in their scope; the front desk is not one of them.
EVERY_ROLE = (ADMIN, DOCTOR, PATIENT)


class RolePermission(BasePermission):
    """Allows a request when the caller's role is listed for its method in ``allowed``.

    Subclasses declare the table; read methods not listed default to ``allowed["GET"]``.
    Anonymous callers are refused (401 with the JWT authenticator).
    """

    allowed: dict[str, tuple[str, ...]] = {}

    def has_permission(self, request, view) -> bool:
        user = request.user
        if not user or not user.is_authenticated:
            return False
        method = "GET" if request.method in ("HEAD", "OPTIONS") else request.method
        if request.method not in view.allowed_methods:
            # Let DRF answer 405: the resource has no such method, whoever asks.
            return True
        return user.effective_role in self.allowed.get(method, ())


class PatientAccess(RolePermission):
    """Everyone reads the patients in their scope; patients, the front desk and admin update;
    the front desk and admin register patients; admin deactivates."""

    message = "Your role may not do this to patient profiles."
    allowed = {
        "GET": (*EVERY_ROLE, FRONT_DESK),
        "POST": (ADMIN, FRONT_DESK),
        "PUT": (ADMIN, PATIENT, FRONT_DESK),
        "PATCH": (ADMIN, PATIENT, FRONT_DESK),
        "DELETE": (ADMIN,),
    }
