"""The demo's visits (``manage.py seed_demo``): a few past and upcoming ones per doctor on
their slot grid, and two today for the front desk's board; no patient in two places at once."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from .models import ACTIVE_STATUSES, Appointment, AppointmentStatus


def demo_appointments(doctors, patients) -> None:
    """A few past visits and upcoming bookings, on each doctor's slot grid."""
    today = timezone.localdate()
    plan = [
        (-14, 10, AppointmentStatus.COMPLETED),
        (-7, 11, AppointmentStatus.NO_SHOW),
        (-3, 9, AppointmentStatus.CANCELLED),
        (3, 10, AppointmentStatus.CONFIRMED),
        (5, 14, AppointmentStatus.PENDING),
        (8, 9, AppointmentStatus.CONFIRMED),
    ]
    rows = []
    busy = PatientCalendar()
    for i, doctor in enumerate(doctors):
        tz = ZoneInfo(doctor.timezone)
        # Every other visit has one of the doctor's types, the rest a plain slot.
        types = [None, *doctor.visit_types.order_by("duration_minutes", "name")]
        for j, (days, hour, status) in enumerate(plan):
            day = today + timedelta(days=days)
            while day.weekday() >= 4:  # Mon–Thu have both morning and afternoon hours
                day += timedelta(days=1)
            patient = patients[(i + j) % len(patients)]
            length = timedelta(minutes=doctor.slot_minutes)
            start = datetime.combine(day, time(hour), tzinfo=tz)
            kind = types[j % len(types)]
            visit = timedelta(minutes=kind.duration_minutes) if kind else length
            buffer = kind.buffer_minutes if kind else 0
            # A patient holds one active visit at a time: a clash moves to the doctor's next slot.
            while not busy.book(patient.pk, start, start + visit, status):
                start += length
            end = start + visit
            rows.append(
                Appointment(
                    doctor=doctor,
                    patient=patient,
                    start=start,
                    end=end,
                    visit_type=kind,
                    buffer_minutes=buffer,
                    blocked_until=end + timedelta(minutes=buffer),
                    status=status,
                    fee=kind.fee if kind else doctor.consultation_fee,
                    reason="Check-up",
                    cancellation_reason="Feeling better" if status == "cancelled" else "",
                    cancelled_at=timezone.now() if status == "cancelled" else None,
                )
            )
    rows.extend(_todays_visits(doctors, patients, busy))
    Appointment.objects.bulk_create(rows)


def _todays_visits(doctors, patients, busy, now: datetime | None = None) -> list[Appointment]:
    """Two visits per doctor today (clinic's calendar), so the front desk's board and the
    waiting room have something to show; the patient of the next confirmed visit has arrived."""
    clinic = ZoneInfo(settings.TIME_ZONE)
    now = now or timezone.now()
    first = datetime.combine(now.astimezone(clinic).date(), time(7), tzinfo=clinic)
    visits = []
    for n in range(2 * len(doctors)):
        doctor, patient = doctors[n // 2], patients[n % len(patients)]
        start = first + timedelta(minutes=45 * n)  # one patient, one place at a time
        end = start + timedelta(minutes=30)
        status = AppointmentStatus.CONFIRMED if n % 2 == 0 else AppointmentStatus.PENDING
        if not busy.book(patient.pk, start, end, status):
            continue
        visits.append(
            Appointment(
                doctor=doctor,
                patient=patient,
                start=start,
                end=end,
                blocked_until=end,
                status=status,
                fee=doctor.consultation_fee,
                reason="Check-up",
            )
        )
    arriving = _next_confirmed(visits, now)
    if arriving is not None:
        # Whenever the demo is started, someone is waiting a few minutes, not since the morning.
        arriving.checked_in_at = min(now, arriving.start - timedelta(minutes=10))
    return visits


def _next_confirmed(visits: list[Appointment], now: datetime) -> Appointment | None:
    """The confirmed visit under way or next; in the evening, the day's last."""
    confirmed = [visit for visit in visits if visit.status == AppointmentStatus.CONFIRMED]
    upcoming = [visit for visit in confirmed if visit.end > now]
    return upcoming[0] if upcoming else (confirmed[-1] if confirmed else None)


class PatientCalendar:
    """The active visits handed out so far, per patient, to keep each patient's visits apart."""

    def __init__(self):
        self._active: dict[int, list[tuple[datetime, datetime]]] = {}

    def book(self, patient_id: int, start: datetime, end: datetime, status: str) -> bool:
        """Record the visit; False (nothing recorded) when it is active and overlaps another active one."""
        if status not in ACTIVE_STATUSES:
            return True
        held = self._active.setdefault(patient_id, [])
        if any(s < end and start < e for s, e in held):
            return False
        held.append((start, end))
        return True
