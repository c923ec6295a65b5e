"""The doctors' endpoints that read appointments: the directory (``next_available``,
``available_on``, slots) and the leave list (the visits a leave covers).

Their routes are the doctors' own (``/api/doctors/``, ``/api/leave-days/``, same names and
operations); they are served from here, above both apps, because doctors cannot import
appointments. The rest of the doctors' API, and the shapes these views share with it
(serializers, permissions, ``ScheduleViewSet``), stay in ``doctors.api``.
"""

from functools import partial

from django.utils import timezone
from django_filters.rest_framework import DjangoFilterBackend
from drf_yasg.utils import swagger_auto_schema
from rest_framework import filters, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from accounts.permissions import is_admin
from appointments import availability, directory_cache
from appointments.filters import DoctorFilter
from appointments.selectors import leave_days_conflicts
from doctors import hooks, selectors, services
from doctors.api import serializers
from doctors.api.views import ScheduleViewSet
from doctors.filters import LeaveDayFilter
from doctors.permissions import DoctorProfilePermission, LeaveDayPermission
from healthcare_system.conditional import conditional_response
from healthcare_system.db import replica_reads


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
        availability.doctors_set_next_available([doctor], now=timezone.now())
        return Response(self.get_serializer(doctor).data, status=status_code)

    def list(self, request, *args, **kwargs):
        # The search tolerates a second of replica lag: booking re-checks on the primary (409).
        now = timezone.now()
        with replica_reads(), availability.availability_memo():
            answer = directory_cache.search_answer(
                list(request.query_params.lists()),
                base_url=request.build_absolute_uri(request.path),
                now=now,
                compute=lambda: self._list(request, now=now),
            )
        return conditional_response(request, answer.data, answer.tag)

    def _list(self, request, *, now):
        doctors = self.filter_queryset(self.get_queryset())
        ordering = request.query_params.get("ordering", "")
        if ordering.lstrip("-") == "next_available":
            # Sorting by a computed value needs it for every matching doctor (bulk-loaded).
            doctors = availability.doctors_set_next_available(list(doctors), now=now)
            doctors = availability.doctors_sorted_by_next_available(doctors, descending=ordering.startswith("-"))
            page = self.paginate_queryset(doctors)
        else:
            # Only the doctors on this page need their next free slot.
            page = self.paginate_queryset(doctors)
            availability.doctors_set_next_available(page, now=now)
        return self.get_paginated_response(self.get_serializer(page, many=True).data).data

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
        now = timezone.now()
        compute = partial(self._slots, request, now=now)
        if is_admin(request.user) or not (pk.isascii() and pk.isdigit()):
            # Admins see retired doctors too: their answers are not the public ones cached.
            return Response(compute())
        answer = directory_cache.slots_answer(int(pk), list(request.query_params.lists()), now=now, compute=compute)
        return conditional_response(request, answer.data, answer.tag)

    def _slots(self, request, *, now):
        doctor = self.get_object()
        query = serializers.SlotQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        hooks.before_slot_listing.send(sender=type(doctor), doctor=doctor, now=now)
        visit_type = None
        if "visit_type" in query.validated_data:
            visit_type = selectors.visit_type_bookable(doctor=doctor, visit_type_id=query.validated_data["visit_type"])
        slots = availability.doctor_free_slots(
            doctor,
            start_date=query.validated_data["start"],
            end_date=query.validated_data["end"],
            now=now,
            visit_type=visit_type,
            cached=True,
        )
        return serializers.SlotSerializer(slots, many=True).data


class LeaveDayViewSet(ScheduleViewSet):
    """Days off: a doctor's own (others are 404) and admin's. Creating or moving a leave over
    booked appointments succeeds and lists them in ``conflicting_appointments``."""

    serializer_class = serializers.LeaveDaySerializer
    permission_classes = [LeaveDayPermission]
    filterset_class = LeaveDayFilter

    def get_queryset(self):
        return selectors.leave_days_visible_to(self.request.user)

    def _data(self, leaves, many=False):
        items = list(leaves) if many else [leaves]
        context = {**self.get_serializer_context(), "conflicts": leave_days_conflicts(items)}
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
