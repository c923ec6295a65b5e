"""Every write to user accounts."""

from django.db import transaction
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken, OutstandingToken

from .models import User


def user_revoke_tokens(*, user: User) -> int:
    """Blacklist every refresh token the user holds, so no session outlives a deactivation."""
    outstanding = OutstandingToken.objects.filter(user=user).exclude(blacklistedtoken__isnull=False)
    BlacklistedToken.objects.bulk_create(
        [BlacklistedToken(token=token) for token in outstanding], ignore_conflicts=True
    )
    return len(outstanding)


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
    """Change a user's role and keep their profiles consistent with it.

    Becoming a patient or doctor creates the missing profile (a doctor starts
    in "General Practice", to be completed by an admin); leaving the doctor role
    retires the doctor profile (inactive, history kept). Admins get Django admin
    access; leaving the admin role takes it away, since staff always count as admin.
    """
    from doctors.models import Doctor, Specialty
    from patients.models import Patient

    from .models import Role

    user = User.objects.select_for_update().get(pk=user.pk)
    user.role = role
    user.is_staff = user.is_superuser = role == Role.ADMIN
    user.save(update_fields=["role", "is_staff", "is_superuser"])

    if role == Role.PATIENT:
        Patient.objects.get_or_create(user=user)
    doctor = Doctor.objects.filter(user=user).first()
    if role == Role.DOCTOR and doctor is None:
        from appointments.models import ClinicSettings

        specialty, _ = Specialty.objects.get_or_create(name="General Practice")
        Doctor.objects.create(user=user, specialty=specialty, slot_minutes=ClinicSettings.load().default_slot_minutes)
    elif doctor is not None and doctor.is_active != (role == Role.DOCTOR):
        doctor.is_active = role == Role.DOCTOR
        doctor.save(update_fields=["is_active"])
    return user
