from drf_yasg.utils import swagger_auto_schema
from rest_framework import status, viewsets
from rest_framework.response import Response

from patients import selectors, services
from patients.filters import PatientFilter
from patients.permissions import PatientAccess

from . import serializers


class PatientViewSet(viewsets.ModelViewSet):
    """Patients. Admin: all, create, update, DELETE deactivates (nothing is deleted).
    A patient: only themselves (read, update). A doctor: read-only, patients with an
    appointment with them. Anyone else's profile is 404."""

    permission_classes = [PatientAccess]
    serializer_class = serializers.PatientSerializer
    filterset_class = PatientFilter
    search_fields = ["user__first_name", "user__last_name", "user__username", "user__email", "insurance_number"]
    ordering_fields = ["created_at", "user__last_name", "date_of_birth"]

    def get_queryset(self):
        return selectors.patients_visible_to(self.request.user)

    def _render(self, patient, status_code=status.HTTP_200_OK):
        patient = self.get_queryset().get(pk=patient.pk)
        return Response(self.get_serializer(patient).data, status=status_code)

    @swagger_auto_schema(
        request_body=serializers.PatientCreateSerializer, responses={201: serializers.PatientSerializer}
    )
    def create(self, request, *args, **kwargs):
        data = serializers.PatientCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        patient = services.patient_create(**data.flat())
        return self._render(patient, status.HTTP_201_CREATED)

    @swagger_auto_schema(
        request_body=serializers.PatientUpdateSerializer, responses={200: serializers.PatientSerializer}
    )
    def update(self, request, *args, **kwargs):
        patient = self.get_object()
        data = serializers.PatientUpdateSerializer(data=request.data, partial=kwargs.get("partial", False))
        data.is_valid(raise_exception=True)
        services.patient_update(patient=patient, **data.flat())
        return self._render(patient)

    @swagger_auto_schema(
        request_body=serializers.PatientUpdateSerializer, responses={200: serializers.PatientSerializer}
    )
    def partial_update(self, request, *args, **kwargs):
        return self.update(request, *args, partial=True, **kwargs)

    @swagger_auto_schema(responses={204: "Deactivated: the account cannot log in; nothing is deleted."})
    def destroy(self, request, *args, **kwargs):
        services.patient_deactivate(patient=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)
