from rest_framework import serializers

from privacy.models import ErasureRequest


def _counts(help_text: str):
    return serializers.DictField(child=serializers.IntegerField(), required=False, help_text=help_text)


class ErasureSummarySerializer(serializers.Serializer):
    """What an executed erasure did (``privacy/services.py: erasure_execute``); empty before."""

    anonymised = _counts("What was anonymised: account, profile.")
    kept = _counts("What is kept (anonymised) for the clinic's records: appointments, medical records.")
    cancelled_upcoming_appointments = serializers.IntegerField(required=False)
    deleted = _counts("What was deleted, by kind: messages, refresh tokens, login records …")


class ErasureRequestSerializer(serializers.ModelSerializer):
    patient_name = serializers.SerializerMethodField()
    summary = ErasureSummarySerializer(read_only=True)

    class Meta:
        model = ErasureRequest
        fields = ["id", "patient", "patient_name", "status", "requested_at", "executed_at", "summary"]
        read_only_fields = fields

    def get_patient_name(self, request) -> str:
        return request.patient.full_name
