from django.conf import settings
from django.db import models

from .events import Event


class Notification(models.Model):
    """One message to one recipient: the outbox row, written in the same transaction as the change.

    A row is the delivery record too: it is claimed atomically (``pending`` → ``sending``)
    before the message goes out and marked ``sent`` after, so however many task runs,
    retries or sweeps see it, the message is sent once.
    """

    class Channel(models.TextChoices):
        EMAIL = "email", "Email"
        SMS = "sms", "SMS"

    class RecipientRole(models.TextChoices):
        PATIENT = "patient", "Patient"
        DOCTOR = "doctor", "Doctor"

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"

    appointment = models.ForeignKey("appointments.Appointment", on_delete=models.CASCADE, related_name="notifications")
    event = models.CharField(max_length=16, choices=[(e.value, e.value.title()) for e in Event])
    channel = models.CharField(max_length=8, choices=Channel.choices)
    recipient_role = models.CharField(max_length=8, choices=RecipientRole.choices)
    # An email address or an E.164 phone number, as it was when the message was recorded.
    recipient = models.CharField(max_length=254)
    subject = models.CharField(max_length=255, blank=True)
    body_text = models.TextField()
    body_html = models.TextField(blank=True)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    # Reminders only: the start time reminded of, and a key unique per appointment, start,
    # channel and recipient, so concurrent reminder runs cannot record one reminder twice.
    reminder_for = models.DateTimeField(null=True, blank=True)
    # Reminders only: the lead time of the clinic's reminder schedule this one is for.
    reminder_lead_hours = models.PositiveIntegerField(null=True, blank=True)
    dedupe_key = models.CharField(max_length=200, null=True, blank=True, unique=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    # A pending row is not retried by the sweep before this time (set by backoff after a failure).
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    # When the current 'sending' claim was taken: a claim older than the lease is a crashed worker.
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "created_at"]),
            models.Index(fields=["appointment", "event"]),
        ]

    def __str__(self) -> str:
        return f"{self.event} {self.channel} to {self.recipient_role} #{self.appointment_id} ({self.status})"


class VisitLinkUse(models.Model):
    """A used link from a message (see visit_links.py): its nonce is unique, so each link works once."""

    nonce = models.CharField(max_length=32, unique=True)
    appointment = models.ForeignKey("appointments.Appointment", on_delete=models.CASCADE, related_name="+")
    action = models.CharField(max_length=16)
    used_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.action} link for #{self.appointment_id} used {self.used_at:%Y-%m-%d %H:%M}"


class CalendarFeed(models.Model):
    """A user's calendar subscription: the secret token of their feed URL (see calendar_feeds.py)."""

    user = models.OneToOneField("accounts.User", on_delete=models.CASCADE, related_name="calendar_feed")
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Calendar feed of {self.user}"


class MessageTemplate(models.Model):
    """The clinic's own wording of one message, edited in the admin; overrides the shipped file.

    ``subject`` and the bodies are Django templates with the message context (see the
    admin's help text and preview). HTML is optional: without it the email is plain text.
    """

    event = models.CharField(max_length=16, choices=[(e.value, e.value.title()) for e in Event])
    channel = models.CharField(max_length=8, choices=Notification.Channel.choices)
    language = models.CharField(max_length=8, choices=settings.LANGUAGES, default="en")
    subject = models.CharField(max_length=255, blank=True, help_text="Email only, e.g. 'Reminder: {{ when }}'.")
    body_text = models.TextField(help_text="Plain text (the SMS itself, or the email's text part).")
    body_html = models.TextField(blank=True, help_text="Email only: the HTML part (optional).")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["event", "channel", "language"]
        constraints = [
            models.UniqueConstraint(fields=["event", "channel", "language"], name="notifications_one_template_each")
        ]

    def __str__(self) -> str:
        return f"{self.event} {self.channel} ({self.language})"
