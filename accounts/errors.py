from healthcare_system.exceptions import DomainError


class InvalidLink(DomainError):
    """A reset or verification link that is forged, used or expired (400)."""
