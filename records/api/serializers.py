from rest_framework import serializers

from records.models import AccessLog, MedicalRecord


class MedicalRecordSerializer(serializers.ModelSerializer):
    """A record as the API shows it. ``patient``, ``doctor`` and ``appointment`` are ids."""

    patient_name = serializers.CharField(source="patient.full_name", read_only=True)
    doctor_name = serializers.CharField(source="doctor.full_name", read_only=True)

    class Meta:
        model = MedicalRecord
        fields = [
            "id",
            "patient",
            "patient_name",
            "appointment",
            "doctor",
            "doctor_name",
            "notes",
            "diagnosis",
            "prescription",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


def _text(max_length: int):
    return serializers.CharField(required=False, allow_blank=True, max_length=max_length, trim_whitespace=False)


class MedicalRecordUpdateSerializer(serializers.Serializer):
    """What the author may change. ``appointment``, ``patient`` and ``doctor`` are ignored if sent."""

    notes = _text(20000)
    diagnosis = _text(5000)
    prescription = _text(5000)


class MedicalRecordCreateSerializer(MedicalRecordUpdateSerializer):
    """``appointment`` must be one of the caller's own appointments; the patient comes from it."""

    appointment = serializers.PrimaryKeyRelatedField(queryset=MedicalRecord.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from appointments.models import Appointment

        request = self.context.get("request")
        # Another doctor's appointment reads as "does not exist": no hint that it does.
        self.fields["appointment"].queryset = (
            Appointment.objects.filter(doctor__user=request.user) if request else Appointment.objects.none()
        )

    def validate(self, attrs):
        if not any(attrs.get(name, "").strip() for name in ("notes", "diagnosis", "prescription")):
            raise serializers.ValidationError("A record needs notes, a diagnosis or a prescription.")
        return attrs


class AccessLogSerializer(serializers.ModelSerializer):
    class Meta:
        model = AccessLog
        fields = ["id", "timestamp", "user", "username", "action", "model_name", "object_id", "patient", "ip_address"]
        read_only_fields = fields
