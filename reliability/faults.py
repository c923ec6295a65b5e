"""The fault suite: breaks the private stack's broker, worker and database for real and
measures what clients see and what happens to the notification outbox.

    .venv/bin/python -m reliability.faults --work DIR --pg-port P --redis-port R --port W

Scenarios: Redis (the broker) stopped during bookings; the Celery worker SIGKILLed after the
SMS provider accepted a message but before it was marked sent; PostgreSQL stopped; PostgreSQL
frozen (SIGSTOP on every server process). Passes when bookings during the broker outage
succeed, database faults answer 503 JSON within 5 s and recover without a restart, and no
message is lost or duplicated. Figures go to DIR/faults.json.
"""

import argparse
import json
import re
import secrets
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from .http import call, token
from .stack import Stack, log, stop_on_sigterm

DEADLINE_SECONDS = 5.0
PASSWORD = "Reliable-Run-" + secrets.token_hex(4)


class Clinic:
    """Bookings through the API by fresh patients (one active appointment each)."""

    def __init__(self, base: str):
        self.base = base
        self.count = 0
        self.tries = 0
        doctors = call(base, "GET", "/api/doctors/?page_size=50").body["results"]
        self.doctors = [d["id"] for d in doctors]

    def new_patient(self) -> str:
        self.count += 1
        name = f"fault{self.count}{secrets.token_hex(2)}"
        body = {
            "username": name,
            "email": f"{name}@example.com",
            "password": PASSWORD,
            "first_name": "Fault",
            "last_name": f"Patient{self.count}",
            "phone": f"+49151{self.count:08d}",
        }
        answer = call(self.base, "POST", "/api/registrations/", body)
        assert answer.status == 201, (answer.status, answer.body)
        return token(self.base, name, PASSWORD)

    def free_slot(self, doctor: int, week: int) -> str | None:
        start = date.today() + timedelta(days=2 + 7 * week)
        end = start + timedelta(days=6)
        answer = call(self.base, "GET", f"/api/doctors/{doctor}/slots/?start={start}&end={end}")
        slots = answer.body if answer.status == 200 else []
        return slots[secrets.randbelow(len(slots))]["start"] if slots else None

    def book(self, access: str):
        """A booking of some free slot: another doctor or week when one has none (or is taken)."""
        for attempt in range(40):
            self.tries += 1
            doctor = self.doctors[self.tries % len(self.doctors)]
            when = self.free_slot(doctor, attempt % 6)
            if when is None:
                continue
            answer = call(
                self.base, "POST", "/api/book-appointment/", {"doctor": doctor, "appointment_time": when}, access
            )
            if answer.status != 409:
                return answer
        raise RuntimeError("no free slot found")


def deliveries(work: Path) -> dict[str, int]:
    """Messages that reached a provider, by key: SMS from the journal, email by Message-ID."""
    counts: dict[str, int] = {}
    journal = work / "sms" / "journal.log"
    if journal.exists():
        for line in journal.read_text().splitlines():
            outcome, key = line.split("\t")[:2]
            if outcome == "delivered":
                counts[key] = counts.get(key, 0) + 1
    for mail in (work / "mail").glob("*") if (work / "mail").exists() else []:
        for message_id in re.findall(r"^Message-ID: <(notification-\d+)@", mail.read_text(errors="replace"), re.M):
            counts[message_id] = counts.get(message_id, 0) + 1
    return counts


def outbox_rows(appointment_ids: list[int]) -> dict[str, str]:
    from notifications.models import Notification

    rows = Notification.objects.filter(appointment_id__in=appointment_ids).values_list("pk", "status")
    return {f"notification-{pk}": status for pk, status in rows}


def wait_delivered(work: Path, appointment_ids: list[int], timeout: float) -> dict:
    deadline = time.monotonic() + timeout
    started = time.monotonic()
    while True:
        rows, sent = outbox_rows(appointment_ids), deliveries(work)
        if rows and all(status == "sent" for status in rows.values()) or time.monotonic() > deadline:
            break
        time.sleep(1)
    return {
        "messages": len(rows),
        "sent": sum(status == "sent" for status in rows.values()),
        "lost": sum(1 for key in rows if sent.get(key, 0) == 0),
        "duplicated": sum(sent.get(key, 0) - 1 for key in rows if sent.get(key, 0) > 1),
        "seconds_to_all_sent": round(time.monotonic() - started, 1),
    }


def broker_stopped_during_bookings(stack: Stack, clinic: Clinic, bookings: int = 6) -> dict:
    patients = [clinic.new_patient() for _ in range(bookings)]
    stack.redis_stop()
    answers = [clinic.book(access) for access in patients]
    stack.redis_start()
    booked = [a.body["id"] for a in answers if a.status == 201]
    result = {
        "bookings": bookings,
        "booked_201": len(booked),
        "slowest_booking_s": round(max(a.seconds for a in answers), 2),
        **wait_delivered(stack.work, booked, timeout=90),
    }
    result["ok"] = result["booked_201"] == bookings and result["lost"] == 0 and result["duplicated"] == 0
    return result


def worker_killed_mid_send(stack: Stack, clinic: Clinic, kills: int = 2) -> dict:
    from notifications.models import Notification

    stack.worker_kill()
    stack.worker_start(slow_sms_seconds=3)  # a 3 s window between "accepted" and "sent"
    booked, killed = [], 0
    for _ in range(kills):
        answer = clinic.book(clinic.new_patient())
        assert answer.status == 201, (answer.status, answer.body)
        booked.append(answer.body["id"])
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            accepted = {k for k, n in deliveries(stack.work).items() if n}
            sending = Notification.objects.filter(appointment_id=answer.body["id"], status="sending", channel="sms")
            if any(f"notification-{pk}" in accepted for pk in sending.values_list("pk", flat=True)):
                stack.worker_kill()  # the provider has it; the row still says "sending"
                killed += 1
                stack.worker_start(slow_sms_seconds=3)
                break
            time.sleep(0.1)
    result = {"kills_after_provider_accepted": killed, **wait_delivered(stack.work, booked, timeout=120)}
    stack.worker_kill()
    stack.worker_start()
    result["ok"] = killed == kills and result["lost"] == 0 and result["duplicated"] == 0
    return result


def probes(stack: Stack, access: str) -> list[dict]:
    """What clients see: health check, a public read, an authenticated read, a booking."""
    tries = [
        ("GET", "/healthz/", None, None),
        ("GET", "/api/doctors/", None, None),
        ("GET", "/api/me/", None, access),
        ("POST", "/api/book-appointment/", {"doctor": 1, "appointment_time": "2030-01-07T09:00:00Z"}, access),
    ]
    out = []
    for method, path, body, auth in tries:
        answer = call(stack.base_url, method, path, body, auth, timeout=40)
        out.append(
            {
                "request": f"{method} {path}",
                "status": answer.status,
                "json": answer.is_json,
                "seconds": round(answer.seconds, 2),
                "ok": answer.status == 503 and answer.is_json and answer.seconds <= DEADLINE_SECONDS,
            }
        )
    return out


def recovery(stack: Stack, pids_before: set[int]) -> dict:
    started = time.monotonic()
    while time.monotonic() - started < 60:
        if call(stack.base_url, "GET", "/api/doctors/").status == 200:
            break
        time.sleep(0.2)
    seconds = round(time.monotonic() - started, 2)
    health = call(stack.base_url, "GET", "/healthz/")
    return {
        "recovered_after_s": seconds,
        "healthz_after": health.status,
        "same_gunicorn_processes": stack.web_pids() == pids_before,
    }


def database_fault(stack: Stack, access: str, *, frozen: bool) -> dict:
    pids_before = stack.web_pids()
    frozen_pids = stack.pg_freeze() if frozen else None
    if not frozen:
        stack.pg_stop()
    answers = probes(stack, access)
    if frozen:
        stack.pg_thaw(frozen_pids)
    else:
        stack.pg_start()
    result = {"probes": answers, **recovery(stack, pids_before)}
    result["ok"] = (
        all(p["ok"] for p in answers) and result["healthz_after"] == 200 and result["same_gunicorn_processes"]
    )
    return result


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--work", type=Path, required=True)
    parser.add_argument("--pg-port", type=int, default=55432)
    parser.add_argument("--redis-port", type=int, default=56379)
    parser.add_argument("--port", type=int, default=58000)
    args = parser.parse_args()
    stop_on_sigterm()
    args.work.mkdir(parents=True, exist_ok=True)
    stack = Stack(args.work, pg_port=args.pg_port, redis_port=args.redis_port, web_port=args.port)
    figures: dict = {}
    try:
        log("faults: starting a private PostgreSQL, Redis, gunicorn, worker and beat")
        stack.prepare()
        stack.serve()
        clinic = Clinic(stack.base_url)
        access = clinic.new_patient()

        log("faults: broker stopped during bookings")
        figures["broker_stopped_during_bookings"] = broker_stopped_during_bookings(stack, clinic)
        log(json.dumps(figures["broker_stopped_during_bookings"]))
        log("faults: worker SIGKILLed after the SMS provider accepted, before 'sent'")
        figures["worker_sigkill_mid_send"] = worker_killed_mid_send(stack, clinic)
        log(json.dumps(figures["worker_sigkill_mid_send"]))
        log("faults: PostgreSQL stopped")
        figures["postgres_stopped"] = database_fault(stack, access, frozen=False)
        log("faults: PostgreSQL frozen (SIGSTOP)")
        figures["postgres_frozen"] = database_fault(stack, access, frozen=True)
    finally:
        stack.stop_all()
    (args.work / "faults.json").write_text(json.dumps(figures, indent=2))
    print(json.dumps(figures, indent=2))
    failed = [name for name, result in figures.items() if not result.get("ok")]
    print("faults:", "all passed" if not failed and len(figures) == 4 else f"FAILED: {failed}")
    return 0 if not failed and len(figures) == 4 else 1


if __name__ == "__main__":
    sys.exit(main())
