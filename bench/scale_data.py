"""Data at scale for the benchmarks: ``manage.py seed_demo --doctors N --patients N --appointments N``.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/healthcare_scale \
        python manage.py seed_demo --doctors 500 --patients 50000 --appointments 1000000

Deterministic (a fixed ``--seed``; ``--today`` pins the calendar) and realistic enough for
the reports and the API benchmarks: specialties, cities, weekly hours, leave, a year of
history and two months of bookings on each doctor's slot grid, never overlapping. Rows go
in by bulk insert, past the services (a million bookings one by one would take hours).
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
from django.contrib.auth.hashers import make_password
from django.core.management.base import CommandError
from django.db import connection

from accounts.demo import DEMO_PASSWORD
from accounts.models import Role, User
from appointments.demo import PatientCalendar
from appointments.models import Appointment, AppointmentStatus
from appointments.slots import Schedule, WorkingInterval, day_slots
from doctors.models import Doctor, LeaveDay, Specialty, WorkingHours
from patients.models import Patient

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


def _draw(rng: random.Random, table, weight: int = 1):
    """One row of ``table`` drawn by its ``weight`` column: the generator's one weighted choice."""
    return rng.choices(table, weights=[row[weight] for row in table])[0]


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

    @staticmethod
    def compact_stamps() -> None:
        """After the seed's transaction has committed (VACUUM cannot run inside one).

        Every appointment row raised its doctor's and patient's stamps in that one transaction,
        so none of those updates could be pruned: 501 availability stamps took 43 MB, and a
        cached read that sums them scanned it all (6.6 ms instead of 0.1). Real writes commit
        one by one and are pruned as they go.
        """
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            with connection.cursor() as cursor:
                cursor.execute("VACUUM FULL ANALYZE appointments_availabilitystamp, appointments_liststamp")

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
            specialty, _, (low, high) = _draw(rng, SPECIALTIES)
            city, _, tz = _draw(rng, CITIES)
            doctor = Doctor(
                user=user,
                specialty=specialties[specialty],
                city=city,
                clinic_name=f"{user.last_name} {specialty} Practice",
                address=f"Hauptstraße {rng.randint(1, 120)}, {city}",
                consultation_fee=Decimal(rng.randint(low // 5, high // 5) * 5),
                slot_minutes=_draw(rng, SLOT_MINUTES)[0],
                timezone=tz,
                # A few retired doctors: their history stays, they take no new bookings.
                is_active=rng.random() > 0.02,
            )
            pattern = WEEKLY_PATTERNS.index(_draw(rng, WEEKLY_PATTERNS, weight=0))
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

        busy = PatientCalendar()

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


def _pick(table, roll: float):
    """The status whose cumulative weight (out of 100) first exceeds ``roll``."""
    for status, weight in table:
        if roll < weight:
            return status
        roll -= weight
    return table[-1][0]
