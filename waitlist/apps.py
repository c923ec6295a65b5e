from django.apps import AppConfig


class WaitlistConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "waitlist"

    def ready(self):
        # The lower layers announce freed time and upcoming slot checks; the waitlist
        # answers them (offers freed time, releases holds that ran out).
        from . import receivers

        receivers.connect()
