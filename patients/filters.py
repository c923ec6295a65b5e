import django_filters

from .models import Patient


class PatientFilter(django_filters.FilterSet):
    is_active = django_filters.BooleanFilter(field_name="user__is_active")
    date_of_birth = django_filters.DateFilter()

    class Meta:
        model = Patient
        fields = ["is_active", "date_of_birth"]
