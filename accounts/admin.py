from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from . import services
from .models import Role, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "email", "first_name", "last_name", "role", "is_active", "is_staff", "last_login"]
    list_filter = ["role", "is_active", "is_staff", "is_superuser"]
    search_fields = ["username", "email", "first_name", "last_name"]
    ordering = ["username"]
    fieldsets = (*BaseUserAdmin.fieldsets, ("Clinic", {"fields": ("role",)}))
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("username", "email", "role", "password1", "password2")}),)
    actions = ["activate", "deactivate", "make_patient", "make_doctor", "make_admin"]

    @admin.action(description="Activate selected users")
    def activate(self, request, queryset):
        for user in queryset:
            services.user_set_active(user=user, is_active=True)
        self.message_user(request, f"Activated {queryset.count()} user(s).", messages.SUCCESS)

    @admin.action(description="Deactivate selected users (ends their sessions)")
    def deactivate(self, request, queryset):
        users = queryset.exclude(pk=request.user.pk)
        for user in users:
            services.user_set_active(user=user, is_active=False)
        self.message_user(request, f"Deactivated {users.count()} user(s).", messages.SUCCESS)

    def _set_role(self, request, queryset, role):
        users = queryset.exclude(pk=request.user.pk)
        for user in users:
            services.user_set_role(user=user, role=role)
        self.message_user(request, f"{users.count()} user(s) are now {role}s.", messages.SUCCESS)

    @admin.action(description="Change role to patient")
    def make_patient(self, request, queryset):
        self._set_role(request, queryset, Role.PATIENT)

    @admin.action(description="Change role to doctor")
    def make_doctor(self, request, queryset):
        self._set_role(request, queryset, Role.DOCTOR)

    @admin.action(description="Change role to admin")
    def make_admin(self, request, queryset):
        self._set_role(request, queryset, Role.ADMIN)
