"""The account emails: password reset and email verification, with links into the SPA."""

from urllib.parse import urlencode

from django.conf import settings
from django.core.mail import send_mail

from .models import User
from .tokens import email_verification_tokens, encode_uid, password_reset_tokens

RESET_PATH = "/reset-password"
VERIFY_PATH = "/verify-email"


def _link(base_url: str, path: str, user: User, generator) -> str:
    query = urlencode({"uid": encode_uid(user), "token": generator.make_token(user)})
    return f"{base_url.rstrip('/')}{path}?{query}"


def _valid_for() -> str:
    hours = settings.PASSWORD_RESET_TIMEOUT // 3600
    return f"{hours} hour{'s' if hours != 1 else ''}" if hours else f"{settings.PASSWORD_RESET_TIMEOUT // 60} minutes"


def send_password_reset(user: User, base_url: str) -> None:
    link = _link(base_url, RESET_PATH, user, password_reset_tokens)
    body = (
        f"Hello {user.get_full_name() or user.username},\n\n"
        "someone (hopefully you) asked to reset the password of your account "
        f'"{user.username}". Choose a new password here:\n\n{link}\n\n'
        f"The link works once and for {_valid_for()}. If you did not ask, ignore this email: "
        "your password stays as it is.\n"
    )
    send_mail("Reset your password", body, settings.DEFAULT_FROM_EMAIL, [user.email])


def send_email_verification(user: User, base_url: str) -> None:
    link = _link(base_url, VERIFY_PATH, user, email_verification_tokens)
    body = (
        f"Hello {user.get_full_name() or user.username},\n\n"
        f"please confirm that {user.email} is your email address:\n\n{link}\n\n"
        f"The link works for {_valid_for()}. You can book appointments meanwhile.\n"
    )
    send_mail("Confirm your email address", body, settings.DEFAULT_FROM_EMAIL, [user.email])


SENDERS = {"password_reset": send_password_reset, "verify_email": send_email_verification}
