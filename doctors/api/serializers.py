from rest_framework import serializers

from doctors.models import Doctor


class DoctorUserSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    username = serializers.CharField(read_only=True)
    first_name = serializers.CharField(read_only=True)
    last_name = serializers.CharField(read_only=True)


class DoctorSerializer(serializers.ModelSerializer):
    """A doctor as the public sees them. ``next_available`` is filled in by the list view."""

    user = DoctorUserSerializer(read_only=True)
    full_name = serializers.CharField(read_only=True)
    specialization = serializers.CharField(source="specialty.name", read_only=True)
    next_available = serializers.SerializerMethodField()

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
