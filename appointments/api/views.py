from django.http import HttpResponse
from django.utils import timezone
from django_filters.rest_framework import DjangoFilterBackend
from drf_yasg import openapi
from drf_yasg.utils import no_body, swagger_auto_schema
from rest_framework import generics, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response

from accounts.permissions import IsAdmin, IsDoctorOrAdmin, IsFrontDesk, IsPatient
from appointments import list_cache, services
from appointments.filters import AppointmentFilter
from appointments.ical import appointment_ics
from appointments.idempotency import HEADER, idempotent
from appointments.models import ClinicSettings
from appointments.selectors import appointments_visible_to
from healthcare_system.conditional import conditional_response
from healthcare_system.pagination import FirstPageCountPagination
from healthcare_system.schema import ERROR_BODY

from . import serializers
from .rows import appointment_rows, appointment_values

IDEMPOTENCY_HEADER = openapi.Parameter(
    HEADER,
    openapi.IN_HEADER,
    type=openapi.TYPE_STRING,
    required=False,
    description="Retry-safe booking: a retry with the same key and body returns the first response.",
)
APPOINTMENT = serializers.AppointmentSerializer
BOOKING_RESPONSES = {
    201: APPOINTMENT,
    409: "Slot taken",
    422: openapi.Response("The Idempotency-Key was already used with a different request.", ERROR_BODY),
}


def _book(request) -> Response:
    data = serializers.BookingSerializer(data=request.data)
    data.is_valid(raise_exception=True)
    values = data.validated_data
    appointment = services.appointment_book(
        patient=services.booking_patient(by=request.user, patient=values.get("patient")),
        doctor=values["doctor"],
        start=values["appointment_time"],
        reason=values["reason"],
        visit_type=values.get("visit_type"),
        by=request.user,
    )
    return Response(APPOINTMENT(appointment).data, status=status.HTTP_201_CREATED)


class BookAppointmentView(generics.GenericAPIView):
    """Book a free slot. 409 when the slot is taken; 400 when the time is not a free slot's start."""

    permission_classes = [IsPatient | IsAdmin | IsFrontDesk]
    serializer_class = serializers.BookingSerializer

    @swagger_auto_schema(manual_parameters=[IDEMPOTENCY_HEADER], responses=BOOKING_RESPONSES)
    def post(self, request):
        return idempotent(request, lambda: _book(request))


class AppointmentViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.DestroyModelMixin, viewsets.GenericViewSet
):
    """Appointments: a patient sees their own, a doctor theirs, an admin all (others' are 404)."""

    serializer_class = APPOINTMENT
    # The filterset's own `ordering` maps appointment_time to the start column; DRF's
    # OrderingFilter would be a second `ordering` parameter.
    filter_backends = [DjangoFilterBackend]
    filterset_class = AppointmentFilter
    pagination_class = FirstPageCountPagination
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self):
        return appointments_visible_to(self.request.user)

    def list(self, request, *args, **kwargs):
        # A patient's own list is kept whole under their list stamps (one query); others' computed.
        answer = list_cache.list_answer(
            request.user,
            list(request.query_params.lists()),
            base_url=request.build_absolute_uri(request.path),
            now=timezone.now(),
            compute=lambda: self._list(request),
        )
        return conditional_response(request, answer.data, answer.tag)

    def _list(self, request):
        # The hottest read: plain rows, formatted as APPOINTMENT would (appointments/api/rows.py);
        # without a filter parameter the filterset would change nothing (and costs a form).
        appointments = self.get_queryset()
        if not request.query_params.keys().isdisjoint(AppointmentFilter.base_filters):
            appointments = self.filter_queryset(appointments)
        page = self.paginate_queryset(appointment_values(appointments))
        return self.get_paginated_response(appointment_rows(page)).data

    def get_permissions(self):
        permission = {
            "create": IsPatient | IsAdmin | IsFrontDesk,
            "destroy": IsAdmin,
            "check_in": IsDoctorOrAdmin | IsFrontDesk,
            "confirm": IsDoctorOrAdmin,
            "complete": IsDoctorOrAdmin,
            "no_show": IsDoctorOrAdmin,
        }.get(self.action, IsAuthenticated)
        return [permission()]

    def get_serializer_class(self):
        # The command's body in the schema; responses are documented per action.
        return {
            "create": serializers.BookingSerializer,
            "partial_update": serializers.ReasonSerializer,
            "reschedule": serializers.RescheduleSerializer,
            "cancel": serializers.CancelSerializer,
        }.get(self.action, APPOINTMENT)

    @swagger_auto_schema(manual_parameters=[IDEMPOTENCY_HEADER], responses=BOOKING_RESPONSES)
    def create(self, request):
        """Same as POST /api/book-appointment/."""
        return idempotent(request, lambda: _book(request))

    @swagger_auto_schema(responses={200: APPOINTMENT})
    def partial_update(self, request, pk=None):
        """Change the reason only; every other field changes through an action, and read-only
        fields in the body are ignored (a body without ``reason`` changes nothing)."""
        appointment = self.get_object()
        data = serializers.ReasonSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        if "reason" in data.validated_data:
            appointment = services.appointment_update_reason(
                appointment=appointment, reason=data.validated_data["reason"]
            )
        return Response(APPOINTMENT(appointment).data)

    def perform_destroy(self, appointment):
        services.appointment_delete(appointment=appointment)

    @swagger_auto_schema(responses={200: APPOINTMENT, 409: "Slot taken"})
    @action(detail=True, methods=["post"])
    def reschedule(self, request, pk=None):
        appointment = self.get_object()  # out of scope is 404 before any body check
        data = serializers.RescheduleSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        extra = {"visit_type": values["visit_type"]} if "visit_type" in values else {}
        appointment = services.appointment_reschedule(
            appointment=appointment,
            start=values["appointment_time"],
            by=request.user,
            reason=values["reason"],
            **extra,
        )
        return Response(APPOINTMENT(appointment).data)

    @swagger_auto_schema(responses={200: APPOINTMENT})
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        appointment = self.get_object()
        data = serializers.CancelSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        appointment = services.appointment_cancel(
            appointment=appointment, by=request.user, reason=data.validated_data["reason"]
        )
        return Response(APPOINTMENT(appointment).data)

    @swagger_auto_schema(responses={200: APPOINTMENT})
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        appointment = services.appointment_confirm(appointment=self.get_object(), by=request.user)
        return Response(APPOINTMENT(appointment).data)

    @swagger_auto_schema(responses={200: APPOINTMENT})
    @action(detail=True, methods=["post"])
    def complete(self, request, pk=None):
        appointment = services.appointment_complete(appointment=self.get_object())
        return Response(APPOINTMENT(appointment).data)

    @swagger_auto_schema(request_body=no_body, responses={200: APPOINTMENT})
    @action(detail=True, methods=["post"], url_path="check-in")
    def check_in(self, request, pk=None):
        """The patient has arrived: sets ``checked_in_at`` on a pending or confirmed visit of
        today (clinic's zone), else 400. The status is unchanged. Front desk, the doctor, admin."""
        appointment = services.appointment_check_in(appointment=self.get_object())
        return Response(APPOINTMENT(appointment).data)

    @swagger_auto_schema(responses={200: APPOINTMENT})
    @action(detail=True, methods=["post"], url_path="no-show")
    def no_show(self, request, pk=None):
        appointment = services.appointment_mark_no_show(appointment=self.get_object())
        return Response(APPOINTMENT(appointment).data)

    @swagger_auto_schema(
        responses={200: openapi.Response("An iCalendar file", schema=openapi.Schema(type="string"))},
        produces=["text/calendar", "application/json"],  # the file, or a JSON error
    )
    @action(detail=True, methods=["get"])
    def ics(self, request, pk=None):
        """The appointment as an iCalendar (.ics) file, for adding to a calendar."""
        appointment = self.get_object()
        response = HttpResponse(appointment_ics(appointment), content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="appointment-{appointment.pk}.ics"'
        return response


class ClinicSettingsView(generics.RetrieveUpdateAPIView):
    """The booking rules: public to read, admins change them."""

    serializer_class = serializers.ClinicSettingsSerializer

    def get_permissions(self):
        return [AllowAny()] if self.request.method in ("GET", "HEAD", "OPTIONS") else [IsAdmin()]

    def get_object(self):
        return ClinicSettings.load()

    def perform_update(self, serializer):
        serializer.instance = services.clinic_settings_update(**serializer.validated_data)
