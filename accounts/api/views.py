from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_login_failed
from drf_yasg import openapi
from drf_yasg.utils import no_body, swagger_auto_schema
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView
from rest_framework_simplejwt import views as jwt_views

from accounts import mfa, selectors, services
from accounts.models import Role
from accounts.permissions import IsAdmin

from . import serializers

User = get_user_model()


def public_base_url(request) -> str:
    """Where emailed links point: ``PUBLIC_URL``, else the (ALLOWED_HOSTS-checked) address asked."""
    return settings.PUBLIC_URL or request.build_absolute_uri("/")


OTP_REQUIRED = (
    "Two-factor authentication is on for this account: enter the code from your authenticator app (or a recovery code)."
)
OTP_INVALID = "This code is not valid. Enter the current code from your authenticator app, or an unused recovery code."


class LockedOut(exceptions.APIException):
    status_code = status.HTTP_429_TOO_MANY_REQUESTS
    default_detail = "Too many failed login attempts. Try again later."
    default_code = "locked_out"


class TokenObtainView(jwt_views.TokenObtainPairView):
    """Log in with username or email and password; answers an access and a refresh token.

    Accounts with two-factor authentication on also send ``otp``: without it the answer is
    401 with code ``otp_required``; a wrong code is 401 ``otp_invalid`` and counts as a
    failed login for the lockout.
    """

    throttle_scope = "login"
    serializer_class = serializers.LoginSerializer

    @swagger_auto_schema(responses={200: serializers.TokenPairSerializer})
    def post(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        try:
            serializer.is_valid(raise_exception=True)
        except exceptions.AuthenticationFailed:
            # django-axes refused the attempt before checking the password.
            if getattr(request, "axes_locked_out", False):
                raise LockedOut() from None
            raise
        except services.SecondFactorNeeded:
            return Response({"detail": OTP_REQUIRED, "code": "otp_required"}, status=status.HTTP_401_UNAUTHORIZED)
        except services.SecondFactorWrong:
            user_login_failed.send(
                sender=__name__, credentials={"username": request.data.get("username")}, request=request
            )
            if getattr(request, "axes_locked_out", False):
                raise LockedOut() from None
            return Response({"detail": OTP_INVALID, "code": "otp_invalid"}, status=status.HTTP_401_UNAUTHORIZED)
        # A token login is a login: this updates last_login and lets django-axes
        # forget the earlier failures, as it does for the admin's login form.
        user_logged_in.send(sender=serializer.user.__class__, request=request, user=serializer.user)
        return Response(serializer.validated_data, status=status.HTTP_200_OK)


class TokenRefreshView(jwt_views.TokenRefreshView):
    """Trade a refresh token for a new access token and a new refresh token (the old one dies)."""

    # Not the login's scope: the SPA refreshes on every page load, and a clinic's desks share
    # one address, so 10 a minute logged staff out. A refresh token is single-use and cannot
    # be guessed; this limit only stops floods.
    throttle_scope = "token_refresh"
    serializer_class = serializers.SingleUseTokenRefreshSerializer

    @swagger_auto_schema(
        request_body=serializers.RefreshTokenSerializer, responses={200: serializers.TokenPairSerializer}
    )
    def post(self, request, *args, **kwargs):
        return super().post(request, *args, **kwargs)


class TokenBlacklistView(jwt_views.TokenBlacklistView):
    """Log out: the refresh token stops working."""

    @swagger_auto_schema(
        request_body=serializers.RefreshTokenSerializer,
        responses={200: openapi.Response("Logged out.", openapi.Schema(type=openapi.TYPE_OBJECT, properties={}))},
    )
    def post(self, request, *args, **kwargs):
        return super().post(request, *args, **kwargs)


RESET_SENT = "If an account uses this address, we have sent it a link to choose a new password."


class PasswordResetView(APIView):
    """Ask for a password reset link by email. The answer is the same whether or not the address is known."""

    permission_classes = [AllowAny]
    authentication_classes = []
    throttle_scope = "password_reset"

    @swagger_auto_schema(
        request_body=serializers.PasswordResetRequestSerializer, responses={200: serializers.DetailSerializer}
    )
    def post(self, request):
        data = serializers.PasswordResetRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.password_reset_request(email=data.validated_data["email"], base_url=public_base_url(request))
        return Response({"detail": RESET_SENT})


class PasswordResetConfirmView(APIView):
    """Set a new password with the ``uid`` and ``token`` of a reset link; every session of the account ends."""

    permission_classes = [AllowAny]
    authentication_classes = []
    throttle_scope = "password_reset"

    @swagger_auto_schema(
        request_body=serializers.PasswordResetConfirmSerializer, responses={200: serializers.DetailSerializer}
    )
    def post(self, request):
        data = serializers.PasswordResetConfirmSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.password_reset_confirm(**data.validated_data)
        return Response({"detail": "Your password has been changed. Log in with the new one."})


class PasswordChangeView(APIView):
    """Change your own password (the current one required). Other sessions end; this one gets new tokens."""

    permission_classes = [IsAuthenticated]
    throttle_scope = "login"

    @swagger_auto_schema(
        request_body=serializers.PasswordChangeSerializer, responses={200: serializers.PasswordChangedSerializer}
    )
    def post(self, request):
        data = serializers.PasswordChangeSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = services.password_change(user=request.user, **data.validated_data)
        # The new session keeps what this one proved (the second factor, or setup only).
        claims = request.auth or {}
        tokens = services.session_tokens(
            user=user, verified=bool(claims.get(mfa.MFA_CLAIM)), setup_only=bool(claims.get(mfa.SETUP_ONLY_CLAIM))
        )
        return Response({"detail": "Your password has been changed.", **tokens})


class EmailVerificationView(APIView):
    """Send the email verification link again to your own address."""

    permission_classes = [IsAuthenticated]
    throttle_scope = "password_reset"

    @swagger_auto_schema(request_body=no_body, responses={200: serializers.DetailSerializer})
    def post(self, request):
        if request.user.email_verified_at is not None:
            return Response({"detail": "Your email address is already confirmed."})
        services.email_verification_send(user=request.user, base_url=public_base_url(request))
        return Response({"detail": f"We have sent a confirmation link to {request.user.email}."})


class EmailVerificationConfirmView(APIView):
    """Confirm an email address with the ``uid`` and ``token`` of the mailed link."""

    permission_classes = [AllowAny]
    authentication_classes = []
    throttle_scope = "password_reset"

    @swagger_auto_schema(
        request_body=serializers.EmailVerificationConfirmSerializer, responses={200: serializers.DetailSerializer}
    )
    def post(self, request):
        data = serializers.EmailVerificationConfirmSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.email_verification_confirm(**data.validated_data)
        return Response({"detail": "Your email address is confirmed."})


class UserViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Users and their roles (admin only). PATCH changes ``role`` and ``is_active``."""

    permission_classes = [IsAdmin]
    serializer_class = serializers.UserSerializer
    search_fields = ["username", "email", "first_name", "last_name"]
    ordering_fields = ["username", "date_joined", "last_login", "last_name"]

    def get_queryset(self):
        users = selectors.user_list()
        params = self.request.query_params
        if params.get("role") in (Role.PATIENT, Role.DOCTOR, Role.ADMIN):
            users = users.filter(selectors.role_q(params["role"]))
        if params.get("is_active") in ("true", "false"):
            users = users.filter(is_active=params["is_active"] == "true")
        return users

    @swagger_auto_schema(
        manual_parameters=[
            openapi.Parameter(
                "role",
                openapi.IN_QUERY,
                type=openapi.TYPE_STRING,
                enum=[Role.PATIENT, Role.DOCTOR, Role.ADMIN],
                description="Only users of this role (admins include staff and superusers).",
            ),
            openapi.Parameter("is_active", openapi.IN_QUERY, type=openapi.TYPE_STRING, enum=["true", "false"]),
        ]
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @swagger_auto_schema(request_body=serializers.UserUpdateSerializer, responses={200: serializers.UserSerializer})
    def partial_update(self, request, pk=None):
        user = self.get_object()
        data = serializers.UserUpdateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = services.user_update(user=user, by=request.user, **data.validated_data)
        return Response(self.get_serializer(selectors.user_list().get(pk=user.pk)).data)


class MfaView(APIView):
    """Your two-factor authentication: on or off, required by the clinic, recovery codes left."""

    permission_classes = [IsAuthenticated]

    @swagger_auto_schema(responses={200: serializers.MfaStatusSerializer})
    def get(self, request):
        return Response(selectors.mfa_status(user=request.user))


class MfaSetupView(APIView):
    """Start setting up an authenticator app: a new secret (as an otpauth URI and a QR code)."""

    permission_classes = [IsAuthenticated]

    @swagger_auto_schema(request_body=no_body, responses={200: serializers.MfaSetupSerializer})
    def post(self, request):
        return Response(services.mfa_setup_start(user=request.user))


class MfaConfirmView(APIView):
    """Turn two-factor authentication on with a first code from the app. Answers the
    recovery codes (shown this once) and a new token pair; every other session ends."""

    permission_classes = [IsAuthenticated]

    @swagger_auto_schema(request_body=serializers.OtpSerializer, responses={200: serializers.MfaConfirmedSerializer})
    def post(self, request):
        data = serializers.OtpSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return Response(services.mfa_setup_confirm(user=request.user, code=data.validated_data["otp"]))


class MfaRecoveryCodesView(APIView):
    """New recovery codes (the old ones stop working), with a current code."""

    permission_classes = [IsAuthenticated]

    @swagger_auto_schema(request_body=serializers.OtpSerializer, responses={200: serializers.RecoveryCodesSerializer})
    def post(self, request):
        data = serializers.OtpSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        codes = services.mfa_recovery_codes_renew(user=request.user, code=data.validated_data["otp"])
        return Response({"recovery_codes": codes})


class MfaDisableView(APIView):
    """Turn two-factor authentication off, with a current code (not where the clinic requires it)."""

    permission_classes = [IsAuthenticated]

    @swagger_auto_schema(request_body=serializers.OtpSerializer, responses={200: serializers.MfaStatusSerializer})
    def post(self, request):
        data = serializers.OtpSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.mfa_disable(user=request.user, code=data.validated_data["otp"])
        return Response(selectors.mfa_status(user=request.user))
