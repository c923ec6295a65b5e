from datetime import timedelta

from django.utils import timezone
from rest_framework import serializers

from healthcare_system.dates import validate_supported_date
from reports.selectors import APPOINTMENT_GROUPS, REVENUE_GROUPS

DEFAULT_DAYS = 30


class RangeQuerySerializer(serializers.Serializer):
    date_from = serializers.DateField(
        required=False,
        validators=[validate_supported_date],
        help_text="First day (YYYY-MM-DD, clinic time zone). Default: 29 days before date_to.",
    )
    date_to = serializers.DateField(
        required=False, validators=[validate_supported_date], help_text="Last day, inclusive. Default: today."
    )

    def validate(self, attrs):
        date_to = attrs.get("date_to") or timezone.localdate()
        date_from = attrs.get("date_from") or date_to - timedelta(days=DEFAULT_DAYS - 1)
        if date_from > date_to:
            raise serializers.ValidationError({"date_from": ["Must not be after date_to."]})
        return {**attrs, "date_from": date_from, "date_to": date_to}


class AppointmentReportQuerySerializer(RangeQuerySerializer):
    group_by = serializers.ChoiceField(choices=APPOINTMENT_GROUPS, default="day")


class RevenueReportQuerySerializer(RangeQuerySerializer):
    group_by = serializers.ChoiceField(choices=REVENUE_GROUPS, default="day")


class ReportKeyField(serializers.Field):
    """The group's key as it is: an ISO date or status value (strings), a doctor or specialty id (integers)."""

    # Swagger 2.0 cannot say "string or integer"; no type (any) is true, "string" was not.
    swagger_schema_fields = {"type": None}

    def to_representation(self, value):
        return value


class CountRowSerializer(serializers.Serializer):
    key = ReportKeyField(
        help_text="ISO date (day), doctor id, specialty id, status value, or visit type id (null: no type)."
    )
    label = serializers.CharField()
    count = serializers.IntegerField()


class RevenueRowSerializer(CountRowSerializer):
    revenue = serializers.DecimalField(max_digits=14, decimal_places=2)


class _ReportSerializer(serializers.Serializer):
    GROUPS: tuple[str, ...] = ()

    group_by = serializers.CharField()
    date_from = serializers.DateField()
    date_to = serializers.DateField()
    total = serializers.IntegerField()
    results = CountRowSerializer(many=True)

    def get_fields(self):
        # Each report's own groupings, where the field stands (first), so the schema lists them.
        fields = super().get_fields()
        fields["group_by"] = serializers.ChoiceField(choices=self.GROUPS)
        return fields


class AppointmentReportSerializer(_ReportSerializer):
    GROUPS = APPOINTMENT_GROUPS
    checked_in = serializers.IntegerField(help_text="Visits in the range (not cancelled) checked in on arrival.")
    checked_in_share = serializers.FloatField(
        allow_null=True, help_text="checked_in / visits that were not cancelled; null if there were none."
    )


class RevenueReportSerializer(_ReportSerializer):
    GROUPS = REVENUE_GROUPS
    total_revenue = serializers.DecimalField(max_digits=16, decimal_places=2)
    results = RevenueRowSerializer(many=True)


class UtilizationRowSerializer(serializers.Serializer):
    key = serializers.IntegerField(help_text="Doctor id.")
    label = serializers.CharField()
    specialty = serializers.CharField()
    working_minutes = serializers.IntegerField(help_text="Weekly hours over the range, leave days taken out.")
    booked_minutes = serializers.IntegerField(help_text="Pending, confirmed and completed visits.")
    utilization = serializers.FloatField(allow_null=True, help_text="booked / working; null without working time.")
    completed = serializers.IntegerField()
    no_show = serializers.IntegerField()
    no_show_rate = serializers.FloatField(allow_null=True, help_text="no_show / (completed + no_show); null if none.")


class UtilizationReportSerializer(serializers.Serializer):
    date_from = serializers.DateField()
    date_to = serializers.DateField()
    results = UtilizationRowSerializer(many=True)
