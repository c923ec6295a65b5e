from django.contrib import admin, messages

from .models import Notification
from .services import notifications_retry


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """The outbox as a read-only log; failures show their error and can be queued again."""

    list_display = [
        "id",
        "created_at",
        "event",
        "channel",
        "recipient_role",
        "recipient",
        "appointment_id",
        "status",
        "attempts",
        "sent_at",
        "short_error",
    ]
    list_filter = ["status", "event", "channel", "recipient_role"]
    search_fields = ["recipient", "subject", "last_error", "=appointment__id"]
    date_hierarchy = "created_at"
    list_select_related = ["appointment"]
    ordering = ["-created_at", "-id"]
    actions = ["retry_failed"]
    fields = [
        "appointment",
        "event",
        "channel",
        "recipient_role",
        "recipient",
        "status",
        "attempts",
        "last_error",
        "created_at",
        "next_attempt_at",
        "claimed_at",
        "sent_at",
        "reminder_for",
        "dedupe_key",
        "subject",
        "body_text",
        "body_html",
    ]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_retry_permission(self, request):
        return request.user.has_perm("notifications.change_notification")

    @admin.display(description="error")
    def short_error(self, notification):
        return notification.last_error[:80]

    @admin.action(description="Retry failed notifications (queue them again)", permissions=["retry"])
    def retry_failed(self, request, queryset):
        count = notifications_retry(notification_ids=list(queryset.values_list("pk", flat=True)))
        skipped = queryset.count() - count
        message = f"{count} failed notification(s) queued again."
        if skipped:
            message += f" {skipped} not failed: left as they were."
        self.message_user(request, message, messages.SUCCESS if count else messages.WARNING)
