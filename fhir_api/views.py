"""The FHIR R4 endpoints: thin views over the same selectors and services as /api/.

Each resource type is one view class that says what the caller may see (``scope``, the
app's own selector), how its search parameters narrow that (``narrow``) and how a row
becomes a resource (``build``). Reads and searches, paging and links are shared here.
"""

from abc import ABC, abstractmethod
from datetime import UTC, datetime, time, timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from appointments.availability import doctor_free_slots
from appointments.selectors import appointments_visible_to
from doctors.selectors import doctor_list, doctor_visible_to, visit_type_bookable
from healthcare_system.client_ip import client_ip
from healthcare_system.exceptions import DomainError
from patients.selectors import patients_visible_to
from records import services as record_services
from records.models import AccessAction

from . import booking, params, resources
from .capability import capability_statement
from .outcomes import InvalidSearch, ResourceNotFound, fhir_exception_handler
from .wire import PARSERS, RENDERERS, FhirContentNegotiation, base_url

COMMON_PARAMS = {"_count", "_page", "_format"}
SLOT_SEARCH_DAYS = 31
SLOT_STATUSES = {"busy", "free", "busy-unavailable", "busy-tentative", "entered-in-error"}


class FhirView(APIView):
    """JSON in and out as FHIR speaks it; every error an OperationOutcome."""

    renderer_classes = RENDERERS
    parser_classes = PARSERS
    content_negotiation_class = FhirContentNegotiation
    permission_classes = [AllowAny]
    swagger_schema = None  # FHIR documents itself: GET /fhir/metadata

    def get_exception_handler(self):
        return fhir_exception_handler


class ResourceView(FhirView, ABC):
    """``GET /fhir/{type}/{id}`` (read) and ``GET /fhir/{type}?…`` (search, a Bundle page)."""

    resource_type = ""
    # name -> FHIR search parameter type: what ``narrow`` understands, and what
    # the CapabilityStatement lists (one declaration for both).
    search_params: dict[str, str] = {}
    read_permission = AllowAny

    def get_permissions(self):
        return [self.read_permission()]

    # --- what a type defines ----------------------------------------------------------------

    @abstractmethod
    def scope(self, request) -> QuerySet:
        """Everything the caller may see of this type (the owning app's selector)."""

    def narrow(self, request, found: QuerySet, query) -> QuerySet | list:
        return found

    @abstractmethod
    def build(self, item):
        """The FHIR resource of one item."""

    def load(self, request, resource_id: str):
        pk = params.numeric_id(resource_id)
        item = self.scope(request).filter(pk=pk).first() if pk else None
        if item is None:
            raise ResourceNotFound(f"{self.resource_type}/{resource_id} is not known here.")
        return item

    def shown(self, request, items, action: str) -> None:
        """Called with what a read or a search page returns (the audit hook)."""

    # --- shared -----------------------------------------------------------------------------

    def get(self, request, resource_id: str | None = None):
        if resource_id is not None:
            params.check_known(request.query_params, {"_format"})
            item = self.load(request, resource_id)
            self.shown(request, [item], AccessAction.READ)
            return Response(resources.as_json(self.build(item)))
        return self.search(request)

    def search(self, request):
        query = request.query_params
        params.check_known(query, set(self.search_params) | COMMON_PARAMS)
        paging = params.page(query)
        found = self.narrow(request, self.scope(request), query)
        total = len(found) if isinstance(found, list) else found.count()
        items = list(found[paging.offset : paging.offset + paging.count]) if paging.count else []
        self.shown(request, items, AccessAction.LIST)
        base = base_url(request)
        bundle = resources.searchset(
            entries=[(f"{base}{self.resource_type}/{r.id}", r) for r in map(self.build, items)],
            total=total,
            links=self._links(request, base, paging, total),
        )
        return Response(resources.as_json(bundle))

    def _links(self, request, base: str, paging: params.Page, total: int) -> dict[str, str]:
        query = request.query_params.copy()

        def page_url(number: int) -> str:
            query["_count"], query["_page"] = str(paging.count), str(number)
            return f"{base}{self.resource_type}?{query.urlencode()}"

        links = {"self": page_url(paging.number)}
        if paging.count and paging.offset + paging.count < total:
            links["next"] = page_url(paging.number + 1)
        if paging.number > 1:
            links["previous"] = page_url(paging.number - 1)
        return links


# --- Shared narrowing ---------------------------------------------------------------------------


def _by_ids(found: QuerySet, query) -> QuerySet:
    for value in query.getlist("_id"):
        found = found.filter(pk__in=[pk for pk in map(params.numeric_id, params.tokens(value)) if pk])
    return found


def _by_name(found: QuerySet, query, *, user_path: str) -> QuerySet:
    """FHIR ``name``: every word of a value appears in the first or the last name; commas OR values."""
    for value in query.getlist("name"):
        either = Q()
        for alternative in params.tokens(value):
            words = Q()
            for word in alternative.split():
                words &= Q(**{f"{user_path}first_name__icontains": word}) | Q(
                    **{f"{user_path}last_name__icontains": word}
                )
            either |= words
        found = found.filter(either)
    return found


def _by_reference(found: QuerySet, query, name: str, resource_type: str, field: str) -> QuerySet:
    for value in query.getlist(name):
        ids = [params.numeric_id(params.reference_id(v, resource_type, param=name)) for v in params.tokens(value)]
        found = found.filter(**{f"{field}__in": [pk for pk in ids if pk]})
    return found


# --- Resource types -----------------------------------------------------------------------------


class PractitionerView(ResourceView):
    """Doctors taking appointments (public). Admins may also read retired ones by id."""

    resource_type = "Practitioner"
    search_params = {"_id": "token", "name": "string"}

    def scope(self, request):
        return doctor_list().order_by("pk")

    def load(self, request, resource_id):
        pk = params.numeric_id(resource_id)
        doctor = doctor_visible_to(request.user).filter(pk=pk).first() if pk else None
        if doctor is None:
            raise ResourceNotFound(f"{self.resource_type}/{resource_id} is not known here.")
        return doctor

    def narrow(self, request, found, query):
        return _by_name(_by_ids(found, query), query, user_path="user__")

    def build(self, doctor):
        return resources.practitioner(doctor)


class ScheduleView(PractitionerView):
    """One schedule per doctor, with the doctor's id (public)."""

    resource_type = "Schedule"
    search_params = {"_id": "token", "actor": "reference"}

    def narrow(self, request, found, query):
        return _by_reference(_by_ids(found, query), query, "actor", "Practitioner", "pk")

    def build(self, doctor):
        return resources.schedule(doctor)


class SlotView(ResourceView):
    """Free slots, exactly as GET /api/doctors/{id}/slots/ computes them (public)."""

    resource_type = "Slot"
    search_params = {"schedule": "reference", "start": "date", "status": "token", "service-type": "token"}

    def load(self, request, resource_id):
        key = params.parse_slot_id(resource_id)
        doctor = doctor_list().filter(pk=key.doctor_id).first() if key else None
        if doctor is not None:
            try:
                visit_type = visit_type_bookable(doctor=doctor, visit_type_id=key.visit_type_id)
            except DomainError:
                visit_type = doctor = None  # a retired or unknown visit type has no free slots
        if doctor is not None:
            day = key.start.astimezone(doctor.tzinfo).date()
            now = timezone.now()
            for free in doctor_free_slots(doctor, start_date=day, end_date=day, now=now, visit_type=visit_type):
                if free.start.astimezone(UTC) == key.start:
                    return doctor.pk, free, visit_type
        raise ResourceNotFound(f"Slot/{resource_id} is not a free slot (taken, past, or never one).")

    def scope(self, request):
        return doctor_list()

    def narrow(self, request, found, query) -> list:
        schedule = params.one_value(query, "schedule")
        if schedule is None:
            raise InvalidSearch("schedule is required, e.g. schedule=Schedule/12 (one doctor's free slots).")
        pk = params.numeric_id(params.reference_id(schedule, "Schedule", param="schedule"))
        doctor = found.filter(pk=pk).first() if pk else None
        statuses = [code for value in query.getlist("status") for code in params.tokens(value)]
        unknown = set(statuses) - SLOT_STATUSES
        if unknown:
            raise InvalidSearch(
                f"status: unknown code {', '.join(sorted(unknown))}; slots are {sorted(SLOT_STATUSES)}."
            )
        if doctor is None or (statuses and "free" not in statuses):
            return []  # only free slots are published
        visit_type = visit_type_bookable(doctor=doctor, visit_type_id=_visit_type_id(query))
        now = timezone.now()
        window = params.instant_range(query.getlist("start"), name="start", zone=doctor.tzinfo)
        lower = window.lower or now
        first_day = lower.astimezone(doctor.tzinfo).date()
        upper = window.upper or datetime.combine(
            first_day + timedelta(days=SLOT_SEARCH_DAYS), time.min, tzinfo=doctor.tzinfo
        ).astimezone(UTC)
        last_day = (upper - timedelta(microseconds=1)).astimezone(doctor.tzinfo).date()
        if last_day < first_day:
            return []
        if (last_day - first_day).days + 1 > SLOT_SEARCH_DAYS:
            raise InvalidSearch(f"start: the range can cover at most {SLOT_SEARCH_DAYS} days of the doctor's calendar.")
        free = doctor_free_slots(doctor, start_date=first_day, end_date=last_day, now=now, visit_type=visit_type)
        return [(doctor.pk, slot, visit_type) for slot in free if lower <= slot.start.astimezone(UTC) < upper]

    def build(self, item):
        doctor_id, free, visit_type = item
        return resources.slot(doctor_id, free, visit_type)


def _visit_type_id(query) -> int | None:
    """``service-type``: a visit type's id, bare or as ``urn:…:visit-type|id`` (None: plain slots)."""
    value = params.one_value(query, "service-type")
    if value is None:
        return None
    system, _, code = value.rpartition("|")
    pk = params.numeric_id(code)
    if pk is None or system not in ("", resources.VISIT_TYPE_SYSTEM):
        raise InvalidSearch(f"service-type: expected a visit type id (from /api/visit-types/), got {value!r}.")
    return pk


class PatientView(ResourceView):
    """Patients as /api/patients/ scopes them; every read is written to the access log."""

    resource_type = "Patient"
    search_params = {"_id": "token", "name": "string", "birthdate": "date"}
    read_permission = IsAuthenticated

    def scope(self, request):
        return patients_visible_to(request.user).order_by("pk")

    def narrow(self, request, found, query):
        found = _by_name(_by_ids(found, query), query, user_path="user__")
        lower, upper = params.date_range(query.getlist("birthdate"), name="birthdate")
        if lower is not None:
            found = found.filter(date_of_birth__gte=lower)
        if upper is not None:
            found = found.filter(date_of_birth__lt=upper)
        return found

    def shown(self, request, items, action):
        record_services.access_log_patients_read(
            user=request.user, patients=items, action=action, ip_address=client_ip(request)
        )

    def build(self, patient):
        return resources.patient(patient)


class AppointmentView(ResourceView):
    """Appointments as /api/appointments/ scopes them; POST books a Slot (see booking.py)."""

    resource_type = "Appointment"
    search_params = {
        "_id": "token",
        "patient": "reference",
        "practitioner": "reference",
        "date": "date",
        "status": "token",
    }
    read_permission = IsAuthenticated

    def get_permissions(self):
        booking_request = self.request.method == "POST" and "resource_id" not in self.kwargs
        return [booking.PERMISSION()] if booking_request else super().get_permissions()

    def scope(self, request):
        return appointments_visible_to(request.user).order_by("start", "pk")

    def narrow(self, request, found, query):
        found = _by_reference(_by_ids(found, query), query, "patient", "Patient", "patient_id")
        found = _by_reference(found, query, "practitioner", "Practitioner", "doctor_id")
        # A plain date is a day of the clinic's calendar, as in /api/appointments/?date_from=.
        window = params.instant_range(query.getlist("date"), name="date", zone=timezone.get_default_timezone())
        if window.lower is not None:
            found = found.filter(start__gte=window.lower)
        if window.upper is not None:
            found = found.filter(start__lt=window.upper)
        by_code = {code: ours for ours, code in resources.APPOINTMENT_STATUS.items()}
        for value in query.getlist("status"):
            codes = params.tokens(value)
            unknown = [code for code in codes if code not in by_code]
            if unknown:
                raise InvalidSearch(f"status: {', '.join(unknown)} is not used here; known: {', '.join(by_code)}.")
            found = found.filter(status__in=[by_code[code] for code in codes])
        return found

    def build(self, visit):
        return resources.appointment(visit)

    def post(self, request, resource_id=None):
        if resource_id is not None:
            return self.http_method_not_allowed(request)
        return booking.book(request, view=self)


RESOURCE_VIEWS = (PractitionerView, ScheduleView, SlotView, PatientView, AppointmentView)


class MetadataView(FhirView):
    """The CapabilityStatement (public)."""

    def get(self, request):
        params.check_known(request.query_params, {"_format", "mode"})
        return Response(resources.as_json(capability_statement(RESOURCE_VIEWS, base=base_url(request))))
