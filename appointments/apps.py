from django.apps import AppConfig


class AppointmentsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "appointments"

    def ready(self):
        from accounts.mfa import register_staff_mfa_policy

        from .models import ClinicSettings

        # accounts asks whether staff need a second factor; the switch is a clinic setting.
        register_staff_mfa_policy(lambda: ClinicSettings.load().staff_mfa_required)
