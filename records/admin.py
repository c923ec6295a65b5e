from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import AccessLog, MedicalRecord


@admin.register(MedicalRecord)
class MedicalRecordAdmin(SimpleHistoryAdmin):
    """Records with their versions ("History" button): every edit's previous text and who made it."""

    list_display = ["id", "patient", "doctor", "appointment", "created_at", "updated_at"]
    # The appointment's own str() names its doctor and patient: join them too (no N+1).
    list_select_related = ["patient__user", "doctor__user", "appointment__doctor__user", "appointment__patient__user"]
    list_filter = ["created_at"]
    search_fields = ["patient__user__last_name", "patient__user__first_name", "doctor__user__last_name", "diagnosis"]
    raw_id_fields = ["appointment", "patient", "doctor"]
    readonly_fields = ["created_at", "updated_at"]
    history_list_display = ["diagnosis"]
    date_hierarchy = "created_at"


@admin.register(AccessLog)
class AccessLogAdmin(admin.ModelAdmin):
    """The access log, read-only: entries are appended by the application and never changed."""

    list_display = ["timestamp", "username", "action", "model_name", "object_id", "patient", "ip_address"]
    list_select_related = ["patient__user"]
    list_filter = ["action", "model_name", "timestamp"]
    search_fields = ["username", "object_id", "ip_address"]
    date_hierarchy = "timestamp"
    readonly_fields = [f.name for f in AccessLog._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
