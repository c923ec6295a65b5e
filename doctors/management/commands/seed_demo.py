"""Demo data for `make run`: an admin, doctors with hours and leave, patients, bookings.

Idempotent: running it again leaves existing demo data alone.

With ``--doctors``, ``--patients`` or ``--appointments`` it generates data at scale
instead, for the report benchmarks (``bench/bench_reports.py``)::

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/healthcare_scale \
        python manage.py seed_demo --doctors 500 --patients 50000 --appointments 1000000

Scale data is deterministic (a fixed ``--seed``; ``--today`` pins the calendar) and
realistic enough for the reports: specialties, cities, weekly hours, leave, a year of
history and two months of bookings on each doctor's slot grid, never overlapping.
"""

import random
import time as clock
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from accounts.models import Role
from accounts.services import user_create
from appointments.models import ACTIVE_STATUSES, Appointment, AppointmentStatus, ClinicSettings
from appointments.slots import Schedule, WorkingInterval, day_slots
from doctors.models import Doctor, LeaveDay, Specialty, VisitType, WorkingHours
from healthcare_system.db import long_running
from patients.models import Patient
from waitlist.models import WaitlistEntry
from waitlist.services import waitlist_join

User = get_user_model()

ADMIN = ("admin", "Admin12345!")
FRONT_DESK = ("frontdesk", "Desk12345!")
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


class Command(BaseCommand):
    help = "Create demo users, doctors, working hours and appointments (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--print-logins", action="store_true", help="Only print the demo logins.")
        scale = parser.add_argument_group("scale mode (any of these switches it on)")
        scale.add_argument("--doctors", type=int, help="Doctors to generate (default 500 in scale mode).")
        scale.add_argument("--patients", type=int, help="Patients to generate (default 50000 in scale mode).")
        scale.add_argument("--appointments", type=int, help="Appointments to generate (default 1000000 in scale mode).")
        scale.add_argument("--seed", type=int, default=SCALE_SEED, help=f"Random seed (default {SCALE_SEED}).")
        scale.add_argument(
            "--today",
            type=date.fromisoformat,
            help="The date the year of history ends on (YYYY-MM-DD; default today, clinic zone).",
        )
        scale.add_argument("--batch-size", type=int, default=5000, help="Rows per INSERT (default 5000).")

    def handle(self, *args, print_logins=False, **options):
        if print_logins:
            self._print_logins()
            return
        if any(options.get(name) is not None for name in ("doctors", "patients", "appointments")):
            self._scale(options)
            return
        with transaction.atomic():
            ClinicSettings.load()
            self._admin()
            self._front_desk()
            doctors = [self._doctor(*row) for row in DOCTORS]
            patients = [self._patient(*row) for row in PATIENTS]
            if not Appointment.objects.exists():
                self._appointments(doctors, patients)
            if not WaitlistEntry.objects.exists():
                self._waitlist(doctors, patients)
        self.stdout.write(self.style.SUCCESS("Demo data ready."))

    def _scale(self, options):
        doctors = options["doctors"] if options["doctors"] is not None else 500
        patients = options["patients"] if options["patients"] is not None else 50_000
        appointments = options["appointments"] if options["appointments"] is not None else 1_000_000
        if doctors < 1 or patients < 1 or appointments < 0:
            raise CommandError("Need at least one doctor and one patient, and no negative counts.")
        started = clock.monotonic()
        self.stdout.write(f"Generating {doctors} doctors, {patients} patients, {appointments} appointments ...")
        # A million rows and an ANALYZE take longer than a request may: no time bounds here.
        with long_running(), transaction.atomic():
            ClinicSettings.load()
            self._admin()
            counts = ScaleSeeder(
                doctors=doctors,
                patients=patients,
                appointments=appointments,
                seed=options["seed"],
                today=options["today"] or timezone.localdate(),
                batch_size=options["batch_size"],
                log=self.stdout.write,
            ).run()
        summary = ", ".join(f"{count} {name}" for name, count in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Scale data ready: {summary} in {clock.monotonic() - started:.1f} s."))

    def _print_logins(self):
        self.stdout.write(f"    admin    {ADMIN[0]} / {ADMIN[1]}")
        self.stdout.write(f"    doctor   {DOCTORS[0][0]} / {DEMO_PASSWORD}  (also dr.jones, dr.garcia, ...)")
        self.stdout.write(f"    patient  {PATIENTS[0][0]} / {DEMO_PASSWORD}  (also bob, carol)")
        self.stdout.write(f"    desk     {FRONT_DESK[0]} / {FRONT_DESK[1]}  (front desk: books and checks in)")

    def _user(self, username, password, **fields):
        user = User.objects.filter(username=username).first()
        if user is None:
            # The demo's published passwords are too simple for the validators: the account is
            # made like any other, then given its demo password.
            user = user_create(username=username, password=None, **fields)
            user.set_password(password)
            user.save(update_fields=["password"])
        return user

    def _admin(self):
        self._user(
            ADMIN[0],
            ADMIN[1],
            email="admin@example.com",
            first_name="Clinic",
            last_name="Admin",
            role=Role.ADMIN,
        )

    def _front_desk(self):
        self._user(
            FRONT_DESK[0],
            FRONT_DESK[1],
            email="frontdesk@example.com",
            first_name="Robin",
            last_name="Reception",
            role=Role.FRONT_DESK,
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
        busy = _PatientCalendar()
        for i, doctor in enumerate(doctors):
            tz = ZoneInfo(doctor.timezone)
            # Every other visit has one of the doctor's types, the rest a plain slot.
            types = [None, *doctor.visit_types.order_by("duration_minutes", "name")]
            for j, (days, hour, status) in enumerate(plan):
                day = today + timedelta(days=days)
                while day.weekday() >= 4:  # Mon–Thu have both morning and afternoon hours
                    day += timedelta(days=1)
                patient = patients[(i + j) % len(patients)]
                length = timedelta(minutes=doctor.slot_minutes)
                start = datetime.combine(day, time(hour), tzinfo=tz)
                kind = types[j % len(types)]
                visit = timedelta(minutes=kind.duration_minutes) if kind else length
                buffer = kind.buffer_minutes if kind else 0
                # A patient holds one active visit at a time: a clash moves to the doctor's next slot.
                while not busy.book(patient.pk, start, start + visit, status):
                    start += length
                end = start + visit
                rows.append(
                    Appointment(
                        doctor=doctor,
                        patient=patient,
                        start=start,
                        end=end,
                        visit_type=kind,
                        buffer_minutes=buffer,
                        blocked_until=end + timedelta(minutes=buffer),
                        status=status,
                        fee=kind.fee if kind else doctor.consultation_fee,
                        reason="Check-up",
                        cancellation_reason="Feeling better" if status == "cancelled" else "",
                        cancelled_at=timezone.now() if status == "cancelled" else None,
                    )
                )
        rows.extend(self._todays_visits(doctors, patients, busy))
        Appointment.objects.bulk_create(rows)

    def _waitlist(self, doctors, patients):
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

    def _todays_visits(self, doctors, patients, busy):
        """Two visits per doctor today (clinic's calendar), so the front desk's board and the
        waiting room have something to show; the first one's patient has already arrived."""
        clinic = ZoneInfo(settings.TIME_ZONE)
        now = timezone.now()
        first = datetime.combine(timezone.localdate(), time(7), tzinfo=clinic)
        for n in range(2 * len(doctors)):
            doctor, patient = doctors[n // 2], patients[n % len(patients)]
            start = first + timedelta(minutes=45 * n)  # one patient, one place at a time
            end = start + timedelta(minutes=30)
            status = AppointmentStatus.CONFIRMED if n % 2 == 0 else AppointmentStatus.PENDING
            if not busy.book(patient.pk, start, end, status):
                continue
            yield Appointment(
                doctor=doctor,
                patient=patient,
                start=start,
                end=end,
                blocked_until=end,
                status=status,
                fee=doctor.consultation_fee,
                reason="Check-up",
                checked_in_at=min(now, start) - timedelta(minutes=10) if n == 0 else None,
            )


# --- Scale mode -------------------------------------------------------------------------------

SCALE_SEED = 20270301
SCALE_PREFIX = "scale."  # every generated username starts with it
HISTORY_DAYS = 365
AHEAD_DAYS = 60

SPECIALTIES = [
    # name, weight (how many doctors practise it), fee range
    ("General Practice", 20, (50, 80)),
    ("Pediatrics", 10, (60, 90)),
    ("Cardiology", 7, (110, 180)),
    ("Dermatology", 7, (80, 130)),
    ("Orthopedics", 7, (90, 150)),
    ("Gynecology", 7, (80, 130)),
    ("Neurology", 5, (120, 190)),
    ("Ophthalmology", 5, (80, 140)),
    ("Psychiatry", 5, (100, 170)),
    ("ENT", 5, (70, 120)),
    ("Endocrinology", 3, (110, 170)),
    ("Gastroenterology", 3, (110, 170)),
    ("Urology", 3, (90, 150)),
    ("Oncology", 2, (150, 250)),
    ("Rheumatology", 2, (100, 160)),
]
CITIES = [
    # city, weight, time zone
    ("Berlin", 14, "Europe/Berlin"),
    ("Hamburg", 8, "Europe/Berlin"),
    ("Munich", 8, "Europe/Berlin"),
    ("Cologne", 6, "Europe/Berlin"),
    ("Frankfurt", 5, "Europe/Berlin"),
    ("Stuttgart", 4, "Europe/Berlin"),
    ("Leipzig", 3, "Europe/Berlin"),
    ("Dresden", 3, "Europe/Berlin"),
    ("Vienna", 3, "Europe/Vienna"),
    ("Zurich", 2, "Europe/Zurich"),
    ("London", 2, "Europe/London"),
    ("New York", 2, "America/New_York"),
]
FIRST_NAMES = [
    "Anna",
    "Ben",
    "Clara",
    "David",
    "Emma",
    "Felix",
    "Greta",
    "Hannah",
    "Ida",
    "Jonas",
    "Karl",
    "Lena",
    "Leon",
    "Lina",
    "Luca",
    "Maria",
    "Max",
    "Mia",
    "Noah",
    "Olga",
    "Paul",
    "Petra",
    "Rosa",
    "Sofia",
    "Tim",
    "Ute",
    "Vera",
    "Wei",
    "Yusuf",
    "Zoe",
    "Aisha",
    "Carlos",
    "Elif",
    "Hiro",
    "Ivan",
    "Nora",
    "Omar",
]
LAST_NAMES = [
    "Bauer",
    "Becker",
    "Braun",
    "Fischer",
    "Hoffmann",
    "Klein",
    "Koch",
    "Lange",
    "Meyer",
    "Müller",
    "Neumann",
    "Richter",
    "Schäfer",
    "Schmidt",
    "Schneider",
    "Schulz",
    "Schwarz",
    "Wagner",
    "Weber",
    "Wolf",
    "Zimmermann",
    "Nguyen",
    "Kaya",
    "Novak",
    "Rossi",
    "Garcia",
    "Chen",
    "Patel",
    "Kim",
    "Silva",
    "Cohen",
    "Ivanova",
    "Yilmaz",
    "Dubois",
    "Jensen",
    "Okafor",
]
SLOT_MINUTES = [(15, 2), (20, 3), (30, 10), (45, 2)]
WEEKLY_PATTERNS = [
    # weight, intervals per weekday (0 = Monday)
    (6, {day: [(time(8), time(12)), (time(13), time(17))] for day in range(5)}),
    (3, {**{day: [(time(9), time(13)), (time(14), time(18))] for day in range(4)}, 4: [(time(9), time(13))]}),
    (2, {day: [(time(7, 30), time(13, 30))] for day in range(6)}),
    (1, {0: [(time(12), time(20))], 1: [(time(8), time(16))], 3: [(time(12), time(20))], 4: [(time(8), time(14))]}),
]
# Past visits are mostly done; upcoming ones are booked, a few already called off.
PAST_STATUSES = [(AppointmentStatus.COMPLETED, 82), (AppointmentStatus.CANCELLED, 11), (AppointmentStatus.NO_SHOW, 7)]
FUTURE_STATUSES = [
    (AppointmentStatus.CONFIRMED, 55),
    (AppointmentStatus.PENDING, 35),
    (AppointmentStatus.CANCELLED, 10),
]
REASONS = ["Check-up", "Follow-up", "Prescription renewal", "Back pain", "Headache", "Skin rash", "Vaccination", ""]
CANCEL_REASONS = ["Feeling better", "Schedule conflict", "Doctor unavailable", "Booked elsewhere"]


def _weighted(rng: random.Random, table):
    return rng.choices([row[0] for row in table], weights=[row[1] for row in table])[0]


def _batched(rows: Iterator, size: int) -> Iterator[list]:
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


@dataclass(frozen=True)
class _Plan:
    """One generated doctor before it is saved."""

    tz: str
    slot_minutes: int
    pattern: int
    leaves: tuple[tuple[date, date], ...]


class _Grid:
    """Slot starts (UTC) per (zone, slot length, weekly pattern) and local date, from the slot engine.

    Doctors share a few dozen such templates, so each day's grid is computed once per
    template rather than once per doctor; ``day_slots`` is what booking uses, so every
    generated appointment lies on a slot a patient could have booked.
    """

    def __init__(self, days: list[date]):
        self.days = days
        self._cache: dict[tuple[str, int, int], list[list[datetime]]] = {}

    def starts(self, tz: str, slot_minutes: int, pattern: int) -> list[list[datetime]]:
        key = (tz, slot_minutes, pattern)
        if key not in self._cache:
            hours = tuple(
                WorkingInterval(weekday=weekday, start=start, end=end)
                for weekday, intervals in WEEKLY_PATTERNS[pattern][1].items()
                for start, end in intervals
            )
            schedule = Schedule(tz=ZoneInfo(tz), slot_minutes=slot_minutes, hours=hours)
            self._cache[key] = [[slot.start.astimezone(UTC) for slot in day_slots(schedule, day)] for day in self.days]
        return self._cache[key]


class ScaleSeeder:
    """Generates doctors, patients and appointments in bulk (see the module docstring)."""

    def __init__(self, *, doctors: int, patients: int, appointments: int, seed: int, today: date, batch_size: int, log):
        self.n_doctors, self.n_patients, self.n_appointments = doctors, patients, appointments
        self.rng = random.Random(seed)
        self.batch_size = batch_size
        self.log = log
        first = today - timedelta(days=HISTORY_DAYS - 1)
        self.days = [first + timedelta(days=offset) for offset in range(HISTORY_DAYS + AHEAD_DAYS)]
        # Before noon of ``today`` (clinic time) is history: done, cancelled or no-show; after, bookings.
        self.now = datetime.combine(today, time(12), tzinfo=ZoneInfo(settings.TIME_ZONE)).astimezone(UTC)
        # One hash for everybody: hashing 50 000 passwords one by one would take hours.
        self.password = make_password(DEMO_PASSWORD)

    def run(self) -> dict[str, int]:
        if User.objects.filter(username__startswith=SCALE_PREFIX).exists():
            raise CommandError(f"Scale data is already there (users named {SCALE_PREFIX}*): use a fresh database.")
        started = clock.monotonic()
        specialties = self._specialties()
        doctors, plans = self._doctors(specialties)
        self._step(f"{len(doctors)} doctors with hours and leave", started)
        patient_ids = self._patients()
        self._step(f"{len(patient_ids)} patients", started)
        count = self._appointments(doctors, plans, patient_ids)
        self._step(f"{count} appointments", started)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                # Fresh planner statistics, or the first reports are planned on guesses.
                cursor.execute("ANALYZE")
            self._step("ANALYZE", started)
        return {"doctors": len(doctors), "patients": len(patient_ids), "appointments": count}

    def _step(self, what: str, started: float) -> None:
        self.log(f"  {what}: {clock.monotonic() - started:.1f} s")

    def _specialties(self) -> dict[str, Specialty]:
        return {
            name: Specialty.objects.filter(name__iexact=name).first() or Specialty.objects.create(name=name)
            for name, _, _ in SPECIALTIES
        }

    def _users(self, *, role: str, kind: str, first: int, count: int) -> list:
        users = []
        for number in range(first, first + count):
            username = f"{SCALE_PREFIX}{kind}{number:06d}"
            users.append(
                User(
                    username=username,
                    email=f"{username}@example.com",
                    first_name=self.rng.choice(FIRST_NAMES),
                    last_name=self.rng.choice(LAST_NAMES),
                    role=role,
                    password=self.password,
                )
            )
        return User.objects.bulk_create(users, batch_size=self.batch_size)

    def _doctors(self, specialties) -> tuple[list[Doctor], list[_Plan]]:
        rng = self.rng
        doctors, plans, hours, leaves = [], [], [], []
        for user in self._users(role=Role.DOCTOR, kind="dr", first=1, count=self.n_doctors):
            specialty, _, (low, high) = rng.choices(SPECIALTIES, weights=[row[1] for row in SPECIALTIES])[0]
            city, _, tz = rng.choices(CITIES, weights=[row[1] for row in CITIES])[0]
            doctor = Doctor(
                user=user,
                specialty=specialties[specialty],
                city=city,
                clinic_name=f"{user.last_name} {specialty} Practice",
                address=f"Hauptstraße {rng.randint(1, 120)}, {city}",
                consultation_fee=Decimal(rng.randint(low // 5, high // 5) * 5),
                slot_minutes=_weighted(rng, SLOT_MINUTES),
                timezone=tz,
                # A few retired doctors: their history stays, they take no new bookings.
                is_active=rng.random() > 0.02,
            )
            pattern = rng.choices(range(len(WEEKLY_PATTERNS)), weights=[row[0] for row in WEEKLY_PATTERNS])[0]
            for weekday, intervals in WEEKLY_PATTERNS[pattern][1].items():
                hours.extend(
                    WorkingHours(doctor=doctor, weekday=weekday, start_time=start, end_time=end)
                    for start, end in intervals
                )
            # Two holidays a year and the odd sick day; they may overlap, as real leave can.
            spans = []
            for length in (rng.choice((7, 14)), rng.choice((5, 7)), *([1] * rng.randint(0, 3))):
                first = self.days[0] + timedelta(days=rng.randrange(len(self.days) - length))
                spans.append((first, first + timedelta(days=length - 1)))
            leaves.extend(
                LeaveDay(doctor=doctor, start_date=a, end_date=b, reason="Holiday" if b > a else "Sick day")
                for a, b in spans
            )
            doctors.append(doctor)
            plans.append(_Plan(tz=tz, slot_minutes=doctor.slot_minutes, pattern=pattern, leaves=tuple(spans)))
        Doctor.objects.bulk_create(doctors, batch_size=self.batch_size)
        # bulk_create has just given the doctors their ids; saving the children fills doctor_id from them.
        WorkingHours.objects.bulk_create(hours, batch_size=self.batch_size)
        LeaveDay.objects.bulk_create(leaves, batch_size=self.batch_size)
        return doctors, plans

    def _patients(self) -> list[int]:
        rng = self.rng
        ids: list[int] = []
        chunk = 10 * self.batch_size  # users then their profiles, a chunk at a time, to bound memory
        for first in range(1, self.n_patients + 1, chunk):
            users = self._users(
                role=Role.PATIENT, kind="pt", first=first, count=min(chunk, self.n_patients - first + 1)
            )
            patients = [
                Patient(
                    user=user,
                    phone=f"+49151{rng.randrange(10**8):08d}",
                    insurance_number=f"A{rng.randrange(10**9):09d}",
                    date_of_birth=date(1940, 1, 1) + timedelta(days=rng.randrange(365 * 80)),
                    notify_sms=rng.random() < 0.6,
                )
                for user in users
            ]
            ids.extend(patient.pk for patient in Patient.objects.bulk_create(patients, batch_size=self.batch_size))
        return ids

    def _free_starts(self, grid: _Grid, doctor: Doctor, plan: _Plan) -> list[datetime]:
        """Every grid start of the doctor over the period, leave days left out (retired: history only)."""
        per_day = grid.starts(plan.tz, plan.slot_minutes, plan.pattern)
        starts = []
        for day, day_starts in zip(self.days, per_day, strict=True):
            if not any(a <= day <= b for a, b in plan.leaves):
                starts.extend(day_starts)
        if not doctor.is_active:
            starts = starts[: bisect_left(starts, self.now)]
        return starts

    def _quotas(self, capacities: list[int]) -> list[int]:
        """Split the appointments between doctors by a random busyness, never beyond a doctor's slots."""
        if sum(capacities) < self.n_appointments:
            raise CommandError(
                f"{self.n_doctors} doctors have only {sum(capacities)} free slots in the period: "
                f"ask for fewer appointments or more doctors."
            )
        weights = [self.rng.uniform(0.4, 1.6) if capacity else 0.0 for capacity in capacities]
        quotas = [0] * len(capacities)
        left = self.n_appointments
        while left:
            open_ = [i for i, capacity in enumerate(capacities) if quotas[i] < capacity]
            total = sum(weights[i] for i in open_)
            given = 0
            for i in open_:
                share = min(capacities[i] - quotas[i], int(left * weights[i] / total))
                quotas[i] += share
                given += share
            if not given:  # the last few: one each to the busiest doctors with room
                for i in sorted(open_, key=lambda i: -weights[i])[:left]:
                    quotas[i] += 1
                    given += 1
            left -= given
        return quotas

    def _appointments(self, doctors: list[Doctor], plans: list[_Plan], patient_ids: list[int]) -> int:
        rng = self.rng
        grid = _Grid(self.days)
        pools = [self._free_starts(grid, doctor, plan) for doctor, plan in zip(doctors, plans, strict=True)]
        quotas = self._quotas([len(pool) for pool in pools])

        busy = _PatientCalendar()

        def rows() -> Iterator[Appointment]:
            for doctor, pool, quota in zip(doctors, pools, quotas, strict=True):
                length = timedelta(minutes=doctor.slot_minutes)
                # Distinct grid slots of one doctor: no two of their appointments overlap at all,
                # so the exclusion constraint holds whatever the statuses.
                for start in sorted(rng.sample(pool, quota)):
                    past = start < self.now
                    roll = rng.random() * 100
                    status = _pick(PAST_STATUSES if past else FUTURE_STATUSES, roll)
                    patient_id = patient_ids[rng.randrange(len(patient_ids))]
                    # A patient holds one active visit at a time: a clash goes to another patient
                    # (and, should a few tries find none free, the visit was cancelled).
                    tries = 0
                    while not busy.book(patient_id, start, start + length, status):
                        patient_id = patient_ids[rng.randrange(len(patient_ids))]
                        tries += 1
                        if tries == 20:
                            status = AppointmentStatus.CANCELLED
                    cancelled = status == AppointmentStatus.CANCELLED
                    yield Appointment(
                        doctor_id=doctor.pk,
                        patient_id=patient_id,
                        start=start,
                        end=start + length,
                        blocked_until=start + length,
                        status=status,
                        fee=doctor.consultation_fee,
                        reason=REASONS[rng.randrange(len(REASONS))],
                        cancelled_at=min(start, self.now) - timedelta(hours=rng.randint(1, 96)) if cancelled else None,
                        cancellation_reason=CANCEL_REASONS[rng.randrange(len(CANCEL_REASONS))] if cancelled else "",
                    )

        count = 0
        for batch in _batched(rows(), self.batch_size):
            Appointment.objects.bulk_create(batch)
            count += len(batch)
        return count


class _PatientCalendar:
    """The active visits handed out so far, per patient, to keep each patient's visits apart."""

    def __init__(self):
        self._active: dict[int, list[tuple[datetime, datetime]]] = {}

    def book(self, patient_id: int, start: datetime, end: datetime, status: str) -> bool:
        """Record the visit; False (nothing recorded) when it is active and overlaps another active one."""
        if status not in ACTIVE_STATUSES:
            return True
        held = self._active.setdefault(patient_id, [])
        if any(s < end and start < e for s, e in held):
            return False
        held.append((start, end))
        return True


def _pick(table, roll: float):
    """The status whose cumulative weight (out of 100) first exceeds ``roll``."""
    for status, weight in table:
        if roll < weight:
            return status
        roll -= weight
    return table[-1][0]
