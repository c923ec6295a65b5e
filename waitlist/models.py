from django.conf import settings
from django.db import models


class WaitlistStatus(models.TextChoices):
    WAITING = "waiting", "Waiting"
    OFFERED = "offered", "Offered"
    BOOKED = "booked", "Booked"
    EXPIRED = "expired", "Expired"
    CANCELLED = "cancelled", "Cancelled"


# An entry in these states is still looking for a time (one such entry per patient and doctor).
OPEN_STATUSES = (WaitlistStatus.WAITING, WaitlistStatus.OFFERED)


class WaitlistEntry(models.Model):
    """A patient waiting for a time with a doctor to free up, within dates and times of day.

    Dates and times are in the doctor's zone. While ``offered``, ``hold`` is the reserved time
    (a hidden appointments row in status ``held``); once ``booked``, the same row is the
    patient's appointment.
    """

    patient = models.ForeignKey("patients.Patient", on_delete=models.CASCADE, related_name="waitlist_entries")
    doctor = models.ForeignKey("doctors.Doctor", on_delete=models.CASCADE, related_name="waitlist_entries")
    date_from = models.DateField()
    date_to = models.DateField()
    time_from = models.TimeField(null=True, blank=True)
    time_to = models.TimeField(null=True, blank=True)
    # The kind of visit waited for: only a free time that fits its length and buffer is offered.
    # Null: a plain slot of the doctor's ``slot_minutes``.
    visit_type = models.ForeignKey(
        "doctors.VisitType", on_delete=models.PROTECT, null=True, blank=True, related_name="waitlist_entries"
    )
    status = models.CharField(max_length=16, choices=WaitlistStatus.choices, default=WaitlistStatus.WAITING)
    hold = models.OneToOneField(
        "appointments.Appointment", on_delete=models.SET_NULL, null=True, blank=True, related_name="waitlist_entry"
    )
    # Slot starts (UTC ISO strings) this patient declined: never offered to them again.
    declined_starts = models.JSONField(default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name_plural = "waitlist entries"
        indexes = [
            # Who is next for a freed slot: a doctor's waiting entries, oldest first.
            models.Index(fields=["doctor", "status", "created_at"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["patient", "doctor"],
                condition=models.Q(status__in=OPEN_STATUSES),
                name="waitlist_one_open_entry_per_patient_and_doctor",
            ),
            models.CheckConstraint(
                condition=models.Q(date_from__lte=models.F("date_to")), name="waitlist_dates_in_order"
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.patient} waits for {self.doctor} ({self.date_from}–{self.date_to}, {self.status})"

    @property
    def offer_is_live(self) -> bool:
        return self.status == WaitlistStatus.OFFERED and self.hold_id is not None
