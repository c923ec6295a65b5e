"""SMS backends, chosen by the ``SMS_BACKEND`` setting: console, file, locmem, twilio (or a dotted path).

A backend has one method, ``send(to=, body=)``, taking an E.164 number. It raises
``SmsError`` with ``permanent=True`` for a message that can never be sent (bad number,
missing library or credentials) and ``permanent=False`` for one worth retrying.
"""

import logging
import sys
import uuid
from abc import ABC, abstractmethod
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

# Messages sent through the locmem backend, for tests (like django.core.mail.outbox).
outbox: list[dict] = []


class SmsError(Exception):
    def __init__(self, message: str, *, permanent: bool = False):
        super().__init__(message)
        self.permanent = permanent


class BaseSmsBackend(ABC):
    """What SMS_BACKEND names: one message to one E.164 number; raises SmsError on failure."""

    @abstractmethod
    def send(self, *, to: str, body: str) -> None: ...


class ConsoleSmsBackend(BaseSmsBackend):
    def send(self, *, to: str, body: str) -> None:
        sys.stdout.write(f"--- SMS to {to} ---\n{body}\n---\n")
        sys.stdout.flush()


class FileSmsBackend(BaseSmsBackend):
    """One file per message in ``SMS_FILE_PATH``."""

    def send(self, *, to: str, body: str) -> None:
        directory = Path(settings.SMS_FILE_PATH)
        directory.mkdir(parents=True, exist_ok=True)
        # Local time, as Django's file email backend names its files: the two sort together.
        name = f"{timezone.localtime():%Y%m%d-%H%M%S}-{uuid.uuid4().hex[:8]}.txt"
        (directory / name).write_text(f"To: {to}\n\n{body}\n", encoding="utf-8")


class LocmemSmsBackend(BaseSmsBackend):
    def send(self, *, to: str, body: str) -> None:
        outbox.append({"to": to, "body": body})


class TwilioSmsBackend(BaseSmsBackend):
    """Twilio's REST API. ``twilio`` is an optional dependency: ``pip install twilio``."""

    def send(self, *, to: str, body: str) -> None:
        try:
            from twilio.base.exceptions import TwilioRestException
            from twilio.rest import Client
        except ImportError as exc:
            raise SmsError("SMS_BACKEND=twilio needs the twilio package (pip install twilio).", permanent=True) from exc
        sid, token, sender = settings.TWILIO_ACCOUNT_SID, settings.TWILIO_AUTH_TOKEN, settings.TWILIO_FROM_NUMBER
        if not (sid and token and sender):
            raise SmsError("TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM_NUMBER must be set.", permanent=True)
        try:
            Client(sid, token).messages.create(to=to, from_=sender, body=body)
        except TwilioRestException as exc:
            # 4xx (bad number, unsubscribed recipient) will fail again; 429 and 5xx may not.
            status = exc.status or 500
            raise SmsError(f"Twilio {status}: {exc.msg}", permanent=400 <= status < 500 and status != 429) from exc


_ALIASES = {
    "console": ConsoleSmsBackend,
    "file": FileSmsBackend,
    "locmem": LocmemSmsBackend,
    "twilio": TwilioSmsBackend,
}


def get_sms_backend() -> BaseSmsBackend:
    name = settings.SMS_BACKEND
    backend_class = _ALIASES.get(name) or import_string(name)
    return backend_class()
