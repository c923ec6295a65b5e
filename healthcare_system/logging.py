"""Structured logging: JSON lines on stdout, each carrying the request id.

``RequestIdMiddleware`` (``healthcare_system/middleware.py``) stores the id of the
request being served in ``request_id_var``; ``RequestIdFilter`` copies it onto every
log record, so a line logged anywhere during a request can be tied to it (and to the
nginx and gunicorn access lines, which log the same ``X-Request-ID``).
"""

import logging
from contextvars import ContextVar

from django.core.exceptions import ImproperlyConfigured
from pythonjsonlogger.json import JsonFormatter as _BaseJsonFormatter

# "-" outside a request (management commands, Celery tasks, startup).
request_id_var: ContextVar[str] = ContextVar("request_id", default="-")


class RequestIdFilter(logging.Filter):
    """Adds ``record.request_id`` (the current request's id, or "-")."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = request_id_var.get()
        return True


class JsonFormatter(_BaseJsonFormatter):
    """One JSON object per line: timestamp, level, logger, message, request_id, extras.

    gunicorn's access lines (logger ``gunicorn.access``) also get the request's method,
    path, status, duration and request id as fields of their own.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("fmt", "%(asctime)s %(levelname)s %(name)s %(message)s")
        kwargs.setdefault("rename_fields", {"asctime": "timestamp", "levelname": "level", "name": "logger"})
        kwargs.setdefault("datefmt", "%Y-%m-%dT%H:%M:%S%z")
        super().__init__(*args, **kwargs)

    def add_fields(self, log_data, record, message_dict):
        super().add_fields(log_data, record, message_dict)
        log_data.setdefault("request_id", getattr(record, "request_id", request_id_var.get()))
        if record.name == "gunicorn.access" and isinstance(record.args, dict):
            atoms = record.args
            request_id = atoms.get("{x-request-id}o") or atoms.get("{x-request-id}i")
            log_data.update(
                {
                    "method": atoms.get("m"),
                    "path": atoms.get("U"),
                    "status": _int_or_none(atoms.get("s")),
                    "duration_ms": atoms.get("M"),
                    "bytes": atoms.get("B"),
                    "remote_addr": atoms.get("h"),
                    "user_agent": atoms.get("a"),
                    "request_id": request_id or "-",
                }
            )


def _int_or_none(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def init_sentry(*, dsn: str, environment: str, traces_sample_rate: float, release: str = "") -> None:
    """Reports errors to Sentry. ``sentry-sdk`` is optional: installed only where used.

    Raises ImproperlyConfigured when SENTRY_DSN is set but ``sentry-sdk`` is not installed.
    """
    try:
        import sentry_sdk
    except ImportError as error:
        raise ImproperlyConfigured(
            "SENTRY_DSN is set but sentry-sdk is not installed: pip install sentry-sdk (or unset SENTRY_DSN)."
        ) from error
    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        release=release or None,
        traces_sample_rate=traces_sample_rate,
        # Health data: never send user names, emails, addresses or request bodies.
        send_default_pii=False,
        max_request_body_size="never",
    )
