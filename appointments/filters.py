from datetime import timedelta

import django_filters
from django.db.models import Q
from django.utils import timezone

from doctors.models import Doctor
from healthcare_system.dates import clinic_day_start, validate_supported_date

from . import availability
from .models import ACTIVE_STATUSES, Appointment, AppointmentStatus


class AppointmentFilter(django_filters.FilterSet):
    status = django_filters.MultipleChoiceFilter(choices=AppointmentStatus.choices)
    # Bounded so "the day after date_to" and the clinic's midnight never overflow.
    date_from = django_filters.DateFilter(
        method="filter_date_from", label="Start date from (inclusive)", validators=[validate_supported_date]
    )
    date_to = django_filters.DateFilter(
        method="filter_date_to", label="Start date to (inclusive)", validators=[validate_supported_date]
    )
    when = django_filters.ChoiceFilter(
        choices=(("upcoming", "upcoming"), ("past", "past")),
        method="filter_when",
        label="upcoming: pending or confirmed and not yet over; past: everything else",
    )
    ordering = django_filters.OrderingFilter(
        fields=(("start", "appointment_time"), ("created_at", "created_at"), ("status", "status"))
    )

    class Meta:
        model = Appointment
        fields = ["status", "doctor", "patient"]

    def filter_when(self, queryset, name, value):
        upcoming = Q(status__in=ACTIVE_STATUSES, end__gt=timezone.now())
        return queryset.filter(upcoming if value == "upcoming" else ~upcoming)

    def filter_date_from(self, queryset, name, value):
        return queryset.filter(start__gte=clinic_day_start(value))

    def filter_date_to(self, queryset, name, value):
        return queryset.filter(start__lt=clinic_day_start(value + timedelta(days=1)))


ORDERINGS = {
    "name": ["user__last_name", "user__first_name", "id"],
    "consultation_fee": ["consultation_fee", "user__last_name", "user__first_name", "id"],
    # next_available is computed, not stored: the view sorts by it after filtering.
    "next_available": None,
}


class DoctorFilter(django_filters.FilterSet):
    specialty = django_filters.CharFilter(
        field_name="specialty__name", lookup_expr="iexact", help_text="Specialty name (case-insensitive)."
    )
    city = django_filters.CharFilter(field_name="city", lookup_expr="iexact", help_text="City (case-insensitive).")
    available_on = django_filters.DateFilter(
        method="filter_available_on",
        help_text="YYYY-MM-DD: doctors with at least one free slot that day (in the doctor's zone).",
    )
    ordering = django_filters.ChoiceFilter(
        method="filter_ordering",
        choices=[(value, value) for name in ORDERINGS for value in (name, f"-{name}")],
        help_text="name, consultation_fee or next_available (no free slot: last), each also with '-'.",
    )

    class Meta:
        model = Doctor
        fields = ["specialty", "city", "available_on", "ordering"]

    def filter_available_on(self, queryset, name, value):
        # Needs every matching doctor's schedule for that day: one bulk load (3 queries). The
        # engine reads only these columns; the page loads the doctors whole afterwards.
        doctors = queryset.select_related(None).only("pk", "timezone", "slot_minutes")
        ids = availability.doctor_ids_available_on(doctors, day=value, now=timezone.now())
        return queryset.filter(pk__in=ids)

    def filter_ordering(self, queryset, name, value):
        fields = ORDERINGS[value.lstrip("-")]
        if fields is None:
            return queryset
        if value.startswith("-"):
            fields = [f"-{field}" for field in fields]
        return queryset.order_by(*fields)
