"""FHIR's JSON on the wire: ``application/fhir+json`` by default, ``application/json`` on request.

``_format`` (FHIR's override of the Accept header) takes ``json``, ``application/json`` or
``application/fhir+json``; XML and anything else is a 406.
"""

from django.urls import reverse
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.parsers import JSONParser
from rest_framework.renderers import JSONRenderer

from .outcomes import FHIR_JSON, NotAcceptable


class FhirJsonRenderer(JSONRenderer):
    media_type = FHIR_JSON
    format = "fhir"
    charset = "utf-8"


class FhirJsonParser(JSONParser):
    media_type = FHIR_JSON


RENDERERS = [FhirJsonRenderer, JSONRenderer]
PARSERS = [FhirJsonParser, JSONParser]

_FORMATS = {"json": FhirJsonRenderer, FHIR_JSON: FhirJsonRenderer, "application/json": JSONRenderer}


class FhirContentNegotiation(DefaultContentNegotiation):
    def select_renderer(self, request, renderers, format_suffix=None):
        wanted = request.query_params.get("_format")
        if wanted is None:
            return super().select_renderer(request, renderers, format_suffix)
        renderer_class = _FORMATS.get(wanted.split(";")[0].strip())
        for renderer in renderers:
            if type(renderer) is renderer_class:
                return renderer, renderer.media_type
        raise NotAcceptable(f"_format={wanted} is not supported: this server speaks JSON only.")


def base_url(request) -> str:
    """This server's FHIR base, absolute (``http://host/fhir/``), for fullUrl, links and Location."""
    return request.build_absolute_uri(reverse("fhir-base"))
