"""One endpoint in-process: mean time per request, optionally a cProfile.

Through Django's test client with the benchmark settings (the whole middleware and DRF
stack, no network, no gunicorn), as a user given by id with a JWT, on a database that
``bench/run`` filled (e.g. ``BENCH_DB`` kept with ``--reuse-data``):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/hc_bench_run \\
      .venv/bin/python bench/profile_request.py --user-id 21 --runs 150 /api/appointments/
    ... --profile 40 '/api/doctors/?specialty=General%20Practice&available_on=2026-12-14&ordering=next_available'

Alternate runs of two checkouts to compare: the machine's load moves between them.

``--requests FILE`` replays the requests of one of ``bench/prepare.py``'s files instead of one
URL (each line once, with its own token and body), so a write can be measured too:

    export SECRET_KEY=profile-$(printf 'x%.0s' {1..56})   # the key this script signs with
    DATABASE_URL=... .venv/bin/python bench/prepare.py requests /tmp/bench-requests
    DATABASE_URL=... .venv/bin/python bench/profile_request.py --requests /tmp/bench-requests/booking.tsv \\
      --runs 200 --profile 60

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
from collections.abc import Iterator
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
    parser.add_argument("url", nargs="?")
    parser.add_argument("--user-id", type=int, help="the user whose token the requests to URL carry")
    parser.add_argument("--requests", type=Path, help="a request file of bench/prepare.py, replayed line by line")
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--profile", type=int, metavar="N", help="then print the N costliest frames (cumulative)")
    parser.add_argument("--churn", action="store_true", help="raise a random doctor's stamp before each request")
    args = parser.parse_args()
    if (args.url is None) == (args.requests is None) or (args.url and args.user_id is None):
        parser.error("give a URL and --user-id, or --requests FILE")
    before = _churn if args.churn else lambda: None
    requests = _replayed(args.requests) if args.requests else _repeated(args.url, args.user_id)
    name = str(args.requests or args.url)

    _send(next(requests))  # warm-up (and the caches)
    times = []
    for _ in range(args.runs):
        before()
        request = next(requests)
        started = time.perf_counter()
        _send(request)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    p50, p95 = times[len(times) // 2], times[int(len(times) * 0.95)]
    print(f"{name}: {sum(times) / len(times):.2f} ms per request (p50 {p50:.2f}, p95 {p95:.2f})")
    if args.profile:
        profile = cProfile.Profile()
        for _ in range(args.runs):
            before()
            request = next(requests)
            profile.enable()
            _send(request)
            profile.disable()
        pstats.Stats(profile).sort_stats("cumulative").print_stats(args.profile)
    return 0


def _repeated(url: str, user_id: int) -> Iterator[tuple[str, str, str, str]]:
    token = str(AccessToken.for_user(get_user_model().objects.get(pk=user_id)))
    while True:
        yield "GET", url, token, ""


def _replayed(path: Path) -> Iterator[tuple[str, str, str, str]]:
    """The file's requests, each once (a booking file's slots are used up as they are booked);
    a file of one request (the reads) repeats it."""
    requests = [tuple(line.split("\t")) for line in path.read_text().splitlines()]
    while len(requests) == 1:
        yield requests[0]
    yield from requests
    raise SystemExit(f"{path} ran out of requests: ask for fewer --runs")


def _send(request: tuple[str, str, str, str]) -> None:
    method, path, token, body = request
    response = Client().generic(
        method, path, body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    if response.status_code >= 300 and response.status_code != 304:
        raise SystemExit(f"{method} {path}: {response.status_code}: {response.content[:300]!r}")


def _churn() -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE appointments_availabilitystamp SET version = version + 1"
            " WHERE doctor_id = (SELECT id FROM doctors_doctor ORDER BY random() LIMIT 1)"
        )


if __name__ == "__main__":
    raise SystemExit(main())
