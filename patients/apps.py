from django.apps import AppConfig


class PatientsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "patients"

    def ready(self):
        # Accounts announces role changes; this app keeps its profile in step.
        from accounts.hooks import role_set

        from .services import patient_profile_follow_role

        def on_role_set(sender, *, user, role, **kwargs):
            patient_profile_follow_role(user=user, role=role)

        role_set.connect(on_role_set, dispatch_uid="patients.patient_profile_follow_role", weak=False)
