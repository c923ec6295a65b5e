"""Domain errors of the waitlist (mapped to HTTP once, in healthcare_system.exceptions)."""

from healthcare_system.exceptions import DomainError


class WaitlistRejected(DomainError):
    """The entry or the action is refused by a waitlist rule (400)."""
