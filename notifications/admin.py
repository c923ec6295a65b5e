from django import forms
from django.contrib import admin, messages
from django.template import Template, TemplateSyntaxError
from django.utils.html import format_html, format_html_join

from healthcare_system.admin_mixins import ReadOnlyAdminMixin

from .delivery import notifications_retry
from .message_templates import render_custom, sample_context, shipped_source
from .models import MessageTemplate, Notification


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
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


class MessageTemplateForm(forms.ModelForm):
    class Meta:
        model = MessageTemplate
        fields = ["event", "channel", "language", "subject", "body_text", "body_html"]

    def clean(self):
        data = super().clean()
        for name in ("subject", "body_text", "body_html"):
            try:
                Template(data.get(name) or "")
            except TemplateSyntaxError as exc:
                self.add_error(name, f"Not a valid template: {exc}")
        if data.get("channel") == "sms" and (data.get("subject") or data.get("body_html")):
            self.add_error("channel", "An SMS has only a text body: leave subject and HTML empty.")
        return data


@admin.register(MessageTemplate)
class MessageTemplateAdmin(admin.ModelAdmin):
    """The clinic's wording of each message, per language, with a preview on a sample visit."""

    form = MessageTemplateForm
    list_display = ["event", "channel", "language", "subject", "updated_at"]
    list_filter = ["event", "channel", "language"]
    readonly_fields = ["variables", "preview"]
    fieldsets = [
        (None, {"fields": ["event", "channel", "language"]}),
        ("Text", {"fields": ["subject", "body_text", "body_html", "variables"]}),
        ("Preview (a sample visit)", {"fields": ["preview"]}),
    ]

    def get_changeform_initial_data(self, request):
        # "Add" starts from the shipped English wording of the chosen message, when given.
        initial = super().get_changeform_initial_data(request)
        event, channel = initial.get("event"), initial.get("channel")
        if event and channel:
            initial.update(shipped_source(event=event, channel=channel))
        return initial

    @admin.display(description="Variables")
    def variables(self, template):
        return ", ".join(f"{{{{ {name} }}}}" for name in sorted(sample_context()))

    @admin.display(description="Preview")
    def preview(self, template):
        if template is None or not template.pk:
            return "Save to see a preview."
        try:
            message = render_custom(template, sample_context())
        except Exception as exc:  # a template that compiles can still fail on render
            return f"Could not render: {exc}"
        parts = [format_html("<p><strong>{}</strong></p>", message["subject"])] if message["subject"] else []
        parts.append(format_html('<pre style="white-space: pre-wrap">{}</pre>', message["body_text"]))
        if message["body_html"]:
            parts.append(
                format_html(
                    '<iframe sandbox="" style="width: 100%; height: 420px" srcdoc="{}"></iframe>',
                    message["body_html"],
                )
            )
        return format_html_join("", "{}", ((part,) for part in parts))
