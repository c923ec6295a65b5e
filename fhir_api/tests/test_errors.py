"""Every error under /fhir/ is an OperationOutcome: unknown paths, wrong methods, crashes,
with DEBUG on too; and the SPA's catch-all route never answers a FHIR path."""

import pytest

from .conftest import outcome

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("debug", [False, True])
@pytest.mark.parametrize("path", ["/fhir/Observation", "/fhir/Practitioner/1/_history", "/fhir/Slot/", "/fhir/x/y/z"])
def test_unknown_path_is_404_outcome(client, settings, debug, path):
    settings.DEBUG = debug  # `make run`: Django would answer with its HTML debug page
    outcome(client.get(path), 404)


def test_the_base_is_not_the_spa(client):
    assert client.get("/fhir/").json()["resourceType"] == "CapabilityStatement"
    response = client.get("/fhir")
    assert (response.status_code, response["Location"]) == (301, "/fhir/")


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("delete", "/fhir/Practitioner/1"),
        ("post", "/fhir/Slot"),
        ("put", "/fhir/Schedule/1"),
        ("post", "/fhir/metadata"),
    ],
)
def test_unsupported_method_is_405_outcome(api, method, path):
    outcome(getattr(api, method)(path), 405)


@pytest.mark.parametrize("debug", [False, True])
def test_a_crash_is_a_500_outcome_without_internals(client, settings, monkeypatch, debug):
    settings.DEBUG = debug

    def explode(*args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr("fhir_api.resources.practitioner", explode)
    client.raise_request_exception = False
    from doctors.tests.factories import DoctorFactory

    DoctorFactory()
    response = client.get("/fhir/Practitioner")
    assert outcome(response, 500) == "Internal server error."
    assert "secret internals" not in response.content.decode()
    assert response.json()["issue"][0]["severity"] == "fatal"


def test_a_bad_token_is_401_outcome_even_on_public_resources(api):
    response = api.get("/fhir/Practitioner", HTTP_AUTHORIZATION="Bearer not-a-token")
    outcome(response, 401)
