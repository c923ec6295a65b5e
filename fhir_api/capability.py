"""``GET /fhir/metadata``: the CapabilityStatement, built from the views' own declarations."""

from fhir.resources.capabilitystatement import CapabilityStatement

from .outcomes import FHIR_JSON

# The date this statement last changed in substance (not the time of the request).
PUBLISHED = "2026-12-04"


def capability_statement(views, *, base: str) -> CapabilityStatement:
    return CapabilityStatement(
        status="active",
        date=PUBLISHED,
        publisher="Healthcare appointment scheduling",
        kind="instance",
        implementation={"description": "Scheduling: doctors, their free slots, patients and booking", "url": base},
        fhirVersion="4.0.1",
        format=[FHIR_JSON, "application/json"],
        rest=[
            {
                "mode": "server",
                "security": {
                    "description": "Patient and Appointment need `Authorization: Bearer <access>` (a JWT from "
                    "POST /api/token/); the same visibility as /api/. Practitioner, Schedule and Slot are public."
                },
                "resource": [_resource(view) for view in views],
            }
        ],
    )


def _resource(view) -> dict:
    interactions = [{"code": "read"}, {"code": "search-type"}]
    if hasattr(view, "post"):
        interactions.append({"code": "create"})
    return {
        "type": view.resource_type,
        "documentation": " ".join((view.__doc__ or "").split()),
        "interaction": interactions,
        "searchParam": [{"name": name, "type": kind} for name, kind in view.search_params.items()],
    }
