"""Reads of appointments, always scoped to what the caller may see."""

from collections import defaultdict
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Exists, OuterRef, Prefetch, QuerySet

from doctors.models import Doctor, LeaveDay
from patients.models import Patient

from .models import ACTIVE_STATUSES, Appointment, AppointmentSeries, HoldStatus


def doctors_to_book() -> QuerySet:
    """Doctors as a booking reads them: with the user and specialty (the booking's messages
    name them) and ``holds_time``, whether any of their time is held for a waitlist offer, in
    the same statement (``settle_before_booking`` skips settling holds when none is held)."""
    held = Appointment.all_rows.filter(doctor=OuterRef("pk"), status=HoldStatus.HELD)
    return Doctor.objects.select_related("user", "specialty").annotate(holds_time=Exists(held))


def appointments_visible_to(user) -> QuerySet:
    """Admins and the front desk see all; a patient their own; a doctor theirs; anyone else nothing."""
    appointments = Appointment.objects.select_related(
        "patient__user", "doctor__user", "doctor__specialty", "visit_type"
    )
    if not user or not user.is_authenticated:
        return appointments.none()
    if user.is_admin or user.is_front_desk:
        return appointments
    if user.is_patient:
        return appointments.filter(patient__user=user)
    if user.is_doctor:
        return appointments.filter(doctor__user=user)
    return appointments.none()


def _occurrences():
    rows = Appointment.objects.select_related("patient__user", "doctor__user", "doctor__specialty").order_by("start")
    return Prefetch("appointments", queryset=rows)


def series_visible_to(user) -> QuerySet:
    """Scoped like appointments: a patient their own, a doctor theirs, admin all."""
    series = AppointmentSeries.objects.select_related("patient__user", "doctor__user").prefetch_related(_occurrences())
    if not user or not user.is_authenticated:
        return series.none()
    if user.is_admin or user.is_front_desk:
        return series
    if user.is_patient:
        return series.filter(patient__user=user)
    if user.is_doctor:
        return series.filter(doctor__user=user)
    return series.none()


def patient_appointments(*, patient: Patient) -> QuerySet:
    """All of the patient's appointments, newest first (for the history)."""
    return (
        Appointment.objects.filter(patient=patient)
        .select_related("patient__user", "doctor__user", "doctor__specialty")
        .order_by("-start", "-id")
    )


def patient_treated_by(user, *, patient_ref: str = "pk") -> Exists:
    """True for rows whose patient has an appointment (any status) with the doctor ``user``.
    Registered as patients' treatment rule (``patients.selectors.treated_by``) in AppointmentsConfig.ready()."""
    return Exists(Appointment.objects.filter(patient=OuterRef(patient_ref), doctor__user=user))


def leave_days_conflicts(leaves: Sequence[LeaveDay]) -> dict[int, list[int]]:
    """For each leave, the ids of the doctor's booked (pending/confirmed) appointments whose
    start falls on one of its dates in the doctor's zone. One query for any number of leaves."""
    result: dict[int, list[int]] = {leave.pk: [] for leave in leaves}
    if not leaves:
        return result
    # One query over the union of the leaves' spans, padded for zones; matched per leave below.
    # The padding stops at the calendar's ends: rows saved before the API bounded leave dates
    # may sit on 0001-01-01 or 9999-12-31, where a day more would overflow.
    first = max(min(leave.start_date for leave in leaves), date.min + timedelta(days=1)) - timedelta(days=1)
    last = min(max(leave.end_date for leave in leaves), date.max - timedelta(days=2)) + timedelta(days=2)
    by_doctor: dict[int, list[LeaveDay]] = defaultdict(list)
    for leave in leaves:
        by_doctor[leave.doctor_id].append(leave)
    appointments = (
        Appointment.objects.filter(
            doctor_id__in=list(by_doctor),
            status__in=ACTIVE_STATUSES,
            start__gte=datetime.combine(first, time.min, tzinfo=UTC),
            start__lt=datetime.combine(last, time.min, tzinfo=UTC),
        )
        .order_by("start", "id")
        .values_list("id", "doctor_id", "start", "doctor__timezone")
    )
    for appointment_id, doctor_id, start, zone in appointments:
        local_day = start.astimezone(ZoneInfo(zone)).date()
        for leave in by_doctor[doctor_id]:
            if leave.start_date <= local_day <= leave.end_date:
                result[leave.pk].append(appointment_id)
    return result
