from django.contrib import admin, messages

from .models import OPEN_STATUSES, WaitlistEntry, WaitlistStatus
from .services import waitlist_cancel


@admin.register(WaitlistEntry)
class WaitlistEntryAdmin(admin.ModelAdmin):
    """Who waits for which doctor, and the live offers. Changes go through the services (cancel)."""

    list_display = [
        "id",
        "created_at",
        "patient",
        "doctor",
        "date_from",
        "date_to",
        "time_from",
        "time_to",
        "visit_type",
        "status",
        "offer",
    ]
    list_filter = ["status", "doctor__specialty"]
    search_fields = ["patient__user__last_name", "patient__user__email", "doctor__user__last_name"]
    list_select_related = ["patient__user", "doctor__user", "hold", "visit_type"]
    date_hierarchy = "created_at"
    ordering = ["-created_at", "-id"]
    actions = ["cancel_entries"]
    fields = [
        "patient",
        "doctor",
        "date_from",
        "date_to",
        "time_from",
        "time_to",
        "visit_type",
        "status",
        "offer",
        "declined_starts",
        "created_by",
        "created_at",
        "updated_at",
    ]
    readonly_fields = fields

    @admin.display(description="Offer")
    def offer(self, entry):
        if entry.status != WaitlistStatus.OFFERED or entry.hold is None:
            return "—"
        tz, hold = entry.doctor.tzinfo, entry.hold
        return f"{hold.start.astimezone(tz):%Y-%m-%d %H:%M}, held until {hold.hold_expires_at.astimezone(tz):%H:%M}"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description="Cancel the selected entries (held slots pass on)")
    def cancel_entries(self, request, queryset):
        cancelled = 0
        for entry in queryset.filter(status__in=OPEN_STATUSES):
            waitlist_cancel(entry=entry)
            cancelled += 1
        self.message_user(request, f"{cancelled} entr{'y' if cancelled == 1 else 'ies'} cancelled.", messages.SUCCESS)
