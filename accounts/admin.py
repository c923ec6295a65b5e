from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from . import services
from .models import Role, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    """Accounts and their roles. Role and active changes go through ``accounts.services``, as
    ``PATCH /api/users/{id}/`` does: profiles follow the role and deactivation ends sessions."""

    list_display = ["username", "email", "first_name", "last_name", "shown_role", "is_active", "is_staff", "last_login"]
    list_filter = ["role", "is_active", "is_staff", "is_superuser"]
    search_fields = ["username", "email", "first_name", "last_name"]
    date_hierarchy = "date_joined"
    ordering = ["username"]
    fieldsets = (*BaseUserAdmin.fieldsets, ("Clinic", {"fields": ("role",)}))
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("username", "email", "role", "password1", "password2")}),)
    actions = ["activate", "deactivate", "make_patient", "make_doctor", "make_admin"]
    # Staff and superuser follow the role (user_set_role): ticking them by hand would make an
    # admin the role field does not show.
    readonly_fields = ["is_staff", "is_superuser", "last_login", "date_joined"]

    @admin.display(description="role", ordering="role")
    def shown_role(self, user):
        # As the API shows it: staff and superusers are admins whatever the stored role.
        return user.effective_role

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # The form wrote the columns; the services add what must follow from them.
        if not change or "role" in form.changed_data:
            services.user_set_role(user=obj, role=obj.role)
            obj.refresh_from_db()
        if change and "is_active" in form.changed_data and not obj.is_active:
            services.user_revoke_tokens(user=obj)

    def _others(self, request, queryset):
        """Everyone selected but the admin at the keyboard: nobody locks themselves out by a click."""
        if queryset.filter(pk=request.user.pk).exists():
            self.message_user(request, "Your own account was left as it is.", messages.WARNING)
        return list(queryset.exclude(pk=request.user.pk))

    @admin.action(description="Activate selected users")
    def activate(self, request, queryset):
        users = list(queryset)
        for user in users:
            services.user_set_active(user=user, is_active=True)
        self.message_user(request, f"Activated {len(users)} user(s).", messages.SUCCESS)

    @admin.action(description="Deactivate selected users (ends their sessions)")
    def deactivate(self, request, queryset):
        users = self._others(request, queryset)
        for user in users:
            services.user_set_active(user=user, is_active=False)
        self.message_user(request, f"Deactivated {len(users)} user(s).", messages.SUCCESS)

    def _set_role(self, request, queryset, role):
        users = self._others(request, queryset)
        for user in users:
            services.user_set_role(user=user, role=role)
        self.message_user(request, f"{len(users)} user(s) are now {role}s.", messages.SUCCESS)

    @admin.action(description="Change role to patient")
    def make_patient(self, request, queryset):
        self._set_role(request, queryset, Role.PATIENT)

    @admin.action(description="Change role to doctor (a retired doctor profile comes back)")
    def make_doctor(self, request, queryset):
        self._set_role(request, queryset, Role.DOCTOR)

    @admin.action(description="Change role to admin")
    def make_admin(self, request, queryset):
        self._set_role(request, queryset, Role.ADMIN)
