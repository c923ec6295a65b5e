"""Reads of patients, always scoped to what the caller may see."""

from django.db.models import Exists, OuterRef, QuerySet

from .models import Patient


def treated_by(user, *, patient_ref: str = "pk") -> Exists:
    """True for rows whose patient has an appointment (any status) with the doctor ``user``.

    ``patient_ref`` names the patient column of the outer queryset. An ``EXISTS``
    subquery, not a join, so no duplicate rows and no ``DISTINCT``.
    """
    from appointments.models import Appointment

    return Exists(Appointment.objects.filter(patient=OuterRef(patient_ref), doctor__user=user))


def patients_visible_to(user) -> QuerySet:
    """Admin and front desk: all; patient: only themselves; doctor: patients with an appointment with them."""
    patients = Patient.objects.select_related("user")
    if not user or not user.is_authenticated:
        return patients.none()
    if user.is_admin or user.is_front_desk:
        return patients
    if user.is_patient:
        return patients.filter(user=user)
    if user.is_doctor:
        return patients.filter(treated_by(user))
    return patients.none()
