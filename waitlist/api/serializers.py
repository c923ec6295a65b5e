from drf_yasg.utils import swagger_serializer_method
from rest_framework import serializers

from doctors.api.serializers import TIME_FORMAT, TIME_INPUT_FORMATS
from doctors.models import Doctor
from healthcare_system.dates import validate_supported_date
from patients.models import Patient
from waitlist.models import WaitlistEntry, WaitlistStatus


class OfferSerializer(serializers.Serializer):
    appointment_time = serializers.DateTimeField(help_text="Start of the held slot, in the doctor's zone.")
    end_time = serializers.DateTimeField()
    expires_at = serializers.DateTimeField(help_text="The hold ends then unless accepted.")


class WaitlistEntrySerializer(serializers.ModelSerializer):
    """A waitlist entry; dates and times are in the doctor's zone."""

    patient_name = serializers.CharField(source="patient.full_name", read_only=True)
    doctor_name = serializers.CharField(source="doctor.full_name", read_only=True)
    doctor_timezone = serializers.CharField(source="doctor.timezone", read_only=True)
    time_from = serializers.TimeField(format=TIME_FORMAT, read_only=True, allow_null=True)  # null: any time
    time_to = serializers.TimeField(format=TIME_FORMAT, read_only=True, allow_null=True)
    visit_type_name = serializers.CharField(source="visit_type.name", read_only=True, default=None, allow_null=True)
    offer = serializers.SerializerMethodField()

    class Meta:
        model = WaitlistEntry
        fields = [
            "id",
            "patient",
            "patient_name",
            "doctor",
            "doctor_name",
            "doctor_timezone",
            "date_from",
            "date_to",
            "time_from",
            "time_to",
            "visit_type",
            "visit_type_name",
            "status",
            "offer",
            "created_at",
        ]
        read_only_fields = fields

    @swagger_serializer_method(serializer_or_field=OfferSerializer(allow_null=True))
    def get_offer(self, entry):
        if entry.status != WaitlistStatus.OFFERED or entry.hold is None:
            return None
        tz, hold = entry.doctor.tzinfo, entry.hold
        return {
            "appointment_time": hold.start.astimezone(tz).isoformat(),
            "end_time": hold.end.astimezone(tz).isoformat(),
            "expires_at": hold.hold_expires_at.astimezone(tz).isoformat(),
        }


class WaitlistJoinSerializer(serializers.Serializer):
    doctor = serializers.PrimaryKeyRelatedField(queryset=Doctor.objects.select_related("user"))
    date_from = serializers.DateField(validators=[validate_supported_date], help_text="First acceptable date.")
    date_to = serializers.DateField(validators=[validate_supported_date], help_text="Last acceptable date.")
    time_from = serializers.TimeField(
        required=False, allow_null=True, input_formats=TIME_INPUT_FORMATS, help_text="Earliest acceptable start."
    )
    time_to = serializers.TimeField(
        required=False,
        allow_null=True,
        input_formats=TIME_INPUT_FORMATS,
        help_text="Acceptable starts are before this time.",
    )
    visit_type = serializers.IntegerField(
        required=False,
        allow_null=True,
        help_text="An active visit type of the doctor: only a free time its length and buffer fit is offered. "
        "Omitted: a plain slot.",
    )
    patient = serializers.PrimaryKeyRelatedField(
        queryset=Patient.objects.select_related("user"),
        required=False,
        help_text="The front desk and admins: the patient who waits (required). Ignored when a patient joins.",
    )
