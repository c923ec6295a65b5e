"""The Django admin asks for the second factor of accounts that need one (accounts/mfa.py)."""

from django import forms
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.signals import user_login_failed

from . import mfa


class AdminLoginForm(AdminAuthenticationForm):
    otp_token = forms.CharField(
        required=False,
        label="Code",
        max_length=32,
        help_text="Only if two-factor authentication is on: from your authenticator app, or a recovery code.",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code"}),
    )

    def clean(self):
        cleaned = super().clean()
        user = self.get_user()
        if user is not None and mfa.mfa_required(user):
            user.otp_device = self._second_factor(user)  # django-otp keeps it in the session
        return cleaned

    def _second_factor(self, user):
        if not mfa.mfa_enabled(user):
            raise forms.ValidationError(
                "The clinic requires two-factor authentication: set it up in the app "
                "(Account, Two-factor authentication) before using the admin.",
                code="mfa_setup_required",
            )
        code = self.cleaned_data.get("otp_token", "")
        if not code:
            raise forms.ValidationError("Enter the code from your authenticator app.", code="otp_required")
        device = mfa.matching_device(user, code)
        if device is None:
            # Counts for the account's lockout, like a wrong password.
            credentials = {"username": self.cleaned_data.get("username")}
            user_login_failed.send(sender=__name__, credentials=credentials, request=self.request)
            raise forms.ValidationError("This code is not valid.", code="otp_invalid")
        return device


class ClinicAdminSite(admin.AdminSite):
    login_form = AdminLoginForm
    login_template = "admin/login_with_code.html"

    def has_permission(self, request):
        if not super().has_permission(request):
            return False
        if request.user.is_verified():
            return True
        # Asked several times per page: decide once per request.
        if not hasattr(request, "_needs_second_factor"):
            request._needs_second_factor = mfa.mfa_required(request.user)
        return not request._needs_second_factor
