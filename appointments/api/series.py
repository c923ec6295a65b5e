"""HTTP side of recurring series: ``/api/appointment-series/``."""

from django_filters.rest_framework import DjangoFilterBackend
from drf_yasg import openapi
from drf_yasg.utils import swagger_auto_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from accounts.permissions import IsDoctorOrAdmin
from appointments import series as series_services
from appointments.models import AppointmentSeries
from appointments.selectors import series_visible_to
from doctors.models import Doctor
from healthcare_system.dates import validate_supported_date
from patients.models import Patient
from patients.selectors import patients_visible_to

from .serializers import AppointmentSerializer, AwareDateTimeField


class SeriesCreateSerializer(serializers.Serializer):
    patient = serializers.PrimaryKeyRelatedField(queryset=Patient.objects.select_related("user"))
    doctor = serializers.PrimaryKeyRelatedField(
        queryset=Doctor.objects.select_related("user"),
        required=False,
        help_text="Admins: required. Doctors: themselves.",
    )
    first_appointment_time = AwareDateTimeField()
    interval_days = serializers.IntegerField(min_value=1, max_value=28, default=7)
    count = serializers.IntegerField(min_value=2, max_value=series_services.MAX_OCCURRENCES, required=False)
    until = serializers.DateField(
        required=False, validators=[validate_supported_date], help_text="Last date, included."
    )
    reason = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")
    on_conflict = serializers.ChoiceField(choices=["fail", "skip"], default="fail")
    visit_type = serializers.IntegerField(
        required=False,
        allow_null=True,
        help_text="A visit type of the doctor: each occurrence's length, buffer and fee. Omitted: plain slots.",
    )

    def validate(self, values):
        if ("count" in values) == ("until" in values):
            raise ValidationError({"count": ["Give exactly one of count or until."]})
        return values


class ConflictSerializer(serializers.Serializer):
    appointment_time = serializers.DateTimeField()
    reason = serializers.CharField()
    code = serializers.CharField()


class PlannedAppointmentSerializer(serializers.Serializer):
    appointment_time = serializers.DateTimeField()
    end_time = serializers.DateTimeField()


class OccurrenceConflictSerializer(serializers.Serializer):
    reason = serializers.CharField()
    code = serializers.CharField()


class OccurrenceSerializer(serializers.Serializer):
    appointment_time = serializers.DateTimeField()
    end_time = serializers.DateTimeField(allow_null=True)
    conflict = OccurrenceConflictSerializer(allow_null=True, help_text="Why this date cannot be booked; null: it can.")


class SeriesPlanSerializer(serializers.Serializer):
    """A dry run's answer: the series as it would be booked. Times are formatted by ``_planned``
    (in the doctor's zone); the fields pass them through."""

    id = serializers.IntegerField(allow_null=True, help_text="Always null: nothing was written.")
    patient = serializers.IntegerField()
    doctor = serializers.IntegerField()
    interval_days = serializers.IntegerField()
    appointments = PlannedAppointmentSerializer(many=True)
    skipped = ConflictSerializer(many=True)
    occurrences = OccurrenceSerializer(many=True, help_text="Every date in order, with its conflict or null.")


class SeriesSerializer(serializers.ModelSerializer):
    patient_name = serializers.CharField(source="patient.full_name", read_only=True)
    doctor_name = serializers.CharField(source="doctor.full_name", read_only=True)
    appointments = AppointmentSerializer(many=True, read_only=True)
    skipped = ConflictSerializer(many=True, read_only=True)

    class Meta:
        model = AppointmentSeries
        fields = [
            "id",
            "patient",
            "patient_name",
            "doctor",
            "doctor_name",
            "interval_days",
            "reason",
            "appointments",
            "skipped",
            "created_at",
        ]
        read_only_fields = fields


class SeriesCancelSerializer(serializers.Serializer):
    # "from" is a Python keyword: declared below under its JSON name.
    reason = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")


SeriesCancelSerializer._declared_fields["from"] = AwareDateTimeField(
    required=False, help_text="Cancel occurrences starting at or after this (default: now)."
)


def _planned(occurrences) -> dict:
    bookable = [o for o in occurrences if o.bookable]
    return {
        "appointments": [{"appointment_time": o.start.isoformat(), "end_time": o.end.isoformat()} for o in bookable],
        "skipped": [o.as_conflict() for o in occurrences if not o.bookable],
        "occurrences": [
            {
                "appointment_time": o.start.isoformat(),
                "end_time": o.end.isoformat() if o.end else None,
                "conflict": None if o.bookable else {"reason": o.reason, "code": o.code},
            }
            for o in occurrences
        ],
    }


DRY_RUN = openapi.Parameter(
    "dry_run", openapi.IN_QUERY, type=openapi.TYPE_BOOLEAN, description="Plan only: 200, nothing written."
)


class AppointmentSeriesViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Recurring series: every occurrence at the same wall-clock time in the doctor's zone."""

    serializer_class = SeriesSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_fields = ["patient", "doctor"]

    def get_queryset(self):
        return series_visible_to(self.request.user).order_by("-created_at", "-id")

    def get_permissions(self):
        return [IsDoctorOrAdmin() if self.action in ("create", "cancel") else IsAuthenticated()]

    def get_serializer_class(self):
        return {"create": SeriesCreateSerializer, "cancel": SeriesCancelSerializer}.get(self.action, SeriesSerializer)

    def _doctor_and_patient(self, values) -> tuple[Doctor, Patient]:
        user = self.request.user
        if user.is_admin:
            if "doctor" not in values:
                raise ValidationError({"doctor": ["Required when an administrator books a series."]})
            return values["doctor"], values["patient"]
        own = user.doctor
        if values.get("doctor", own) != own:
            raise PermissionDenied("Doctors book series only for themselves.")
        if not patients_visible_to(user).filter(pk=values["patient"].pk).exists():
            raise ValidationError({"patient": ["Not one of your patients."]})
        return own, values["patient"]

    @swagger_auto_schema(
        manual_parameters=[DRY_RUN],
        responses={200: SeriesPlanSerializer, 201: SeriesSerializer, 409: "Conflicts"},
    )
    def create(self, request):
        data = SeriesCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        doctor, patient = self._doctor_and_patient(values)
        common = {
            "patient": patient,
            "doctor": doctor,
            "first_start": values["first_appointment_time"],
            "interval_days": values["interval_days"],
            "count": values.get("count"),
            "until": values.get("until"),
            "visit_type": values.get("visit_type"),
        }
        if request.query_params.get("dry_run", "").lower() in ("1", "true", "yes"):
            plan = series_services.series_plan(**common)
            body = {"id": None, "patient": patient.pk, "doctor": doctor.pk, "interval_days": values["interval_days"]}
            return Response(SeriesPlanSerializer({**body, **_planned(plan)}).data)
        series, _ = series_services.series_book(
            **common, on_conflict=values["on_conflict"], reason=values["reason"], by=request.user
        )
        return Response(SeriesSerializer(self.get_queryset().get(pk=series.pk)).data, status=status.HTTP_201_CREATED)

    @swagger_auto_schema(responses={200: SeriesSerializer})
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        """Cancel every pending or confirmed occurrence from ``from`` (default now) on."""
        series = self.get_object()
        data = SeriesCancelSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        series_services.series_cancel(
            series=series,
            by=request.user,
            start_from=data.validated_data.get("from"),
            reason=data.validated_data["reason"],
        )
        return Response(SeriesSerializer(self.get_queryset().get(pk=series.pk)).data)
