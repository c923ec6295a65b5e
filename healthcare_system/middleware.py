"""Request ids: every request gets one, every log line and every response carries it."""

import re
import uuid

from django.core.signals import request_finished

from .logging import request_id_var

REQUEST_ID_HEADER = "X-Request-ID"
# Accept an upstream id (nginx, a load balancer, a client) only when it is short and
# plain: it ends up in log lines and must not be able to forge or break them.
_VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")


class RequestIdMiddleware:
    """Takes ``X-Request-ID`` from the request (or makes one), logs with it, echoes it back."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get(REQUEST_ID_HEADER, "")
        request_id = incoming if _VALID_REQUEST_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        # Kept until the response is closed: Django logs 4xx/5xx ("Not Found: ...") only
        # after the whole middleware chain has returned.
        request_id_var.set(request_id)
        response = self.get_response(request)
        response[REQUEST_ID_HEADER] = request_id
        return response


def _forget_request_id(**kwargs):
    request_id_var.set("-")


request_finished.connect(_forget_request_id, dispatch_uid="healthcare_system.middleware.forget_request_id")
