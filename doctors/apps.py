from django.apps import AppConfig


class DoctorsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "doctors"

    def ready(self):
        # Accounts announces role changes; this app keeps its profile in step.
        from accounts.hooks import role_set

        from .services import doctor_profile_follow_role

        def on_role_set(sender, *, user, role, **kwargs):
            doctor_profile_follow_role(user=user, role=role)

        role_set.connect(on_role_set, dispatch_uid="doctors.doctor_profile_follow_role", weak=False)
