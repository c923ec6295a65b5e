"""What each role may do to medical records and the access log, per HTTP method.

Which records a caller can see is ``medical_records_visible_to``'s decision (others 404).
"""

from patients.permissions import ADMIN, DOCTOR, EVERY_ROLE, RolePermission


class MedicalRecordAccess(RolePermission):
    """Read: every role (in scope). Create and edit: doctors, edit only as the author. Delete: admin."""

    message = "Your role may not do this to medical records."
    allowed = {
        "GET": EVERY_ROLE,
        "POST": (DOCTOR,),
        "PUT": (DOCTOR,),
        "PATCH": (DOCTOR,),
        "DELETE": (ADMIN,),
    }

    def has_object_permission(self, request, view, record) -> bool:
        if request.method in ("PUT", "PATCH"):
            # A treating doctor may read a colleague's record but never change it.
            self.message = "Only the record's author may edit it."
            return record.doctor.user_id == request.user.pk
        return True


class AccessLogAccess(RolePermission):
    message = "Only clinic administrators may read the access log."
    allowed = {"GET": (ADMIN,)}


class PatientHistoryAccess(RolePermission):
    """A patient's history (visits and clinical records) is for every clinical role in scope;
    not for the front desk. Read-only."""

    message = "Your role may not do this to patient profiles."
    allowed = {"GET": EVERY_ROLE}
