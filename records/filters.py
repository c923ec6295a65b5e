from datetime import timedelta

import django_filters

from healthcare_system.dates import clinic_day_start, validate_supported_date

from .models import AccessAction, AccessLog, MedicalRecord


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
    date_from = django_filters.DateFilter(method="filter_date_from", validators=[validate_supported_date])
    date_to = django_filters.DateFilter(method="filter_date_to", validators=[validate_supported_date])

    class Meta:
        model = AccessLog
        fields = ["user", "patient", "action", "date_from", "date_to"]

    def filter_date_from(self, queryset, name, value):
        return queryset.filter(timestamp__gte=clinic_day_start(value))

    def filter_date_to(self, queryset, name, value):
        return queryset.filter(timestamp__lt=clinic_day_start(value + timedelta(days=1)))
