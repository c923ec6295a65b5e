"""The fault suite's SMS provider: honours idempotency keys like a real one would, journals
every call, and can be slow, so that a worker can be killed after the provider accepted a
message but before the outbox row says "sent".

    SMS_BACKEND=reliability.journal_sms.JournalSmsBackend
    SMS_FILE_PATH=<dir>                     journal.log: one line per call
    RELIABILITY_SMS_SLOW_SECONDS=2          pause after accepting (the kill window)
"""

import fcntl
import os
import time
from pathlib import Path

from django.conf import settings

from notifications.sms import BaseSmsBackend


class JournalSmsBackend(BaseSmsBackend):
    accepts_idempotency_key = True

    def send(self, *, to: str, body: str, idempotency_key: str | None = None) -> None:
        directory = Path(settings.SMS_FILE_PATH)
        directory.mkdir(parents=True, exist_ok=True)
        with open(directory / "journal.log", "a+", encoding="utf-8") as journal:
            fcntl.flock(journal, fcntl.LOCK_EX)  # several workers: one writer at a time
            journal.seek(0)
            seen = any(line.split("\t")[1] == idempotency_key for line in journal if "\t" in line)
            outcome = "dropped-repeat" if seen and idempotency_key else "delivered"
            journal.write(f"{outcome}\t{idempotency_key}\t{to}\t{os.getpid()}\n")
        time.sleep(float(os.environ.get("RELIABILITY_SMS_SLOW_SECONDS", "0")))
