"""Hooks the appointments layer offers to the layers above it.

Appointments must not import what builds on them (the waitlist, say), so they announce
what happened and the higher layers connect receivers in their ``AppConfig.ready()``.
Every signal is sent inside the transaction of the change: a receiver's writes commit or
roll back with it, and a receiver's error fails the change (receivers must not swallow it).
"""

from enum import StrEnum

from django.dispatch import Signal


class Change(StrEnum):
    """What happened to an appointment, as the people of the visit hear of it (notifications'
    ``Event`` has the same values)."""

    BOOKED = "booked"
    CONFIRMED = "confirmed"
    RESCHEDULED = "rescheduled"
    CANCELLED = "cancelled"
    # A recurring series booked or cancelled at once: one announcement, on its first appointment.
    SERIES_BOOKED = "series_booked"
    SERIES_CANCELLED = "series_cancel"


# Time of a doctor became free: an appointment was cancelled, moved away or deleted, or a
# hold was released. kwargs: ``doctor``, ``start``, ``end`` (aware datetimes: all the time it kept
# busy, its buffer included, so ``end`` is its ``blocked_until``), ``now``.
slot_freed = Signal()

# A booking or a move into the doctor's calendar is about to check a slot. Receivers settle
# what is due before the check (the waitlist releases holds whose offer ran out). Not sent when
# the doctor is known to hold no time (``settle_before_booking``): holds are all that runs out.
# kwargs: ``doctor``, ``now``.
before_booking = Signal()

# An appointment changed in a way its patient and doctor hear about (notifications records the
# messages). kwargs: ``appointment``, ``change`` (a ``Change``), ``actor`` (the user who did it, or
# None), ``previous_start`` (RESCHEDULED), ``reason`` (RESCHEDULED), ``occurrences`` and
# ``skipped`` (the series' booked and skipped start times, SERIES_BOOKED; the cancelled ones,
# SERIES_CANCELLED), and optionally ``clinic`` (the ``ClinicSettings`` the change loaded, so
# receivers need not load them again).
appointment_changed = Signal()

# An appointment was cancelled as part of a change announced once (a series cancelled at once):
# receivers drop what they had prepared for it (notifications disarms its reminders).
# kwargs: ``appointment``.
appointment_cancelled_quietly = Signal()
