"""Reads of medical records and of the access log, scoped to the caller."""

from django.db.models import QuerySet

from patients.selectors import treated_by

from .models import AccessLog, MedicalRecord


def medical_records_visible_to(user) -> QuerySet:
    """Admin: all; patient: their own; doctor: every record of a patient who has an
    appointment (any status) with them, whoever wrote it; anyone else: nothing."""
    records = MedicalRecord.objects.select_related("patient__user", "doctor__user")
    if not user or not user.is_authenticated:
        return records.none()
    if user.is_admin:
        return records
    if user.is_patient:
        return records.filter(patient__user=user)
    if user.is_doctor:
        return records.filter(treated_by(user, patient_ref="patient"))
    return records.none()


def patient_medical_records(*, patient) -> QuerySet:
    """All records of one patient, newest first (for the history; the caller checked access)."""
    return MedicalRecord.objects.filter(patient=patient).select_related("patient__user", "doctor__user")


def access_log_list() -> QuerySet:
    """The whole access log, newest first (admin only; the view enforces it)."""
    return AccessLog.objects.all()
