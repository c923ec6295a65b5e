"""The appointment events that produce messages, and the one entry point services call."""

from enum import StrEnum


class Event(StrEnum):
    BOOKED = "booked"
    CONFIRMED = "confirmed"
    RESCHEDULED = "rescheduled"
    CANCELLED = "cancelled"
    REMINDER = "reminder"
