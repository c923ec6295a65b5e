from django.contrib import admin
from django.db.models import Count

from .models import Doctor, LeaveDay, Specialty, WorkingHours


@admin.register(Specialty)
class SpecialtyAdmin(admin.ModelAdmin):
    list_display = ["name", "doctor_count"]
    search_fields = ["name"]
    ordering = ["name"]

    def get_queryset(self, request):
        # One query for the whole page, counts included.
        return super().get_queryset(request).annotate(doctor_count=Count("doctors"))

    @admin.display(description="doctors", ordering="doctor_count")
    def doctor_count(self, specialty):
        return specialty.doctor_count


class WorkingHoursInline(admin.TabularInline):
    model = WorkingHours
    extra = 0
    ordering = ["weekday", "start_time"]


class LeaveDayInline(admin.TabularInline):
    model = LeaveDay
    extra = 0
    fields = ["start_date", "end_date", "reason"]
    ordering = ["-start_date"]


@admin.register(Doctor)
class DoctorAdmin(admin.ModelAdmin):
    list_display = ["name", "specialty", "city", "clinic_name", "consultation_fee", "slot_minutes", "is_active"]
    list_filter = ["is_active", "specialty", "city"]
    search_fields = ["user__first_name", "user__last_name", "user__username", "user__email", "clinic_name", "city"]
    list_select_related = ["user", "specialty"]
    autocomplete_fields = ["user", "specialty"]
    ordering = ["user__last_name", "user__first_name"]
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["user", "specialty", "is_active"]}),
        ("Practice", {"fields": ["clinic_name", "city", "address", "phone", "bio"]}),
        ("Booking", {"fields": ["consultation_fee", "slot_minutes", "timezone"]}),
        ("History", {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]
    inlines = [WorkingHoursInline, LeaveDayInline]

    @admin.display(description="doctor", ordering="user__last_name")
    def name(self, doctor):
        return doctor.full_name


@admin.register(WorkingHours)
class WorkingHoursAdmin(admin.ModelAdmin):
    list_display = ["doctor", "weekday", "start_time", "end_time"]
    list_filter = ["weekday", "doctor__specialty"]
    search_fields = ["doctor__user__first_name", "doctor__user__last_name"]
    list_select_related = ["doctor__user"]
    autocomplete_fields = ["doctor"]


@admin.register(LeaveDay)
class LeaveDayAdmin(admin.ModelAdmin):
    list_display = ["doctor", "start_date", "end_date", "reason"]
    list_filter = ["doctor__specialty"]
    search_fields = ["doctor__user__first_name", "doctor__user__last_name", "reason"]
    date_hierarchy = "start_date"
    list_select_related = ["doctor__user"]
    autocomplete_fields = ["doctor"]
