"""Every write to patients. Each function owns its transaction."""

from datetime import date

from django.contrib.auth import get_user_model
from django.db import transaction

from accounts.models import Role
from accounts.services import user_create, user_set_active
from healthcare_system.db import model_update
from healthcare_system.exceptions import DomainError

from .models import Patient

User = get_user_model()


def _check_email_free(*, email: str, user_id: int) -> None:
    """Field errors for an email another account already uses, in any case."""
    if email and User.objects.exclude(pk=user_id).filter(email__iexact=email).exists():
        raise DomainError(errors={"email": ["A user with that email already exists."]})


@transaction.atomic
def patient_register(
    *, phone: str = "", insurance_number: str = "", date_of_birth: date | None = None, **account
) -> Patient:
    """Create a patient's user account and profile together.

    ``account`` is ``accounts.services.user_create``'s (username, email, password, first and
    last name; role patient): ``DomainError`` (field errors) for a taken username or email, or
    a password Django's validators refuse.
    """
    return Patient.objects.create(
        user=user_create(role=Role.PATIENT, **account),
        phone=phone,
        insurance_number=insurance_number,
        date_of_birth=date_of_birth,
    )


@transaction.atomic
def profile_update(*, user, **fields) -> None:
    """Update a user's own name, email and the contact fields of their profile.

    Accepted keys: first_name, last_name, email, phone, insurance_number,
    date_of_birth, notify_email, notify_sms, language. Raises ``DomainError`` for a
    taken email.
    """
    user_fields = {k: fields.pop(k) for k in ("first_name", "last_name", "email") if k in fields}
    if "email" in user_fields:
        _check_email_free(email=user_fields["email"], user_id=user.pk)
    if "email" in user_fields and user_fields["email"].lower() != user.email.lower():
        # A new address is unproven until its owner follows the link mailed to it.
        user_fields["email_verified_at"] = None
    model_update(user, user_fields)
    profile = getattr(user, "patient", None) or getattr(user, "doctor", None)
    if profile is not None:
        model_update(profile, fields, allowed={f.name for f in profile._meta.get_fields()})


@transaction.atomic
def patient_create(
    *,
    username: str,
    email: str,
    first_name: str,
    last_name: str,
    password: str | None = None,
    phone: str = "",
    insurance_number: str = "",
    date_of_birth: date | None = None,
) -> Patient:
    """An admin creates a patient: user account (role patient) and profile in one transaction.

    Without a password the account gets an unusable one (the patient sets theirs
    later). Raises ``DomainError`` like ``patient_register``.
    """
    return patient_register(
        username=username,
        email=email,
        password=password or None,
        first_name=first_name,
        last_name=last_name,
        phone=phone,
        insurance_number=insurance_number,
        date_of_birth=date_of_birth,
    )


_PATIENT_UPDATABLE = {"first_name", "last_name", "email", "phone", "insurance_number", "date_of_birth"}


@transaction.atomic
def patient_update(*, patient: Patient, **fields) -> Patient:
    """Change a patient's names, email, phone, insurance number or date of birth.

    Any other key (role, user, is_active …) is ignored, never applied. Raises
    ``DomainError`` for an email another account uses.
    """
    profile_update(user=patient.user, **{k: v for k, v in fields.items() if k in _PATIENT_UPDATABLE})
    return patient


@transaction.atomic
def patient_deactivate(*, patient: Patient) -> Patient:
    """Retire a patient: the account can no longer log in and its sessions end. Nothing is deleted."""
    user_set_active(user=patient.user, is_active=False)
    return patient


def patient_profile_follow_role(*, user, role: str) -> None:
    """A user who becomes a patient gets a patient profile (``accounts.hooks.role_set``); one who
    stops being a patient keeps theirs (their history stays)."""
    if role == Role.PATIENT:
        Patient.objects.get_or_create(user=user)
