"""Registration and /api/me/: use cases over a user and their patient or doctor profile.

Above accounts, patients and doctors (docs/architecture.md): accounts knows users, not the
profiles built on them.
"""

from django.contrib.auth import get_user_model
from drf_yasg.utils import swagger_auto_schema
from rest_framework import generics, status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts import services
from accounts.api.views import public_base_url
from patients.services import patient_register, profile_update

from . import serializers

User = get_user_model()


class RegistrationView(generics.GenericAPIView):
    """Register a new patient: a user account and a patient profile in one step."""

    permission_classes = [AllowAny]
    authentication_classes = []
    serializer_class = serializers.RegistrationSerializer
    throttle_scope = "registration"

    @swagger_auto_schema(responses={201: serializers.RegistrationResultSerializer})
    def post(self, request):
        data = self.get_serializer(data=request.data)
        data.is_valid(raise_exception=True)
        patient = patient_register(**data.validated_data)
        services.email_verification_send(user=patient.user, base_url=public_base_url(request))
        return Response(serializers.RegistrationResultSerializer(patient).data, status=status.HTTP_201_CREATED)


class MeView(APIView):
    permission_classes = [IsAuthenticated]

    def _render(self, request):
        user = User.objects.select_related("patient", "doctor__user", "doctor__specialty").get(pk=request.user.pk)
        return Response(serializers.MeSerializer(user, context={"request": request}).data)

    @swagger_auto_schema(responses={200: serializers.MeSerializer})
    def get(self, request):
        return self._render(request)

    @swagger_auto_schema(request_body=serializers.MeUpdateSerializer, responses={200: serializers.MeSerializer})
    def patch(self, request):
        data = serializers.MeUpdateSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        old_email = request.user.email
        profile_update(user=request.user, **data.validated_data)
        if request.user.email.lower() != old_email.lower():
            services.email_verification_send(user=request.user, base_url=public_base_url(request))
        return self._render(request)
