"""Reads of users."""

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from .models import Role

User = get_user_model()

_STAFF = Q(is_staff=True) | Q(is_superuser=True)


def role_q(role: str) -> Q:
    """Users whose *effective* role is ``role`` (staff and superusers are admins)."""
    if role == Role.ADMIN:
        return Q(role=Role.ADMIN) | _STAFF
    return Q(role=role) & ~_STAFF


def user_list() -> QuerySet:
    return User.objects.select_related("patient", "doctor").order_by("username")


def user_for_login(name: str) -> User | None:
    """The account a login name means: its username or its email address, in any case."""
    return (
        User._default_manager.filter(Q(username__iexact=name) | Q(email__iexact=name)).order_by("pk").first()
        if name
        else None
    )


def mfa_status(*, user) -> dict:
    from . import mfa

    return {
        "enabled": mfa.mfa_enabled(user),
        "required": mfa.mfa_required(user),
        "recovery_codes_left": mfa.recovery_codes_left(user),
    }
