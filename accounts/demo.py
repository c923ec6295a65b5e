"""The demo's accounts (``manage.py seed_demo``): the clinic's admin and front desk, and the
one helper every app's demo data makes its people with. Idempotent: an account that is
there already is left alone."""

from .models import Role, User
from .services import user_create

ADMIN = ("admin", "Admin12345!")
FRONT_DESK = ("frontdesk", "Desk12345!")
DEMO_PASSWORD = "Demo12345!"


def demo_user(username: str, password: str, **fields) -> User:
    user = User.objects.filter(username=username).first()
    if user is None:
        # The demo's published passwords are too simple for the validators: the account is
        # made like any other, then given its demo password.
        user = user_create(username=username, password=None, **fields)
        user.set_password(password)
        user.save(update_fields=["password"])
    return user


def demo_admin() -> User:
    return demo_user(*ADMIN, email="admin@example.com", first_name="Clinic", last_name="Admin", role=Role.ADMIN)


def demo_front_desk() -> User:
    return demo_user(
        *FRONT_DESK, email="frontdesk@example.com", first_name="Robin", last_name="Reception", role=Role.FRONT_DESK
    )
