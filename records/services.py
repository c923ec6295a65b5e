"""Every write to medical records and to the access log.

Reads of medical data are writes here too: each one appends to the access log
(``access_log_*``). Record changes log themselves in the same transaction, so a
change is never committed without its audit entry.
"""

from collections.abc import Sequence

from django.db import transaction

from healthcare_system.db import model_update
from healthcare_system.exceptions import DomainError

from .errors import AppointmentCancelled, NotTheAppointmentsDoctor
from .models import AccessAction, AccessLog, MedicalRecord

RECORD = "records.MedicalRecord"
HISTORY = "patients.PatientHistory"
PATIENT = "patients.Patient"


def _entry(*, user, action: str, model_name: str, object_id, patient_id, ip_address) -> AccessLog:
    return AccessLog(
        user=user,
        username=user.get_username(),
        action=action,
        model_name=model_name,
        object_id=str(object_id or ""),
        patient_id=patient_id,
        ip_address=ip_address,
    )


def access_log_write(
    *, user, action: str, model_name: str, object_id="", patient_id: int | None = None, ip_address: str | None = None
) -> AccessLog:
    """Append one entry to the access log."""
    entry = _entry(
        user=user,
        action=action,
        model_name=model_name,
        object_id=object_id,
        patient_id=patient_id,
        ip_address=ip_address,
    )
    entry.save()
    return entry


def _log_each(*, user, action: str, model_name: str, shown: Sequence[tuple], ip_address) -> list[AccessLog]:
    """One entry per (object id, patient id) in ``shown``, all in one INSERT."""
    entries = [
        _entry(
            user=user,
            action=action,
            model_name=model_name,
            object_id=object_id,
            patient_id=patient_id,
            ip_address=ip_address,
        )
        for object_id, patient_id in shown
    ]
    return AccessLog.objects.bulk_create(entries)


def _log_record(*, user, action: str, record_id, patient_id: int, ip_address: str | None) -> AccessLog:
    return access_log_write(
        user=user, action=action, model_name=RECORD, object_id=record_id, patient_id=patient_id, ip_address=ip_address
    )


def access_log_record_read(*, user, record: MedicalRecord, ip_address: str | None) -> AccessLog:
    """One ``read`` entry for one record read in full (detail view)."""
    return _log_record(
        user=user, action=AccessAction.READ, record_id=record.pk, patient_id=record.patient_id, ip_address=ip_address
    )


def access_log_records_listed(*, user, records: Sequence[MedicalRecord], ip_address: str | None) -> list[AccessLog]:
    """One ``list`` entry per record on the returned page, all in one INSERT.

    Per record rather than per request, so "who has seen record N?" is one filter
    on ``object_id``; a page that shows nothing writes nothing (nothing was read).
    """
    shown = [(record.pk, record.patient_id) for record in records]
    return _log_each(user=user, action=AccessAction.LIST, model_name=RECORD, shown=shown, ip_address=ip_address)


def access_log_history_read(*, user, patient, ip_address: str | None) -> AccessLog:
    """One ``read`` entry for one read of a patient's history (appointments and records)."""
    return access_log_write(
        user=user,
        action=AccessAction.READ,
        model_name=HISTORY,
        object_id=patient.pk,
        patient_id=patient.pk,
        ip_address=ip_address,
    )


def access_log_patients_read(
    *, user, patients: Sequence, action: str = AccessAction.READ, ip_address: str | None
) -> list[AccessLog]:
    """One entry per patient whose profile was shown (FHIR Patient: ``read``, or ``list`` for a
    search page), all in one INSERT; like a history read, "who looked at patient N" is one filter."""
    shown = [(patient.pk, patient.pk) for patient in patients]
    return _log_each(user=user, action=action, model_name=PATIENT, shown=shown, ip_address=ip_address)


@transaction.atomic
def medical_record_create(
    *,
    doctor,
    appointment,
    notes: str = "",
    diagnosis: str = "",
    prescription: str = "",
    ip_address: str | None = None,
) -> MedicalRecord:
    """The appointment's doctor writes a record for it; the patient comes from the appointment.

    Raises ``NotTheAppointmentsDoctor`` when ``doctor`` is not the appointment's
    doctor and ``AppointmentCancelled`` for a cancelled appointment (both 400 on
    ``appointment``), and ``DomainError`` for a record with no content (no notes, diagnosis
    or prescription).
    """
    from appointments.models import Appointment, AppointmentStatus

    if not any(text.strip() for text in (notes, diagnosis, prescription)):
        raise DomainError(errors={"non_field_errors": ["A record needs notes, a diagnosis or a prescription."]})

    # Lock the appointment: a concurrent cancel either happens before (and we refuse)
    # or waits until the record exists.
    appointment = Appointment.objects.select_for_update().get(pk=appointment.pk)
    if appointment.doctor_id != doctor.pk:
        raise NotTheAppointmentsDoctor("You can only write records for your own appointments.", field="appointment")
    if appointment.status == AppointmentStatus.CANCELLED:
        raise AppointmentCancelled("A cancelled appointment cannot have medical records.", field="appointment")
    record = MedicalRecord(
        appointment=appointment,
        patient_id=appointment.patient_id,
        doctor=doctor,
        notes=notes,
        diagnosis=diagnosis,
        prescription=prescription,
    )
    # Name the author in the version history: JWT requests reach simple-history's
    # middleware unauthenticated, so it cannot tell.
    record._history_user = doctor.user
    record.save()
    _log_record(
        user=doctor.user,
        action=AccessAction.CREATE,
        record_id=record.pk,
        patient_id=record.patient_id,
        ip_address=ip_address,
    )
    return record


@transaction.atomic
def medical_record_update(*, record: MedicalRecord, user, ip_address: str | None = None, **fields) -> MedicalRecord:
    """The author changes notes, diagnosis or prescription; the previous version is kept.

    Only ``notes``, ``diagnosis`` and ``prescription`` change; the appointment,
    patient and author never do (other keys are ignored). Who may call this is
    the permission class's decision (the author only). Raises nothing of its own.
    """
    record = MedicalRecord.objects.select_for_update().get(pk=record.pk)
    record._history_user = user
    model_update(record, fields, allowed=("notes", "diagnosis", "prescription"))
    _log_record(
        user=user,
        action=AccessAction.UPDATE,
        record_id=record.pk,
        patient_id=record.patient_id,
        ip_address=ip_address,
    )
    return record


@transaction.atomic
def medical_record_delete(*, record: MedicalRecord, user, ip_address: str | None = None) -> None:
    """Remove a record (admin). Its versions, the deletion included, stay in the history."""
    record_id, patient_id = record.pk, record.patient_id
    record._history_user = user
    record.delete()
    _log_record(
        user=user, action=AccessAction.DELETE, record_id=record_id, patient_id=patient_id, ip_address=ip_address
    )
