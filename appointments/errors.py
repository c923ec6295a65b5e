"""Domain errors of booking and the appointment lifecycle (mapped to HTTP once)."""

from rest_framework import status

from healthcare_system.exceptions import Conflict, DomainError


class SlotUnavailable(Conflict):
    """The slot is taken (409): another booking got there first."""


class PatientBusy(Conflict):
    """The patient already holds an active appointment overlapping this time (409)."""


class BookingRejected(DomainError):
    """The time is not the start of a free slot for a reason other than a clash (400)."""


class IllegalTransition(DomainError):
    """The appointment's status does not allow this action (400)."""


class CancellationWindowClosed(DomainError):
    """A patient tried to cancel or move a visit inside the cancellation cutoff (400)."""


class IdempotencyKeyReused(DomainError):
    """The same Idempotency-Key came with a different request body (422)."""

    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
