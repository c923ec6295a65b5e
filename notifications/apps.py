from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "notifications"

    def ready(self):
        # Lower layers announce changes through hooks; this app turns them into messages.
        from . import receivers

        receivers.connect()
