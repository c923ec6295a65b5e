"""The iCalendar (.ics) view of one appointment, attached to emails and served by the API.

Standalone on purpose: ``GET /api/appointments/{id}/ics/`` and the booking email use this
one function, so a calendar never sees two versions of a visit.
"""

from datetime import UTC

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from .models import AppointmentStatus, ClinicSettings

_STATUS = {
    AppointmentStatus.PENDING: "TENTATIVE",
    AppointmentStatus.CONFIRMED: "CONFIRMED",
    AppointmentStatus.CANCELLED: "CANCELLED",
    AppointmentStatus.COMPLETED: "CONFIRMED",
    AppointmentStatus.NO_SHOW: "CONFIRMED",
}


def appointment_uid(appointment) -> str:
    """Stable for the life of the appointment, so calendars update the event instead of adding one."""
    return f"appointment-{appointment.pk}@{settings.ICAL_UID_DOMAIN}"


def appointment_sequence(appointment) -> int:
    return appointment.sequence


def appointment_location(appointment, clinic: ClinicSettings | None = None) -> str:
    doctor = appointment.doctor
    clinic_name = doctor.clinic_name or (clinic or ClinicSettings.load()).clinic_name
    parts = [part.strip() for part in (clinic_name, doctor.address, doctor.city) if part and part.strip()]
    # Addresses are often written in full ("Hudson Neurology, New York"): leave out a part
    # that repeats an earlier one or is a comma-separated piece of another, so the location
    # does not read "Hudson Neurology, Hudson Neurology, New York, New York".
    kept = []
    for i, part in enumerate(parts):
        key = part.casefold()
        pieces = {
            p.strip().casefold() for j, other in enumerate(parts) if j != i and "," in other for p in other.split(",")
        }
        if key not in pieces and key not in {k.casefold() for k in kept}:
            kept.append(part)
    return ", ".join(kept)


def new_calendar(clinic: ClinicSettings, *, name: str | None = None) -> Calendar:
    cal = Calendar()
    cal.add("prodid", f"-//{clinic.clinic_name}//Healthcare Scheduling//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    if name:
        cal.add("x-wr-calname", name)
    return cal


def appointment_vevent(appointment, clinic: ClinicSettings, *, summary: str | None = None) -> Event:
    """One appointment as a VEVENT: the same UID and SEQUENCE in an email's file and in a feed."""
    doctor = appointment.doctor
    event = Event()
    event.add("uid", appointment_uid(appointment))
    event.add("sequence", appointment_sequence(appointment))
    event.add("dtstamp", timezone.now().astimezone(UTC))
    event.add("dtstart", appointment.start.astimezone(UTC))
    event.add("dtend", appointment.end.astimezone(UTC))
    if appointment.created_at:
        event.add("created", appointment.created_at.astimezone(UTC))
    if appointment.updated_at:
        event.add("last-modified", appointment.updated_at.astimezone(UTC))
    # No visit reason here: calendars get synced to third parties, and the reason is health data.
    event.add("summary", summary or f"Appointment with {doctor}")
    event.add("location", appointment_location(appointment, clinic))
    event.add(
        "description",
        f"{doctor} ({doctor.specialty.name}) at {clinic.clinic_name}. Appointment #{appointment.pk}.",
    )
    event.add("status", _STATUS.get(appointment.status, "CONFIRMED"))
    return event


def appointment_ics(appointment, *, clinic: ClinicSettings | None = None) -> bytes:
    """An RFC 5545 calendar with one VEVENT for the appointment (times in UTC)."""
    clinic = clinic or ClinicSettings.load()
    cal = new_calendar(clinic)
    cal.add_component(appointment_vevent(appointment, clinic))
    return cal.to_ical()
