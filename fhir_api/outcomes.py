"""OperationOutcome: the one shape of every error under /fhir/.

The project's error mapping (``healthcare_system.exceptions``) decides the status of a
domain error or a DRF error once; this module only re-dresses that answer as a FHIR
OperationOutcome. Errors raised outside a view (unknown URL, a crash) reach
``error_response`` through the responder registered in ``FhirApiConfig.ready``.
"""

import json

from django.http import HttpResponse
from fhir.resources.operationoutcome import OperationOutcome
from rest_framework import status
from rest_framework.exceptions import APIException
from rest_framework.response import Response

from healthcare_system.exceptions import DomainError, api_exception_handler

FHIR_JSON = "application/fhir+json"

# HTTP status -> FHIR IssueType (http://hl7.org/fhir/R4/valueset-issue-type.html).
_ISSUE_TYPES = {
    400: "invalid",
    401: "login",
    403: "forbidden",
    404: "not-found",
    405: "not-supported",
    406: "not-supported",
    409: "conflict",
    415: "not-supported",
    422: "processing",
    429: "throttled",
}


class FhirError(DomainError):
    """A request this FHIR server refuses; ``issue_type`` is the OperationOutcome's code."""

    issue_type = "invalid"


class InvalidSearch(FhirError):
    """A search or read parameter we cannot use (400)."""


class ResourceNotFound(FhirError):
    status_code = status.HTTP_404_NOT_FOUND
    issue_type = "not-found"


class NotAcceptable(FhirError):
    status_code = status.HTTP_406_NOT_ACCEPTABLE
    issue_type = "not-supported"


def operation_outcome(status_code: int, message: str, *, issue_type: str | None = None) -> dict:
    """The OperationOutcome for one error, as plain JSON data."""
    outcome = OperationOutcome(
        issue=[
            {
                "severity": "fatal" if status_code >= 500 else "error",
                "code": issue_type
                or _ISSUE_TYPES.get(status_code, "exception" if status_code >= 500 else "processing"),
                "diagnostics": message,
            }
        ]
    )
    return json.loads(outcome.json())


def _issue_type(exc, status_code: int) -> str | None:
    if isinstance(exc, FhirError):
        return exc.issue_type
    if isinstance(exc, DomainError) and status_code == status.HTTP_400_BAD_REQUEST:
        return "business-rule"  # a booking rule said no (too soon, on leave, off the grid …)
    return None


def _message(detail) -> str:
    """DRF's error detail (a string, a list, or a dict of field -> messages) as one sentence."""
    if isinstance(detail, dict):
        if set(detail) <= {"detail", "code"} and "detail" in detail:
            return _message(detail["detail"])
        return " ".join(f"{field}: {_message(value)}" for field, value in detail.items())
    if isinstance(detail, list | tuple):
        return " ".join(_message(item) for item in detail)
    return str(detail)


def fhir_exception_handler(exc, context) -> Response | None:
    """The project's exception handler (same statuses, same headers), answering an OperationOutcome."""
    response = api_exception_handler(exc, context)
    if response is None:
        return None  # unexpected: Django's 500 handler answers (an OperationOutcome too)
    if isinstance(exc, DomainError):
        message = exc.message
    elif isinstance(exc, APIException):
        message = _message(exc.detail)
    else:
        message = _message(response.data)
    response.data = operation_outcome(response.status_code, message, issue_type=_issue_type(exc, response.status_code))
    return response


def error_response(request, status_code: int, message: str) -> HttpResponse:
    """Django-level errors under /fhir/ (unknown URL, crash, DEBUG pages) as OperationOutcome."""
    body = json.dumps(operation_outcome(status_code, message))
    return HttpResponse(body, status=status_code, content_type=FHIR_JSON)
