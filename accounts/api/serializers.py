from django.contrib.auth import get_user_model
from rest_framework import serializers
from rest_framework_simplejwt.serializers import TokenObtainSerializer, TokenRefreshSerializer

from accounts.models import Role
from accounts.services import login_tokens, session_refresh

User = get_user_model()


class UserSerializer(serializers.ModelSerializer):
    role = serializers.ChoiceField(source="effective_role", choices=Role.choices, read_only=True)
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


class RefreshTokenSerializer(serializers.Serializer):
    refresh = serializers.CharField()


class TokenPairSerializer(serializers.Serializer):
    access = serializers.CharField()
    refresh = serializers.CharField()
