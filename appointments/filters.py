from datetime import timedelta

import django_filters

from healthcare_system.dates import clinic_day_start, validate_supported_date

from .models import Appointment, AppointmentStatus


class AppointmentFilter(django_filters.FilterSet):
    status = django_filters.MultipleChoiceFilter(choices=AppointmentStatus.choices)
    # Bounded so "the day after date_to" and the clinic's midnight never overflow.
    date_from = django_filters.DateFilter(
        method="filter_date_from", label="Start date from (inclusive)", validators=[validate_supported_date]
    )
    date_to = django_filters.DateFilter(
        method="filter_date_to", label="Start date to (inclusive)", validators=[validate_supported_date]
    )
    ordering = django_filters.OrderingFilter(
        fields=(("start", "appointment_time"), ("created_at", "created_at"), ("status", "status"))
    )

    class Meta:
        model = Appointment
        fields = ["status", "doctor", "patient"]

    def filter_date_from(self, queryset, name, value):
        return queryset.filter(start__gte=clinic_day_start(value))

    def filter_date_to(self, queryset, name, value):
        return queryset.filter(start__lt=clinic_day_start(value + timedelta(days=1)))
