"""CSV output for the reports: ``?format=csv`` (or ``Accept: text/csv``) on any report.

DRF reads ``?format=`` as the renderer to use, so the CSV renderer is registered under
``format = "csv"`` on the report views; without it DRF would answer 404.
"""

import csv
import io

from rest_framework.renderers import BaseRenderer


class ReportCSVRenderer(BaseRenderer):
    """Writes a report's ``results`` as CSV; the columns come from the view's ``csv_columns``."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        view = (renderer_context or {}).get("view")
        columns = list(getattr(view, "csv_columns", ()))
        rows = data.get("results", []) if isinstance(data, dict) else []
        if not columns and rows:
            columns = list(rows[0])
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        return buffer.getvalue().encode(self.charset)
