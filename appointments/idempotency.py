"""``Idempotency-Key``: a retried request gets the first response instead of a second booking.

Keys are per user and live 24 hours. The first response is stored with a hash of the
request body; the same key with another body is refused (422).
"""

import hashlib
import json
from collections.abc import Callable
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from healthcare_system.exceptions import Conflict, api_exception_handler

from .errors import IdempotencyKeyReused
from .models import IdempotencyKey

TTL = timedelta(hours=24)
HEADER = "Idempotency-Key"
_IN_FLIGHT = 0  # response_status of a claimed key whose request is still running
_CLAIM_TTL = timedelta(minutes=2)  # a claim left by a crashed request expires soon


def _digest(method: str, path: str, body) -> str:
    canonical = json.dumps({"m": method, "p": path, "b": body}, sort_keys=True, default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def idempotent(request, run: Callable[[], Response]) -> Response:
    """Answer ``run()``, or the stored answer when the caller already sent this key.

    The key is claimed (committed) before ``run`` starts, so a concurrent duplicate can
    never book twice: it is told to retry (409) while the first is in flight, and gets
    the stored answer afterwards. Refusals (4xx) are stored like successes; on a server
    error the claim is dropped so the client may retry.
    """
    key = request.headers.get(HEADER, "").strip()
    if not key:
        return run()
    if len(key) > 255:
        raise ValidationError({HEADER: ["At most 255 characters."]})
    if not key.isprintable():
        # A NUL byte cannot be stored in a PostgreSQL text column; control characters have no place in a key.
        raise ValidationError({HEADER: ["Only printable characters are allowed."]})
    digest = _digest(request.method, request.path, request.data)
    now = timezone.now()
    IdempotencyKey.objects.filter(user=request.user, key=key, expires_at__lte=now).delete()
    try:
        with transaction.atomic():
            claim = IdempotencyKey.objects.create(
                user=request.user,
                key=key,
                request_hash=digest,
                response_status=_IN_FLIGHT,
                response_body={},
                expires_at=now + _CLAIM_TTL,
            )
    except IntegrityError:
        return _replay(IdempotencyKey.objects.get(user=request.user, key=key), digest)

    try:
        response = _run_to_response(request, run)
    except BaseException:
        claim.delete()
        raise
    if response.status_code >= 500:
        claim.delete()
        return response
    claim.response_status = response.status_code
    claim.response_body = response.data
    claim.expires_at = now + TTL
    claim.save(update_fields=["response_status", "response_body", "expires_at"])
    return response


def _replay(stored: IdempotencyKey, digest: str) -> Response:
    if stored.response_status == _IN_FLIGHT:
        raise Conflict("A request with this Idempotency-Key is still in progress; retry shortly.", code="in_progress")
    if stored.request_hash != digest:
        raise IdempotencyKeyReused(
            "This Idempotency-Key was already used with a different request.", code="idempotency_key_reused"
        )
    response = Response(stored.response_body, status=stored.response_status)
    response["Idempotent-Replayed"] = "true"
    return response


def _run_to_response(request, run: Callable[[], Response]) -> Response:
    """Run, turning a refused request into the response the exception handler would give."""
    try:
        return run()
    except Exception as exc:
        response = api_exception_handler(exc, {"request": request, "view": None})
        if response is None:
            raise
        return response
