"""The appointment events that produce messages, and the one entry point services call."""

from enum import StrEnum


class Event(StrEnum):
    BOOKED = "booked"
    CONFIRMED = "confirmed"
    RESCHEDULED = "rescheduled"
    CANCELLED = "cancelled"
    REMINDER = "reminder"
    # A waitlist offer: the notification's appointment is the hold (a hidden row).
    OFFERED = "offered"
    # A recurring series: one message naming every occurrence, on the series' first appointment.
    SERIES_BOOKED = "series_booked"
    # The rest of a series cancelled at once: one message naming every cancelled occurrence.
    SERIES_CANCELLED = "series_cancel"
    LEAVE = "leave"  # the doctor will be away at the visit's time
