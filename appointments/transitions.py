"""The appointment lifecycle: which action may start from which status, defined once."""

from enum import StrEnum

from .errors import IllegalTransition
from .models import AppointmentStatus as S


class Action(StrEnum):
    CONFIRM = "confirm"
    COMPLETE = "complete"
    NO_SHOW = "no-show"
    CANCEL = "cancel"
    RESCHEDULE = "reschedule"


# action -> (statuses it may start from, status it leads to; None keeps the status)
TRANSITIONS: dict[Action, tuple[frozenset[str], str | None]] = {
    Action.CONFIRM: (frozenset({S.PENDING, S.CONFIRMED}), S.CONFIRMED),
    Action.COMPLETE: (frozenset({S.PENDING, S.CONFIRMED}), S.COMPLETED),
    Action.NO_SHOW: (frozenset({S.PENDING, S.CONFIRMED}), S.NO_SHOW),
    Action.CANCEL: (frozenset({S.PENDING, S.CONFIRMED}), S.CANCELLED),
    Action.RESCHEDULE: (frozenset({S.PENDING, S.CONFIRMED}), None),
}


def transition(status: str, action: Action) -> str:
    """The status ``action`` leads to from ``status``; raises ``IllegalTransition``."""
    sources, target = TRANSITIONS[action]
    if status not in sources:
        label = S(status).label.lower()
        raise IllegalTransition(f"A {label} appointment cannot be {_past_tense(action)}.", code="illegal_transition")
    return target or status


def _past_tense(action: Action) -> str:
    return {
        Action.CONFIRM: "confirmed",
        Action.COMPLETE: "completed",
        Action.NO_SHOW: "marked as a no-show",
        Action.CANCEL: "cancelled",
        Action.RESCHEDULE: "rescheduled",
    }[action]
