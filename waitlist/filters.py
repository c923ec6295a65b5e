import django_filters

from .models import WaitlistEntry, WaitlistStatus


class WaitlistFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=WaitlistStatus.choices)

    class Meta:
        model = WaitlistEntry
        fields = ["status", "doctor"]
