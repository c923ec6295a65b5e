"""A bounded load run on the private stack: locust (100 users, search/slots/book, 3 minutes,
127.0.0.1 only), then SQL checks that no two active appointments overlap.

    .venv/bin/python -m reliability.load --work DIR --locust PATH [--users 100 --minutes 3]

Passes with 0 5xx answers and 0 overlapping active appointments. Figures in DIR/load.json.
"""

import argparse
import json
import subprocess
import sys
from pathlib import Path

from .stack import ROOT, Stack, log, stop_on_sigterm

OVERLAPS = """
SELECT count(*) FROM appointments_appointment a JOIN appointments_appointment b
  ON a.{column} = b.{column} AND a.id < b.id
 AND a.status IN ('pending', 'confirmed') AND b.status IN ('pending', 'confirmed')
 AND tstzrange(a.start, a."end", '[)') && tstzrange(b.start, b."end", '[)')
"""


def make_patients(count: int) -> list[str]:
    """``count`` patient accounts (one password hash for all) and an access token for each."""
    from django.contrib.auth.hashers import make_password
    from rest_framework_simplejwt.tokens import RefreshToken

    from accounts.models import Role, User
    from patients.models import Patient

    password = make_password(None)
    users = User.objects.bulk_create(
        User(username=f"load{i}", email=f"load{i}@example.com", password=password, role=Role.PATIENT)
        for i in range(count)
    )
    Patient.objects.bulk_create(Patient(user=user, notify_sms=False) for user in users)
    return [str(RefreshToken.for_user(user).access_token) for user in users]


def sql_count(query: str) -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(query)
        return cursor.fetchone()[0]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--work", type=Path, required=True)
    parser.add_argument("--locust", required=True, help="the locust executable (pinned, its own venv)")
    parser.add_argument("--pg-port", type=int, default=55433)
    parser.add_argument("--redis-port", type=int, default=56380)
    parser.add_argument("--port", type=int, default=58001)
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--minutes", type=float, default=3)
    args = parser.parse_args()
    stop_on_sigterm()
    args.work.mkdir(parents=True, exist_ok=True)
    stack = Stack(args.work, pg_port=args.pg_port, redis_port=args.redis_port, web_port=args.port, web_workers=4)
    try:
        log("load: starting a private PostgreSQL, Redis, gunicorn, worker and beat")
        stack.prepare()
        from doctors.models import Doctor

        tokens = make_patients(args.users)
        (args.work / "tokens.json").write_text(json.dumps(tokens))
        doctors = list(Doctor.objects.filter(is_active=True).order_by("pk").values_list("pk", flat=True))
        stack.serve()
        log(f"load: {args.users} users for {args.minutes} min against {stack.base_url}")
        env = {
            **stack.env,
            "RELIABILITY_TOKENS": str(args.work / "tokens.json"),
            "RELIABILITY_DOCTORS": json.dumps(doctors),
            "RELIABILITY_STATUSES": str(args.work / "statuses.json"),
        }
        run_time = f"{int(args.minutes * 60)}s"
        subprocess.run(
            [
                args.locust,
                "-f",
                str(ROOT / "reliability" / "locustfile.py"),
                "--headless",
                "--users",
                str(args.users),
                "--spawn-rate",
                "20",
                "--run-time",
                run_time,
                "--host",
                stack.base_url,
                "--csv",
                str(args.work / "locust"),
                "--only-summary",
                "--exit-code-on-error",
                "0",
            ],
            env=env,
            check=True,
        )
        statuses = json.loads((args.work / "statuses.json").read_text())
        figures = {
            "users": args.users,
            "minutes": args.minutes,
            "requests": sum(statuses.values()),
            "statuses": statuses,
            "5xx": sum(n for code, n in statuses.items() if code.startswith("5") or code in ("0", "error")),
            "overlapping_active_appointments_per_doctor": sql_count(OVERLAPS.format(column="doctor_id")),
            "overlapping_active_appointments_per_patient": sql_count(OVERLAPS.format(column="patient_id")),
        }
        figures["p95_ms"] = _p95(args.work / "locust_stats.csv")
    finally:
        stack.stop_all()
    figures["ok"] = (
        figures["5xx"] == 0
        and figures["overlapping_active_appointments_per_doctor"] == 0
        and figures["overlapping_active_appointments_per_patient"] == 0
    )
    (args.work / "load.json").write_text(json.dumps(figures, indent=2))
    print(json.dumps(figures, indent=2))
    return 0 if figures["ok"] else 1


def _p95(stats_csv: Path) -> dict:
    import csv

    with stats_csv.open() as handle:
        return {row["Name"]: row["95%"] for row in csv.DictReader(handle)}


if __name__ == "__main__":
    sys.exit(main())
