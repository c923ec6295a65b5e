from django.urls import path
from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("users", views.UserViewSet, basename="user")

urlpatterns = [
    path("token/", views.TokenObtainView.as_view(), name="token_obtain"),
    path("token/refresh/", views.TokenRefreshView.as_view(), name="token_refresh"),
    path("token/blacklist/", views.TokenBlacklistView.as_view(), name="token_blacklist"),
    path("me/password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("me/mfa/", views.MfaView.as_view(), name="mfa"),
    path("me/mfa/setup/", views.MfaSetupView.as_view(), name="mfa_setup"),
    path("me/mfa/confirm/", views.MfaConfirmView.as_view(), name="mfa_confirm"),
    path("me/mfa/recovery-codes/", views.MfaRecoveryCodesView.as_view(), name="mfa_recovery_codes"),
    path("me/mfa/disable/", views.MfaDisableView.as_view(), name="mfa_disable"),
    path("password-reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path("password-reset/confirm/", views.PasswordResetConfirmView.as_view(), name="password_reset_confirm"),
    path("email-verification/", views.EmailVerificationView.as_view(), name="email_verification"),
    path(
        "email-verification/confirm/",
        views.EmailVerificationConfirmView.as_view(),
        name="email_verification_confirm",
    ),
    *router.urls,
]
