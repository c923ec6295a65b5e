from django.template.loader import render_to_string
from rest_framework.renderers import BaseRenderer


class DataExportHTMLRenderer(BaseRenderer):
    """The data export as one readable, self-contained HTML page (``?format=html``)."""

    media_type = "text/html"
    format = "html"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        response = (renderer_context or {}).get("response")
        if response is not None and response.status_code >= 400:
            return render_to_string("privacy/error.html", {"data": data}).encode(self.charset)
        return render_to_string("privacy/data_export.html", {"data": data}).encode(self.charset)
