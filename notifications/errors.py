from rest_framework import status

from healthcare_system.exceptions import DomainError


class LinkInvalid(DomainError):
    """Not a link we signed (or a mangled one): 404, so nothing about any visit is revealed."""

    status_code = status.HTTP_404_NOT_FOUND


class LinkGone(DomainError):
    """A real link that no longer works (used, expired, visit moved or over): 410."""

    status_code = status.HTTP_410_GONE
