from django.conf import settings
from django.db import models
from phonenumber_field.modelfields import PhoneNumberField


class Patient(models.Model):
    """A patient's profile. Deactivating the user retires it; nothing clinical is deleted."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="patient")
    # Stored in E.164 (+4915112345678) whatever the input looked like.
    phone = PhoneNumberField(blank=True)
    insurance_number = models.CharField(max_length=64, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    notify_email = models.BooleanField(default=True, help_text="Send booking emails and reminders.")
    notify_sms = models.BooleanField(default=True, help_text="Send booking SMS and reminders.")
    language = models.CharField(
        max_length=8, choices=settings.LANGUAGES, default="en", help_text="The language of emails and SMS."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["user__last_name", "user__first_name", "id"]

    def __str__(self) -> str:
        return self.user.get_full_name() or self.user.username

    @property
    def full_name(self) -> str:
        return str(self)
