"""Reads of appointments, always scoped to what the caller may see."""

from django.db.models import Exists, OuterRef, Prefetch, QuerySet

from patients.models import Patient

from .models import Appointment, AppointmentSeries


def appointments_visible_to(user) -> QuerySet:
    """Admins and the front desk see all; a patient their own; a doctor theirs; anyone else nothing."""
    appointments = Appointment.objects.select_related(
        "patient__user", "doctor__user", "doctor__specialty", "visit_type"
    )
    if not user or not user.is_authenticated:
        return appointments.none()
    if user.is_admin or user.is_front_desk:
        return appointments
    if user.is_patient:
        return appointments.filter(patient__user=user)
    if user.is_doctor:
        return appointments.filter(doctor__user=user)
    return appointments.none()


def _occurrences():
    rows = Appointment.objects.select_related("patient__user", "doctor__user", "doctor__specialty").order_by("start")
    return Prefetch("appointments", queryset=rows)


def series_visible_to(user) -> QuerySet:
    """Scoped like appointments: a patient their own, a doctor theirs, admin all."""
    series = AppointmentSeries.objects.select_related("patient__user", "doctor__user").prefetch_related(_occurrences())
    if not user or not user.is_authenticated:
        return series.none()
    if user.is_admin or user.is_front_desk:
        return series
    if user.is_patient:
        return series.filter(patient__user=user)
    if user.is_doctor:
        return series.filter(doctor__user=user)
    return series.none()


def patient_appointments(*, patient: Patient) -> QuerySet:
    """All of the patient's appointments, newest first (for the history)."""
    return (
        Appointment.objects.filter(patient=patient)
        .select_related("patient__user", "doctor__user", "doctor__specialty")
        .order_by("-start", "-id")
    )


def patient_treated_by(user, *, patient_ref: str = "pk") -> Exists:
    """True for rows whose patient has an appointment (any status) with the doctor ``user``.
    Registered as patients' treatment rule (``patients.selectors.treated_by``) in AppointmentsConfig.ready()."""
    return Exists(Appointment.objects.filter(patient=OuterRef(patient_ref), doctor__user=user))
