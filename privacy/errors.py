from healthcare_system.exceptions import Conflict


class ErasureAlreadyRequested(Conflict):
    """The patient already has an open erasure request."""


class ErasureAlreadyExecuted(Conflict):
    """This request was carried out already."""
