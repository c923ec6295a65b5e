from rest_framework import serializers

from appointments.api.serializers import AppointmentSerializer
from patients.api.serializers import PatientSerializer
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


class AccessLogSerializer(serializers.ModelSerializer):
    class Meta:
        model = AccessLog
        fields = ["id", "timestamp", "user", "username", "action", "model_name", "object_id", "patient", "ip_address"]
        read_only_fields = fields


# What a doctor sees of the patient's visits with other doctors (minimum necessary).
OTHER_DOCTORS_FIELDS = (
    "id",
    "doctor",
    "doctor_name",
    "doctor_timezone",
    "specialization",
    "appointment_time",
    "end_time",
)


class HistoryAppointmentSerializer(AppointmentSerializer):
    """A visit in a patient's history. A doctor sees the patient's visits with other doctors as
    date, doctor and specialty only (minimum necessary): no reason, status or cancellation note."""

    class Meta(AppointmentSerializer.Meta):
        # Only these are in every item; the schema must not promise the rest.
        swagger_schema_fields = {"required": list(OTHER_DOCTORS_FIELDS)}

    def to_representation(self, appointment):
        data = super().to_representation(appointment)
        viewer = self.context["request"].user
        if viewer.is_doctor and appointment.doctor.user_id != viewer.pk:
            return {key: data[key] for key in OTHER_DOCTORS_FIELDS}
        return data


class PatientHistorySerializer(serializers.Serializer):
    patient = PatientSerializer()
    appointments = HistoryAppointmentSerializer(many=True)
    medical_records = MedicalRecordSerializer(many=True)
