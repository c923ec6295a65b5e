from django.contrib.auth.validators import UnicodeUsernameValidator
from phonenumber_field.serializerfields import PhoneNumberField
from rest_framework import serializers

from doctors.models import (
    FEE_DECIMAL_PLACES,
    FEE_MAX_DIGITS,
    Doctor,
    LeaveDay,
    Specialty,
    VisitType,
    WorkingHours,
    validate_timezone,
)
from healthcare_system.dates import validate_supported_date

# Responses show times of day as HH:MM; requests may also send seconds.
TIME_FORMAT = "%H:%M"
TIME_INPUT_FORMATS = ["%H:%M", "%H:%M:%S"]


class DoctorUserSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    username = serializers.CharField(read_only=True)
    first_name = serializers.CharField(read_only=True)
    last_name = serializers.CharField(read_only=True)


class DoctorSerializer(serializers.ModelSerializer):
    """A doctor as the public sees them. ``next_available`` is filled in by the views
    (``appointments.availability.doctors_set_next_available``); without it, null."""

    user = DoctorUserSerializer(read_only=True)
    full_name = serializers.CharField(read_only=True)
    specialization = serializers.CharField(source="specialty.name", read_only=True)
    next_available = serializers.SerializerMethodField(
        help_text="Start of the first free slot, ISO 8601 in the doctor's zone with offset; null if none."
    )

    class Meta:
        model = Doctor
        fields = [
            "id",
            "user",
            "full_name",
            "specialization",
            "clinic_name",
            "city",
            "address",
            "bio",
            "consultation_fee",
            "slot_minutes",
            "timezone",
            "is_active",
            "next_available",
        ]
        read_only_fields = fields

    def get_next_available(self, doctor) -> str | None:
        value = getattr(doctor, "next_available", None)
        return value.isoformat() if value else None


class SpecialtySerializer(serializers.ModelSerializer):
    class Meta:
        model = Specialty
        fields = ["id", "name"]
        read_only_fields = fields


# --- Doctor commands -----------------------------------------------------------------------------


class DoctorAccountInputSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150, validators=[UnicodeUsernameValidator()])
    email = serializers.EmailField(max_length=254)
    password = serializers.CharField(write_only=True, max_length=128, style={"input_type": "password"})
    first_name = serializers.CharField(max_length=150)
    last_name = serializers.CharField(max_length=150)


class DoctorProfileInputSerializer(serializers.Serializer):
    """Profile fields, for create and for PUT/PATCH (the doctor or an admin)."""

    specialization = serializers.CharField(max_length=100, help_text="A specialty name; created if new.")
    clinic_name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    city = serializers.CharField(max_length=100, required=False, allow_blank=True)
    address = serializers.CharField(max_length=300, required=False, allow_blank=True)
    bio = serializers.CharField(required=False, allow_blank=True)
    phone = PhoneNumberField(required=False, allow_blank=True)
    consultation_fee = serializers.DecimalField(
        max_digits=FEE_MAX_DIGITS, decimal_places=FEE_DECIMAL_PLACES, min_value=0, required=False
    )
    slot_minutes = serializers.IntegerField(
        min_value=5, max_value=240, required=False, help_text="Defaults to the clinic's default_slot_minutes."
    )
    timezone = serializers.CharField(
        max_length=64, required=False, validators=[validate_timezone], help_text="IANA name, e.g. Europe/Berlin."
    )


class DoctorCreateInputSerializer(DoctorProfileInputSerializer):
    user = DoctorAccountInputSerializer()


# --- Working hours and leave --------------------------------------------------------------------


class WorkingHoursSerializer(serializers.ModelSerializer):
    doctor = serializers.PrimaryKeyRelatedField(
        queryset=Doctor.objects.all(),
        required=False,
        help_text="The doctor's profile id. A doctor may omit it (their own); an admin must send it.",
    )
    weekday = serializers.IntegerField(min_value=0, max_value=6, help_text="0 = Monday .. 6 = Sunday")
    start_time = serializers.TimeField(format=TIME_FORMAT, input_formats=TIME_INPUT_FORMATS)
    end_time = serializers.TimeField(format=TIME_FORMAT, input_formats=TIME_INPUT_FORMATS)

    class Meta:
        model = WorkingHours
        fields = ["id", "doctor", "weekday", "start_time", "end_time"]
        read_only_fields = ["id"]


class LeaveDaySerializer(serializers.ModelSerializer):
    doctor = serializers.PrimaryKeyRelatedField(
        queryset=Doctor.objects.all(),
        required=False,
        help_text="The doctor's profile id. A doctor may omit it (their own); an admin must send it.",
    )
    reason = serializers.CharField(max_length=200, required=False, allow_blank=True)
    conflicting_appointments = serializers.SerializerMethodField(
        help_text="Ids of the doctor's pending or confirmed appointments on these days (left as they are)."
    )

    class Meta:
        model = LeaveDay
        fields = ["id", "doctor", "start_date", "end_date", "reason", "conflicting_appointments"]
        read_only_fields = ["id", "conflicting_appointments"]
        extra_kwargs = {
            "start_date": {"validators": [validate_supported_date]},
            "end_date": {"validators": [validate_supported_date]},
        }

    def get_conflicting_appointments(self, leave) -> list[int]:
        return self.context.get("conflicts", {}).get(leave.pk, [])


class VisitTypeSerializer(serializers.ModelSerializer):
    doctor = serializers.PrimaryKeyRelatedField(
        queryset=Doctor.objects.all(),
        required=False,
        help_text="The doctor's profile id. A doctor may omit it (their own); an admin must send it.",
    )
    name = serializers.CharField(max_length=100)
    duration_minutes = serializers.IntegerField(min_value=5, max_value=480, help_text="Length of the visit.")
    buffer_minutes = serializers.IntegerField(
        min_value=0, max_value=240, required=False, help_text="Set-up time after the visit, busy for the next one."
    )
    fee = serializers.DecimalField(max_digits=FEE_MAX_DIGITS, decimal_places=FEE_DECIMAL_PLACES, min_value=0)
    active = serializers.BooleanField(required=False, help_text="Inactive types cannot be booked.")

    class Meta:
        model = VisitType
        fields = ["id", "doctor", "name", "duration_minutes", "buffer_minutes", "fee", "active"]
        read_only_fields = ["id"]


class SlotSerializer(serializers.Serializer):
    start = serializers.DateTimeField(help_text="ISO 8601 in the doctor's zone, with offset.")
    end = serializers.DateTimeField()

    def to_representation(self, slot):
        # Keep the doctor's offset (DRF would convert to the server's zone).
        return {"start": slot.start.isoformat(), "end": slot.end.isoformat()}


class SlotQuerySerializer(serializers.Serializer):
    MAX_DAYS = 31

    start = serializers.DateField(help_text="First date (YYYY-MM-DD, in the doctor's zone), included.")
    end = serializers.DateField(help_text="Last date (YYYY-MM-DD, in the doctor's zone), included.")
    visit_type = serializers.IntegerField(
        required=False, help_text="A visit type of this doctor: slots for its length and buffer."
    )

    def validate(self, attrs):
        if attrs["end"] < attrs["start"]:
            raise serializers.ValidationError({"end": ["end cannot be before start."]})
        days = (attrs["end"] - attrs["start"]).days + 1
        if days > self.MAX_DAYS:
            raise serializers.ValidationError(
                {"end": [f"The range can cover at most {self.MAX_DAYS} days (start and end counted); got {days}."]}
            )
        return attrs
