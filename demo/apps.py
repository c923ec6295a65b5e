from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo clinic of `make run` (manage.py seed_demo), composed from each app's demo data
    (``accounts/demo.py``, ``doctors/demo.py`` …); no models."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "demo"
