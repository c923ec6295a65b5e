from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.db.models import Q
from django.http import HttpResponseRedirect
from django.urls import reverse

from healthcare_system.admin_mixins import ReadOnlyAdminMixin
from healthcare_system.exceptions import DomainError

from . import services
from .models import Appointment, ClinicSettings, IdempotencyKey, validate_reminder_schedule


class AppointmentBookingForm(forms.ModelForm):
    """Booking from the admin goes through ``appointment_book``, as the API does.

    The service runs in ``clean()`` so that a refused slot shows as a form error instead of
    a crash; the admin's change view wraps validation and saving in one transaction, so
    nothing stays behind if anything later fails.
    """

    class Meta:
        model = Appointment
        fields = ["patient", "doctor", "start", "reason"]
        labels = {"start": "Start"}

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        try:
            self.instance = services.appointment_book(
                patient=data["patient"],
                doctor=data["doctor"],
                start=data["start"],
                reason=data.get("reason", ""),
                by=self.request_user,
            )
        except DomainError as exc:
            self.add_error(exc.field if exc.field in self.fields else None, exc.message)
        return data

    def _post_clean(self):
        # The model was validated and saved by the service; Django's own pass would reject
        # the missing ``end`` before the service had a chance to compute it.
        pass


@admin.register(Appointment)
class AppointmentAdmin(admin.ModelAdmin):
    list_display = ["id", "patient_name", "doctor_name", "specialty", "local_start", "status", "created_at"]
    list_display_links = ["id", "patient_name"]
    list_filter = ["status", "doctor__specialty", ("start", admin.DateFieldListFilter)]
    date_hierarchy = "start"
    # What the search covers (the search box shows because this is set); see get_search_results.
    search_fields = [
        "=id",
        "patient__user__first_name",
        "patient__user__last_name",
        "patient__user__username",
        "patient__user__email",
        "doctor__user__first_name",
        "doctor__user__last_name",
    ]
    list_select_related = ["patient__user", "doctor__user", "doctor__specialty"]
    autocomplete_fields = ["patient", "doctor"]
    ordering = ["-start", "-id"]
    list_per_page = 50
    actions = ["cancel_selected", "confirm_selected"]
    # Times, people and status change only through the services (reschedule, cancel …).
    readonly_fields = [
        "patient",
        "doctor",
        "local_start",
        "local_end",
        "status",
        "created_by",
        "created_at",
        "updated_at",
        "cancelled_at",
        "cancelled_by",
        "cancellation_reason",
    ]
    fieldsets = [
        (None, {"fields": ["patient", "doctor", "local_start", "local_end", "status", "reason"]}),
        ("Cancellation", {"fields": ["cancelled_at", "cancelled_by", "cancellation_reason"]}),
        ("History", {"fields": ["created_by", "created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    def get_fieldsets(self, request, obj=None):
        return [(None, {"fields": ["patient", "doctor", "start", "reason"]})] if obj is None else self.fieldsets

    def get_search_results(self, request, queryset, search_term):
        """Same fields as ``search_fields``, but people are looked up first and appointments by their ids.

        Django's own search joins every appointment to both users tables and filters the
        join with ILIKE; over a million appointments that took seconds. Matching the people
        first (a few thousand rows) lets the appointment side use its indexes. A word of
        digits is an appointment number; the words of a search must all match.
        """
        from doctors.models import Doctor
        from patients.models import Patient

        for word in search_term.split():
            if word.isdigit():  # an appointment number
                queryset = queryset.filter(pk=int(word)) if len(word) <= 18 else queryset.none()
                continue
            person = Q()
            for field in ("first_name", "last_name", "username", "email"):
                person |= Q(**{f"user__{field}__icontains": word})
            queryset = queryset.filter(
                Q(patient__in=Patient.objects.filter(person).values("pk"))
                | Q(doctor__in=Doctor.objects.filter(person).values("pk"))
            )
        return queryset, False

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else self.readonly_fields

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = AppointmentBookingForm
        form = super().get_form(request, obj, change=change, **kwargs)
        form.request_user = request.user
        return form

    def save_model(self, request, obj, form, change):
        if change:  # only ``reason`` is editable here
            services.appointment_update_reason(appointment=obj, reason=form.cleaned_data["reason"])
        # A new appointment was booked by the form's service call already.

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="patient", ordering="patient__user__last_name")
    def patient_name(self, appointment):
        return appointment.patient.full_name

    @admin.display(description="doctor", ordering="doctor__user__last_name")
    def doctor_name(self, appointment):
        return appointment.doctor.full_name

    @admin.display(description="specialty", ordering="doctor__specialty__name")
    def specialty(self, appointment):
        return appointment.doctor.specialty.name

    @admin.display(description=f"start ({settings.TIME_ZONE})", ordering="start")
    def local_start(self, appointment):
        return f"{appointment.start.astimezone(ZoneInfo(settings.TIME_ZONE)):%Y-%m-%d %H:%M}"

    @admin.display(description=f"end ({settings.TIME_ZONE})")
    def local_end(self, appointment):
        return f"{appointment.end.astimezone(ZoneInfo(settings.TIME_ZONE)):%Y-%m-%d %H:%M}"

    def _apply(self, request, queryset, action, verb):
        done, refused = 0, []
        for appointment in queryset:
            try:
                action(appointment)
            except DomainError as exc:
                refused.append(f"#{appointment.pk}: {exc.message}")
            else:
                done += 1
        if done:
            self.message_user(request, f"{verb} {done} appointment(s).", messages.SUCCESS)
        if refused:
            self.message_user(request, f"Not {verb.lower()}: " + "; ".join(refused), messages.ERROR)

    @admin.action(description="Cancel selected appointments (patients are notified)")
    def cancel_selected(self, request, queryset):
        self._apply(
            request,
            queryset,
            lambda a: services.appointment_cancel(appointment=a, by=request.user, reason="Cancelled by the clinic"),
            "Cancelled",
        )

    @admin.action(description="Confirm selected appointments")
    def confirm_selected(self, request, queryset):
        self._apply(
            request, queryset, lambda a: services.appointment_confirm(appointment=a, by=request.user), "Confirmed"
        )


class ReminderScheduleField(forms.CharField):
    """The schedule as a person writes it: one line per channel, "email: 168, 24" / "sms: 2"."""

    widget = forms.Textarea(attrs={"rows": 3, "cols": 40})

    def prepare_value(self, value):
        if isinstance(value, str):
            return value
        leads: dict[str, list[str]] = {}
        for entry in value or []:
            leads.setdefault(entry["channel"], []).append(str(entry["hours_before"]))
        return "\n".join(f"{channel}: {', '.join(hours)}" for channel, hours in leads.items())

    def to_python(self, value):
        schedule = []
        for line in (value or "").splitlines():
            if not line.strip():
                continue
            channel, sep, hours = line.partition(":")
            if not sep:
                raise forms.ValidationError(f"Write each line as 'channel: hours, hours', not {line.strip()!r}.")
            for item in hours.split(","):
                try:
                    schedule.append({"channel": channel.strip().lower(), "hours_before": int(item)})
                except ValueError:
                    raise forms.ValidationError(f"{item.strip()!r} is not a whole number of hours.") from None
        validate_reminder_schedule(schedule)
        return schedule


class ClinicSettingsForm(forms.ModelForm):
    reminder_schedule = ReminderScheduleField(
        required=False,
        help_text="One line per channel with lead times in hours, e.g. 'email: 168, 24' and 'sms: 2'. "
        "Empty: one reminder on each channel at 'reminder hours before'.",
    )

    class Meta:
        model = ClinicSettings
        fields = [
            "clinic_name",
            "currency",
            "auto_confirm",
            "min_notice_hours",
            "booking_window_days",
            "cancellation_cutoff_hours",
            "default_slot_minutes",
            "reminder_hours_before",
            "reminder_schedule",
        ]


@admin.register(ClinicSettings)
class ClinicSettingsAdmin(admin.ModelAdmin):
    """The one settings row, edited on one page: the list goes straight to it."""

    form = ClinicSettingsForm

    fieldsets = [
        (None, {"fields": ["clinic_name", "currency", "auto_confirm"]}),
        (
            "Booking rules",
            {
                "fields": [
                    "min_notice_hours",
                    "booking_window_days",
                    "cancellation_cutoff_hours",
                    "default_slot_minutes",
                ]
            },
        ),
        ("Reminders", {"fields": ["reminder_hours_before", "reminder_schedule"]}),
        ("Security", {"fields": ["staff_mfa_required"]}),
    ]

    def changelist_view(self, request, extra_context=None):
        clinic = ClinicSettings.load()
        return HttpResponseRedirect(reverse("admin:appointments_clinicsettings_change", args=[clinic.pk]))

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        services.clinic_settings_update(**{name: form.cleaned_data[name] for name in form.changed_data})


@admin.register(IdempotencyKey)
class IdempotencyKeyAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["key", "user", "response_status", "created_at", "expires_at"]
    list_filter = ["response_status"]
    search_fields = ["key", "user__username"]
    date_hierarchy = "created_at"
    list_select_related = ["user"]
