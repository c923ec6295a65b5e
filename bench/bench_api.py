"""Benchmark of the patient-facing reads on a full-size clinic: doctor search and free slots.

Data: the scale mode of seed_demo on PostgreSQL (500 doctors, 50 000 patients, a million
appointments, fixed seed), e.g.

    createdb -h 127.0.0.1 -U postgres healthcare_scale
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/healthcare_scale
    .venv/bin/python manage.py migrate
    .venv/bin/python manage.py seed_demo --doctors 500 --patients 50000 --appointments 1000000
    RATE_LIMITS_ENABLED=false .venv/bin/python bench/bench_api.py [--runs 30]

Each case is one HTTP request through Django's test client (URL routing, DRF, the
selectors, serialisation; no network), timed over ``--runs`` runs after a warm-up. Reports
p50, p95 and the number of SQL queries of one run.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time as clock
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "healthcare_system.settings")
os.environ.setdefault("RATE_LIMITS_ENABLED", "false")

import django

django.setup()

from django.core.signals import request_finished, request_started  # noqa: E402
from django.db import close_old_connections, connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from doctors.models import Doctor  # noqa: E402


def cases() -> list[tuple[str, str]]:
    today = timezone.localdate()
    doctor = Doctor.objects.filter(is_active=True).order_by("pk").first()
    specialty = doctor.specialty.name
    week, month = today + timedelta(days=6), today + timedelta(days=27)
    return [
        ("doctors, first page", "/api/doctors/"),
        ("doctors, ordering=next_available", "/api/doctors/?ordering=next_available"),
        ("doctors, specialty + next_available", f"/api/doctors/?specialty={specialty}&ordering=next_available"),
        ("doctors, available_on in 3 days", f"/api/doctors/?available_on={today + timedelta(days=3)}"),
        ("doctors, search", f"/api/doctors/?search={doctor.user.last_name[:4]}"),
        ("slots, one week", f"/api/doctors/{doctor.pk}/slots/?start={today}&end={week}"),
        ("slots, four weeks", f"/api/doctors/{doctor.pk}/slots/?start={today}&end={month}"),
    ]


def measure(client: Client, path: str, runs: int) -> tuple[float, float, int]:
    for _ in range(3):
        assert client.get(path).status_code == 200, path
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    query_count = len(queries)  # now: the next request resets the connection's query log
    timings = []
    for _ in range(runs):
        started = clock.perf_counter()
        client.get(path)
        timings.append((clock.perf_counter() - started) * 1000)
    cuts = statistics.quantiles(timings, n=20)
    return statistics.median(timings), cuts[18], query_count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    doctors = Doctor.objects.filter(is_active=True).count()
    print(f"{connection.vendor}, {doctors} active doctors, {args.runs} runs per case")
    # One process keeps one connection, as a gunicorn worker does (CONN_MAX_AGE).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    client = Client()
    for name, path in cases():
        p50, p95, queries = measure(client, path, args.runs)
        print(f"{name:40s} p50 {p50:8.1f} ms   p95 {p95:8.1f} ms   {queries:2d} queries")


if __name__ == "__main__":
    main()
