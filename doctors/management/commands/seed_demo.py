"""Demo data for `make run`: an admin, doctors with hours and leave, patients, bookings.

Idempotent: running it again leaves existing demo data alone.
"""

from datetime import datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from accounts.models import Role
from appointments.models import Appointment, AppointmentStatus, ClinicSettings
from doctors.models import Doctor, LeaveDay, Specialty, WorkingHours
from patients.models import Patient

User = get_user_model()

ADMIN = ("admin", "Admin12345!")
DEMO_PASSWORD = "Demo12345!"

DOCTORS = [
    # username, first, last, specialty, city, clinic, timezone, fee, slot minutes
    ("dr.smith", "Sarah", "Smith", "General Practice", "Berlin", "Mitte Family Practice", "Europe/Berlin", "60.00", 30),
    ("dr.jones", "Michael", "Jones", "Cardiology", "Berlin", "Charité Heart Centre", "Europe/Berlin", "120.00", 30),
    ("dr.garcia", "Lucia", "Garcia", "Dermatology", "Munich", "Isar Skin Clinic", "Europe/Berlin", "90.00", 20),
    ("dr.chen", "Wei", "Chen", "Pediatrics", "Hamburg", "Elbe Children's Clinic", "Europe/Berlin", "70.00", 30),
    ("dr.patel", "Anita", "Patel", "Neurology", "New York", "Hudson Neurology", "America/New_York", "150.00", 45),
    ("dr.muller", "Jonas", "Müller", "Orthopedics", "Munich", "Marienplatz Orthopedics", "Europe/Berlin", "100.00", 30),
]
PATIENTS = [
    ("alice", "Alice", "Walker", "+4915111111111"),
    ("bob", "Bob", "Meyer", "+4915122222222"),
    ("carol", "Carol", "Nguyen", "+12125550123"),
]
WEEKLY_HOURS = [(day, time(9), time(12)) for day in range(5)] + [(day, time(13), time(17)) for day in range(4)]


class Command(BaseCommand):
    help = "Create demo users, doctors, working hours and appointments (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--print-logins", action="store_true", help="Only print the demo logins.")

    def handle(self, *args, print_logins=False, **options):
        if print_logins:
            self._print_logins()
            return
        with transaction.atomic():
            ClinicSettings.load()
            self._admin()
            doctors = [self._doctor(*row) for row in DOCTORS]
            patients = [self._patient(*row) for row in PATIENTS]
            if not Appointment.objects.exists():
                self._appointments(doctors, patients)
        self.stdout.write(self.style.SUCCESS("Demo data ready."))

    def _print_logins(self):
        self.stdout.write(f"    admin    {ADMIN[0]} / {ADMIN[1]}")
        self.stdout.write(f"    doctor   {DOCTORS[0][0]} / {DEMO_PASSWORD}  (also dr.jones, dr.garcia, ...)")
        self.stdout.write(f"    patient  {PATIENTS[0][0]} / {DEMO_PASSWORD}  (also bob, carol)")

    def _user(self, username, password, **fields):
        user, created = User.objects.get_or_create(username=username, defaults=fields)
        if created:
            user.set_password(password)
            user.save()
        return user

    def _admin(self):
        self._user(
            ADMIN[0],
            ADMIN[1],
            email="admin@example.com",
            first_name="Clinic",
            last_name="Admin",
            role=Role.ADMIN,
            is_staff=True,
            is_superuser=True,
        )

    def _doctor(self, username, first, last, specialty, city, clinic, tz, fee, slot_minutes):
        user = self._user(
            username,
            DEMO_PASSWORD,
            email=f"{username.replace('.', '_')}@example.com",
            first_name=first,
            last_name=last,
            role=Role.DOCTOR,
        )
        specialty_obj = Specialty.objects.filter(name__iexact=specialty).first() or Specialty.objects.create(
            name=specialty
        )
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
            WorkingHours.objects.bulk_create(
                [WorkingHours(doctor=doctor, weekday=d, start_time=s, end_time=e) for d, s, e in WEEKLY_HOURS]
            )
            if username == "dr.jones":
                start = timezone.localdate() + timedelta(days=10)
                LeaveDay.objects.create(
                    doctor=doctor, start_date=start, end_date=start + timedelta(days=4), reason="Conference"
                )
        return doctor

    def _patient(self, username, first, last, phone):
        user = self._user(
            username,
            DEMO_PASSWORD,
            email=f"{username}@example.com",
            first_name=first,
            last_name=last,
            role=Role.PATIENT,
        )
        patient, _ = Patient.objects.get_or_create(user=user, defaults={"phone": phone})
        return patient

    def _appointments(self, doctors, patients):
        """A few past visits and upcoming bookings, on each doctor's slot grid."""
        today = timezone.localdate()
        plan = [
            (-14, 10, AppointmentStatus.COMPLETED),
            (-7, 11, AppointmentStatus.NO_SHOW),
            (-3, 9, AppointmentStatus.CANCELLED),
            (3, 10, AppointmentStatus.CONFIRMED),
            (5, 14, AppointmentStatus.PENDING),
            (8, 9, AppointmentStatus.CONFIRMED),
        ]
        rows = []
        for i, doctor in enumerate(doctors):
            tz = ZoneInfo(doctor.timezone)
            for j, (days, hour, status) in enumerate(plan):
                day = today + timedelta(days=days)
                while day.weekday() >= 4:  # Mon–Thu have both morning and afternoon hours
                    day += timedelta(days=1)
                start = datetime.combine(day, time(hour), tzinfo=tz)
                rows.append(
                    Appointment(
                        doctor=doctor,
                        patient=patients[(i + j) % len(patients)],
                        start=start,
                        end=start + timedelta(minutes=doctor.slot_minutes),
                        status=status,
                        reason="Check-up",
                        cancellation_reason="Feeling better" if status == "cancelled" else "",
                        cancelled_at=timezone.now() if status == "cancelled" else None,
                    )
                )
        Appointment.objects.bulk_create(rows)
