"""Every write to user accounts."""

import logging
from base64 import b32encode
from functools import partial

import qrcode
import qrcode.image.svg
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.settings import api_settings as jwt_settings
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken, OutstandingToken
from rest_framework_simplejwt.tokens import RefreshToken
from rest_framework_simplejwt.utils import datetime_from_epoch, get_md5_hash_password

from healthcare_system.exceptions import DomainError

from . import hooks, mfa
from .errors import InvalidLink
from .models import User
from .tokens import decode_uid, email_verification_tokens, password_reset_tokens

logger = logging.getLogger(__name__)


def user_revoke_tokens(*, user: User) -> int:
    """Blacklist every refresh token the user holds, so no session outlives a deactivation."""
    outstanding = OutstandingToken.objects.filter(user=user).exclude(blacklistedtoken__isnull=False)
    BlacklistedToken.objects.bulk_create(
        [BlacklistedToken(token=token) for token in outstanding], ignore_conflicts=True
    )
    return len(outstanding)


@transaction.atomic
def session_refresh(*, refresh: RefreshToken) -> dict[str, str]:
    """Trade a refresh token for a new pair, exactly once.

    The token must belong to an active user whose password has not changed since it was
    issued (its ``hash_password`` claim, which access tokens carry too and
    ``JWTAuthentication`` checks). Blacklisting it is the claim on it: of parallel
    refreshes only the one whose blacklist row is created wins, the others get 401
    (the blacklist's unique token row settles the race in the database, not in Python).
    """
    payload = refresh.payload
    user = User.objects.filter(pk=payload.get(jwt_settings.USER_ID_CLAIM)).first()
    if user is None or not user.is_active:
        raise TokenError("This account can no longer log in.")
    if payload.get(jwt_settings.REVOKE_TOKEN_CLAIM) != get_md5_hash_password(user.password):
        raise TokenError("The password has been changed since this session began: log in again.")
    outstanding, _ = OutstandingToken.objects.get_or_create(
        jti=payload[jwt_settings.JTI_CLAIM],
        defaults={"user": user, "token": str(refresh), "expires_at": datetime_from_epoch(payload["exp"])},
    )
    _, first = BlacklistedToken.objects.get_or_create(token=outstanding)
    if not first:
        raise TokenError("Token is blacklisted")
    verified = bool(payload.get(mfa.MFA_CLAIM))
    setup_only = bool(payload.get(mfa.SETUP_ONLY_CLAIM))
    if not verified and not setup_only and mfa.mfa_required(user):
        raise TokenError("Two-factor authentication is now required: log in again with a code.")
    if setup_only and mfa.mfa_enabled(user):
        raise TokenError("Two-factor authentication is set up: log in again with a code.")
    return session_tokens(user=user, verified=verified, setup_only=setup_only)


def session_tokens(*, user: User, verified: bool = False, setup_only: bool = False) -> dict[str, str]:
    """A new token pair, marked with how the login was made (see accounts/mfa.py)."""
    refresh = RefreshToken.for_user(user)
    if verified:
        refresh[mfa.MFA_CLAIM] = True
    if setup_only:
        refresh[mfa.SETUP_ONLY_CLAIM] = True
    return {"access": str(refresh.access_token), "refresh": str(refresh)}


# --- Two-factor authentication (accounts/mfa.py) -----------------------------------------


class SecondFactorNeeded(Exception):
    """The password was right; the account needs a code too and none was given."""


class SecondFactorWrong(Exception):
    """The code given is not a current authenticator code nor an unused recovery code."""


def login_tokens(*, user: User, code: str = "") -> dict[str, str]:
    """Tokens for a user whose password was checked, once the second factor is settled.

    Staff that must use a code but have none set up get tokens good only for setting it up.
    """
    if mfa.mfa_enabled(user):
        if not code:
            raise SecondFactorNeeded()
        if not mfa.code_matches(user, code):
            raise SecondFactorWrong()
        return session_tokens(user=user, verified=True)
    if mfa.is_staff_role(user) and mfa.staff_mfa_required():
        return session_tokens(user=user, setup_only=True)
    return session_tokens(user=user)


@transaction.atomic
def mfa_setup_start(*, user: User) -> dict[str, str]:
    """A new authenticator secret, unconfirmed until a code from it is entered."""
    if mfa.mfa_enabled(user):
        raise DomainError("Two-factor authentication is already on. Turn it off first to change the authenticator.")
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    device = TOTPDevice.objects.create(user=user, name=mfa.AUTHENTICATOR_DEVICE, confirmed=False)
    uri = device.config_url
    return {"secret": b32encode(device.bin_key).decode(), "otpauth_uri": uri, "qr_svg": _qr_svg(uri)}


def _qr_svg(text: str) -> str:
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    return image.to_string(encoding="unicode")


def _new_recovery_codes(user: User) -> list[str]:
    device, _ = StaticDevice.objects.get_or_create(user=user, name=mfa.RECOVERY_DEVICE, defaults={"confirmed": True})
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(10)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


@transaction.atomic
def mfa_setup_confirm(*, user: User, code: str) -> dict:
    """Turn two-factor authentication on with a first code; answers the recovery codes
    (shown once) and a new token pair. Every other session ends."""
    device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).first()
    if device is None:
        raise DomainError("Start the setup first: no authenticator is waiting for a code.")
    if not device.verify_token("".join(code.split())):
        raise DomainError(
            errors={"otp": ["This code is not valid. Check the time on your phone and try the current code."]}
        )
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = _new_recovery_codes(user)
    user_revoke_tokens(user=user)
    return {"recovery_codes": codes, **session_tokens(user=user, verified=True)}


@transaction.atomic
def mfa_recovery_codes_renew(*, user: User, code: str) -> list[str]:
    """New recovery codes (the old ones stop working); needs a current code."""
    if not mfa.mfa_enabled(user):
        raise DomainError("Two-factor authentication is off.")
    if not mfa.code_matches(user, code):
        raise DomainError(errors={"otp": ["This code is not valid."]})
    return _new_recovery_codes(user)


@transaction.atomic
def mfa_disable(*, user: User, code: str) -> None:
    """Turn two-factor authentication off (needs a current code); refused where the clinic requires it."""
    if mfa.is_staff_role(user) and mfa.staff_mfa_required():
        raise DomainError("The clinic requires two-factor authentication for staff: it cannot be turned off.")
    if not mfa.mfa_enabled(user):
        raise DomainError("Two-factor authentication is off.")
    if not mfa.code_matches(user, code):
        raise DomainError(errors={"otp": ["This code is not valid."]})
    mfa_reset(user=user)


def mfa_reset(*, user: User) -> None:
    """Remove a user's authenticator and recovery codes (an admin helps someone who lost both)."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()


@transaction.atomic
def user_create(
    *,
    username: str,
    email: str,
    password: str | None,
    role: str,
    first_name: str = "",
    last_name: str = "",
) -> User:
    """The one way an account is made: patient registration, the desk's and the admin's new
    patients, new doctors and the demo data.

    The username and email must be free in any case and the password must pass Django's
    validators; every refusal comes at once as field errors (``DomainError``, 400). Without a
    password the account gets an unusable one (its owner sets one by reset). Admins get
    Django admin access, as ``user_set_role`` gives it.
    """
    from .models import Role

    user = User(username=username, email=email, first_name=first_name, last_name=last_name, role=role)
    user.is_staff = user.is_superuser = role == Role.ADMIN
    errors: dict[str, list[str]] = {}
    if User.objects.filter(username__iexact=username).exists():
        errors["username"] = ["A user with that username already exists."]
    if email and User.objects.filter(email__iexact=email).exists():
        errors["email"] = ["A user with that email already exists."]
    if password is None:
        user.set_unusable_password()
    else:
        try:
            validate_password(password, user)
        except ValidationError as exc:
            errors["password"] = list(exc.messages)
        user.set_password(password)
    if errors:
        raise DomainError(errors=errors)
    try:
        # A savepoint, so a lost race on the unique constraints leaves the caller's
        # transaction usable and reports like the checks above.
        with transaction.atomic():
            user.save()
    except IntegrityError as exc:
        raise DomainError(errors={"username": ["A user with that username or email already exists."]}) from exc
    return user


@transaction.atomic
def user_set_active(*, user: User, is_active: bool) -> User:
    """Activate or deactivate an account; deactivation also ends its sessions."""
    user.is_active = is_active
    user.save(update_fields=["is_active"])
    if not is_active:
        user_revoke_tokens(user=user)
    return user


@transaction.atomic
def user_set_role(*, user: User, role: str) -> User:
    """Change a user's role; the profile apps keep their profiles consistent with it.

    Admins get Django admin access; leaving the admin role takes it away, since staff always
    count as admin. Then ``hooks.role_set`` tells the profile apps, in this transaction:
    becoming a patient or doctor creates the missing profile (a doctor starts in "General
    Practice", to be completed by an admin); leaving the doctor role retires the doctor profile
    (inactive, history kept).
    """
    from .models import Role

    user = User.objects.select_for_update().get(pk=user.pk)
    user.role = role
    user.is_staff = user.is_superuser = role == Role.ADMIN
    user.save(update_fields=["role", "is_staff", "is_superuser"])
    hooks.role_set.send(sender=User, user=user, role=role)
    return user


@transaction.atomic
def user_update(*, user: User, by: User, role: str | None = None, is_active: bool | None = None) -> User:
    """An admin changes a user's role and/or status, both or neither: ``by`` cannot change
    their own (a ``DomainError``), so no clinic loses its last admin by a slip."""
    if user.pk == by.pk and (role is not None or is_active is not None):
        raise DomainError("You cannot change your own role or status.")
    if role is not None:
        user = user_set_role(user=user, role=role)
    if is_active is not None:
        user = user_set_active(user=user, is_active=is_active)
    return user


# --- Passwords ---------------------------------------------------------------------------


@transaction.atomic
def user_password_set(*, user: User, password: str) -> User:
    """The one place a password changes: Django's validators, then every session of the user ends.

    Raises ``DomainError`` on ``new_password`` for a password the validators refuse.
    """
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise DomainError(errors={"new_password": exc.messages}) from exc
    user.set_password(password)
    user.save(update_fields=["password"])
    user_revoke_tokens(user=user)
    return user


@transaction.atomic
def password_change(*, user: User, old_password: str, new_password: str) -> User:
    """A logged-in user changes their password; the current one is required."""
    if not user.check_password(old_password):
        raise DomainError(errors={"old_password": ["Your current password is not correct."]})
    return user_password_set(user=user, password=new_password)


def _queue_account_email(user_id: int, kind: str, base_url: str) -> None:
    from .tasks import send_account_email  # tasks import this module

    try:
        send_account_email.delay(user_id, kind, base_url)
    except Exception:  # broker down: the user can ask again; the request must not fail
        logger.warning("Could not queue the %s email of user %s.", kind, user_id, exc_info=True)


@transaction.atomic
def password_reset_request(*, email: str, base_url: str) -> None:
    """Mail a reset link to the active account using ``email``, if any.

    Says nothing about whether one exists; the mail leaves after commit (a task),
    so the answer takes as long either way.
    """
    for user_id in User.objects.filter(email__iexact=email.strip(), is_active=True).values_list("pk", flat=True):
        transaction.on_commit(partial(_queue_account_email, user_id, "password_reset", base_url))


def _user_from_link(uid: str, token: str, generator) -> User:
    user_id = decode_uid(uid)
    user = User.objects.select_for_update().filter(pk=user_id, is_active=True).first() if user_id else None
    if user is None or not generator.check_token(user, token):
        raise InvalidLink("This link is invalid, already used or expired. Ask for a new one.", code="invalid_link")
    return user


@transaction.atomic
def password_reset_confirm(*, uid: str, token: str, new_password: str) -> User:
    """Set a new password from a mailed link. The link dies with the old password hash."""
    user = _user_from_link(uid, token, password_reset_tokens)
    user_password_set(user=user, password=new_password)
    if user.email_verified_at is None:
        # The link reached the owner's mailbox: the address is proven.
        user.email_verified_at = timezone.now()
        user.save(update_fields=["email_verified_at"])
    return user


# --- Email verification ------------------------------------------------------------------


def email_verification_send(*, user: User, base_url: str) -> None:
    """Mail a verification link after commit (registration, an email change, a resend)."""
    if user.email and user.email_verified_at is None:
        transaction.on_commit(partial(_queue_account_email, user.pk, "verify_email", base_url))


@transaction.atomic
def email_verification_confirm(*, uid: str, token: str) -> User:
    user = _user_from_link(uid, token, email_verification_tokens)
    user.email_verified_at = timezone.now()
    user.save(update_fields=["email_verified_at"])
    return user
