"""The appointment list's items straight from ``.values()``: AppointmentSerializer's output
without building five model instances and a nested serializer per row.

A patient's or doctor's list is the hottest read of the API; for 20 items the model
instances and DRF's field machinery cost more than the query itself. The formatting of
the fee and of the timestamps is done by the serializer's own field objects, so the two
can never format differently; ``appointments/tests/test_list_rows.py`` checks that every
item equals ``AppointmentSerializer``'s, field for field — a field added to the serializer
fails that test until it is added here too.
"""

from functools import cache
from zoneinfo import ZoneInfo

from django.db.models import QuerySet

from .serializers import AppointmentSerializer

COLUMNS = (
    "id",
    "patient_id",
    "patient__user__first_name",
    "patient__user__last_name",
    "patient__user__username",
    "doctor_id",
    "doctor__user__first_name",
    "doctor__user__last_name",
    "doctor__user__username",
    "doctor__timezone",
    "doctor__specialty__name",
    "start",
    "end",
    "visit_type_id",
    "visit_type__name",
    "buffer_minutes",
    "status",
    "reason",
    "fee",
    "checked_in_at",
    "created_at",
    "updated_at",
    "cancelled_at",
    "cancellation_reason",
    "series_id",
    "patient_confirmed_at",
)


@cache
def _fields():
    return AppointmentSerializer().fields


def _name(first: str, last: str, username: str) -> str:
    # User.get_full_name(), or the username: Patient/Doctor.full_name.
    return f"{first} {last}".strip() or username


def appointment_values(appointments: QuerySet) -> QuerySet:
    """The columns the list shows, in the queryset's order (paginate this, then ``appointment_rows``)."""
    return appointments.values(*COLUMNS)


def appointment_rows(values) -> list[dict]:
    """The serializer's items for rows of ``appointment_values``."""
    fields = _fields()
    fee, stamp = fields["fee"].to_representation, fields["created_at"].to_representation
    rows = []
    for v in values:
        zone = ZoneInfo(v["doctor__timezone"])
        rows.append(
            {
                "id": v["id"],
                "patient": v["patient_id"],
                "patient_name": _name(
                    v["patient__user__first_name"], v["patient__user__last_name"], v["patient__user__username"]
                ),
                "doctor": v["doctor_id"],
                "doctor_name": _name(
                    v["doctor__user__first_name"], v["doctor__user__last_name"], v["doctor__user__username"]
                ),
                "doctor_timezone": v["doctor__timezone"],
                "specialization": v["doctor__specialty__name"],
                "appointment_time": v["start"].astimezone(zone).isoformat(),
                "end_time": v["end"].astimezone(zone).isoformat(),
                "visit_type": v["visit_type_id"],
                "visit_type_name": v["visit_type__name"],
                "buffer_minutes": v["buffer_minutes"],
                "status": v["status"],
                "reason": v["reason"],
                "fee": None if v["fee"] is None else fee(v["fee"]),
                "checked_in_at": None if v["checked_in_at"] is None else stamp(v["checked_in_at"]),
                "created_at": stamp(v["created_at"]),
                "updated_at": stamp(v["updated_at"]),
                "cancelled_at": None if v["cancelled_at"] is None else stamp(v["cancelled_at"]),
                "cancellation_reason": v["cancellation_reason"],
                "series": v["series_id"],
                "patient_confirmed_at": None if v["patient_confirmed_at"] is None else stamp(v["patient_confirmed_at"]),
            }
        )
    return rows
