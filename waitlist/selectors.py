"""Reads of the waitlist, scoped to the caller: a patient their own, a doctor theirs, admin all."""

from django.db.models import QuerySet

from .models import WaitlistEntry


def waitlist_visible_to(user) -> QuerySet[WaitlistEntry]:
    entries = WaitlistEntry.objects.select_related("patient__user", "doctor__user", "hold", "visit_type").order_by(
        "-created_at", "-id"
    )
    if not user or not user.is_authenticated:
        return entries.none()
    if user.is_admin or user.is_front_desk:  # the front desk reads every waitlist
        return entries
    if user.is_patient:
        return entries.filter(patient__user=user)
    if user.is_doctor:
        return entries.filter(doctor__user=user)
    return entries.none()
