"""Hooks the appointments layer offers to the layers above it.

Appointments must not import what builds on them (the waitlist, say), so they announce
what happened and the higher layers connect receivers in their ``AppConfig.ready()``.
Every signal is sent inside the transaction of the change: a receiver's writes commit or
roll back with it, and a receiver's error fails the change (receivers must not swallow it).
"""

from django.dispatch import Signal

# Time of a doctor became free: an appointment was cancelled, moved away or deleted, or a
# hold was released. kwargs: ``doctor``, ``start``, ``end`` (aware datetimes), ``now``.
slot_freed = Signal()

# A booking or a move into the doctor's calendar is about to check a slot. Receivers settle
# what is due before the check (the waitlist releases holds whose offer ran out).
# kwargs: ``doctor``, ``now``.
before_booking = Signal()
