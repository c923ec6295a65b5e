from django.apps import AppConfig


class AppointmentsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "appointments"

    def ready(self):
        from accounts.mfa import register_staff_mfa_policy
        from doctors.services import register_default_slot_minutes
        from patients.selectors import register_treatment_rule

        from .models import ClinicSettings
        from .selectors import patient_treated_by

        def staff_mfa_required() -> bool:
            # One read, never a write (load() would create the row): it runs on admin pages.
            return bool(ClinicSettings.objects.filter(pk=1).values_list("staff_mfa_required", flat=True).first())

        # accounts asks whether staff need a second factor; the switch is a clinic setting.
        register_staff_mfa_policy(staff_mfa_required)
        # patients scopes a doctor to the patients they treat; what "treat" means is appointments'.
        register_treatment_rule(patient_treated_by)
        # doctors gives a new doctor the clinic's default slot length, a clinic setting.
        register_default_slot_minutes(lambda: ClinicSettings.load().default_slot_minutes)
