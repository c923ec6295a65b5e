"""SMS backends, chosen by the ``SMS_BACKEND`` setting: console, file, locmem, twilio (or a dotted path).

A backend has one method, ``send(to=, body=)``, taking an E.164 number. It raises
``SmsError`` with ``permanent=True`` for a message that can never be sent (bad number,
missing library or credentials) and ``permanent=False`` for one worth retrying.

Exactly once where the provider allows it: a backend whose provider drops a repeated
message by key sets ``accepts_idempotency_key`` and then also gets
``idempotency_key=`` (stable per outbox row). A worker that dies after the provider took
a message but before the row says "sent" re-sends it after the lease; with a key the
provider drops the copy. Without one (console, Twilio, whose Messages API takes no such
key) delivery stays at-least-once in that one window (docs/architecture.md).
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


# A provider call that hangs longer than this fails (and is retried), so it always ends
# well inside NOTIFICATIONS_SENDING_LEASE_SECONDS: no second worker sends meanwhile.
PROVIDER_TIMEOUT_SECONDS = 10


class BaseSmsBackend(ABC):
    """What SMS_BACKEND names: one message to one E.164 number; raises SmsError on failure."""

    accepts_idempotency_key = False

    @abstractmethod
    def send(self, *, to: str, body: str) -> None: ...


class ConsoleSmsBackend(BaseSmsBackend):
    def send(self, *, to: str, body: str) -> None:
        sys.stdout.write(f"--- SMS to {to} ---\n{body}\n---\n")
        sys.stdout.flush()


class FileSmsBackend(BaseSmsBackend):
    """One file per message in ``SMS_FILE_PATH``; a message with a key already written is not
    written again."""

    accepts_idempotency_key = True

    def send(self, *, to: str, body: str, idempotency_key: str | None = None) -> None:
        directory = Path(settings.SMS_FILE_PATH)
        directory.mkdir(parents=True, exist_ok=True)
        suffix = idempotency_key or uuid.uuid4().hex[:8]
        if idempotency_key and any(directory.glob(f"*-{idempotency_key}.txt")):
            return
        # Local time, as Django's file email backend names its files: the two sort together.
        name = f"{timezone.localtime():%Y%m%d-%H%M%S}-{suffix}.txt"
        (directory / name).write_text(f"To: {to}\n\n{body}\n", encoding="utf-8")


class LocmemSmsBackend(BaseSmsBackend):
    """Into ``outbox``; like a provider with idempotency keys, drops a repeated key."""

    accepts_idempotency_key = True

    def send(self, *, to: str, body: str, idempotency_key: str | None = None) -> None:
        if idempotency_key and any(sent.get("idempotency_key") == idempotency_key for sent in outbox):
            return
        outbox.append({"to": to, "body": body, "idempotency_key": idempotency_key})


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
            client = Client(sid, token)
            if getattr(client, "http_client", None) is not None:
                client.http_client.timeout = PROVIDER_TIMEOUT_SECONDS
            client.messages.create(to=to, from_=sender, body=body)
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
