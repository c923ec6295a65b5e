"""Reads of patients, always scoped to what the caller may see."""

from collections.abc import Callable

from django.db.models import Exists, QuerySet

from .models import Patient

# "Which patients does this doctor treat?" is answered by the appointments layer, which registers
# its answer in its AppConfig.ready() (patients cannot import appointments). Until it has, a doctor
# treats no one: the scope fails closed.
_treatment_rule: list[Callable[..., Exists]] = []


def register_treatment_rule(rule: Callable[..., Exists]) -> None:
    """``rule(user, patient_ref=...)`` -> an ``EXISTS`` that is true for the doctor's patients (one rule)."""
    _treatment_rule[:] = [rule]


def treated_by(user, *, patient_ref: str = "pk") -> Exists:
    """True for rows whose patient is treated by the doctor ``user`` (has an appointment with
    them, in any status: ``appointments.selectors.patient_treated_by``).

    ``patient_ref`` names the patient column of the outer queryset. An ``EXISTS``
    subquery, not a join, so no duplicate rows and no ``DISTINCT``.
    """
    if not _treatment_rule:
        return Exists(Patient.objects.none())
    return _treatment_rule[0](user, patient_ref=patient_ref)


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
