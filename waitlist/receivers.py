"""The waitlist's answers to the lower layers' hooks (connected in ``WaitlistConfig.ready``)."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from appointments import hooks as appointment_hooks
from doctors import hooks as doctor_hooks

from . import services

_UID = "waitlist"


def on_slot_freed(sender, *, doctor, start, end, now, **kwargs):
    services.waitlist_offer_freed(doctor=doctor, start=start, end=end, now=now)


def on_leave_lifted(sender, *, doctor, start_date, end_date, **kwargs):
    tz = doctor.tzinfo
    start = datetime.combine(start_date, time.min, tzinfo=tz)
    end = datetime.combine(end_date + timedelta(days=1), time.min, tzinfo=tz)
    services.waitlist_offer_freed(doctor=doctor, start=start, end=end, now=timezone.now())


def on_visit_type_retired(sender, *, visit_type, **kwargs):
    services.waitlist_visit_type_retired(visit_type=visit_type)


def on_slot_check(sender, *, doctor, now, **kwargs):
    services.waitlist_expire_due(doctor=doctor, now=now)


def connect() -> None:
    appointment_hooks.slot_freed.connect(on_slot_freed, dispatch_uid=f"{_UID}.slot_freed")
    appointment_hooks.before_booking.connect(on_slot_check, dispatch_uid=f"{_UID}.before_booking")
    doctor_hooks.leave_lifted.connect(on_leave_lifted, dispatch_uid=f"{_UID}.leave_lifted")
    doctor_hooks.visit_type_retired.connect(on_visit_type_retired, dispatch_uid=f"{_UID}.visit_type_retired")
    doctor_hooks.before_slot_listing.connect(on_slot_check, dispatch_uid=f"{_UID}.before_slot_listing")
