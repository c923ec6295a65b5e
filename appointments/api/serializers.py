from django.utils.dateparse import parse_datetime
from rest_framework import serializers

from appointments.models import (
    REMINDER_CHANNELS,
    REMINDER_MAX_ENTRIES,
    REMINDER_MAX_HOURS,
    Appointment,
    ClinicSettings,
)
from appointments.selectors import doctors_to_book
from healthcare_system.dates import EARLIEST, LATEST, OUT_OF_RANGE
from patients.models import Patient


class AwareDateTimeField(serializers.DateTimeField):
    """An ISO 8601 datetime that must carry its UTC offset: a naive one is a 400, never guessed."""

    default_error_messages = {
        "naive": "Include a UTC offset, e.g. 2027-03-01T09:30:00+01:00 or 2027-03-01T08:30:00Z.",
        "out_of_range": OUT_OF_RANGE,
    }

    def to_internal_value(self, value):
        try:
            parsed = parse_datetime(value) if isinstance(value, str) else None
        except ValueError:
            # Well-formed but impossible ("12:99", "02-30"): DRF's own parse below reports it as invalid.
            parsed = None
        if parsed is not None and parsed.tzinfo is None:
            self.fail("naive")
        value = super().to_internal_value(value)
        # Checked on the date as sent, before any zone conversion can overflow near year 1 or 9999.
        if not EARLIEST <= value.date() <= LATEST:
            self.fail("out_of_range")
        return value

    def enforce_timezone(self, value):
        return value  # keep the offset the client sent; comparisons are by instant


class AppointmentSerializer(serializers.ModelSerializer):
    """An appointment as every role sees it. Times are shown in the doctor's time zone."""

    patient_name = serializers.CharField(source="patient.full_name", read_only=True)
    doctor_name = serializers.CharField(source="doctor.full_name", read_only=True)
    doctor_timezone = serializers.CharField(source="doctor.timezone", read_only=True)
    specialization = serializers.CharField(source="doctor.specialty.name", read_only=True)
    appointment_time = serializers.SerializerMethodField()
    end_time = serializers.SerializerMethodField()
    visit_type_name = serializers.CharField(source="visit_type.name", read_only=True, default=None, allow_null=True)

    class Meta:
        model = Appointment
        fields = [
            "id",
            "patient",
            "patient_name",
            "doctor",
            "doctor_name",
            "doctor_timezone",
            "specialization",
            "appointment_time",
            "end_time",
            "visit_type",
            "visit_type_name",
            "buffer_minutes",
            "status",
            "reason",
            "fee",
            "checked_in_at",
            "created_at",
            "updated_at",
            "cancelled_at",
            "cancellation_reason",
            "series",
            "patient_confirmed_at",
        ]
        read_only_fields = fields

    def get_appointment_time(self, appointment) -> str:
        return appointment.start.astimezone(appointment.doctor.tzinfo).isoformat()

    def get_end_time(self, appointment) -> str:
        return appointment.end.astimezone(appointment.doctor.tzinfo).isoformat()


class BookingSerializer(serializers.Serializer):
    doctor = serializers.PrimaryKeyRelatedField(queryset=doctors_to_book())
    appointment_time = AwareDateTimeField()
    reason = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")
    patient = serializers.PrimaryKeyRelatedField(
        queryset=Patient.objects.select_related("user"),
        required=False,
        help_text="The front desk and admins: the patient to book for (required). Ignored when a patient books.",
    )
    visit_type = serializers.IntegerField(
        required=False,
        allow_null=True,
        help_text="A visit type of the doctor: its length, buffer and fee. Omitted: a plain slot.",
    )


class RescheduleSerializer(serializers.Serializer):
    appointment_time = AwareDateTimeField()
    visit_type = serializers.IntegerField(
        required=False,
        allow_null=True,
        help_text="Change the visit type too (null: a plain slot). Omitted: the type stays.",
    )
    reason = serializers.CharField(
        required=False, allow_blank=True, max_length=2000, default="", help_text="Why, told to the patient."
    )


class CancelSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(allow_blank=True, max_length=2000, required=False)


class ReminderLeadSerializer(serializers.Serializer):
    channel = serializers.ChoiceField(choices=REMINDER_CHANNELS)
    hours_before = serializers.IntegerField(min_value=1, max_value=REMINDER_MAX_HOURS)


class ClinicSettingsSerializer(serializers.ModelSerializer):
    reminder_schedule = serializers.ListField(
        child=ReminderLeadSerializer(),
        required=False,
        max_length=REMINDER_MAX_ENTRIES,
        help_text="Reminders per channel and lead time; empty: one per channel at reminder_hours_before.",
    )

    def validate_reminder_schedule(self, value):
        # A PATCH makes nested fields optional; a reminder needs both.
        if any(set(entry) != {"channel", "hours_before"} for entry in value):
            raise serializers.ValidationError("Each reminder needs a channel and hours_before.")
        pairs = [(entry["channel"], entry["hours_before"]) for entry in value]
        if len(set(pairs)) != len(pairs):
            raise serializers.ValidationError("Each channel and lead time may be listed once.")
        return [{"channel": channel, "hours_before": hours} for channel, hours in pairs]

    class Meta:
        model = ClinicSettings
        fields = [
            "clinic_name",
            "currency",
            "auto_confirm",
            "reminder_hours_before",
            "reminder_schedule",
            "booking_window_days",
            "min_notice_hours",
            "cancellation_cutoff_hours",
            "default_slot_minutes",
            "staff_mfa_required",
            "waitlist_hold_minutes",
        ]
