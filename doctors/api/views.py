from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import generics, status, viewsets
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from doctors import selectors, services
from doctors.filters import VisitTypeFilter, WorkingHoursFilter
from doctors.permissions import (
    VisitTypePermission,
    WorkingHoursPermission,
    doctor_for_write,
)

from . import serializers


class SpecialtyListView(generics.ListAPIView):
    """The managed list of specialties (not paginated)."""

    permission_classes = [AllowAny]
    serializer_class = serializers.SpecialtySerializer
    pagination_class = None
    filter_backends = []

    def get_queryset(self):
        return selectors.specialty_list()


class ScheduleViewSet(viewsets.ModelViewSet):
    """Shared shape of working hours and leave: the doctor rule for writes lives in
    ``permissions.doctor_for_write``; the business rules in the services."""

    filter_backends = [DjangoFilterBackend]

    def _create_values(self, request) -> tuple:
        """The validated body without ``doctor``, and the doctor it is for (403 for another's)."""
        data = self.get_serializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        return doctor_for_write(request.user, values.pop("doctor", None)), values

    def _update_values(self, request, instance, partial: bool) -> dict:
        """The validated body without ``doctor``: the doctor of an entry never changes, and
        naming another one is the same 403 as on create."""
        data = self.get_serializer(instance, data=request.data, partial=partial)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        if "doctor" in values and not request.user.is_admin:
            doctor_for_write(request.user, values["doctor"])
        values.pop("doctor", None)
        return values


class WorkingHoursViewSet(ScheduleViewSet):
    """Weekly working intervals. Anyone reads (filter ``?doctor=``); a doctor writes their
    own, an admin anyone's. Overlapping intervals of one doctor on one weekday are a 400."""

    serializer_class = serializers.WorkingHoursSerializer
    permission_classes = [WorkingHoursPermission]
    filterset_class = WorkingHoursFilter

    def get_queryset(self):
        return selectors.working_hours_visible_to(self.request.user)

    def create(self, request):
        doctor, values = self._create_values(request)
        hours = services.working_hours_create(doctor=doctor, **values)
        return Response(self.get_serializer(hours).data, status=status.HTTP_201_CREATED)

    def update(self, request, pk=None, partial=False):
        hours = self.get_object()
        hours = services.working_hours_update(hours=hours, **self._update_values(request, hours, partial))
        return Response(self.get_serializer(hours).data)

    def partial_update(self, request, pk=None):
        return self.update(request, pk, partial=True)

    def perform_destroy(self, instance):
        services.working_hours_delete(hours=instance)


class VisitTypeViewSet(ScheduleViewSet):
    """Kinds of visit a doctor offers (length, buffer after it, fee). Anyone reads (filter
    ``?doctor=``); a doctor manages their own, an admin anyone's. A type with appointments
    cannot be deleted: set ``active`` to false."""

    serializer_class = serializers.VisitTypeSerializer
    permission_classes = [VisitTypePermission]
    filterset_class = VisitTypeFilter

    def get_queryset(self):
        return selectors.visit_types_visible_to(self.request.user)

    def create(self, request):
        doctor, values = self._create_values(request)
        visit_type = services.visit_type_create(doctor=doctor, **values)
        return Response(self.get_serializer(visit_type).data, status=status.HTTP_201_CREATED)

    def update(self, request, pk=None, partial=False):
        visit_type = self.get_object()
        values = self._update_values(request, visit_type, partial)
        visit_type = services.visit_type_update(visit_type=visit_type, **values)
        return Response(self.get_serializer(visit_type).data)

    def partial_update(self, request, pk=None):
        return self.update(request, pk, partial=True)

    def perform_destroy(self, instance):
        services.visit_type_delete(visit_type=instance)
