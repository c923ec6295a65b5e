"""CSV output for the reports: ``?format=csv`` (or ``Accept: text/csv``) on any report.

DRF reads ``?format=`` as the renderer to use, so the CSV renderer is registered under
``format = "csv"`` on the report views; without it DRF would answer 404.

Text cells that a spreadsheet would run as a formula (OWASP "CSV injection": starting
with = + - @ tab or carriage return) get a leading ``'``, so they show as text.
"""

import csv
import io

from rest_framework.renderers import BaseRenderer

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """The value, with a ``'`` in front when it is text a spreadsheet would evaluate."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


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
        # RFC 4180's CRLF line ends: the writer then also quotes a cell holding a lone CR.
        writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore", lineterminator="\r\n")
        writer.writeheader()
        writer.writerows({key: spreadsheet_safe(value) for key, value in row.items()} for row in rows)
        return buffer.getvalue().encode(self.charset)
