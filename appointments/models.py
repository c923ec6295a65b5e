from datetime import timedelta

from django.conf import settings
from django.contrib.postgres.fields import RangeOperators
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models

from doctors.models import FEE_DECIMAL_PLACES, FEE_MAX_DIGITS
from healthcare_system.db import PostgresExclusionConstraint, TsTzRange

REMINDER_CHANNELS = ("email", "sms")
REMINDER_MAX_HOURS = 24 * 30
REMINDER_MAX_ENTRIES = 10


def validate_reminder_schedule(value) -> None:
    """A list of ``{"channel": "email"|"sms", "hours_before": 1..720}``, each pair once."""
    if not isinstance(value, list):
        raise ValidationError("Give a list of {channel, hours_before} entries.")
    if len(value) > REMINDER_MAX_ENTRIES:
        raise ValidationError(f"At most {REMINDER_MAX_ENTRIES} reminders.")
    seen = set()
    for entry in value:
        if not isinstance(entry, dict) or set(entry) != {"channel", "hours_before"}:
            raise ValidationError("Each reminder is {channel, hours_before}.")
        channel, hours = entry["channel"], entry["hours_before"]
        if channel not in REMINDER_CHANNELS:
            raise ValidationError(f"Unknown channel {channel!r}: use email or sms.")
        if isinstance(hours, bool) or not isinstance(hours, int) or not 1 <= hours <= REMINDER_MAX_HOURS:
            raise ValidationError(f"hours_before must be a whole number from 1 to {REMINDER_MAX_HOURS}.")
        if (channel, hours) in seen:
            raise ValidationError(f"The {channel} reminder {hours} hours before is listed twice.")
        seen.add((channel, hours))


class ClinicSettings(models.Model):
    """The booking rules: one row (pk=1), read through ``ClinicSettings.load()``."""

    clinic_name = models.CharField(max_length=200, default="City Health Clinic")
    currency = models.CharField(
        max_length=3,
        default="EUR",
        validators=[RegexValidator(r"^[A-Z]{3}$", "Use a three-letter ISO 4217 code such as EUR or USD.")],
        help_text="The currency of consultation fees and revenue (ISO 4217 code).",
    )
    auto_confirm = models.BooleanField(
        default=False, help_text="New bookings are confirmed at once instead of pending."
    )
    min_notice_hours = models.PositiveIntegerField(
        default=2,
        validators=[MaxValueValidator(24 * 30)],
        help_text="A slot can be booked only this many hours ahead or more.",
    )
    booking_window_days = models.PositiveIntegerField(
        default=60,
        validators=[MinValueValidator(1), MaxValueValidator(730)],
        help_text="How far ahead patients may book.",
    )
    cancellation_cutoff_hours = models.PositiveIntegerField(
        default=24,
        validators=[MaxValueValidator(24 * 30)],
        help_text="Patients cannot cancel or reschedule later than this before the visit.",
    )
    default_slot_minutes = models.PositiveIntegerField(
        default=30,
        validators=[MinValueValidator(5), MaxValueValidator(240)],
        help_text="Slot length for new doctors.",
    )
    reminder_hours_before = models.PositiveIntegerField(
        default=24,
        validators=[MinValueValidator(1), MaxValueValidator(24 * 14)],
        help_text="Patients are reminded this many hours before the visit (on every channel they chose) "
        "when no reminder schedule is set.",
    )
    # Empty: one reminder per channel at reminder_hours_before (the behaviour before schedules).
    reminder_schedule = models.JSONField(
        default=list,
        blank=True,
        validators=[validate_reminder_schedule],
        help_text="Lead times per channel, e.g. email 168 and 24 hours, SMS 2 hours. "
        "Empty: one reminder on each channel at 'reminder hours before'.",
    )
    staff_mfa_required = models.BooleanField(
        "staff must use two-factor authentication",
        default=False,
        help_text="Admins, front desk and doctors log in with a code from an authenticator app "
        "(API and Django admin); those without one set it up at their next login.",
    )
    waitlist_hold_minutes = models.PositiveIntegerField(
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(24 * 60)],
        help_text="How long a slot offered to a waiting patient is held for them.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "clinic settings"
        verbose_name_plural = "clinic settings"
        constraints = [
            models.CheckConstraint(condition=models.Q(pk=1), name="appointments_clinicsettings_singleton"),
        ]

    def __str__(self) -> str:
        return "Clinic settings"

    def reminder_lead_times(self) -> dict[str, list[int]]:
        """Lead times in hours per channel, longest first (the fallback when no schedule is set)."""
        if not self.reminder_schedule:
            return {channel: [self.reminder_hours_before] for channel in REMINDER_CHANNELS}
        leads: dict[str, list[int]] = {}
        for entry in self.reminder_schedule:
            leads.setdefault(entry["channel"], []).append(entry["hours_before"])
        return {channel: sorted(hours, reverse=True) for channel, hours in leads.items()}

    @classmethod
    def load(cls) -> "ClinicSettings":
        obj, _ = cls.objects.get_or_create(pk=1)
        return obj


class AppointmentStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    CONFIRMED = "confirmed", "Confirmed"
    CANCELLED = "cancelled", "Cancelled"
    COMPLETED = "completed", "Completed"
    NO_SHOW = "no_show", "No-show"


# Appointments in these states hold their time; the others free it.
ACTIVE_STATUSES = (AppointmentStatus.PENDING, AppointmentStatus.CONFIRMED)


class HoldStatus(models.TextChoices):
    """States of a row that is a waitlist *hold*, not an appointment (docs/decisions/0008).

    A hold is stored in the appointments table so that the no-overlap constraint covers it
    like a booking; the default manager hides these rows, so no list, report, reminder or
    FHIR read ever sees one as an appointment. Accepting a hold turns its row into an
    ordinary pending or confirmed appointment.
    """

    HELD = "held", "Held for a waitlist offer"
    RELEASED = "released", "Hold released"


# Rows in these states take their time away from everyone else (the exclusion constraint).
TIME_TAKING_STATUSES = (*ACTIVE_STATUSES, HoldStatus.HELD)


class AppointmentManager(models.Manager):
    """Appointments only: waitlist holds (``HoldStatus``) are not appointments."""

    def get_queryset(self):
        return super().get_queryset().exclude(status__in=HoldStatus.values)


class AppointmentSeries(models.Model):
    """Recurring visits booked in one step; each occurrence is an ordinary appointment."""

    patient = models.ForeignKey("patients.Patient", on_delete=models.PROTECT, related_name="appointment_series")
    doctor = models.ForeignKey("doctors.Doctor", on_delete=models.PROTECT, related_name="appointment_series")
    interval_days = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(28)])
    reason = models.TextField(blank=True, max_length=2000)
    # The occurrences left out when booked with on_conflict=skip: [{appointment_time, reason, code}].
    skipped = models.JSONField(default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "appointment series"

    def __str__(self) -> str:
        return f"Series #{self.pk}: {self.patient} with {self.doctor}, every {self.interval_days} days"


class Appointment(models.Model):
    # No single-column indexes: (patient, start) and (doctor, start) below lead with them.
    patient = models.ForeignKey(
        "patients.Patient", on_delete=models.PROTECT, related_name="appointments", db_index=False
    )
    doctor = models.ForeignKey("doctors.Doctor", on_delete=models.PROTECT, related_name="appointments", db_index=False)
    start = models.DateTimeField()
    end = models.DateTimeField()
    visit_type = models.ForeignKey(
        "doctors.VisitType", on_delete=models.PROTECT, null=True, blank=True, related_name="appointments"
    )
    # Set-up time after the visit (the visit type's, when booked); busy for the next visit.
    buffer_minutes = models.PositiveSmallIntegerField(default=0)
    # end + buffer: the time this visit keeps the doctor busy. Derived in save() and kept as
    # a column because the exclusion constraint needs it (no immutable timestamp arithmetic).
    blocked_until = models.DateTimeField()
    checked_in_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=16, choices=AppointmentStatus.choices, default=AppointmentStatus.PENDING)
    reason = models.TextField(blank=True, max_length=2000)
    # The doctor's fee when the visit was booked: revenue counts this, so a later change of
    # the doctor's fee leaves past revenue as it was. Null only on rows older than the field.
    fee = models.DecimalField(max_digits=FEE_MAX_DIGITS, decimal_places=FEE_DECIMAL_PLACES, null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    cancellation_reason = models.TextField(blank=True, max_length=2000)
    series = models.ForeignKey(
        AppointmentSeries, on_delete=models.SET_NULL, null=True, blank=True, related_name="appointments"
    )
    # Holds only (status ``held``): when the waitlist offer runs out.
    hold_expires_at = models.DateTimeField(null=True, blank=True)
    # When the patient said they will come (a message's confirm link, an SMS reply); a move clears it.
    patient_confirmed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # The iCalendar SEQUENCE of the visit's event: one more on every saved change, so calendar
    # apps replace the event they hold (RFC 5545 3.8.7.4), even for two changes in one second.
    sequence = models.PositiveIntegerField(default=0, editable=False)

    objects = AppointmentManager()
    # Every row, holds included: the slot engine's busy time and the hold services.
    all_rows = models.Manager()  # noqa: DJ012 (ruff takes a second manager for a field)

    class Meta:
        ordering = ["-start", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(start__lt=models.F("end")), name="appointments_appointment_start_before_end"
            ),
            models.CheckConstraint(
                condition=models.Q(end__lte=models.F("blocked_until")),
                name="appointments_appointment_buffer_after_end",
            ),
            # The guarantee against double booking, whatever the concurrency (PostgreSQL;
            # on SQLite, IMMEDIATE transactions serialise the writers instead). A visit's
            # buffer counts: no visit may start before the previous one's blocked_until.
            PostgresExclusionConstraint(
                name="appointments_no_overlap_per_doctor",
                expressions=[
                    ("doctor", RangeOperators.EQUAL),
                    (TsTzRange("start", "blocked_until", models.Value("[)")), RangeOperators.OVERLAPS),
                ],
                condition=models.Q(status__in=TIME_TAKING_STATUSES),
            ),
            # A patient is in one place at a time: no two active visits overlap, whatever
            # the doctors (the service checks first, for a readable message).
            PostgresExclusionConstraint(
                name="appointments_no_overlap_per_patient",
                expressions=[
                    ("patient", RangeOperators.EQUAL),
                    (TsTzRange("start", "end", models.Value("[)")), RangeOperators.OVERLAPS),
                ],
                condition=models.Q(status__in=ACTIVE_STATUSES),
            ),
        ]
        # The exclusion constraint brings its own GiST index on (doctor, range), for active
        # rows only; these B-trees serve the lists, the slot engine and the reports.
        indexes = [
            models.Index(fields=["doctor", "start"]),
            models.Index(fields=["patient", "start"]),
            models.Index(fields=["start"]),  # reports: every appointment in a date range
            # Reports on one status over a range (revenue = completed), status filters in lists.
            models.Index(fields=["status", "start"], name="appointments_status_start_idx"),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.doctor} / {self.patient} at {self.start:%Y-%m-%d %H:%M} UTC"

    def save(self, *args, **kwargs):
        # Whoever moves a visit (services, admin, scripts) keeps its blocked time in step.
        if self.end is not None:
            self.blocked_until = self.end + timedelta(minutes=self.buffer_minutes or 0)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"end", "buffer_minutes"} & set(update_fields):
            update_fields = kwargs["update_fields"] = {*update_fields, "blocked_until"}
        if not self._state.adding:
            self.sequence += 1
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "sequence"}
        super().save(*args, **kwargs)

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES


class IdempotencyKey(models.Model):
    """The first response to a request sent with an ``Idempotency-Key``, replayed on retry."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=255)
    request_hash = models.CharField(max_length=64)
    response_status = models.PositiveSmallIntegerField()
    response_body = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="appointments_idempotency_user_key_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id}:{self.key}"


class AvailabilityStamp(models.Model):
    """A counter per doctor that PostgreSQL triggers raise with every change to their leave
    or busy time: an appointment or hold row taking or freeing time (insert, delete, status,
    times, doctor, hold expiry), a leave. Read with the working hours before a schedule
    load, it keys the cached leave and busy time (``appointments.availability``): a change
    is a new key in its own transaction, so nothing cached outlives it, in any process.
    Raised under the row's lock, so counters follow commit order. Never written from Python.
    """

    doctor_id = models.BigIntegerField(primary_key=True)
    version = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.doctor_id}: {self.version}"


class ListStamp(models.Model):
    """A counter per patient account (``owner_id``: the patient's user id) that PostgreSQL
    triggers raise with every change their own appointment list shows: any insert, update or
    delete of one of their appointment or hold rows (both patients' when a row moves), their
    account's name or username, the account their patient row belongs to. Stamp 0 is raised
    by what every list shows: a doctor's timezone, specialty or account, a doctor's account
    name or username, a specialty's or visit type's name. The two key a patient's cached list
    (``appointments.list_cache``): a change is a new key in its own transaction, so nothing
    cached outlives it, in any process. Never written from Python.
    """

    owner_id = models.BigIntegerField(primary_key=True)
    version = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.owner_id}: {self.version}"
