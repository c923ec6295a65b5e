from drf_yasg.utils import swagger_auto_schema
from rest_framework import generics, mixins, status, viewsets
from rest_framework.response import Response

from appointments.selectors import patient_appointments
from healthcare_system.client_ip import client_ip
from patients.selectors import patients_visible_to
from records import selectors, services
from records.filters import AccessLogFilter, MedicalRecordFilter
from records.permissions import AccessLogAccess, MedicalRecordAccess, PatientHistoryAccess

from . import serializers


class MedicalRecordViewSet(viewsets.ModelViewSet):
    """Medical records. Every read (list, detail) and every change is written to the access log.

    A doctor creates records for their own non-cancelled appointments and edits their
    own records; a doctor reads every record of patients they have an appointment
    with; a patient reads their own; admin reads all and deletes.
    """

    permission_classes = [MedicalRecordAccess]
    serializer_class = serializers.MedicalRecordSerializer
    filterset_class = MedicalRecordFilter
    search_fields = []
    ordering_fields = ["created_at", "updated_at"]

    def get_queryset(self):
        return selectors.medical_records_visible_to(self.request.user)

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        services.access_log_records_listed(user=request.user, records=page, ip_address=client_ip(request))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request, *args, **kwargs):
        record = self.get_object()
        services.access_log_record_read(user=request.user, record=record, ip_address=client_ip(request))
        return Response(self.get_serializer(record).data)

    @swagger_auto_schema(
        request_body=serializers.MedicalRecordCreateSerializer, responses={201: serializers.MedicalRecordSerializer}
    )
    def create(self, request, *args, **kwargs):
        data = serializers.MedicalRecordCreateSerializer(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        record = services.medical_record_create(
            doctor=request.user.doctor, ip_address=client_ip(request), **data.validated_data
        )
        record = self.get_queryset().get(pk=record.pk)
        return Response(self.get_serializer(record).data, status=status.HTTP_201_CREATED)

    @swagger_auto_schema(
        request_body=serializers.MedicalRecordUpdateSerializer, responses={200: serializers.MedicalRecordSerializer}
    )
    def update(self, request, *args, **kwargs):
        record = self.get_object()
        data = serializers.MedicalRecordUpdateSerializer(data=request.data, partial=kwargs.get("partial", False))
        data.is_valid(raise_exception=True)
        services.medical_record_update(
            record=record, user=request.user, ip_address=client_ip(request), **data.validated_data
        )
        return Response(self.get_serializer(self.get_queryset().get(pk=record.pk)).data)

    @swagger_auto_schema(
        request_body=serializers.MedicalRecordUpdateSerializer, responses={200: serializers.MedicalRecordSerializer}
    )
    def partial_update(self, request, *args, **kwargs):
        return self.update(request, *args, partial=True, **kwargs)

    def destroy(self, request, *args, **kwargs):
        record = self.get_object()
        services.medical_record_delete(record=record, user=request.user, ip_address=client_ip(request))
        return Response(status=status.HTTP_204_NO_CONTENT)


class AccessLogViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The access log (admin, read-only, newest first). Filters: user, patient, action, date_from, date_to."""

    permission_classes = [AccessLogAccess]
    serializer_class = serializers.AccessLogSerializer
    filterset_class = AccessLogFilter
    search_fields = ["username", "object_id"]
    ordering_fields = ["timestamp"]

    def get_queryset(self):
        return selectors.access_log_list()


class PatientHistoryView(generics.GenericAPIView):
    """``GET /api/patients/{id}/history/``: a patient's visits and clinical records together."""

    permission_classes = [PatientHistoryAccess]
    serializer_class = serializers.PatientHistorySerializer
    filter_backends = []  # one patient, addressed by id
    pagination_class = None

    def get_queryset(self):
        return patients_visible_to(self.request.user)

    @swagger_auto_schema(operation_id="patients_history", responses={200: serializers.PatientHistorySerializer})
    def get(self, request, pk=None):
        """The patient's appointments (all, with every doctor) and medical records, newest first.

        For the patient, admin, or a doctor with an appointment with the patient (who
        may read all of that patient's records anyway). Written to the access log.
        """
        patient = self.get_object()
        services.access_log_history_read(user=request.user, patient=patient, ip_address=client_ip(request))
        body = {
            "patient": patient,
            "appointments": patient_appointments(patient=patient),
            "medical_records": selectors.patient_medical_records(patient=patient),
        }
        return Response(serializers.PatientHistorySerializer(body, context=self.get_serializer_context()).data)
