"""Appointments as stored rows, inserted without the booking rules (for setting up a scene).

Doctors, their hours and the date helpers live in ``doctors/tests/factories.py``.
"""

from datetime import timedelta

import factory
from django.utils import timezone

from appointments.models import Appointment, AppointmentStatus
from doctors.tests.factories import DoctorFactory
from patients.tests.factories import PatientFactory


def _two_days_ahead():
    # On the hour, two days ahead: clear of every reminder window and notice rule.
    return timezone.now().replace(minute=0, second=0, microsecond=0) + timedelta(days=2, hours=1)


class AppointmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Appointment

    patient = factory.SubFactory(PatientFactory)
    doctor = factory.SubFactory(DoctorFactory)
    start = factory.LazyFunction(_two_days_ahead)
    end = factory.LazyAttribute(lambda a: a.start + timedelta(minutes=a.doctor.slot_minutes))
    status = AppointmentStatus.PENDING
    reason = "Check-up"


def book_directly(doctor, patient=None, *, start, status=AppointmentStatus.CONFIRMED, minutes=None) -> Appointment:
    """An appointment on the doctor's grid, inserted without the booking rules."""
    return Appointment.objects.create(
        doctor=doctor,
        patient=patient or PatientFactory(),
        start=start,
        end=start + timedelta(minutes=minutes or doctor.slot_minutes),
        status=status,
    )
