from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "notifications"

    def ready(self):
        # Lower layers announce changes through hooks; this app turns them into messages.
        from doctors.hooks import leave_saved

        from .change_notices import leave_notify_patients

        leave_saved.connect(leave_notify_patients, dispatch_uid="notifications.leave_notify_patients")
