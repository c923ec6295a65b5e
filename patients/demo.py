"""The demo's patients (``manage.py seed_demo``): Alice, Bob and Carol. Idempotent."""

from accounts.demo import DEMO_PASSWORD, demo_user
from accounts.models import Role

from .models import Patient

PATIENTS = [
    ("alice", "Alice", "Walker", "+4915111111111"),
    ("bob", "Bob", "Meyer", "+4915122222222"),
    ("carol", "Carol", "Nguyen", "+12125550123"),
]


def demo_patient(username, first, last, phone) -> Patient:
    user = demo_user(
        username,
        DEMO_PASSWORD,
        email=f"{username}@example.com",
        first_name=first,
        last_name=last,
        role=Role.PATIENT,
    )
    patient, _ = Patient.objects.get_or_create(user=user, defaults={"phone": phone})
    return patient
