"""Registration and /api/me/: a user together with their patient or doctor profile."""

from django.conf import settings
from django.contrib.auth.validators import UnicodeUsernameValidator
from drf_yasg.utils import swagger_serializer_method
from phonenumber_field.serializerfields import PhoneNumberField
from rest_framework import serializers

from accounts.models import Role
from doctors.api.serializers import DoctorSerializer
from patients.validators import validate_date_of_birth


class RegistrationSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150, validators=[UnicodeUsernameValidator()])
    email = serializers.EmailField(max_length=254)
    password = serializers.CharField(write_only=True, style={"input_type": "password"}, max_length=128)
    first_name = serializers.CharField(max_length=150)
    last_name = serializers.CharField(max_length=150)
    phone = PhoneNumberField()
    insurance_number = serializers.CharField(max_length=64, required=False, allow_blank=True, default="")
    date_of_birth = serializers.DateField(
        required=False, allow_null=True, default=None, validators=[validate_date_of_birth]
    )


class RegistrationResultSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="user.id")
    username = serializers.CharField(source="user.username")
    email = serializers.EmailField(source="user.email")
    first_name = serializers.CharField(source="user.first_name")
    last_name = serializers.CharField(source="user.last_name")
    role = serializers.ChoiceField(source="user.effective_role", choices=Role.choices)
    patient_id = serializers.IntegerField(source="id")


class PatientProfileSerializer(serializers.Serializer):
    """The caller's own patient profile, as /api/me/ shows it."""

    id = serializers.IntegerField()
    # Both may be empty: the model allows it (an admin-created patient, a cleared field).
    phone = serializers.CharField(allow_blank=True)
    insurance_number = serializers.CharField(allow_blank=True)
    date_of_birth = serializers.DateField(allow_null=True)
    notify_email = serializers.BooleanField()
    notify_sms = serializers.BooleanField()
    language = serializers.ChoiceField(choices=settings.LANGUAGES)
    created_at = serializers.DateTimeField()


class MeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    email = serializers.EmailField()
    email_verified = serializers.SerializerMethodField()
    # Accounts made by createsuperuser or the admin may have no names.
    first_name = serializers.CharField(allow_blank=True)
    last_name = serializers.CharField(allow_blank=True)
    role = serializers.ChoiceField(source="effective_role", choices=Role.choices)
    patient = serializers.SerializerMethodField()
    doctor = serializers.SerializerMethodField()

    def get_email_verified(self, user) -> bool:
        return user.email_verified_at is not None

    @swagger_serializer_method(serializer_or_field=PatientProfileSerializer(allow_null=True))
    def get_patient(self, user) -> dict | None:
        patient = getattr(user, "patient", None)
        return PatientProfileSerializer(patient).data if patient else None

    @swagger_serializer_method(serializer_or_field=DoctorSerializer(allow_null=True))
    def get_doctor(self, user) -> dict | None:
        doctor = getattr(user, "doctor", None)
        return DoctorSerializer(doctor, context=self.context).data if doctor else None


class MeUpdateSerializer(serializers.Serializer):
    first_name = serializers.CharField(max_length=150, required=False)
    last_name = serializers.CharField(max_length=150, required=False)
    email = serializers.EmailField(max_length=254, required=False)
    phone = PhoneNumberField(required=False, allow_blank=True)
    insurance_number = serializers.CharField(max_length=64, required=False, allow_blank=True)
    date_of_birth = serializers.DateField(required=False, allow_null=True, validators=[validate_date_of_birth])
    notify_email = serializers.BooleanField(required=False)
    notify_sms = serializers.BooleanField(required=False)
    language = serializers.ChoiceField(choices=settings.LANGUAGES, required=False, help_text="Messages' language.")
