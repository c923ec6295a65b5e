from django.contrib import admin

from healthcare_system.admin_mixins import ReadOnlyAdminMixin

from .models import ErasureRequest


@admin.register(ErasureRequest)
class ErasureRequestAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only: requests are made by patients and executed through the API (logged)."""

    list_display = ["id", "patient", "status", "requested_at", "executed_at", "executed_by"]
    list_filter = ["status"]
    list_select_related = ["patient__user", "executed_by"]
    readonly_fields = ["patient", "status", "requested_at", "executed_at", "executed_by", "summary"]
