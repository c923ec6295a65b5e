from django.utils import timezone
from drf_yasg.utils import swagger_auto_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.permissions import IsAdmin, IsPatient
from healthcare_system.client_ip import client_ip
from privacy import selectors, services
from privacy.models import ErasureRequest
from records.models import AccessAction
from records.services import access_log_write

from .renderers import DataExportHTMLRenderer
from .serializers import ErasureRequestSerializer


def _own_patient(request):
    patient = getattr(request.user, "patient", None)
    if patient is None:
        raise NotFound("Your account has no patient profile.")
    return patient


class DataExportView(APIView):
    """Everything the clinic holds about the signed-in patient: JSON, or with ``?format=html``
    a readable page. A download; logged in the access log like any read of medical data."""

    permission_classes = [IsPatient]
    renderer_classes = [JSONRenderer, DataExportHTMLRenderer]

    @swagger_auto_schema(responses={200: "The patient's data (JSON, or HTML with ?format=html)."})
    def get(self, request):
        patient = _own_patient(request)
        data = selectors.patient_data_export(patient=patient)
        access_log_write(
            user=request.user,
            action=AccessAction.READ,
            model_name="privacy.DataExport",
            object_id=patient.pk,
            patient_id=patient.pk,
            ip_address=client_ip(request),
        )
        extension = request.accepted_renderer.format
        name = f"my-data-{timezone.localdate():%Y-%m-%d}.{extension}"
        return Response(data, headers={"Content-Disposition": f'attachment; filename="{name}"'})


class MyErasureRequestView(APIView):
    """The signed-in patient's erasure request: GET the latest (404 if none), POST to ask."""

    permission_classes = [IsPatient]

    @swagger_auto_schema(responses={200: ErasureRequestSerializer, 404: "No erasure request yet."})
    def get(self, request):
        latest = ErasureRequest.objects.filter(patient=_own_patient(request)).select_related("patient__user").first()
        if latest is None:
            raise NotFound("You have not asked for erasure.")
        return Response(ErasureRequestSerializer(latest).data)

    @swagger_auto_schema(request_body=None, responses={201: ErasureRequestSerializer, 409: "Already requested"})
    def post(self, request):
        erasure = services.erasure_request_create(patient=_own_patient(request))
        return Response(ErasureRequestSerializer(erasure).data, status=status.HTTP_201_CREATED)


class ErasureRequestViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Erasure requests (admin): list, read, and execute one."""

    permission_classes = [IsAdmin]
    serializer_class = ErasureRequestSerializer
    queryset = ErasureRequest.objects.select_related("patient__user")
    filterset_fields = ["status"]
    search_fields = []
    ordering_fields = ["requested_at"]

    @swagger_auto_schema(request_body=None, responses={200: ErasureRequestSerializer, 409: "Already executed"})
    @action(detail=True, methods=["post"])
    def execute(self, request, pk=None):
        erasure = services.erasure_execute(request=self.get_object(), by=request.user, ip_address=client_ip(request))
        return Response(self.get_serializer(erasure).data)
