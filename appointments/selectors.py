"""Reads of appointments, always scoped to what the caller may see."""

from django.db.models import QuerySet

from .models import Appointment


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
