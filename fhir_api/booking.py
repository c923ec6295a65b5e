"""``POST /fhir/Appointment``: book a Slot through the booking service of /api/book-appointment/.

The body is parsed and validated as an R4 Appointment; its one ``slot`` names the doctor
and the start, its Patient participant the patient. Then ``appointment_book`` decides,
exactly as for /api/ (free slot, notice, window, 409 on a taken slot, outbox, audit), and
``Idempotency-Key`` replays the first answer as /api/ does. A slot of a visit type (its id
ends in the type's id) books that type: its length, buffer and fee. The server sets the status
(pending or booked, as the clinic's auto-confirm rule says), whatever the body asked.
"""

from fhir.resources.appointment import Appointment as FhirAppointment
from pydantic import ValidationError as ModelInvalid
from rest_framework import status
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from accounts.permissions import IsAdmin, IsFrontDesk, IsPatient
from appointments.idempotency import idempotent
from appointments.services import appointment_book
from doctors.selectors import doctor_visible_to
from patients.selectors import patients_visible_to

from . import params, resources
from .outcomes import FhirError, fhir_exception_handler
from .wire import base_url

PERMISSION = IsPatient | IsAdmin | IsFrontDesk  # as POST /api/book-appointment/
REASON_MAX_LENGTH = 2000


def book(request, *, view) -> Response:
    response = idempotent(request, lambda: _answer(request, view))
    if response.status_code == status.HTTP_201_CREATED:
        response["Location"] = f"{base_url(request)}Appointment/{response.data['id']}"
    return response


def _answer(request, view) -> Response:
    """Refusals become their OperationOutcome here, so a replayed refusal is one too."""
    try:
        return _book(request)
    except Exception as exc:
        response = fhir_exception_handler(exc, {"request": request, "view": view})
        if response is None:
            raise
        return response


def _book(request) -> Response:
    wanted = _parse(request.data)
    doctor, start, visit_type_id = _slot(request.user, wanted)
    patient = _patient(request.user, wanted)
    for kind, ident in _participants(wanted):
        if kind == "Practitioner" and params.numeric_id(ident) != doctor.pk:
            raise FhirError(f"participant: the slot belongs to Practitioner/{doctor.pk}, not Practitioner/{ident}.")
    reason = wanted.description or wanted.comment or ""
    if len(reason) > REASON_MAX_LENGTH:
        raise FhirError(f"description: at most {REASON_MAX_LENGTH} characters.")
    visit = appointment_book(
        patient=patient, doctor=doctor, start=start, reason=reason, visit_type=visit_type_id, by=request.user
    )
    return Response(resources.as_json(resources.appointment(visit)), status=status.HTTP_201_CREATED)


def _parse(body) -> FhirAppointment:
    if not isinstance(body, dict) or body.get("resourceType") != "Appointment":
        raise FhirError('The body must be an Appointment resource ("resourceType": "Appointment").')
    try:
        return FhirAppointment.parse_obj(body)
    except ModelInvalid as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise FhirError(f"Not a valid FHIR R4 Appointment: {problems}") from None


def _slot(user, wanted: FhirAppointment):
    example = '"slot": [{"reference": "Slot/12-20270301T080000Z"}]'
    if len(wanted.slot or []) != 1:
        raise FhirError(f"slot: name exactly one free Slot to book, e.g. {example}.")
    ident = params.reference_id(wanted.slot[0].reference or "", "Slot", param="slot")
    key = params.parse_slot_id(ident)
    doctor = doctor_visible_to(user).filter(pk=key.doctor_id).first() if key else None
    if doctor is None:
        raise FhirError(f"slot: Slot/{ident} is not a slot of this server; search GET /fhir/Slot?schedule=….")
    return doctor, key.start, key.visit_type_id


def _participants(wanted: FhirAppointment) -> list[tuple[str, str]]:
    """(resource type, id) of each participant's actor reference."""
    found = []
    for participant in wanted.participant:
        reference = participant.actor.reference if participant.actor else None
        parts = (reference or "").rstrip("/").split("/")
        if len(parts) >= 2:
            found.append((parts[-2], parts[-1]))
    return found


def _patient(user, wanted: FhirAppointment):
    idents = [ident for kind, ident in _participants(wanted) if kind == "Patient"]
    if len(idents) != 1:
        raise FhirError('participant: name exactly one Patient, e.g. {"actor": {"reference": "Patient/7"}}.')
    pk = params.numeric_id(idents[0])
    patient = patients_visible_to(user).filter(pk=pk).first() if pk else None
    if patient is None and user.is_patient:
        raise PermissionDenied("A patient books only for themselves: name your own Patient.")
    if patient is None:
        raise FhirError(f"participant: Patient/{idents[0]} does not exist.")
    return patient
