"""One endpoint in-process: mean time per request, optionally a cProfile.

Through Django's test client with the benchmark settings (the whole middleware and DRF
stack, no network, no gunicorn), as a user given by id with a JWT, on a database that
``bench/run`` filled (e.g. ``BENCH_DB`` kept with ``--reuse-data``):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/hc_bench_run \\
      .venv/bin/python bench/profile_request.py --user-id 21 --runs 150 /api/appointments/
    ... --profile 40 '/api/doctors/?specialty=General%20Practice&available_on=2026-12-14&ordering=next_available'

Alternate runs of two checkouts to compare: the machine's load moves between them.

``--churn`` raises a random doctor's availability stamp before each request, as a booking,
cancellation or schedule change elsewhere in the clinic would: the search's whole answer is
then never reused, and only each doctor's own cached facts are (appointments.availability).
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
for name, value in {
    "DEBUG": "false",
    "RATE_LIMITS_ENABLED": "false",
    "ALLOWED_HOSTS": "testserver",
    "SECURE_SSL_REDIRECT": "false",
    "SECURE_HSTS_SECONDS": "0",
    "LOG_LEVEL": "WARNING",
    "SECRET_KEY": "profile-" + "x" * 56,
}.items():
    os.environ.setdefault(name, value)

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from rest_framework_simplejwt.tokens import AccessToken  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("url")
    parser.add_argument("--user-id", type=int, required=True, help="the user whose token the requests carry")
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--profile", type=int, metavar="N", help="then print the N costliest frames (cumulative)")
    parser.add_argument("--churn", action="store_true", help="raise a random doctor's stamp before each request")
    args = parser.parse_args()
    before = _churn if args.churn else lambda: None

    token = AccessToken.for_user(get_user_model().objects.get(pk=args.user_id))
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    response = client.get(args.url)  # warm-up (and the caches)
    if response.status_code != 200:
        raise SystemExit(f"{response.status_code}: {response.content[:300]!r}")
    times = []
    for _ in range(args.runs):
        before()
        started = time.perf_counter()
        client.get(args.url)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    p50, p95 = times[len(times) // 2], times[int(len(times) * 0.95)]
    print(f"{args.url}: {sum(times) / len(times):.2f} ms per request (p50 {p50:.2f}, p95 {p95:.2f})")
    if args.profile:
        profile = cProfile.Profile()
        for _ in range(args.runs):
            before()
            profile.enable()
            client.get(args.url)
            profile.disable()
        pstats.Stats(profile).sort_stats("cumulative").print_stats(args.profile)
    return 0


def _churn() -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE appointments_availabilitystamp SET version = version + 1"
            " WHERE doctor_id = (SELECT id FROM doctors_doctor ORDER BY random() LIMIT 1)"
        )


if __name__ == "__main__":
    raise SystemExit(main())
