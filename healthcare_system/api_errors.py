"""JSON, never HTML, for every error under /api/ (and /fhir/) — with DEBUG on too.

With DEBUG off Django calls the handlers in ``healthcare_system/exceptions.py``. With DEBUG
on (``make run``) it answers an unknown URL or a crash with its HTML debug pages instead;
this middleware swaps such pages under /api/ for those same handlers' JSON answers.

A database outage raised outside a DRF view (a middleware, a plain view) is a 503 JSON
under /api/, as it is inside the views.
"""

from django.http import JsonResponse

from . import exceptions

_HANDLERS = {
    400: exceptions.bad_request,
    403: exceptions.permission_denied,
    404: exceptions.not_found,
    500: exceptions.server_error,
}


class ApiJsonErrorsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not (
            (exceptions._is_api(request) or exceptions.error_responder_for(request))
            and response.status_code >= 400
            and response.get("Content-Type", "").startswith("text/html")
        ):
            return response
        handler = _HANDLERS.get(response.status_code)
        if handler is not None:
            return handler(request)
        responder = exceptions.error_responder_for(request)
        if responder is not None:
            return responder(request, response.status_code, response.reason_phrase)
        return JsonResponse({"detail": response.reason_phrase}, status=response.status_code)

    def process_exception(self, request, exception):
        if exceptions._is_api(request) and exceptions.is_database_unavailable(exception):
            return exceptions.database_unavailable(request)
        return None
