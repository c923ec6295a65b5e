"""The whole path with real parts: API booking → outbox → Redis → a ``celery worker`` process → files.

Needs PostgreSQL (the worker is another process and must see the test database) and a Redis
server named by ``REDIS_TEST_URL`` (CI: ``redis://127.0.0.1:6379/15``); skipped otherwise.
The test flushes that Redis database, so it must be one used for tests only. All tests
talking to the worker are in this one test function: with pytest-xdist a second one could
run at the same time in another process and flush the broker under it.
"""

import email
import os
import signal
import subprocess
import sys
import time
import uuid
from email import policy
from pathlib import Path
from urllib.parse import quote

import pytest
import redis
from django.conf import settings
from django.db import connection
from icalendar import Calendar

from appointments.models import Appointment
from doctors.tests.factories import DoctorFactory, at, next_weekday
from notifications.audience import format_local
from notifications.models import Notification
from patients.tests.factories import PatientFactory

from .brokers import tasks_via_broker

pytestmark = [pytest.mark.redis, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

WAIT_SECONDS = 30


def _redis_url() -> str:
    url = os.environ.get("REDIS_TEST_URL", "")
    if not url:
        pytest.skip("set REDIS_TEST_URL (a Redis database for tests only, e.g. redis://127.0.0.1:6379/15)")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.RedisError as exc:
        pytest.skip(f"Redis at REDIS_TEST_URL={url} is unavailable: {exc}")
    return url


def _flush(url: str) -> None:
    client = redis.Redis.from_url(url, socket_connect_timeout=1)
    client.flushdb()
    client.close()


def _test_database_env() -> dict[str, str]:
    """The test database (``test_<name>``, ``_gwN`` under xdist) as environment for the worker."""
    db = connection.settings_dict
    user = quote(db["USER"] or "", safe="")
    password = f":{quote(db['PASSWORD'], safe='')}" if db["PASSWORD"] else ""
    auth = f"{user}{password}@" if user else ""
    host, port = db["HOST"] or "", f":{db['PORT']}" if db["PORT"] else ""
    env = {}
    if host.startswith("/"):  # a socket directory: libpq takes it from PGHOST, a URL cannot carry it
        env["PGHOST"], host = host, ""
    env["DATABASE_URL"] = f"postgres://{auth}{host}{port}/{quote(db['NAME'], safe='')}"
    return env


@pytest.fixture
def broker(transactional_db):
    """This process queues its tasks on Redis, on a queue of its own, until the test ends."""
    if connection.vendor != "postgresql":
        pytest.skip("the worker process cannot share pytest's in-memory SQLite test database")
    url = _redis_url()
    queue = f"notifications-test-{uuid.uuid4().hex[:12]}"
    _flush(url)
    try:
        with tasks_via_broker(url, task_routes={"notifications.tasks.*": {"queue": queue}}):
            yield url, queue
    finally:
        _flush(url)


@pytest.fixture
def worker(broker, tmp_path):
    """A real ``celery -A healthcare_system worker`` on the test database; stopped whatever happens."""
    url, queue = broker
    mail_dir, sms_dir = tmp_path / "mail", tmp_path / "sms"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "healthcare_system.settings",
        **_test_database_env(),
        "CONN_MAX_AGE": "0",
        "CELERY_BROKER_URL": url,
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(mail_dir),
        "SMS_BACKEND": "file",
        "SMS_FILE_PATH": str(sms_dir),
        "SENTRY_DSN": "",
    }
    log_path = tmp_path / "worker.log"
    command = [
        *(sys.executable, "-m", "celery", "-A", "healthcare_system", "worker"),
        *("--pool=solo", "--concurrency=1", "--loglevel=INFO", "-Q", queue, "-n", f"{queue}@%h"),
        *("--without-gossip", "--without-mingle", "--without-heartbeat"),
    ]
    with open(log_path, "wb") as log:
        process = subprocess.Popen(command, cwd=settings.BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        yield _Worker(process, log_path, mail_dir, sms_dir)
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)  # warm shutdown: finish the current task, close connections
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)


class _Worker:
    def __init__(self, process, log_path: Path, mail_dir: Path, sms_dir: Path):
        self.process, self.log_path, self.mail_dir, self.sms_dir = process, log_path, mail_dir, sms_dir

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def emails(self) -> list[email.message.EmailMessage]:
        # The file backend writes each connection's messages to one file, each followed by a rule.
        messages = []
        for path in sorted(self.mail_dir.glob("*.log")):
            for chunk in path.read_bytes().split(b"\n" + b"-" * 79 + b"\n"):
                if chunk.strip():
                    messages.append(email.message_from_bytes(chunk.lstrip(), policy=policy.default))
        return messages

    def sms(self) -> list[str]:
        return [path.read_text() for path in sorted(self.sms_dir.glob("*.txt"))]

    def wait_until(self, condition, what: str) -> None:
        deadline = time.monotonic() + WAIT_SECONDS
        while not condition():
            if self.process.poll() is not None:
                pytest.fail(f"the worker exited ({self.process.returncode}) before {what}:\n{self.log()}")
            if time.monotonic() > deadline:
                pytest.fail(f"no {what} within {WAIT_SECONDS}s; worker log:\n{self.log()}")
            time.sleep(0.2)


def _all_sent(appointment, event: str, count: int):
    def check() -> bool:
        rows = Notification.objects.filter(appointment=appointment, event=event)
        statuses = list(rows.values_list("status", flat=True))
        return len(statuses) == count and set(statuses) == {"sent"}

    return check


def _messages_to(messages, address: str, subject_start: str):
    return [m for m in messages if m["To"] == address and subject_start in m["Subject"]]


def test_booking_and_cancelling_reach_patient_and_doctor_through_a_real_worker(worker, client_for):
    doctor = DoctorFactory(phone="+493012345678")
    patient = PatientFactory()
    as_patient = client_for(patient.user)
    start = at(next_weekday(0), 10)

    response = as_patient.post(
        "/api/book-appointment/", {"doctor": doctor.pk, "appointment_time": start.isoformat()}, format="json"
    )

    assert response.status_code == 201, response.json()
    appointment = Appointment.objects.get(pk=response.json()["id"])
    # Patient and doctor, each by email and SMS; the worker sends them, not this process.
    worker.wait_until(_all_sent(appointment, "booked", 4), "booking notifications sent")
    worker.wait_until(lambda: len(worker.emails()) >= 2 and len(worker.sms()) >= 2, "booking email and SMS files")

    messages = worker.emails()
    assert len(messages) == 2
    (to_patient,) = _messages_to(messages, patient.user.email, "Appointment booked")
    (to_doctor,) = _messages_to(messages, doctor.user.email, "Appointment booked")
    for message in (to_patient, to_doctor):
        assert message.get_body(("plain",)).get_content()
        assert message.get_body(("html",)).get_content()
        (ics,) = [part for part in message.iter_attachments() if part.get_filename() == "appointment.ics"]
        assert ics.get_content_type() == "text/calendar"
        (event,) = Calendar.from_ical(ics.get_content()).walk("VEVENT")
        assert str(event["uid"]) == f"appointment-{appointment.pk}@{settings.ICAL_UID_DOMAIN}"
        assert event.decoded("dtstart") == start
    assert format_local(start, doctor.tzinfo) in to_patient.get_body(("plain",)).get_content()
    assert sorted(text.splitlines()[0] for text in worker.sms()) == sorted(
        [f"To: {patient.phone.as_e164}", f"To: {doctor.phone.as_e164}"]
    )
    assert set(Notification.objects.values_list("attempts", flat=True)) == {1}  # each sent on its first try

    cancel = f"/api/appointments/{appointment.pk}/cancel/"
    response = as_patient.post(cancel, {"reason": "Feeling better"}, format="json")

    assert response.status_code == 200, response.json()
    worker.wait_until(_all_sent(appointment, "cancelled", 4), "cancellation notifications sent")
    worker.wait_until(lambda: len(worker.emails()) >= 4, "cancellation email files")
    messages = worker.emails()
    assert len(messages) == 4
    (to_patient,) = _messages_to(messages, patient.user.email, "Appointment cancelled")
    (to_doctor,) = _messages_to(messages, doctor.user.email, "Appointment cancelled")
    assert "cancelled by you" in to_patient.get_body(("plain",)).get_content()
    assert f"cancelled by the patient, {patient.full_name}" in to_doctor.get_body(("plain",)).get_content()
    assert Notification.objects.filter(status="sent").count() == 8
