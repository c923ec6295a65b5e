import django_filters
from django.utils import timezone

from . import selectors
from .models import Doctor, LeaveDay, VisitType, WorkingHours

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
        # Needs every matching doctor's schedule for that day: one bulk load (3 queries).
        ids = selectors.doctor_ids_available_on(queryset, day=value, now=timezone.now())
        return queryset.filter(pk__in=ids)

    def filter_ordering(self, queryset, name, value):
        fields = ORDERINGS[value.lstrip("-")]
        if fields is None:
            return queryset
        if value.startswith("-"):
            fields = [f"-{field}" for field in fields]
        return queryset.order_by(*fields)


class WorkingHoursFilter(django_filters.FilterSet):
    class Meta:
        model = WorkingHours
        fields = ["doctor", "weekday"]


class LeaveDayFilter(django_filters.FilterSet):
    class Meta:
        model = LeaveDay
        fields = ["doctor"]


class VisitTypeFilter(django_filters.FilterSet):
    class Meta:
        model = VisitType
        fields = ["doctor", "active"]
