from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.contrib.postgres.fields import RangeOperators
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from phonenumber_field.modelfields import PhoneNumberField

from healthcare_system.db import PostgresExclusionConstraint, WallClockRange


def validate_timezone(name: str) -> None:
    # A validator, not choices: the tz database changes and must not change migrations.
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValidationError(f"'{name}' is not an IANA time zone (e.g. Europe/Berlin).") from exc


# Every money column (a doctor's fee, the fee an appointment keeps) has this shape, so a
# fee the doctor may set always fits the appointment booked with it: at most 999 999.99.
FEE_MAX_DIGITS = 8
FEE_DECIMAL_PLACES = 2


class Specialty(models.Model):
    """The managed list of specialties doctors are filed under."""

    name = models.CharField(max_length=100)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "specialties"
        constraints = [
            models.UniqueConstraint(Lower("name"), name="doctors_specialty_name_ci_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class Doctor(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="doctor")
    specialty = models.ForeignKey(Specialty, on_delete=models.PROTECT, related_name="doctors")
    clinic_name = models.CharField(max_length=200, blank=True)
    city = models.CharField(max_length=100, blank=True, db_index=True)
    address = models.CharField(max_length=300, blank=True)
    bio = models.TextField(blank=True)
    phone = PhoneNumberField(blank=True)
    consultation_fee = models.DecimalField(
        max_digits=FEE_MAX_DIGITS, decimal_places=FEE_DECIMAL_PLACES, default=0, validators=[MinValueValidator(0)]
    )
    slot_minutes = models.PositiveSmallIntegerField(
        default=30, validators=[MinValueValidator(5), MaxValueValidator(240)]
    )
    # Working hours are wall-clock times in this zone (IANA name).
    timezone = models.CharField(max_length=64, default="Europe/Berlin", validators=[validate_timezone])
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["user__last_name", "user__first_name", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(consultation_fee__gte=0), name="doctors_doctor_fee_not_negative"),
            models.CheckConstraint(
                condition=models.Q(slot_minutes__gte=5, slot_minutes__lte=240),
                name="doctors_doctor_slot_minutes_range",
            ),
        ]

    def __str__(self) -> str:
        return f"Dr. {self.user.get_full_name() or self.user.username}"

    @property
    def full_name(self) -> str:
        return self.user.get_full_name() or self.user.username

    @property
    def tzinfo(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


class WorkingHours(models.Model):
    """One weekly interval of work, wall-clock in the doctor's zone; several per day allowed."""

    class Weekday(models.IntegerChoices):
        MONDAY = 0
        TUESDAY = 1
        WEDNESDAY = 2
        THURSDAY = 3
        FRIDAY = 4
        SATURDAY = 5
        SUNDAY = 6

    doctor = models.ForeignKey(Doctor, on_delete=models.CASCADE, related_name="working_hours")
    weekday = models.PositiveSmallIntegerField(choices=Weekday.choices)
    start_time = models.TimeField()
    end_time = models.TimeField()

    class Meta:
        ordering = ["doctor", "weekday", "start_time"]
        verbose_name_plural = "working hours"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(start_time__lt=models.F("end_time")),
                name="doctors_workinghours_start_before_end",
            ),
            models.CheckConstraint(
                condition=models.Q(weekday__gte=0, weekday__lte=6),
                name="doctors_workinghours_weekday_range",
            ),
            # The service refuses overlaps with a clear message under a lock on the doctor;
            # this makes any other writer (admin inline, a script) unable to store one either.
            PostgresExclusionConstraint(
                name="doctors_workinghours_no_overlap",
                expressions=[
                    ("doctor", RangeOperators.EQUAL),
                    ("weekday", RangeOperators.EQUAL),
                    (WallClockRange("start_time", "end_time"), RangeOperators.OVERLAPS),
                ],
                violation_error_message="These hours overlap other working hours of the doctor on that day.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.start_time:%H:%M}–{self.end_time:%H:%M}"


class LeaveDay(models.Model):
    """Days off, inclusive at both ends, as calendar dates in the doctor's zone."""

    doctor = models.ForeignKey(Doctor, on_delete=models.CASCADE, related_name="leave_days")
    start_date = models.DateField()
    end_date = models.DateField()
    reason = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["doctor", "start_date"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(start_date__lte=models.F("end_date")),
                name="doctors_leaveday_start_not_after_end",
            ),
        ]
        indexes = [models.Index(fields=["doctor", "end_date"])]

    def __str__(self) -> str:
        return f"{self.doctor}: {self.start_date} – {self.end_date}"


class VisitType(models.Model):
    """A kind of visit a doctor offers (a first consultation of 45 minutes, a follow-up of
    15 …): its length, the set-up time it blocks after it, and its fee. A doctor without
    any books plain ``slot_minutes`` slots at ``consultation_fee``."""

    doctor = models.ForeignKey(Doctor, on_delete=models.CASCADE, related_name="visit_types")
    name = models.CharField(max_length=100)
    duration_minutes = models.PositiveSmallIntegerField(validators=[MinValueValidator(5), MaxValueValidator(480)])
    buffer_minutes = models.PositiveSmallIntegerField(default=0, validators=[MaxValueValidator(240)])
    fee = models.DecimalField(
        max_digits=FEE_MAX_DIGITS, decimal_places=FEE_DECIMAL_PLACES, validators=[MinValueValidator(0)]
    )
    active = models.BooleanField(default=True, help_text="Inactive types are kept for history but cannot be booked.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["doctor", "duration_minutes", "name", "id"]
        constraints = [
            models.UniqueConstraint("doctor", Lower("name"), name="doctors_visittype_name_per_doctor_ci_unique"),
            models.CheckConstraint(
                condition=models.Q(duration_minutes__gte=5, duration_minutes__lte=480),
                name="doctors_visittype_duration_range",
            ),
            models.CheckConstraint(condition=models.Q(buffer_minutes__lte=240), name="doctors_visittype_buffer_range"),
            models.CheckConstraint(condition=models.Q(fee__gte=0), name="doctors_visittype_fee_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.duration_minutes} min)"
