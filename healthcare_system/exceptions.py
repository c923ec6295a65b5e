"""Domain errors and their one mapping to HTTP.

Services raise ``DomainError`` subclasses; this module turns them (and Django's
own errors) into DRF's error shapes, so no view builds an error by hand and
nothing under ``/api/`` answers with an HTML page.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import JsonResponse
from django.views import defaults
from rest_framework import exceptions, status
from rest_framework.views import exception_handler


class DomainError(Exception):
    """A business rule refused the request. ``status_code`` says how HTTP sees it."""

    status_code = status.HTTP_400_BAD_REQUEST

    def __init__(self, message: str, *, field: str | None = None, code: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
        self.code = code or self.__class__.__name__

    def as_data(self) -> dict:
        if self.field:
            return {self.field: [self.message]}
        return {"detail": self.message, "code": self.code}


class Conflict(DomainError):
    status_code = status.HTTP_409_CONFLICT


def api_exception_handler(exc, context):
    if isinstance(exc, DomainError):
        return exception_handler(_as_api_exception(exc), context)
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
        exc = exceptions.ValidationError(detail)
    return exception_handler(exc, context)


def _as_api_exception(exc: DomainError) -> exceptions.APIException:
    api_exc = exceptions.APIException(exc.as_data())
    api_exc.status_code = exc.status_code
    return api_exc


def _is_api(request) -> bool:
    return request.path.startswith("/api/")


# Django's own error views, answering JSON under /api/ and HTML elsewhere (admin).


def not_found(request, exception=None):
    if _is_api(request):
        return JsonResponse({"detail": "Not found."}, status=404)
    return defaults.page_not_found(request, exception)


def server_error(request):
    if _is_api(request):
        return JsonResponse({"detail": "Internal server error."}, status=500)
    return defaults.server_error(request)


def bad_request(request, exception=None):
    if _is_api(request):
        return JsonResponse({"detail": "Bad request."}, status=400)
    return defaults.bad_request(request, exception)


def permission_denied(request, exception=None):
    if _is_api(request):
        return JsonResponse({"detail": "You do not have permission to perform this action."}, status=403)
    return defaults.permission_denied(request, exception)
