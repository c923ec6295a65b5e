"""Telling patients about changes they did not make: the doctor's leave over their visit.

(A move or cancellation by the doctor or the clinic is told by the appointment's own event,
with the reason given.) Registered on the doctors app's hook in ``NotificationsConfig.ready``.
"""

from datetime import datetime, time, timedelta

from appointments.models import ACTIVE_STATUSES, Appointment

from .events import Event
from .services import notify_appointment_event


def leave_notify_patients(*, leave, **signal) -> int:
    """Tell each patient with an active visit on the leave's days that it needs a new time.

    Runs in the leave service's transaction. Each patient hears once per leave and visit
    time: changing the leave again tells only the visits it newly covers. Returns how many
    messages were recorded.
    """
    doctor = leave.doctor
    start = datetime.combine(leave.start_date, time.min, tzinfo=doctor.tzinfo)
    end = datetime.combine(leave.end_date + timedelta(days=1), time.min, tzinfo=doctor.tzinfo)
    visits = Appointment.objects.filter(
        doctor=doctor, status__in=ACTIVE_STATUSES, start__gte=start, start__lt=end
    ).select_related("doctor__user", "doctor__specialty", "patient__user")
    recorded = 0
    for appointment in visits.order_by("start"):
        once_key = f"leave:{leave.pk}:{appointment.pk}:{int(appointment.start.timestamp())}"
        recorded += len(notify_appointment_event(appointment=appointment, event=Event.LEAVE, once_key=once_key))
    return recorded
