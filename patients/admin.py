from django.contrib import admin

from .models import Patient


@admin.register(Patient)
class PatientAdmin(admin.ModelAdmin):
    list_display = ["__str__", "user", "phone", "insurance_number", "date_of_birth", "is_active", "created_at"]
    list_filter = ["user__is_active", "notify_email", "notify_sms"]
    search_fields = [
        "user__first_name",
        "user__last_name",
        "user__username",
        "user__email",
        "phone",
        "insurance_number",
    ]
    list_select_related = ["user"]
    autocomplete_fields = ["user"]
    date_hierarchy = "created_at"
    readonly_fields = ["created_at"]

    @admin.display(boolean=True, ordering="user__is_active")
    def is_active(self, patient):
        return patient.user.is_active

    def has_delete_permission(self, request, obj=None):
        # Patients are deactivated (user.is_active), never deleted: clinical history must stay.
        return False
