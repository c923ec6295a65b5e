"""Domain errors and their one mapping to HTTP.

Services raise ``DomainError`` subclasses; this module turns them (and Django's
own errors) into DRF's error shapes, so no view builds an error by hand and
nothing under ``/api/`` answers with an HTML page.
"""

import sys
from collections.abc import Callable

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views import defaults
from rest_framework import exceptions, status
from rest_framework.views import exception_handler

FieldErrors = dict[str, "list[str] | FieldErrors"]


def _messages(errors: FieldErrors) -> list[str]:
    return [m for value in errors.values() for m in (_messages(value) if isinstance(value, dict) else value)]


class DomainError(Exception):
    """A business rule refused the request. ``status_code`` says how HTTP sees it.

    One message (``detail`` and ``code``, or under ``field``), or field errors: ``errors`` maps
    each field to its messages (or, for a nested object, to its own field errors), answered as
    DRF answers a serializer's.
    """

    status_code = status.HTTP_400_BAD_REQUEST

    def __init__(
        self,
        message: str = "",
        *,
        field: str | None = None,
        code: str | None = None,
        errors: FieldErrors | None = None,
    ):
        message = message or "; ".join(_messages(errors or {}))
        super().__init__(message)
        self.message = message
        self.field = field
        self.code = code or self.__class__.__name__
        self.errors = errors

    def under(self, field: str) -> "DomainError":
        """The same refusal, its field errors nested under ``field`` (the nested object's name)."""
        errors = self.errors if self.errors is not None else self.as_data()
        nested = DomainError(self.message, code=self.code, errors={field: errors})
        nested.status_code = self.status_code
        return nested

    def as_data(self) -> dict:
        if self.errors is not None:
            return self.errors
        if self.field:
            return {self.field: [self.message]}
        return {"detail": self.message, "code": self.code}


def full_clean(instance, **kwargs) -> None:
    """``instance.full_clean(**kwargs)``, the model's refusals raised as ``DomainError`` field errors."""
    try:
        instance.full_clean(**kwargs)
    except DjangoValidationError as exc:
        raise DomainError(errors=exc.message_dict) from exc


class Conflict(DomainError):
    status_code = status.HTTP_409_CONFLICT


class DatabaseUnavailable(exceptions.APIException):
    """The database refused, dropped or did not answer (see healthcare_system/postgres)."""

    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_detail = "The service is temporarily unavailable. Try again in a moment."
    default_code = "database_unavailable"


# Seconds a client should wait before retrying after a 503.
RETRY_AFTER_SECONDS = 5


def is_database_unavailable(exc) -> bool:
    return isinstance(exc, OperationalError | InterfaceError)


def database_unavailable(request=None) -> JsonResponse:
    """The 503 for a database outage outside DRF's views (middleware, plain views)."""
    body = {"detail": str(DatabaseUnavailable.default_detail), "code": DatabaseUnavailable.default_code}
    response = JsonResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def api_exception_handler(exc, context):
    if is_database_unavailable(exc):
        response = exception_handler(DatabaseUnavailable(), context)
        response.data = {"detail": response.data["detail"], "code": DatabaseUnavailable.default_code}
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    if isinstance(exc, DomainError):
        exc = _as_api_exception(exc)
    elif isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
        exc = exceptions.ValidationError(detail)
    response = exception_handler(exc, context)
    if response is not None and isinstance(response.data, list):
        # A ValidationError raised with a list (DRF's SearchFilter refusing a NUL does) would
        # answer a bare JSON list: keep the documented object shape.
        response.data = {"detail": " ".join(str(message) for message in response.data)}
    return response


def _as_api_exception(exc: DomainError) -> exceptions.APIException:
    api_exc = exceptions.APIException(exc.as_data())
    api_exc.status_code = exc.status_code
    return api_exc


def _is_api(request) -> bool:
    return request.path.startswith("/api/")


# Other machine-readable APIs (FHIR under /fhir/) answer errors in their own shape. A
# higher layer registers its prefix and responder here (in its AppConfig.ready), so
# Django's error views and the JSON error middleware below never answer them with HTML.
ErrorResponder = Callable[[HttpRequest, int, str], HttpResponse]
_ERROR_RESPONDERS: dict[str, ErrorResponder] = {}


def register_error_responder(prefix: str, responder: ErrorResponder) -> None:
    """Let ``responder(request, status, message)`` answer every Django-level error under ``prefix``."""
    _ERROR_RESPONDERS[prefix] = responder


def error_responder_for(request) -> ErrorResponder | None:
    for prefix, responder in _ERROR_RESPONDERS.items():
        if request.path.startswith(prefix):
            return responder
    return None


# Django's own error views, answering JSON under /api/ and HTML elsewhere (admin).


def _answer(request, status_code: int, message: str) -> HttpResponse | None:
    responder = error_responder_for(request)
    if responder is not None:
        return responder(request, status_code, message)
    if _is_api(request):
        return JsonResponse({"detail": message}, status=status_code)
    return None


def not_found(request, exception=None):
    return _answer(request, 404, "Not found.") or defaults.page_not_found(request, exception)


def server_error(request):
    # Django calls this inside its except block: the exception is still at hand.
    if is_database_unavailable(sys.exc_info()[1]):
        responder = error_responder_for(request)
        if responder is not None:
            return responder(request, 503, str(DatabaseUnavailable.default_detail))
        if _is_api(request):
            return database_unavailable(request)
    return _answer(request, 500, "Internal server error.") or defaults.server_error(request)


def bad_request(request, exception=None):
    return _answer(request, 400, "Bad request.") or defaults.bad_request(request, exception)


def permission_denied(request, exception=None):
    message = "You do not have permission to perform this action."
    return _answer(request, 403, message) or defaults.permission_denied(request, exception)
