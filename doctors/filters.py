import django_filters

from .models import LeaveDay, VisitType, WorkingHours


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
