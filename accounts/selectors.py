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
