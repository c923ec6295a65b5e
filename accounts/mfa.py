"""Two-factor authentication (TOTP with django-otp, recovery codes as static tokens).

Who needs a code at login:
- anyone who has turned it on (a confirmed authenticator), always;
- staff (admin, front desk, doctor) when the clinic requires it. The switch lives in the
  clinic's settings, a higher layer: it registers ``staff_mfa_policy`` from its
  ``AppConfig.ready()`` (accounts imports no other app).

Tokens record how the login went: ``mfa`` when a code was checked, ``mfa_setup`` when
staff who must use a code have not set one up yet: such tokens reach only the account's
own pages until they do (``accounts.authentication``).
"""

from collections.abc import Callable

from django_otp import match_token
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import Role

STAFF_ROLES = (Role.ADMIN, Role.FRONT_DESK, Role.DOCTOR)
RECOVERY_DEVICE = "recovery"
AUTHENTICATOR_DEVICE = "authenticator"
MFA_CLAIM = "mfa"
SETUP_ONLY_CLAIM = "mfa_setup"

_staff_policy: list[Callable[[], bool]] = []


def register_staff_mfa_policy(check: Callable[[], bool]) -> None:
    """The clinic's switch "staff must use two-factor authentication" (one registered check)."""
    _staff_policy[:] = [check]


def staff_mfa_required() -> bool:
    return any(check() for check in _staff_policy)


def is_staff_role(user) -> bool:
    return user.effective_role in STAFF_ROLES


def mfa_enabled(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def mfa_required(user) -> bool:
    return mfa_enabled(user) or (is_staff_role(user) and staff_mfa_required())


def recovery_codes_left(user) -> int:
    device = StaticDevice.objects.filter(user=user, name=RECOVERY_DEVICE, confirmed=True).first()
    return device.token_set.count() if device else 0


def matching_device(user, code: str):
    """The device that accepts a current authenticator code or an unused recovery code
    (which is then used up); None for a wrong code."""
    code = "".join((code or "").split())
    return match_token(user, code) if code else None


def code_matches(user, code: str) -> bool:
    return matching_device(user, code) is not None
