"""Loads doctors' schedules from the database for the pure slot engine.

The one bridge between the ORM and ``appointments.slots``: the slots endpoint, the
doctor search (``next_available``, ``available_on``) and booking all build their
``Schedule`` here, so they can never disagree about what is free. Loading is done
in bulk — three queries whatever the number of doctors.
"""

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Q
from django.utils import timezone

from appointments.models import ACTIVE_STATUSES, Appointment, ClinicSettings, HoldStatus
from appointments.slots import BookingRules, Busy, Leave, Schedule, WorkingInterval

from .models import Doctor, LeaveDay, VisitType, WorkingHours

# Local dates can be up to ~14 hours from UTC either way; pad the busy window.
_ZONE_PAD = timedelta(days=1)


def booking_rules(clinic: ClinicSettings | None = None) -> BookingRules:
    clinic = clinic or ClinicSettings.load()
    return BookingRules(
        min_notice=timedelta(hours=clinic.min_notice_hours),
        booking_window=timedelta(days=clinic.booking_window_days),
    )


def load_schedules(
    doctors: Iterable[Doctor],
    *,
    start_date: date,
    end_date: date,
    exclude_appointment_id: int | None = None,
    busy_after: datetime | None = None,
    visit_type: VisitType | None = None,
) -> dict[int, Schedule]:
    """Each doctor's schedule (hours, leaves, busy time) for local dates start_date..end_date.

    Busy time is what each visit blocks, its buffer included. ``visit_type`` (of the one
    doctor asked about) sets the length and buffer of the visit being looked for; without
    it, a plain slot of the doctor's ``slot_minutes`` with no buffer.

    ``exclude_appointment_id`` leaves one appointment out of the busy time, so a
    reschedule may move an appointment onto time overlapping its own old slot.
    ``busy_after`` (usually "now") skips busy time that ends before it: slots in the past
    are never free anyway, so their appointments need not be loaded.
    """
    doctors = list(doctors)
    ids = [doctor.pk for doctor in doctors]
    hours: dict[int, list[WorkingInterval]] = defaultdict(list)
    for row in WorkingHours.objects.filter(doctor_id__in=ids).values_list(
        "doctor_id", "weekday", "start_time", "end_time"
    ):
        hours[row[0]].append(WorkingInterval(weekday=row[1], start=row[2], end=row[3]))

    leaves: dict[int, list[Leave]] = defaultdict(list)
    for doctor_id, first, last in LeaveDay.objects.filter(
        doctor_id__in=ids, start_date__lte=end_date, end_date__gte=start_date
    ).values_list("doctor_id", "start_date", "end_date"):
        leaves[doctor_id].append(Leave(start_date=first, end_date=last))

    window_start = datetime.combine(start_date, datetime.min.time(), tzinfo=ZoneInfo("UTC")) - _ZONE_PAD
    window_end = datetime.combine(end_date, datetime.max.time(), tzinfo=ZoneInfo("UTC")) + _ZONE_PAD
    if busy_after is not None:
        window_start = max(window_start, busy_after)
    busy: dict[int, list[Busy]] = defaultdict(list)
    # Waitlist holds take time like bookings while they last; a hold past its expiry is
    # free here at once, even before the sweep (or the next booking) releases its row.
    takes_time = Q(status__in=ACTIVE_STATUSES) | Q(status=HoldStatus.HELD, hold_expires_at__gt=timezone.now())
    appointments = Appointment.all_rows.filter(
        takes_time, doctor_id__in=ids, start__lt=window_end, blocked_until__gt=window_start
    )
    if exclude_appointment_id is not None:
        appointments = appointments.exclude(pk=exclude_appointment_id)
    for doctor_id, start, end in appointments.values_list("doctor_id", "start", "blocked_until"):
        busy[doctor_id].append(Busy(start=start, end=end))

    return {
        doctor.pk: Schedule(
            tz=ZoneInfo(doctor.timezone),
            slot_minutes=doctor.slot_minutes,
            hours=tuple(hours[doctor.pk]),
            leaves=tuple(leaves[doctor.pk]),
            busy=tuple(busy[doctor.pk]),
            visit_minutes=visit_type.duration_minutes if visit_type else None,
            buffer_minutes=visit_type.buffer_minutes if visit_type else 0,
        )
        for doctor in doctors
    }


def load_schedule(doctor: Doctor, *, start_date: date, end_date: date, **kwargs) -> Schedule:
    return load_schedules([doctor], start_date=start_date, end_date=end_date, **kwargs)[doctor.pk]
