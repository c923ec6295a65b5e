"""Data for the load benchmark (bench/run): request files for wrk, and the overlap check.

    DJANGO_SETTINGS_MODULE=bench.settings python bench/prepare.py requests OUT_DIR
    DJANGO_SETTINGS_MODULE=bench.settings python bench/prepare.py overlaps

``requests`` runs on a database seeded by ``seed_demo`` (scale mode). It tops one patient up to
a full page of appointments through the booking service, mints JWT access tokens for patients,
and writes one tab-separated file per scenario (method, path, token, body per line), which
bench/scenario.lua replays. The booking files hold distinct free slots of every active doctor,
each with a patient who has nothing else at that time, so every booking should succeed;
the warm-up gets its own slots. ``overlaps`` counts overlapping active appointments per doctor
and per patient (SQL), which must be zero after the booking run.
"""

from __future__ import annotations

import json
import os
import sys
from collections import defaultdict
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.db.models import Count, Q  # noqa: E402
from django.utils import timezone  # noqa: E402
from rest_framework_simplejwt.tokens import AccessToken  # noqa: E402

from appointments.availability import booking_rules, doctor_free_slots, load_schedules  # noqa: E402
from appointments.models import ACTIVE_STATUSES, Appointment  # noqa: E402
from appointments.services import appointment_book  # noqa: E402
from appointments.slots import free_slots  # noqa: E402
from doctors.models import Doctor  # noqa: E402
from patients.models import Patient  # noqa: E402

LIST_ITEMS = 20  # one full page of the patient's appointment list
# Patients who book: two per doctor (at least 200), so that each slot time finds a free one
# at the first try; and enough bookings for 20 s at a few hundred per second.
BOOKING_PATIENTS_PER_DOCTOR = 2
MAX_BOOKINGS = 25_000


def _token(user) -> str:
    return str(AccessToken.for_user(user))


def _write(path: Path, lines: list[tuple[str, str, str, str]]) -> None:
    path.write_text("".join("\t".join(line) + "\n" for line in lines))


def _top_up(patient: Patient, doctors: list[Doctor], now) -> None:
    """Book through the service until the patient holds a full page of appointments."""
    missing = LIST_ITEMS - Appointment.objects.filter(patient=patient).count()
    held = list(patient.appointments.filter(status__in=ACTIVE_STATUSES).values_list("start", "end"))
    day = timezone.localdate() + timedelta(days=2)
    for doctor in doctors:
        if missing <= 0:
            return
        for slot in doctor_free_slots(doctor, start_date=day, end_date=day + timedelta(days=20), now=now):
            if not any(s < slot.end and slot.start < e for s, e in held):
                appointment_book(patient=patient, doctor=doctor, start=slot.start, by=patient.user, reason="Follow-up")
                held.append((slot.start, slot.end))
                missing -= 1
                break


def requests(out: Path) -> None:
    now = timezone.now()
    today = timezone.localdate()
    doctors = list(Doctor.objects.filter(is_active=True).select_related("specialty").order_by("pk"))
    list_patient = Patient.objects.select_related("user").annotate(n=Count("appointments")).order_by("-n", "pk").first()
    _top_up(list_patient, doctors, now)
    list_token = _token(list_patient.user)

    # Search: the specialty most doctors practise, on a weekday a week ahead.
    specialty = (
        Doctor.objects.filter(is_active=True)
        .values("specialty__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "specialty__name")
        .first()["specialty__name"]
    )
    day = today + timedelta(days=7)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    query = urlencode({"specialty": specialty, "available_on": day.isoformat(), "ordering": "next_available"})
    slots_doctor = next(d for d in doctors if d.specialty.name == specialty)
    slots_query = urlencode({"start": today.isoformat(), "end": (today + timedelta(days=27)).isoformat()})
    _write(out / "reference.tsv", [("GET", "/api/bench/reference/", list_token, "")])
    _write(out / "search.tsv", [("GET", f"/api/doctors/?{query}", list_token, "")])
    _write(out / "slots.tsv", [("GET", f"/api/doctors/{slots_doctor.pk}/slots/?{slots_query}", list_token, "")])
    _write(out / "appointments.tsv", [("GET", "/api/appointments/", list_token, "")])

    # Booking: every free slot from the day after tomorrow on (clear of the minimum notice for
    # the whole run), in time order, each to the next patient who is free then.
    patients = list(
        Patient.objects.filter(user__is_active=True).exclude(pk=list_patient.pk).select_related("user").order_by("pk")
    )[: max(200, BOOKING_PATIENTS_PER_DOCTOR * len(doctors))]
    held: dict[int, list] = defaultdict(list)
    for patient_id, start, end in Appointment.objects.filter(
        patient__in=patients, status__in=ACTIVE_STATUSES
    ).values_list("patient_id", "start", "end"):
        held[patient_id].append((start, end))
    first = today + timedelta(days=2)
    slots, last = [], first + timedelta(days=27)
    # One bulk load for every doctor (what the slots endpoint does for one), then the pure engine.
    schedules = load_schedules(doctors, start_date=first, end_date=last, busy_after=now)
    rules = booking_rules()
    for doctor in doctors:
        free = free_slots(schedules[doctor.pk], rules=rules, now=now, start_date=first, end_date=last)
        slots.extend((slot.start, slot.end, doctor.pk) for slot in free)
    slots.sort(key=lambda s: (s[0], s[2]))
    tokens = {patient.pk: _token(patient.user) for patient in patients}
    lines, turn = [], 0
    for start, end, doctor_id in slots:
        if len(lines) == MAX_BOOKINGS:
            break
        for tries in range(len(patients)):
            patient = patients[(turn + tries) % len(patients)]
            if not any(s < end and start < e for s, e in held[patient.pk]):
                held[patient.pk].append((start, end))
                body = json.dumps({"doctor": doctor_id, "appointment_time": start.isoformat(), "reason": "Bench"})
                lines.append(("POST", "/api/book-appointment/", tokens[patient.pk], body))
                turn += tries + 1
                break
    # Interleave doctors' slots so that concurrent requests rarely queue on one doctor's lock;
    # a fifth for the warm-up, a fifth for the bookings that run beside the search.
    warmup, beside, run = lines[0::5], lines[1::5], [line for i, line in enumerate(lines) if i % 5 > 1]
    _write(out / "booking-warmup.tsv", warmup)
    _write(out / "booking-beside.tsv", beside)
    _write(out / "booking.tsv", run)
    print(
        json.dumps(
            {
                "specialty": specialty,
                "available_on": day.isoformat(),
                "slots_doctor": slots_doctor.pk,
                "list_patient": list_patient.pk,
                "booking_slots": len(run),
                "warmup_slots": len(warmup),
            }
        )
    )


OVERLAPS = """
SELECT count(*) FROM appointments_appointment a JOIN appointments_appointment b
  ON a.{key} = b.{key} AND a.id < b.id
 AND tstzrange(a.start, a.{end}, '[)') && tstzrange(b.start, b.{end}, '[)')
 WHERE a.status = ANY(%s) AND b.status = ANY(%s)
"""


def overlaps() -> None:
    active = [str(s) for s in ACTIVE_STATUSES]
    counts = {}
    with connection.cursor() as cursor:
        for key, end in (("doctor_id", "blocked_until"), ("patient_id", '"end"')):
            cursor.execute(OVERLAPS.format(key=key, end=end), [active, active])
            counts[key.removesuffix("_id")] = cursor.fetchone()[0]
    booked = Appointment.objects.filter(reason="Bench").aggregate(
        n=Count("pk"), active=Count("pk", Q(status__in=active))
    )
    print(json.dumps({"overlaps": counts, "bench_bookings": booked["n"]}))


if __name__ == "__main__":
    if sys.argv[1:2] == ["requests"]:
        requests(Path(sys.argv[2]))
    elif sys.argv[1:2] == ["overlaps"]:
        overlaps()
    else:
        sys.exit(__doc__)
