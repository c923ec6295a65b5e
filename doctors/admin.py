from django import forms
from django.contrib import admin, messages
from django.db.models import Count

from . import services
from .models import Doctor, LeaveDay, Specialty, VisitType, WorkingHours


def _overlap_message(weekday: int, a: tuple, b: tuple) -> str:
    day = WorkingHours.Weekday(weekday).label
    return f"{a[0]:%H:%M}-{a[1]:%H:%M} overlaps {b[0]:%H:%M}-{b[1]:%H:%M} on {day}."


class WorkingHoursFormSet(forms.BaseInlineFormSet):
    """The rows of one doctor's week must not overlap (the database refuses it on PostgreSQL too);
    all rows are saved together, so they are checked against each other, not against the old ones."""

    def clean(self):
        super().clean()
        kept = [
            form.cleaned_data
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE") and form.cleaned_data.get("start_time")
        ]
        intervals = sorted((row["weekday"], row["start_time"], row["end_time"]) for row in kept if row.get("end_time"))
        for (day_a, *a), (day_b, *b) in zip(intervals, intervals[1:], strict=False):
            if day_a == day_b and b[0] < a[1]:  # half-open: 09-12 and 12-13 only touch
                raise forms.ValidationError(_overlap_message(day_a, a, b))


class WorkingHoursForm(forms.ModelForm):
    """One interval on its own page: it must not overlap the doctor's other intervals that day."""

    class Meta:
        model = WorkingHours
        fields = ["doctor", "weekday", "start_time", "end_time"]

    def clean(self):
        data = super().clean()
        doctor, weekday, start, end = (data.get(k) for k in ("doctor", "weekday", "start_time", "end_time"))
        if doctor and weekday is not None and start and end:
            clash = (
                WorkingHours.objects.filter(doctor=doctor, weekday=weekday, start_time__lt=end, end_time__gt=start)
                .exclude(pk=self.instance.pk)
                .first()
            )
            if clash:
                raise forms.ValidationError(_overlap_message(weekday, (start, end), (clash.start_time, clash.end_time)))
        return data


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
    formset = WorkingHoursFormSet
    extra = 0
    ordering = ["weekday", "start_time"]


class LeaveDayInline(admin.TabularInline):
    model = LeaveDay
    extra = 0
    fields = ["start_date", "end_date", "reason"]
    ordering = ["-start_date"]


def _announce_if_retired(form) -> None:
    """A visit type unticked "active" in the admin is retired as through the API (the admin saved
    the row itself; the layers above still hear of it)."""
    if form.initial.get("active") and not form.instance.active:  # a new row has no initial values
        services.visit_type_announce_retired(visit_type=form.instance)


class VisitTypeInline(admin.TabularInline):
    model = VisitType
    extra = 0
    fields = ["name", "duration_minutes", "buffer_minutes", "fee", "active"]
    ordering = ["duration_minutes", "name"]


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
    inlines = [WorkingHoursInline, LeaveDayInline, VisitTypeInline]
    actions = ["deactivate"]

    @admin.display(description="doctor", ordering="user__last_name")
    def name(self, doctor):
        return doctor.full_name

    def has_delete_permission(self, request, obj=None):
        # Doctors are retired (is_active), never deleted: their appointments and records stay.
        return False

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "is_active" in form.changed_data and not obj.is_active:
            # Unticking "active" retires the doctor like the action does: access ends too.
            services.doctor_deactivate(doctor=obj)

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if formset.model is VisitType:
            for visit_type_form in formset.forms:
                _announce_if_retired(visit_type_form)

    @admin.action(description="Retire selected doctors (no new bookings; history stays)")
    def deactivate(self, request, queryset):
        doctors = list(queryset)
        for doctor in doctors:
            services.doctor_deactivate(doctor=doctor)
        self.message_user(request, f"Retired {len(doctors)} doctor(s).", messages.SUCCESS)


@admin.register(WorkingHours)
class WorkingHoursAdmin(admin.ModelAdmin):
    form = WorkingHoursForm
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


@admin.register(VisitType)
class VisitTypeAdmin(admin.ModelAdmin):
    list_display = ["name", "doctor", "duration_minutes", "buffer_minutes", "fee", "active"]
    list_filter = ["active", "doctor__specialty"]
    search_fields = ["name", "doctor__user__first_name", "doctor__user__last_name"]
    list_select_related = ["doctor__user"]
    autocomplete_fields = ["doctor"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change:
            _announce_if_retired(form)
