from django.conf import settings
from django.db import models


class ErasureRequest(models.Model):
    """A patient's request to erase their data, and its execution by an admin.

    Executing anonymises what the clinic must keep (the account behind the medical records,
    appointments and access log) and deletes the rest (privacy/services.py: erasure_execute).
    The row itself stays as the record that the request was made and carried out.
    """

    class Status(models.TextChoices):
        REQUESTED = "requested", "Requested"
        EXECUTED = "executed", "Executed"

    patient = models.ForeignKey("patients.Patient", on_delete=models.PROTECT, related_name="erasure_requests")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.REQUESTED)
    requested_at = models.DateTimeField(auto_now_add=True)
    executed_at = models.DateTimeField(null=True, blank=True)
    executed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # What the execution did, by kind: {"anonymised": {...}, "deleted": {...}}.
    summary = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["patient"], condition=models.Q(status="requested"), name="privacy_one_open_request_per_patient"
            )
        ]

    def __str__(self) -> str:
        return f"Erasure request #{self.pk} ({self.status})"
