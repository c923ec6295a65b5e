"""What each role may do to patients, per HTTP method.

*Which* patients a caller may touch is decided once, by ``patients_visible_to``: an
object outside that queryset is a 404 before any of this runs on it.
"""

from accounts.models import Role
from accounts.permissions import CLINICAL_ROLES, RolePermission


class PatientAccess(RolePermission):
    """Everyone reads the patients in their scope; patients, the front desk and admin update;
    the front desk and admin register patients; admin deactivates."""

    message = "Your role may not do this to patient profiles."
    allowed = {
        "GET": (*CLINICAL_ROLES, Role.FRONT_DESK),
        "POST": (Role.ADMIN, Role.FRONT_DESK),
        "PUT": (Role.ADMIN, Role.PATIENT, Role.FRONT_DESK),
        "PATCH": (Role.ADMIN, Role.PATIENT, Role.FRONT_DESK),
        "DELETE": (Role.ADMIN,),
    }
