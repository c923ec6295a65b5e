"""Notifications' answers to the lower layers' hooks (connected in ``NotificationsConfig.ready``).

Appointments and doctors announce what happened; this app decides who hears of it and records
the messages, inside the transaction of the change (see ``appointments.hooks``).
"""

from appointments import hooks as appointment_hooks
from doctors import hooks as doctor_hooks

from .audience import format_local
from .change_notices import leave_notify_patients
from .events import Event
from .services import notify_appointment_event, reminders_disarm

_UID = "notifications"


def on_appointment_changed(
    sender,
    *,
    appointment,
    change,
    actor=None,
    previous_start=None,
    reason="",
    occurrences=None,
    skipped=None,
    clinic=None,
    **kw,
):
    extra = None
    if occurrences is not None:  # a series: one message naming every date, in the clinic's time
        tz = appointment.doctor.tzinfo
        extra = {"occurrences": [format_local(start, tz) for start in occurrences]}
        if skipped is not None:
            extra["skipped"] = [format_local(start, tz) for start in skipped]
    notify_appointment_event(
        appointment=appointment,
        event=Event(change),
        actor=actor,
        previous_start=previous_start,
        reason=reason,
        extra=extra,
        clinic=clinic,
    )


def on_appointment_cancelled_quietly(sender, *, appointment, **kwargs):
    reminders_disarm(appointment=appointment)


def connect() -> None:
    appointment_hooks.appointment_changed.connect(on_appointment_changed, dispatch_uid=f"{_UID}.appointment_changed")
    appointment_hooks.appointment_cancelled_quietly.connect(
        on_appointment_cancelled_quietly, dispatch_uid=f"{_UID}.appointment_cancelled_quietly"
    )
    doctor_hooks.leave_saved.connect(leave_notify_patients, dispatch_uid=f"{_UID}.leave_notify_patients")
