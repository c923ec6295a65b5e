"""Data rights: a patient asks for erasure; an admin carries it out.

What is kept and what goes (docs/data-rights.md):
- kept, anonymised: the account and profile (name, email, phone, date of birth, insurance
  number cleared; username becomes ``erased-<id>``; no login), because the medical records,
  appointments and the access log that the clinic must keep point at it;
- kept as they are: medical records with their versions, appointments (future ones are
  cancelled, freeing the slots), access log entries (append-only evidence);
- deleted: the messages about the patient's visits (they repeat name, address and phone),
  the account's refresh tokens, stored idempotent replies and login records.
Every execution is one access log entry (action ``delete``, ``privacy.Erasure``).
"""

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from appointments.models import ACTIVE_STATUSES, Appointment, IdempotencyKey
from appointments.services import appointment_cancel
from notifications.models import Notification
from records.models import AccessAction
from records.services import access_log_write

from .errors import ErasureAlreadyExecuted, ErasureAlreadyRequested
from .models import ErasureRequest

ERASURE_REASON = "Cancelled: the patient's data was erased at their request."


def erasure_request_create(*, patient) -> ErasureRequest:
    """Record the patient's request. Raises ``ErasureAlreadyRequested`` (409) when one is open."""
    if ErasureRequest.objects.filter(patient=patient, status=ErasureRequest.Status.REQUESTED).exists():
        raise ErasureAlreadyRequested("You have already asked for your data to be erased.")
    return ErasureRequest.objects.create(patient=patient)


@transaction.atomic
def erasure_execute(*, request: ErasureRequest, by: User, ip_address: str | None = None) -> ErasureRequest:
    """Carry out an erasure request (admin). Raises ``ErasureAlreadyExecuted`` (409) the second time."""
    request = ErasureRequest.objects.select_for_update().select_related("patient__user").get(pk=request.pk)
    if request.status == ErasureRequest.Status.EXECUTED:
        raise ErasureAlreadyExecuted("This erasure request was carried out already.")
    patient, now = request.patient, timezone.now()
    user = patient.user

    # Every message about the patient's visits names them: delete them all first.
    deleted = {
        "messages": Notification.objects.filter(appointment__patient=patient).delete()[0],
        "idempotent_replies": IdempotencyKey.objects.filter(user=user).delete()[0],
        "refresh_tokens": _delete_tokens(user),
        "login_records": _delete_login_attempts(user.username, user.email),
    }
    _anonymise(patient)
    # Then free the upcoming slots: the doctor is told (naming only the anonymised account).
    cancelled = 0
    for appointment in Appointment.objects.filter(patient=patient, status__in=ACTIVE_STATUSES, start__gt=now):
        appointment_cancel(appointment=appointment, by=by, reason=ERASURE_REASON, now=now)
        cancelled += 1

    request.status = ErasureRequest.Status.EXECUTED
    request.executed_at, request.executed_by = now, by
    request.summary = {
        "anonymised": {"account": 1, "profile": 1},
        "kept": {
            "appointments": Appointment.objects.filter(patient=patient).count(),
            "medical_records": patient.medical_records.count(),
        },
        "cancelled_upcoming_appointments": cancelled,
        "deleted": deleted,
    }
    request.save()
    access_log_write(
        user=by,
        action=AccessAction.DELETE,
        model_name="privacy.Erasure",
        object_id=request.pk,
        patient_id=patient.pk,
        ip_address=ip_address,
    )
    return request


def _anonymise(patient) -> None:
    user = patient.user
    user.username = f"erased-{user.pk}"
    user.email = f"erased-{user.pk}@invalid.invalid"
    user.first_name = user.last_name = ""
    user.is_active = False
    user.email_verified_at = None
    user.set_unusable_password()
    user.save()
    patient.phone = ""
    patient.insurance_number = ""
    patient.date_of_birth = None
    patient.notify_email = patient.notify_sms = False
    patient.save()


def _delete_tokens(user) -> int:
    from rest_framework_simplejwt.token_blacklist.models import OutstandingToken

    return OutstandingToken.objects.filter(user=user).delete()[0]


def _delete_login_attempts(*usernames: str) -> int:
    """django-axes' records of the account's logins and failed attempts (with addresses)."""
    from axes.models import AccessAttempt, AccessFailureLog
    from axes.models import AccessLog as LoginLog

    models = (AccessAttempt, AccessFailureLog, LoginLog)
    return sum(model.objects.filter(username__in=usernames).delete()[0] for model in models)
