"""Conditional GETs for reads whose version has a tag (the answers kept under stamps,
``appointments.answer_cache``): the ETag lets a browser ask again with ``If-None-Match``
and get a bodiless 304 while nothing changed.

``private, no-cache``: the browser keeps the answer but asks every time (the tag is cheap to
check, and a patient's list is health data that shared caches must not keep). The tag names
the representation too (JSON, the browsable API), since one URL serves both.
"""

from django.utils.cache import parse_etags
from rest_framework import status
from rest_framework.response import Response


def conditional_response(request, data, tag: str | None) -> Response:
    """``data`` as a 200 carrying its ETag, or a 304 when the client already holds that version."""
    if tag is None:
        return Response(data)
    etag = f'"{tag}-{request.accepted_renderer.format}"'
    headers = {"ETag": etag, "Cache-Control": "private, no-cache"}
    if etag in parse_etags(request.headers.get("If-None-Match", "")):
        return Response(status=status.HTTP_304_NOT_MODIFIED, headers=headers)
    return Response(data, headers=headers)
