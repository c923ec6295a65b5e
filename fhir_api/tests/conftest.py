import json

import pytest
from fhir.resources import construct_fhir_element

from doctors.tests.factories import DoctorFactory, next_weekday
from patients.tests.factories import PatientFactory

MONDAY = next_weekday(0)  # a Monday at least a week ahead: clear of notice, inside the window


def fhir(response, status: int = 200) -> dict:
    """The body of a FHIR answer, after checking its status, its content type and that it
    parses and validates as the FHIR R4 resource it says it is (``fhir.resources`` 4.0.1)."""
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"].split(";")[0] in ("application/fhir+json", "application/json")
    body = json.loads(response.content)
    construct_fhir_element(body["resourceType"], body)  # raises when it is not valid R4
    return body


def outcome(response, status: int) -> str:
    """The diagnostics of the OperationOutcome that every FHIR error is."""
    body = fhir(response, status)
    assert body["resourceType"] == "OperationOutcome", body
    return body["issue"][0]["diagnostics"]


def resources_of(bundle: dict) -> list[dict]:
    assert bundle["resourceType"] == "Bundle" and bundle["type"] == "searchset"
    return [entry["resource"] for entry in bundle.get("entry", [])]


@pytest.fixture
def doctor(db):
    return DoctorFactory(user__first_name="Maria", user__last_name="Schmidt")  # Mon-Fri 09-12 Berlin


@pytest.fixture
def patient(db):
    return PatientFactory(user__first_name="Ann", user__last_name="Lee")


@pytest.fixture
def as_patient(client_for, patient):
    return client_for(patient.user)
