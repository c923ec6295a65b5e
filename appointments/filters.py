from datetime import timedelta

import django_filters
from django.db.models import Q
from django.utils import timezone

from healthcare_system.dates import clinic_day_start, validate_supported_date

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
