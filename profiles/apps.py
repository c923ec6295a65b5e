from django.apps import AppConfig


class ProfilesConfig(AppConfig):
    """Use cases over a user and their profile: registration, /api/me/ (no models)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "profiles"
