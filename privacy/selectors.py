"""Everything the clinic holds about one patient, for their download (GDPR Art. 15 and 20)."""

from django.utils import timezone

from appointments.models import Appointment
from notifications.models import Notification
from records.models import AccessLog, MedicalRecord

from .models import ErasureRequest


def _when(value):
    return value.isoformat() if value else None


def patient_data_export(*, patient) -> dict:
    """A JSON-ready dict of the account, profile, appointments, medical records, messages
    sent, who accessed the patient's data, and erasure requests. Staff IP addresses and
    password hashes are not the patient's data and are left out."""
    user = patient.user
    appointments = Appointment.objects.filter(patient=patient).select_related("doctor__user", "doctor__specialty")
    records = MedicalRecord.objects.filter(patient=patient).select_related("doctor__user")
    messages = Notification.objects.filter(appointment__patient=patient, recipient_role="patient")
    accesses = AccessLog.objects.filter(patient=patient)
    return {
        "generated_at": timezone.now().isoformat(),
        "account": {
            "username": user.username,
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_joined": _when(user.date_joined),
            "last_login": _when(user.last_login),
            "email_verified_at": _when(user.email_verified_at),
        },
        "profile": {
            "phone": patient.phone.as_e164 if patient.phone else "",
            "insurance_number": patient.insurance_number,
            "date_of_birth": _when(patient.date_of_birth),
            "notify_email": patient.notify_email,
            "notify_sms": patient.notify_sms,
            "created_at": _when(patient.created_at),
        },
        "appointments": [
            {
                "id": a.pk,
                "doctor": str(a.doctor),
                "specialty": a.doctor.specialty.name,
                "start": _when(a.start),
                "end": _when(a.end),
                "status": a.status,
                "reason": a.reason,
                "fee": str(a.fee) if a.fee is not None else None,
                "cancelled_at": _when(a.cancelled_at),
                "cancellation_reason": a.cancellation_reason,
                "created_at": _when(a.created_at),
            }
            for a in appointments
        ],
        "medical_records": [
            {
                "id": r.pk,
                "appointment": r.appointment_id,
                "doctor": str(r.doctor),
                "diagnosis": r.diagnosis,
                "notes": r.notes,
                "prescription": r.prescription,
                "created_at": _when(r.created_at),
                "updated_at": _when(r.updated_at),
            }
            for r in records
        ],
        "messages": [
            {
                "event": n.event,
                "channel": n.channel,
                "recipient": n.recipient,
                "subject": n.subject,
                "body": n.body_text,
                "status": n.status,
                "created_at": _when(n.created_at),
                "sent_at": _when(n.sent_at),
            }
            for n in messages
        ],
        "access_log": [
            {
                "when": _when(e.timestamp),
                "who": e.username,
                "action": e.action,
                "what": e.model_name,
                "object_id": e.object_id,
            }
            for e in accesses
        ],
        "erasure_requests": [
            {"id": e.pk, "status": e.status, "requested_at": _when(e.requested_at), "executed_at": _when(e.executed_at)}
            for e in ErasureRequest.objects.filter(patient=patient)
        ],
    }
