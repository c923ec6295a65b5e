"""The demo's waitlist (``manage.py seed_demo``)."""

from datetime import timedelta

from django.utils import timezone

from appointments.models import ClinicSettings

from .services import waitlist_join


def demo_waitlist(doctors, patients) -> None:
    """Carol waits for Dr. Garcia's longest kind of visit over the next two weeks, through the
    real service: the waitlist pages have an entry, and a cancellation that frees enough
    time for that visit offers it to her. Not Dr. Smith: the end-to-end journeys cancel her
    visits and expect the time free or offered to their own waiting patient."""
    doctor, patient = doctors[2], patients[2]
    visit_type = doctor.visit_types.filter(active=True).order_by("-duration_minutes", "name").first()
    today = timezone.now().astimezone(doctor.tzinfo).date()
    days = min(13, ClinicSettings.load().booking_window_days)
    waitlist_join(
        patient=patient,
        doctor=doctor,
        date_from=today,
        date_to=today + timedelta(days=days),
        visit_type=visit_type,
        by=None,
    )
