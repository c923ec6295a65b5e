import django_filters

from .models import AccessAction, AccessLog, MedicalRecord
from .selectors import clinic_day_bounds


class MedicalRecordFilter(django_filters.FilterSet):
    patient = django_filters.NumberFilter(field_name="patient_id")
    appointment = django_filters.NumberFilter(field_name="appointment_id")
    doctor = django_filters.NumberFilter(field_name="doctor_id")

    class Meta:
        model = MedicalRecord
        fields = ["patient", "appointment", "doctor"]


class AccessLogFilter(django_filters.FilterSet):
    user = django_filters.NumberFilter(field_name="user_id")
    patient = django_filters.NumberFilter(field_name="patient_id")
    action = django_filters.ChoiceFilter(choices=AccessAction.choices)
    # Inclusive calendar dates in the clinic's zone (TIME_ZONE), as the contract says for lists.
    date_from = django_filters.DateFilter(method="filter_date_from")
    date_to = django_filters.DateFilter(method="filter_date_to")

    class Meta:
        model = AccessLog
        fields = ["user", "patient", "action", "date_from", "date_to"]

    def filter_date_from(self, queryset, name, value):
        return queryset.filter(timestamp__gte=clinic_day_bounds(value)[0])

    def filter_date_to(self, queryset, name, value):
        return queryset.filter(timestamp__lt=clinic_day_bounds(value)[1])
