"""Our rows as FHIR R4 resources, built with ``fhir.resources`` (6.4.0 = FHIR 4.0.1).

The model classes validate as they are built (required elements, codes, formats), so
a resource that is not valid R4 fails here rather than at the integrator's end.
Responses carry ``as_json(resource)``: FHIR's own JSON (instants, decimals, no nulls).
"""

import json
from datetime import UTC

from fhir.resources.appointment import Appointment as FhirAppointment
from fhir.resources.bundle import Bundle
from fhir.resources.patient import Patient as FhirPatient
from fhir.resources.practitioner import Practitioner
from fhir.resources.resource import Resource
from fhir.resources.schedule import Schedule
from fhir.resources.slot import Slot

from appointments.models import Appointment, AppointmentStatus
from appointments.slots import Slot as EngineSlot
from doctors.models import Doctor, VisitType
from patients.models import Patient

from .params import slot_id

APPOINTMENT_STATUS = {
    AppointmentStatus.PENDING: "pending",
    AppointmentStatus.CONFIRMED: "booked",
    AppointmentStatus.COMPLETED: "fulfilled",
    AppointmentStatus.CANCELLED: "cancelled",
    AppointmentStatus.NO_SHOW: "noshow",
}
INSURANCE_NUMBER_TYPE = "Insurance number"
# The code system of our visit types (``serviceType`` of Slot and Appointment): codes are their ids.
VISIT_TYPE_SYSTEM = "urn:healthcare-scheduling:visit-type"


def as_json(resource: Resource) -> dict:
    return json.loads(resource.json())


def _compact(**elements) -> dict:
    """FHIR forbids empty elements: drop the None, "" and [] ones."""
    return {key: value for key, value in elements.items() if value not in (None, "", [])}


def _name(user, *, prefix: str = "") -> dict | None:
    name = _compact(
        use="official",
        family=user.last_name,
        given=[user.first_name] if user.first_name else [],
        prefix=[prefix] if prefix else [],
        text=" ".join(part for part in (prefix, user.first_name, user.last_name) if part),
    )
    return name if set(name) - {"use", "text", "prefix"} else None


def _display(user) -> str:
    return user.get_full_name() or user.get_username()


def practitioner_display(doctor: Doctor) -> str:
    return f"Dr. {_display(doctor.user)}"


def patient_display(patient: Patient) -> str:
    return _display(patient.user)


def practitioner(doctor: Doctor) -> Practitioner:
    """A doctor: name, practice address and specialty (needs ``user`` and ``specialty`` loaded)."""
    address = _compact(text=doctor.address, city=doctor.city)
    name = _name(doctor.user, prefix="Dr.")
    return Practitioner(
        **_compact(
            id=str(doctor.pk),
            active=doctor.is_active,
            name=[name] if name else [],
            address=[address] if address else [],
            qualification=[{"code": {"text": doctor.specialty.name}}],
        )
    )


def schedule(doctor: Doctor) -> Schedule:
    """A doctor's one schedule: the id is the doctor's, its slots are the doctor's free slots."""
    return Schedule(
        id=str(doctor.pk),
        active=doctor.is_active,
        serviceType=[{"text": doctor.specialty.name}],
        actor=[{"reference": f"Practitioner/{doctor.pk}", "display": practitioner_display(doctor)}],
        comment=f"{doctor.slot_minutes}-minute slots; working hours in {doctor.timezone}.",
    )


def _service_type(visit_type: VisitType | None) -> list[dict]:
    """A visit type as a FHIR ``serviceType`` (its id the code, its name the text)."""
    if visit_type is None:
        return []
    coding = {"system": VISIT_TYPE_SYSTEM, "code": str(visit_type.pk), "display": visit_type.name}
    return [{"coding": [coding], "text": visit_type.name}]


def slot(doctor_id: int, free: EngineSlot, visit_type: VisitType | None = None) -> Slot:
    """One free slot of the slot engine (for a visit of ``visit_type`` when given); its id is
    stable (doctor + UTC start + visit type)."""
    return Slot(
        **_compact(
            id=slot_id(doctor_id, free.start, visit_type.pk if visit_type else None),
            serviceType=_service_type(visit_type),
            schedule={"reference": f"Schedule/{doctor_id}"},
            status="free",
            start=free.start.astimezone(UTC),
            end=free.end.astimezone(UTC),
        )
    )


def patient(profile: Patient) -> FhirPatient:
    """A patient's demographics (needs ``user`` loaded)."""
    user = profile.user
    name = _name(user)
    telecom = []
    if profile.phone:
        telecom.append({"system": "phone", "value": str(profile.phone), "use": "mobile"})
    if user.email:
        telecom.append({"system": "email", "value": user.email})
    identifier = []
    if profile.insurance_number:
        identifier.append({"type": {"text": INSURANCE_NUMBER_TYPE}, "value": profile.insurance_number})
    return FhirPatient(
        **_compact(
            id=str(profile.pk),
            active=user.is_active,
            identifier=identifier,
            name=[name] if name else [],
            telecom=telecom,
            birthDate=profile.date_of_birth,
        )
    )


def appointment(visit: Appointment) -> FhirAppointment:
    """An appointment with its Patient and Practitioner (needs ``patient__user``, ``doctor__user``
    and ``visit_type`` loaded)."""
    pending = visit.status == AppointmentStatus.PENDING
    participants = [
        {
            "actor": {"reference": f"Patient/{visit.patient_id}", "display": patient_display(visit.patient)},
            "required": "required",
            "status": "accepted",
        },
        {
            "actor": {"reference": f"Practitioner/{visit.doctor_id}", "display": practitioner_display(visit.doctor)},
            "required": "required",
            # A pending visit waits for the doctor's confirmation.
            "status": "needs-action" if pending else "accepted",
        },
    ]
    cancelled = visit.status == AppointmentStatus.CANCELLED and visit.cancellation_reason
    return FhirAppointment(
        **_compact(
            id=str(visit.pk),
            meta={"lastUpdated": visit.updated_at},
            status=APPOINTMENT_STATUS[visit.status],
            cancelationReason={"text": visit.cancellation_reason} if cancelled else None,
            description=visit.reason,
            start=visit.start.astimezone(UTC),
            end=visit.end.astimezone(UTC),
            minutesDuration=round((visit.end - visit.start).total_seconds() / 60),
            serviceType=_service_type(visit.visit_type),
            slot=[{"reference": f"Slot/{slot_id(visit.doctor_id, visit.start, visit.visit_type_id)}"}],
            created=visit.created_at,
            participant=participants,
        )
    )


def searchset(*, entries: list[tuple[str, Resource]], total: int, links: dict[str, str]) -> Bundle:
    """A search result page: ``entries`` are (fullUrl, resource)."""
    return Bundle(
        type="searchset",
        total=total,
        link=[{"relation": relation, "url": url} for relation, url in links.items()],
        entry=[{"fullUrl": url, "resource": resource, "search": {"mode": "match"}} for url, resource in entries],
    )
