from django.utils import timezone
from django_filters.rest_framework import DjangoFilterBackend
from drf_yasg.utils import swagger_auto_schema
from rest_framework import filters, generics, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from doctors import hooks, selectors, services
from doctors.filters import DoctorFilter, LeaveDayFilter, VisitTypeFilter, WorkingHoursFilter
from doctors.permissions import (
    DoctorProfilePermission,
    LeaveDayPermission,
    VisitTypePermission,
    WorkingHoursPermission,
    doctor_for_write,
)
from healthcare_system.db import replica_reads

from . import serializers


class DoctorViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Doctors. Anyone lists (active doctors) and reads; admins create and deactivate;
    admins or the doctor themselves edit the profile."""

    serializer_class = serializers.DoctorSerializer
    permission_classes = [DoctorProfilePermission]
    # Search narrows the set before available_on computes schedules for what is left.
    filter_backends = [filters.SearchFilter, DjangoFilterBackend]
    filterset_class = DoctorFilter
    search_fields = ["user__first_name", "user__last_name", "specialty__name", "clinic_name"]

    def get_queryset(self):
        if self.action == "list":
            return selectors.doctor_list()
        return selectors.doctor_visible_to(self.request.user)

    def _render(self, doctor, status_code=status.HTTP_200_OK):
        selectors.doctors_set_next_available([doctor], now=timezone.now())
        return Response(self.get_serializer(doctor).data, status=status_code)

    def list(self, request, *args, **kwargs):
        # The search tolerates a second of replica lag: booking re-checks on the primary (409).
        with replica_reads(), selectors.availability_memo():
            return self._list(request)

    def _list(self, request):
        doctors = self.filter_queryset(self.get_queryset())
        ordering = request.query_params.get("ordering", "")
        now = timezone.now()
        if ordering.lstrip("-") == "next_available":
            # Sorting by a computed value needs it for every matching doctor (bulk-loaded).
            doctors = selectors.doctors_set_next_available(list(doctors), now=now)
            doctors = selectors.doctors_sorted_by_next_available(doctors, descending=ordering.startswith("-"))
            page = self.paginate_queryset(doctors)
        else:
            # Only the doctors on this page need their next free slot.
            page = self.paginate_queryset(doctors)
            selectors.doctors_set_next_available(page, now=now)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request, *args, **kwargs):
        return self._render(self.get_object())

    @swagger_auto_schema(
        request_body=serializers.DoctorCreateInputSerializer, responses={201: serializers.DoctorSerializer}
    )
    def create(self, request):
        data = serializers.DoctorCreateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        doctor = services.doctor_create(**values.pop("user"), **values)
        return self._render(doctor, status.HTTP_201_CREATED)

    def _update(self, request, *, partial: bool):
        doctor = self.get_object()
        data = serializers.DoctorProfileInputSerializer(data=request.data, partial=partial)
        data.is_valid(raise_exception=True)
        doctor = services.doctor_update(doctor=doctor, **data.validated_data)
        return self._render(selectors.doctor_visible_to(request.user).get(pk=doctor.pk))

    @swagger_auto_schema(
        request_body=serializers.DoctorProfileInputSerializer, responses={200: serializers.DoctorSerializer}
    )
    def update(self, request, pk=None):
        return self._update(request, partial=False)

    @swagger_auto_schema(
        request_body=serializers.DoctorProfileInputSerializer, responses={200: serializers.DoctorSerializer}
    )
    def partial_update(self, request, pk=None):
        return self._update(request, partial=True)

    @swagger_auto_schema(responses={204: "Deactivated; the doctor's history stays."})
    def destroy(self, request, pk=None):
        services.doctor_deactivate(doctor=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)

    @swagger_auto_schema(
        query_serializer=serializers.SlotQuerySerializer,
        responses={200: serializers.SlotSerializer(many=True)},
    )
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def slots(self, request, pk=None):
        """Free slots between two dates (both included, at most 31 days), in the doctor's zone."""
        doctor = self.get_object()
        query = serializers.SlotQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        now = timezone.now()
        hooks.before_slot_listing.send(sender=type(doctor), doctor=doctor, now=now)
        visit_type = None
        if "visit_type" in query.validated_data:
            visit_type = selectors.visit_type_bookable(doctor=doctor, visit_type_id=query.validated_data["visit_type"])
        slots = selectors.doctor_free_slots(
            doctor,
            start_date=query.validated_data["start"],
            end_date=query.validated_data["end"],
            now=now,
            visit_type=visit_type,
        )
        return Response(serializers.SlotSerializer(slots, many=True).data)


class SpecialtyListView(generics.ListAPIView):
    """The managed list of specialties (not paginated)."""

    permission_classes = [AllowAny]
    serializer_class = serializers.SpecialtySerializer
    pagination_class = None
    filter_backends = []

    def get_queryset(self):
        return selectors.specialty_list()


class _ScheduleViewSet(viewsets.ModelViewSet):
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


class WorkingHoursViewSet(_ScheduleViewSet):
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


class LeaveDayViewSet(_ScheduleViewSet):
    """Days off: a doctor's own (others are 404) and admin's. Creating or moving a leave over
    booked appointments succeeds and lists them in ``conflicting_appointments``."""

    serializer_class = serializers.LeaveDaySerializer
    permission_classes = [LeaveDayPermission]
    filterset_class = LeaveDayFilter

    def get_queryset(self):
        return selectors.leave_days_visible_to(self.request.user)

    def _data(self, leaves, many=False):
        items = list(leaves) if many else [leaves]
        context = {**self.get_serializer_context(), "conflicts": selectors.leave_days_conflicts(items)}
        return self.get_serializer_class()(leaves, many=many, context=context).data

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        return self.get_paginated_response(self._data(page, many=True))

    def retrieve(self, request, *args, **kwargs):
        return Response(self._data(self.get_object()))

    def create(self, request):
        doctor, values = self._create_values(request)
        leave = services.leave_day_create(doctor=doctor, **values)
        return Response(self._data(leave), status=status.HTTP_201_CREATED)

    def update(self, request, pk=None, partial=False):
        leave = self.get_object()
        leave = services.leave_day_update(leave=leave, **self._update_values(request, leave, partial))
        return Response(self._data(leave))

    def partial_update(self, request, pk=None):
        return self.update(request, pk, partial=True)

    def perform_destroy(self, instance):
        services.leave_day_delete(leave=instance)


class VisitTypeViewSet(_ScheduleViewSet):
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
