"""Reads for the admin reports: aggregations computed in the database.

Every report counts appointments whose start falls on the inclusive calendar dates
``date_from``..``date_to`` in the clinic's zone (``settings.TIME_ZONE``), and days are
truncated in that zone too, so a visit at 23:30 UTC in winter counts on the next day in
Berlin. Grouping is done by the database on ids only; labels are looked up afterwards
for the (at most a few hundred) groups, which keeps the big GROUP BY narrow.
"""

from collections import defaultdict
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Count, DurationField, ExpressionWrapper, F, Q, QuerySet, Sum
from django.db.models.functions import Coalesce, TruncDate

from appointments.models import Appointment, AppointmentStatus
from doctors.models import Doctor, LeaveDay, Specialty, VisitType, WorkingHours
from healthcare_system.dates import clinic_day_start

APPOINTMENT_GROUPS = ("day", "doctor", "specialty", "status", "visit_type")
REVENUE_GROUPS = ("day", "doctor", "specialty", "visit_type")
PLAIN_SLOT_LABEL = "Standard slot (no visit type)"

# What counts as time taken out of a doctor's day for utilisation.
BOOKED_STATUSES = (AppointmentStatus.PENDING, AppointmentStatus.CONFIRMED, AppointmentStatus.COMPLETED)


def clinic_tz() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def clinic_bounds(date_from: date, date_to: date) -> tuple[datetime, datetime]:
    """[start, end) instants covering the inclusive local dates date_from..date_to in the clinic's zone."""
    return clinic_day_start(date_from), clinic_day_start(date_to + timedelta(days=1))


def appointments_in_range(date_from: date, date_to: date) -> QuerySet:
    start, end = clinic_bounds(date_from, date_to)
    # Meta.ordering must not leak into the GROUP BY queries built on this.
    return Appointment.objects.filter(start__gte=start, start__lt=end).order_by()


def _day_label(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"


def _doctor_labels(ids) -> dict[int, str]:
    return {doctor.pk: str(doctor) for doctor in Doctor.objects.filter(pk__in=ids).select_related("user")}


def _specialty_labels(ids) -> dict[int, str]:
    return dict(Specialty.objects.filter(pk__in=ids).values_list("pk", "name"))


def _visit_type_labels(ids) -> dict[int | None, str]:
    """'Dr. Sarah Smith: First consultation'; visits booked without a type under one label."""
    types = VisitType.objects.filter(pk__in=[pk for pk in ids if pk is not None]).select_related("doctor__user")
    return {None: PLAIN_SLOT_LABEL} | {t.pk: f"{t.doctor}: {t.name}" for t in types}


_GROUP_FIELD = {
    "day": "day",
    "doctor": "doctor_id",
    "specialty": "doctor__specialty_id",
    "status": "status",
    "visit_type": "visit_type_id",
}


def _grouped(queryset: QuerySet, group_by: str, **aggregates) -> list[dict]:
    """Rows ``{key, label, **aggregates}`` ordered by key (days, statuses) or label (doctors, specialties)."""
    if group_by == "day":
        queryset = queryset.annotate(day=TruncDate("start", tzinfo=clinic_tz()))
    field = _GROUP_FIELD[group_by]
    rows = list(queryset.values(field).annotate(**aggregates).order_by(field))
    keys = [row.pop(field) for row in rows]

    if group_by == "day":
        labels = {key: _day_label(key) for key in keys}
    elif group_by == "doctor":
        labels = _doctor_labels(keys)
    elif group_by == "specialty":
        labels = _specialty_labels(keys)
    elif group_by == "visit_type":
        labels = _visit_type_labels(keys)
    else:
        labels = dict(AppointmentStatus.choices)

    result = [
        {"key": key.isoformat() if group_by == "day" else key, "label": labels.get(key, str(key)), **row}
        for key, row in zip(keys, rows, strict=True)
    ]
    if group_by == "status":
        order = list(AppointmentStatus.values)
        result.sort(key=lambda row: order.index(row["key"]) if row["key"] in order else len(order))
    elif group_by in ("doctor", "specialty", "visit_type"):
        result.sort(key=lambda row: (row["label"].casefold(), row["key"] or 0))
    return result


def appointments_report(*, date_from: date, date_to: date, group_by: str) -> dict:
    """Every appointment starting in the range, whatever its status, counted per group; and
    how many of the visits that were not cancelled had their patient checked in on arrival."""
    appointments = appointments_in_range(date_from, date_to)
    results = _grouped(appointments, group_by, count=Count("id"))
    arrivals = appointments.exclude(status=AppointmentStatus.CANCELLED).aggregate(
        due=Count("id"), checked_in=Count("id", filter=Q(checked_in_at__isnull=False))
    )
    return {
        "group_by": group_by,
        "date_from": date_from,
        "date_to": date_to,
        "total": sum(row["count"] for row in results),
        "checked_in": arrivals["checked_in"],
        "checked_in_share": _ratio(arrivals["checked_in"], arrivals["due"]),
        "results": results,
    }


def revenue_report(*, date_from: date, date_to: date, group_by: str) -> dict:
    """Completed appointments starting in the range; revenue is the sum of the fees they were
    booked at (the doctor's current fee for rows from before fees were recorded)."""
    completed = appointments_in_range(date_from, date_to).filter(status=AppointmentStatus.COMPLETED)
    fee = Coalesce("fee", "doctor__consultation_fee")
    results = _grouped(completed, group_by, count=Count("id"), revenue=Sum(fee))
    for row in results:
        row["revenue"] = Decimal(row["revenue"] or 0).quantize(Decimal("0.01"))
    return {
        "group_by": group_by,
        "date_from": date_from,
        "date_to": date_to,
        "total": sum(row["count"] for row in results),
        "total_revenue": sum((row["revenue"] for row in results), Decimal("0.00")),
        "results": results,
    }


# --- Utilisation ---------------------------------------------------------------------------


def _weekday_minutes() -> dict[int, dict[int, int]]:
    """Working minutes per doctor and weekday, from the weekly hours (one query)."""
    minutes: dict[int, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for doctor_id, weekday, start, end in WorkingHours.objects.values_list(
        "doctor_id", "weekday", "start_time", "end_time"
    ):
        minutes[doctor_id][weekday] += (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)
    return minutes


def working_minutes(
    per_weekday: dict[int, int], leaves: list[tuple[date, date]], date_from: date, date_to: date
) -> int:
    """Minutes of weekly hours over the inclusive dates, leave days taken out (each day once)."""
    days = (date_to - date_from).days + 1
    weeks, rest = divmod(days, 7)
    total = weeks * sum(per_weekday.values())
    for offset in range(rest):
        total += per_weekday.get((date_from + timedelta(days=weeks * 7 + offset)).weekday(), 0)
    off: set[date] = set()
    for first, last in leaves:
        day, last = max(first, date_from), min(last, date_to)
        while day <= last:
            off.add(day)
            day += timedelta(days=1)
    return total - sum(per_weekday.get(day.weekday(), 0) for day in off)


def _ratio(numerator: float, denominator: float) -> float | None:
    return round(numerator / denominator, 4) if denominator else None


def utilization_report(*, date_from: date, date_to: date) -> dict:
    """Per doctor: booked minutes over working minutes, and the no-show rate.

    Booked minutes are pending, confirmed and completed visits starting in the range;
    working minutes come from the weekly hours across the range (wall-clock, in the
    doctor's calendar) minus leave days. No-show rate = no_show / (completed + no_show).
    Doctors listed: active ones, and any other with an appointment in the range.
    Four queries whatever the number of doctors.
    """
    per_doctor = {
        row["doctor_id"]: row
        for row in appointments_in_range(date_from, date_to)
        .values("doctor_id")
        .annotate(
            booked=Sum(
                ExpressionWrapper(F("end") - F("start"), output_field=DurationField()),
                filter=Q(status__in=BOOKED_STATUSES),
            ),
            completed=Count("id", filter=Q(status=AppointmentStatus.COMPLETED)),
            no_show=Count("id", filter=Q(status=AppointmentStatus.NO_SHOW)),
        )
        .order_by()
    }
    doctors = list(
        Doctor.objects.filter(Q(is_active=True) | Q(pk__in=list(per_doctor)))
        .select_related("user", "specialty")
        .order_by("user__last_name", "user__first_name", "id")
    )
    weekly = _weekday_minutes()
    leaves: dict[int, list[tuple[date, date]]] = defaultdict(list)
    for doctor_id, first, last in LeaveDay.objects.filter(start_date__lte=date_to, end_date__gte=date_from).values_list(
        "doctor_id", "start_date", "end_date"
    ):
        leaves[doctor_id].append((first, last))

    results = []
    for doctor in doctors:
        row = per_doctor.get(doctor.pk, {})
        booked = int((row.get("booked") or timedelta()).total_seconds() // 60)
        working = working_minutes(weekly.get(doctor.pk, {}), leaves[doctor.pk], date_from, date_to)
        completed, no_show = row.get("completed", 0), row.get("no_show", 0)
        results.append(
            {
                "key": doctor.pk,
                "label": str(doctor),
                "specialty": doctor.specialty.name,
                "working_minutes": working,
                "booked_minutes": booked,
                "utilization": _ratio(booked, working),
                "completed": completed,
                "no_show": no_show,
                "no_show_rate": _ratio(no_show, completed + no_show),
            }
        )
    return {"date_from": date_from, "date_to": date_to, "results": results}
