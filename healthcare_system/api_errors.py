"""JSON, never HTML, for every error under /api/ — with DEBUG on too.

With DEBUG off the handlers in ``healthcare_system/exceptions.py`` answer in JSON. With DEBUG
on (``make run``) Django answers an unknown URL or a crash with its HTML debug pages before
those handlers run; this middleware turns such pages under /api/ into DRF's error shape.
"""

from http import HTTPStatus

from django.http import JsonResponse


class ApiJsonErrorsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.path.startswith("/api/")
            and response.status_code >= 400
            and response.get("Content-Type", "").startswith("text/html")
        ):
            return JsonResponse({"detail": _detail(response.status_code)}, status=response.status_code)
        return response


def _detail(status: int) -> str:
    if status == 404:
        return "Not found."  # DRF's own wording, as the JSON 404 handler gives it
    if status >= 500:
        return "Internal server error."  # as the DEBUG-off handler says
    try:
        return HTTPStatus(status).phrase + "."
    except ValueError:
        return "Error."
