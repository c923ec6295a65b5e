"""Benchmark of the admin reports (reports/selectors.py) over a year of a big clinic.

Data: the scale mode of seed_demo, on PostgreSQL (fixed seed, so figures compare between runs)::

    createdb -h 127.0.0.1 -U postgres healthcare_scale
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/healthcare_scale
    python manage.py migrate
    python manage.py seed_demo --doctors 500 --patients 50000 --appointments 1000000

Run::

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/healthcare_scale \\
        .venv/bin/python bench/bench_reports.py [--runs 20] [--explain]

Each report endpoint (appointments by day, doctor, specialty and status; revenue by day, doctor
and specialty; utilisation) is requested through Django's test client as an admin, over the
year of history seed_demo wrote (the 365 days up to today) and over the default 30 days; p50
and p95 of the whole request (queries, serialisation, rendering) are printed in ms. The target
is under 1 s each. ``--explain`` prints EXPLAIN (ANALYZE, BUFFERS) of each report's slowest query, for both ranges.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time as clock
from datetime import timedelta
from pathlib import Path

# Run as a plain script from anywhere: put the project root on the path before importing it.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "healthcare_system.settings")
# Throttling would cut a long run short; it is not what is measured here.
os.environ.setdefault("RATE_LIMITS_ENABLED", "false")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402
from rest_framework.test import APIClient  # noqa: E402

from accounts.models import User  # noqa: E402
from appointments.models import Appointment  # noqa: E402
from doctors.models import Doctor  # noqa: E402

LIMIT_MS = 1000
REPORTS = [
    *((f"appointments by {group}", "/api/reports/appointments/", group) for group in ("day", "doctor", "specialty")),
    ("appointments by status", "/api/reports/appointments/", "status"),
    *((f"revenue by {group}", "/api/reports/revenue/", group) for group in ("day", "doctor", "specialty")),
    ("utilization", "/api/reports/utilization/", None),
]


def admin_client() -> APIClient:
    admin = User.objects.filter(is_superuser=True, is_active=True).order_by("pk").first()
    if admin is None:
        sys.exit("No admin user: run `manage.py seed_demo --doctors ...` first (see the docstring).")
    client = APIClient()
    client.force_authenticate(admin)
    return client


def measure(client: APIClient, path: str, params: dict, runs: int) -> tuple[float, float, int]:
    """p50 and p95 in ms after one warm-up request, and the number of result rows."""
    response = client.get(path, params)
    assert response.status_code == 200, response.content[:500]
    rows = len(response.json()["results"])
    timings = []
    for _ in range(runs):
        started = clock.perf_counter()
        response = client.get(path, params)
        timings.append((clock.perf_counter() - started) * 1000)
        assert response.status_code == 200
    cuts = statistics.quantiles(timings, n=100, method="inclusive")
    return cuts[49], cuts[94], rows


def explain(client: APIClient, path: str, params: dict) -> None:
    with CaptureQueriesContext(connection) as queries:
        client.get(path, params)
    slowest = max(queries.captured_queries, key=lambda query: float(query["time"]))
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {slowest['sql']}")
        print("\n".join(f"    {line}" for (line,) in cursor.fetchall()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--explain", action="store_true", help="EXPLAIN ANALYZE each report's slowest query.")
    options = parser.parse_args()
    setup_test_environment()  # the test client's host and in-memory mail, nothing else
    client = admin_client()

    today = timezone.localdate()
    ranges = {
        "year": {"date_from": (today - timedelta(days=364)).isoformat(), "date_to": today.isoformat()},
        "30 days": {},  # the reports' default: the last 30 days up to today
    }
    print(
        f"{connection.vendor}: {Doctor.objects.count()} doctors, {Appointment.objects.count()} appointments, "
        f"{options.runs} runs per report"
    )
    slow = []
    for range_name, dates in ranges.items():
        print(f"\n{range_name} ({dates.get('date_from', 'default')} .. {dates.get('date_to', 'today')})")
        for name, path, group_by in REPORTS:
            params = {**dates, **({"group_by": group_by} if group_by else {})}
            p50, p95, rows = measure(client, path, params, options.runs)
            flag = "" if p95 < LIMIT_MS else "  SLOW"
            print(f"  {name:<26} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms   {rows:5d} rows{flag}")
            if flag:
                slow.append(f"{name} ({range_name})")
            if options.explain:
                explain(client, path, params)
    if slow:
        sys.exit(f"\nOver {LIMIT_MS} ms at p95: {', '.join(slow)}")


if __name__ == "__main__":
    main()
