"""The demo's doctors (``manage.py seed_demo``): six profiles in three cities and two zones,
with weekly hours, visit types and, for Dr. Jones, a conference leave. Idempotent."""

from datetime import time, timedelta
from decimal import Decimal

from django.utils import timezone

from accounts.demo import DEMO_PASSWORD, demo_user
from accounts.models import Role

from .models import Doctor, LeaveDay, Specialty, VisitType, WorkingHours

DOCTORS = [
    # username, first, last, specialty, city, clinic, timezone, fee, slot minutes
    ("dr.smith", "Sarah", "Smith", "General Practice", "Berlin", "Mitte Family Practice", "Europe/Berlin", "60.00", 30),
    ("dr.jones", "Michael", "Jones", "Cardiology", "Berlin", "Charité Heart Centre", "Europe/Berlin", "120.00", 30),
    ("dr.garcia", "Lucia", "Garcia", "Dermatology", "Munich", "Isar Skin Clinic", "Europe/Berlin", "90.00", 20),
    ("dr.chen", "Wei", "Chen", "Pediatrics", "Hamburg", "Elbe Children's Clinic", "Europe/Berlin", "70.00", 30),
    ("dr.patel", "Anita", "Patel", "Neurology", "New York", "Hudson Neurology", "America/New_York", "150.00", 45),
    ("dr.muller", "Jonas", "Müller", "Orthopedics", "Munich", "Marienplatz Orthopedics", "Europe/Berlin", "100.00", 30),
]
# Each demo doctor's visit types: name, minutes, buffer minutes, fee as a share of their fee.
VISIT_TYPES = {
    "dr.smith": [("Follow-up", 15, 0, "0.5"), ("First consultation", 45, 0, "1.5"), ("Vaccination", 10, 5, "0.5")],
    "dr.jones": [("Follow-up", 30, 0, "1"), ("First consultation", 60, 0, "1.5"), ("ECG", 20, 10, "0.75")],
    "dr.garcia": [("Skin check", 20, 0, "1"), ("Mole removal", 40, 20, "2")],
    "dr.chen": [("Check-up", 30, 0, "1"), ("First consultation", 45, 15, "1.5")],
    "dr.patel": [("Follow-up", 45, 0, "1"), ("First consultation", 90, 0, "1.5"), ("EEG", 45, 15, "1.25")],
    "dr.muller": [("Follow-up", 15, 0, "0.5"), ("First consultation", 45, 0, "1.5"), ("X-ray", 15, 10, "0.75")],
}
WEEKLY_HOURS = [(day, time(9), time(12)) for day in range(5)] + [(day, time(13), time(17)) for day in range(4)]


def demo_doctor(username, first, last, specialty, city, clinic, tz, fee, slot_minutes) -> Doctor:
    user = demo_user(
        username,
        DEMO_PASSWORD,
        email=f"{username.replace('.', '_')}@example.com",
        first_name=first,
        last_name=last,
        role=Role.DOCTOR,
    )
    specialty_obj = Specialty.objects.filter(name__iexact=specialty).first() or Specialty.objects.create(name=specialty)
    doctor, created = Doctor.objects.get_or_create(
        user=user,
        defaults={
            "specialty": specialty_obj,
            "city": city,
            "clinic_name": clinic,
            "timezone": tz,
            "consultation_fee": Decimal(fee),
            "slot_minutes": slot_minutes,
            "address": f"{clinic}, {city}",
            "bio": f"Dr. {last} practises {specialty.lower()} at {clinic} in {city}.",
        },
    )
    if created:
        VisitType.objects.bulk_create(
            VisitType(
                doctor=doctor,
                name=name,
                duration_minutes=minutes,
                buffer_minutes=buffer,
                fee=(Decimal(fee) * Decimal(share)).quantize(Decimal("0.01")),
            )
            for name, minutes, buffer, share in VISIT_TYPES.get(username, [])
        )
        WorkingHours.objects.bulk_create(
            [WorkingHours(doctor=doctor, weekday=d, start_time=s, end_time=e) for d, s, e in WEEKLY_HOURS]
        )
        if username == "dr.jones":
            start = timezone.localdate() + timedelta(days=10)
            LeaveDay.objects.create(
                doctor=doctor, start_date=start, end_date=start + timedelta(days=4), reason="Conference"
            )
    return doctor
