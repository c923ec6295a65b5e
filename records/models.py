from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords


class MedicalRecord(models.Model):
    """A doctor's notes on one appointment. Every edit keeps the previous version (``history``)."""

    appointment = models.ForeignKey(
        "appointments.Appointment", on_delete=models.PROTECT, related_name="medical_records"
    )
    # Copied from the appointment when the record is created, so scoping by patient is one join.
    patient = models.ForeignKey("patients.Patient", on_delete=models.PROTECT, related_name="medical_records")
    # The author: the appointment's doctor, the only one who may edit the record.
    doctor = models.ForeignKey("doctors.Doctor", on_delete=models.PROTECT, related_name="medical_records")
    notes = models.TextField(blank=True, max_length=20000)
    diagnosis = models.TextField(blank=True, max_length=5000)
    prescription = models.TextField(blank=True, max_length=5000)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["patient", "-created_at"]),
            models.Index(fields=["appointment"]),
        ]

    def __str__(self) -> str:
        return f"Record #{self.pk} for {self.patient} (appointment #{self.appointment_id})"


class AccessAction(models.TextChoices):
    READ = "read", "Read"
    LIST = "list", "List"
    CREATE = "create", "Create"
    UPDATE = "update", "Update"
    DELETE = "delete", "Delete"


class AppendOnlyError(Exception):
    """Someone tried to change or remove an access log entry."""


class AccessLogQuerySet(models.QuerySet):
    # Bulk paths skip save()/delete(): refuse them too. PostgreSQL also refuses by trigger.
    def update(self, **kwargs):
        raise AppendOnlyError("The access log is append-only.")

    def delete(self):
        raise AppendOnlyError("The access log is append-only.")


class AccessLog(models.Model):
    """Who read or changed which medical data, when and from where. Append-only.

    Rows are written only by ``records.services.access_log_write``; they are never
    updated or deleted (model, queryset, admin and, on PostgreSQL, a trigger refuse it).
    ``user`` is PROTECT: accounts are deactivated, never deleted, so an entry
    always names a real account; ``username`` is a copy for readability.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    username = models.CharField(max_length=150)
    action = models.CharField(max_length=16, choices=AccessAction.choices)
    model_name = models.CharField(max_length=100, help_text="What was accessed, e.g. records.MedicalRecord.")
    object_id = models.CharField(max_length=64, blank=True)
    patient = models.ForeignKey(
        "patients.Patient", on_delete=models.PROTECT, null=True, blank=True, related_name="access_logs"
    )
    timestamp = models.DateTimeField(auto_now_add=True, db_index=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)

    objects = AccessLogQuerySet.as_manager()

    class Meta:
        ordering = ["-timestamp", "-id"]
        indexes = [
            models.Index(fields=["patient", "-timestamp"]),
            models.Index(fields=["user", "-timestamp"]),
        ]

    def __str__(self) -> str:
        return f"{self.timestamp:%Y-%m-%d %H:%M:%S} {self.username} {self.action} {self.model_name}#{self.object_id}"

    def save(self, *args, **kwargs):
        # The invariant of an audit trail, not business logic: an existing row never changes.
        if not self._state.adding:
            raise AppendOnlyError("The access log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("The access log is append-only.")
