from abc import ABC, abstractmethod

from drf_yasg.utils import swagger_auto_schema
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.permissions import IsAdmin
from healthcare_system.db import replica_reads
from reports import selectors
from reports.csv import ReportCSVRenderer

from . import serializers

CSV_NOTE = " Add `?format=csv` (or send `Accept: text/csv`) for the rows as CSV with a header row."


class ReportView(ABC, APIView):
    """A report: query parameters in, the selector's numbers out, as JSON or CSV."""

    permission_classes = [IsAdmin]
    renderer_classes = [JSONRenderer, ReportCSVRenderer]
    query_serializer_class: type[serializers.RangeQuerySerializer]
    output_serializer_class: type
    csv_columns: tuple[str, ...]
    csv_name: str

    @abstractmethod
    def report(self, **params) -> dict:
        """The selector's numbers for the validated query parameters."""

    def get(self, request):
        query = self.query_serializer_class(data=request.query_params)
        query.is_valid(raise_exception=True)
        with replica_reads():  # numbers a second old are fine for a report
            data = self.output_serializer_class(self.report(**query.validated_data)).data
        response = Response(data)
        if request.accepted_renderer.format == "csv":
            name = f"{self.csv_name}-{data['date_from']}-{data['date_to']}.csv"
            response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response

    def finalize_response(self, request, response, *args, **kwargs):
        # Errors (400, 401, 403) stay JSON even when CSV was asked for.
        if response.status_code >= 400 and getattr(request, "accepted_renderer", None) is not None:
            request.accepted_renderer = JSONRenderer()
            request.accepted_media_type = JSONRenderer.media_type
        return super().finalize_response(request, response, *args, **kwargs)


class AppointmentReportView(ReportView):
    query_serializer_class = serializers.AppointmentReportQuerySerializer
    output_serializer_class = serializers.AppointmentReportSerializer
    csv_columns = ("key", "label", "count")
    csv_name = "appointments"

    def report(self, **params):
        return selectors.appointments_report(**params)

    @swagger_auto_schema(
        tags=["reports"],
        operation_description="Appointments starting in the range (any status), counted per day, doctor, "
        "specialty or status. Dates are inclusive, in the clinic's time zone; default the last 30 days." + CSV_NOTE,
        query_serializer=serializers.AppointmentReportQuerySerializer,
        responses={200: serializers.AppointmentReportSerializer},
    )
    def get(self, request):
        return super().get(request)


class RevenueReportView(ReportView):
    query_serializer_class = serializers.RevenueReportQuerySerializer
    output_serializer_class = serializers.RevenueReportSerializer
    csv_columns = ("key", "label", "count", "revenue")
    csv_name = "revenue"

    def report(self, **params):
        return selectors.revenue_report(**params)

    @swagger_auto_schema(
        tags=["reports"],
        operation_description="Completed appointments and their revenue (the doctors' consultation fees) per day, "
        "doctor or specialty. Dates are inclusive, in the clinic's time zone; default the last 30 days." + CSV_NOTE,
        query_serializer=serializers.RevenueReportQuerySerializer,
        responses={200: serializers.RevenueReportSerializer},
    )
    def get(self, request):
        return super().get(request)


class UtilizationReportView(ReportView):
    query_serializer_class = serializers.RangeQuerySerializer
    output_serializer_class = serializers.UtilizationReportSerializer
    csv_columns = (
        "key",
        "label",
        "specialty",
        "working_minutes",
        "booked_minutes",
        "utilization",
        "completed",
        "no_show",
        "no_show_rate",
    )
    csv_name = "utilization"

    def report(self, **params):
        return selectors.utilization_report(**params)

    @swagger_auto_schema(
        tags=["reports"],
        operation_description="Per doctor: booked minutes (pending, confirmed, completed) over working minutes "
        "(weekly hours minus leave days) and the no-show rate, over the inclusive range (default the last 30 "
        "days)." + CSV_NOTE,
        query_serializer=serializers.RangeQuerySerializer,
        responses={200: serializers.UtilizationReportSerializer},
    )
    def get(self, request):
        return super().get(request)
