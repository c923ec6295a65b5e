"""JWT authentication that keeps set-up-only sessions (accounts/mfa.py) on the setup pages."""

from rest_framework import exceptions
from rest_framework_simplejwt.authentication import JWTAuthentication

from .mfa import SETUP_ONLY_CLAIM


def _setup_page(path: str) -> bool:
    """What staff who must set up two-factor authentication may reach before they have."""
    return path == "/api/me/" or path.startswith("/api/me/mfa/")


class SetupAwareJWTAuthentication(JWTAuthentication):
    def authenticate(self, request):
        result = super().authenticate(request)
        if result is not None and result[1].get(SETUP_ONLY_CLAIM) and not _setup_page(request.path):
            raise exceptions.PermissionDenied(
                "The clinic requires two-factor authentication for staff: set it up first "
                "(POST /api/me/mfa/setup/, then confirm with a code)."
            )
        return result
