from django_filters.rest_framework import DjangoFilterBackend
from drf_yasg.utils import swagger_auto_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from accounts.permissions import IsAdmin, IsFrontDesk, IsPatient
from appointments.api.serializers import AppointmentSerializer
from waitlist import services
from waitlist.filters import WaitlistFilter
from waitlist.selectors import waitlist_visible_to

from . import serializers

ENTRY = serializers.WaitlistEntrySerializer


class WaitlistViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The waitlist: a patient sees their own entries, a doctor the entries for them, admin all."""

    serializer_class = ENTRY
    filter_backends = [DjangoFilterBackend]
    filterset_class = WaitlistFilter

    def get_queryset(self):
        return waitlist_visible_to(self.request.user)

    def get_permissions(self):
        permission = {
            "create": IsPatient | IsAdmin | IsFrontDesk,
            "accept": IsPatient | IsAdmin,
            "decline": IsPatient | IsAdmin,
        }.get(self.action, IsAuthenticated)
        return [permission()]

    def get_serializer_class(self):
        return serializers.WaitlistJoinSerializer if self.action == "create" else ENTRY

    def list(self, request, *args, **kwargs):
        services.waitlist_expire_due()  # offers that ran out show as expired at once
        return super().list(request, *args, **kwargs)

    def retrieve(self, request, *args, **kwargs):
        entry = self.get_object()
        services.waitlist_expire_due(doctor=entry.doctor)
        return Response(ENTRY(self.get_object()).data)

    @swagger_auto_schema(responses={201: ENTRY})
    def create(self, request):
        data = serializers.WaitlistJoinSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        if request.user.is_admin or request.user.is_front_desk:  # for a patient, as they book for one
            if "patient" not in values:
                raise ValidationError({"patient": ["Required when the front desk or an administrator adds an entry."]})
            patient = values["patient"]
        else:
            patient = request.user.patient  # a patient always waits for themselves
        entry = services.waitlist_join(
            patient=patient,
            doctor=values["doctor"],
            date_from=values["date_from"],
            date_to=values["date_to"],
            time_from=values.get("time_from"),
            time_to=values.get("time_to"),
            visit_type=values.get("visit_type"),
            by=request.user,
        )
        return Response(ENTRY(entry).data, status=status.HTTP_201_CREATED)

    @swagger_auto_schema(request_body=None, responses={200: ENTRY})
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        """Leave the waitlist; a held slot is released."""
        entry = services.waitlist_cancel(entry=self.get_object())
        return Response(ENTRY(entry).data)

    @swagger_auto_schema(request_body=None, responses={201: AppointmentSerializer, 400: "No live offer"})
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        """Book the offered slot (the entry's patient or an admin)."""
        appointment = services.waitlist_accept(entry=self.get_object(), by=request.user)
        return Response(AppointmentSerializer(appointment).data, status=status.HTTP_201_CREATED)

    @swagger_auto_schema(request_body=None, responses={200: ENTRY, 400: "No live offer"})
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        """Turn the offer down: wait on, never offered that slot again; the slot passes on."""
        return Response(ENTRY(services.waitlist_decline(entry=self.get_object())).data)
