"""Every write to patients. Each function owns its transaction."""

import secrets
from datetime import date

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from accounts.models import Role

from .models import Patient

User = get_user_model()


def _check_identity_free(*, username: str, email: str, exclude_user_id: int | None = None) -> None:
    """Raise field errors for a username or email already taken, in any case."""
    others = User.objects.exclude(pk=exclude_user_id) if exclude_user_id else User.objects.all()
    errors = {}
    if username and others.filter(username__iexact=username).exists():
        errors["username"] = ["A user with that username already exists."]
    if email and others.filter(email__iexact=email).exists():
        errors["email"] = ["A user with that email already exists."]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def patient_register(
    *,
    username: str,
    email: str,
    password: str,
    first_name: str,
    last_name: str,
    phone: str = "",
    insurance_number: str = "",
    date_of_birth: date | None = None,
) -> Patient:
    """Create a patient's user account and profile together.

    Raises ``ValidationError`` (field errors) for a taken username or email, or a
    password Django's validators refuse.
    """
    _check_identity_free(username=username, email=email)
    user = User(username=username, email=email, first_name=first_name, last_name=last_name, role=Role.PATIENT)
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ValidationError({"password": exc.messages}) from exc
    user.set_password(password)
    try:
        # A savepoint, so a lost race on the unique constraints leaves the outer
        # transaction usable and reports like the check above.
        with transaction.atomic():
            user.save()
    except IntegrityError as exc:
        raise ValidationError({"username": ["A user with that username or email already exists."]}) from exc
    return Patient.objects.create(
        user=user,
        phone=phone,
        insurance_number=insurance_number,
        date_of_birth=date_of_birth,
    )


@transaction.atomic
def profile_update(*, user, **fields) -> None:
    """Update a user's own name, email and the contact fields of their profile.

    Accepted keys: first_name, last_name, email, phone, insurance_number,
    date_of_birth, notify_email, notify_sms, language. Raises ``ValidationError`` for a
    taken email.
    """
    user_fields = {k: fields.pop(k) for k in ("first_name", "last_name", "email") if k in fields}
    if "email" in user_fields:
        _check_identity_free(username="", email=user_fields["email"], exclude_user_id=user.pk)
    if "email" in user_fields and user_fields["email"].lower() != user.email.lower():
        # A new address is unproven until its owner follows the link mailed to it.
        user_fields["email_verified_at"] = None
    for name, value in user_fields.items():
        setattr(user, name, value)
    if user_fields:
        user.save(update_fields=list(user_fields))
    profile = getattr(user, "patient", None) or getattr(user, "doctor", None)
    if profile is None or not fields:
        return
    allowed = {f.name for f in profile._meta.get_fields()}
    changes = {k: v for k, v in fields.items() if k in allowed}
    for name, value in changes.items():
        setattr(profile, name, value)
    if changes:
        profile.save(update_fields=list(changes))


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
    later). Raises ``ValidationError`` like ``patient_register``.
    """
    # Registration's rules (identity free, password strength) apply unchanged; a
    # throwaway random password passes them and is replaced by an unusable one.
    patient = patient_register(
        username=username,
        email=email,
        password=password or secrets.token_urlsafe(32),
        first_name=first_name,
        last_name=last_name,
        phone=phone,
        insurance_number=insurance_number,
        date_of_birth=date_of_birth,
    )
    if not password:
        patient.user.set_unusable_password()
        patient.user.save(update_fields=["password"])
    return patient


_PATIENT_UPDATABLE = {"first_name", "last_name", "email", "phone", "insurance_number", "date_of_birth"}


@transaction.atomic
def patient_update(*, patient: Patient, **fields) -> Patient:
    """Change a patient's names, email, phone, insurance number or date of birth.

    Any other key (role, user, is_active …) is ignored, never applied. Raises
    ``ValidationError`` for an email another account uses.
    """
    profile_update(user=patient.user, **{k: v for k, v in fields.items() if k in _PATIENT_UPDATABLE})
    return patient


@transaction.atomic
def patient_deactivate(*, patient: Patient) -> Patient:
    """Retire a patient: the account can no longer log in and its sessions end. Nothing is deleted."""
    from accounts.services import user_set_active

    user_set_active(user=patient.user, is_active=False)
    return patient


def patient_profile_follow_role(*, user, role: str) -> None:
    """A user who becomes a patient gets a patient profile (``accounts.hooks.role_set``); one who
    stops being a patient keeps theirs (their history stays)."""
    if role == Role.PATIENT:
        Patient.objects.get_or_create(user=user)
