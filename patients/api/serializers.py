from collections.abc import Mapping

from django.contrib.auth.validators import UnicodeUsernameValidator
from phonenumber_field.serializerfields import PhoneNumberField
from rest_framework import serializers

from patients.models import Patient
from patients.validators import validate_date_of_birth


class PatientUserSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    username = serializers.CharField(read_only=True)
    email = serializers.EmailField(read_only=True)
    first_name = serializers.CharField(read_only=True)
    last_name = serializers.CharField(read_only=True)


class PatientSerializer(serializers.ModelSerializer):
    """A patient profile; ``id`` is the profile id, ``user.id`` the account's."""

    user = PatientUserSerializer(read_only=True)
    phone = serializers.CharField(read_only=True)
    is_active = serializers.BooleanField(source="user.is_active", read_only=True)

    class Meta:
        model = Patient
        fields = ["id", "user", "phone", "insurance_number", "date_of_birth", "created_at", "is_active"]
        read_only_fields = fields


class PatientUserCreateSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150, validators=[UnicodeUsernameValidator()])
    email = serializers.EmailField(max_length=254)
    password = serializers.CharField(
        write_only=True,
        required=False,
        allow_blank=True,
        max_length=128,
        style={"input_type": "password"},
        help_text="Optional: without one the account cannot log in until a password is set.",
    )
    first_name = serializers.CharField(max_length=150)
    last_name = serializers.CharField(max_length=150)


class PatientCreateSerializer(serializers.Serializer):
    """Admin or the front desk registers a patient: the account (role patient) and the profile."""

    user = PatientUserCreateSerializer()
    phone = PhoneNumberField(required=False, allow_blank=True, default="")
    insurance_number = serializers.CharField(max_length=64, required=False, allow_blank=True, default="")
    date_of_birth = serializers.DateField(
        required=False, allow_null=True, default=None, validators=[validate_date_of_birth]
    )

    def flat(self) -> dict:
        data = dict(self.validated_data)
        return {**data.pop("user"), **data}


class PatientUserUpdateSerializer(serializers.Serializer):
    email = serializers.EmailField(max_length=254, required=False)
    first_name = serializers.CharField(max_length=150, required=False)
    last_name = serializers.CharField(max_length=150, required=False)


class PatientUpdateSerializer(serializers.Serializer):
    """What the patient (or admin) may change. ``role``, ``is_active``, ids … are ignored."""

    user = PatientUserUpdateSerializer(required=False)
    phone = PhoneNumberField(required=False, allow_blank=True)
    insurance_number = serializers.CharField(max_length=64, required=False, allow_blank=True)
    date_of_birth = serializers.DateField(required=False, allow_null=True, validators=[validate_date_of_birth])

    def to_internal_value(self, data):
        # ``user`` as an id (``"user": 7``) is an attempt to re-target the profile: a
        # read-only field, so ignored like the contract says, not a 400.
        if isinstance(data, Mapping) and "user" in data and not isinstance(data["user"], Mapping):
            data = {k: v for k, v in data.items() if k != "user"}
        return super().to_internal_value(data)

    def flat(self) -> dict:
        data = dict(self.validated_data)
        return {**data.pop("user", {}), **data}
