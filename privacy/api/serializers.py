from rest_framework import serializers

from privacy.models import ErasureRequest


class ErasureRequestSerializer(serializers.ModelSerializer):
    patient_name = serializers.SerializerMethodField()

    class Meta:
        model = ErasureRequest
        fields = ["id", "patient", "patient_name", "status", "requested_at", "executed_at", "summary"]
        read_only_fields = fields

    def get_patient_name(self, request) -> str:
        return request.patient.full_name
