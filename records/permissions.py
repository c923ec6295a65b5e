"""What each role may do to medical records and the access log, per HTTP method.

Which records a caller can see is ``medical_records_visible_to``'s decision (others 404).
"""

from accounts.models import Role
from accounts.permissions import CLINICAL_ROLES, RolePermission


class MedicalRecordAccess(RolePermission):
    """Read: every role (in scope). Create and edit: doctors, edit only as the author. Delete: admin."""

    message = "Your role may not do this to medical records."
    allowed = {
        "GET": CLINICAL_ROLES,
        "POST": (Role.DOCTOR,),
        "PUT": (Role.DOCTOR,),
        "PATCH": (Role.DOCTOR,),
        "DELETE": (Role.ADMIN,),
    }

    def has_object_permission(self, request, view, record) -> bool:
        if request.method in ("PUT", "PATCH"):
            # A treating doctor may read a colleague's record but never change it.
            self.message = "Only the record's author may edit it."
            return record.doctor.user_id == request.user.pk
        return True


class AccessLogAccess(RolePermission):
    message = "Only clinic administrators may read the access log."
    allowed = {"GET": (Role.ADMIN,)}


class PatientHistoryAccess(RolePermission):
    """A patient's history (visits and clinical records) is for every clinical role in scope;
    not for the front desk. Read-only."""

    message = "Your role may not do this to patient profiles."
    allowed = {"GET": CLINICAL_ROLES}
