from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.validators import UnicodeUsernameValidator
from phonenumber_field.serializerfields import PhoneNumberField
from rest_framework import serializers
from rest_framework_simplejwt.serializers import TokenObtainSerializer, TokenRefreshSerializer

from accounts.models import Role
from accounts.services import login_tokens, session_refresh
from patients.validators import validate_date_of_birth

User = get_user_model()


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
    role = serializers.CharField(source="user.effective_role")
    patient_id = serializers.IntegerField(source="id")


class PatientProfileSerializer(serializers.Serializer):
    """The caller's own patient profile, as /api/me/ shows it."""

    id = serializers.IntegerField()
    phone = serializers.CharField()
    insurance_number = serializers.CharField()
    date_of_birth = serializers.DateField()
    notify_email = serializers.BooleanField()
    notify_sms = serializers.BooleanField()
    language = serializers.CharField()
    created_at = serializers.DateTimeField()


class MeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    email = serializers.EmailField()
    email_verified = serializers.SerializerMethodField()
    first_name = serializers.CharField()
    last_name = serializers.CharField()
    role = serializers.CharField(source="effective_role")
    patient = serializers.SerializerMethodField()
    doctor = serializers.SerializerMethodField()

    def get_email_verified(self, user) -> bool:
        return user.email_verified_at is not None

    def get_patient(self, user) -> dict | None:
        patient = getattr(user, "patient", None)
        return PatientProfileSerializer(patient).data if patient else None

    def get_doctor(self, user) -> dict | None:
        from doctors.api.serializers import DoctorSerializer

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


class UserSerializer(serializers.ModelSerializer):
    role = serializers.CharField(source="effective_role", read_only=True)
    patient_id = serializers.SerializerMethodField()
    doctor_id = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = [
            "id",
            "username",
            "email",
            "first_name",
            "last_name",
            "role",
            "is_active",
            "is_staff",
            "date_joined",
            "last_login",
            "patient_id",
            "doctor_id",
        ]
        read_only_fields = fields

    def get_patient_id(self, user) -> int | None:
        patient = getattr(user, "patient", None)
        return patient.pk if patient else None

    def get_doctor_id(self, user) -> int | None:
        doctor = getattr(user, "doctor", None)
        return doctor.pk if doctor else None


class UserUpdateSerializer(serializers.Serializer):
    role = serializers.ChoiceField(choices=Role.choices, required=False)
    is_active = serializers.BooleanField(required=False)


class PasswordResetRequestSerializer(serializers.Serializer):
    email = serializers.EmailField(max_length=254)


class PasswordResetConfirmSerializer(serializers.Serializer):
    uid = serializers.CharField(max_length=64)
    token = serializers.CharField(max_length=128)
    new_password = serializers.CharField(write_only=True, max_length=128, style={"input_type": "password"})


class PasswordChangeSerializer(serializers.Serializer):
    old_password = serializers.CharField(write_only=True, max_length=128, style={"input_type": "password"})
    new_password = serializers.CharField(write_only=True, max_length=128, style={"input_type": "password"})


class EmailVerificationConfirmSerializer(serializers.Serializer):
    uid = serializers.CharField(max_length=64)
    token = serializers.CharField(max_length=128)


class DetailSerializer(serializers.Serializer):
    detail = serializers.CharField()


class PasswordChangedSerializer(DetailSerializer):
    access = serializers.CharField(help_text="A fresh access token for this session.")
    refresh = serializers.CharField(help_text="A fresh refresh token; every older one stopped working.")


class SingleUseTokenRefreshSerializer(TokenRefreshSerializer):
    """``{refresh}`` → a new ``{access, refresh}``; the old refresh token works once only."""

    def validate(self, attrs):
        return session_refresh(refresh=self.token_class(attrs["refresh"]))


class LoginSerializer(TokenObtainSerializer):
    """``{username, password, otp?}``: ``otp`` is the authenticator (or a recovery) code, for
    accounts with two-factor authentication on."""

    otp = serializers.CharField(required=False, allow_blank=True, write_only=True, max_length=32, default="")
    access = serializers.CharField(read_only=True)
    refresh = serializers.CharField(read_only=True)

    def validate(self, attrs):
        super().validate(attrs)  # checks the password (django-axes first); sets self.user
        return login_tokens(user=self.user, code=attrs["otp"])


class OtpSerializer(serializers.Serializer):
    otp = serializers.CharField(max_length=32)


class MfaStatusSerializer(serializers.Serializer):
    enabled = serializers.BooleanField()
    required = serializers.BooleanField()
    recovery_codes_left = serializers.IntegerField()


class MfaSetupSerializer(serializers.Serializer):
    secret = serializers.CharField()
    otpauth_uri = serializers.CharField()
    qr_svg = serializers.CharField()


class RecoveryCodesSerializer(serializers.Serializer):
    recovery_codes = serializers.ListField(child=serializers.CharField())


class MfaConfirmedSerializer(RecoveryCodesSerializer):
    access = serializers.CharField()
    refresh = serializers.CharField()


class TokenPairSerializer(serializers.Serializer):
    access = serializers.CharField()
    refresh = serializers.CharField()
