"""Docs, health and error shapes: the parts every client relies on."""

import os

import pytest
from django.db import DatabaseError

from records.api.serializers import OTHER_DOCTORS_FIELDS

pytestmark = pytest.mark.django_db


def test_healthz_says_when_no_broker_is_configured(client, settings):
    # Tasks run in-process then: "ok" would claim a broker that is not there.
    settings.CELERY_BROKER_URL = ""
    response = client.get("/healthz/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "broker": "not configured"}


def test_healthz_reports_a_reachable_broker(client, settings):
    url = os.environ.get("REDIS_TEST_URL", "")
    if not url:
        pytest.skip("set REDIS_TEST_URL (a Redis database for tests only)")
    settings.CELERY_BROKER_URL = url
    assert client.get("/healthz/").json() == {"status": "ok", "database": "ok", "broker": "ok"}


def test_healthz_is_503_when_the_database_is_down(client, monkeypatch):
    def broken(*args, **kwargs):
        raise DatabaseError("down")

    monkeypatch.setattr("healthcare_system.health.connection.cursor", broken)
    response = client.get("/healthz/")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


def test_healthz_reports_an_unreachable_broker(client, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    body = client.get("/healthz/").json()
    assert body["broker"] == "unavailable"
    assert body["database"] == "ok"


@pytest.mark.parametrize("path", ["/swagger/", "/redoc/"])
def test_docs_pages_render(client, path):
    assert client.get(path).status_code == 200


def test_schema_describes_bearer_auth_and_endpoints(client):
    schema = client.get("/swagger.json").json()
    assert schema["securityDefinitions"]["Bearer"]["in"] == "header"
    for path in ("/registrations/", "/token/", "/token/refresh/", "/token/blacklist/", "/me/", "/users/"):
        assert path in schema["paths"], path


def test_schema_lets_read_only_text_be_blank(client):
    # Fuzzing found responses with "" (no cancellation reason, no insurance number) violating minLength: 1.
    definitions = client.get("/swagger.json").json()["definitions"]
    for name, field in [("Appointment", "cancellation_reason"), ("Patient", "insurance_number"), ("Doctor", "city")]:
        prop = definitions[name]["properties"][field]
        assert prop.get("readOnly") is True, (name, field)
        assert "minLength" not in prop, (name, field)
    # Found by schemathesis as a patient: /api/me/ answers a profile without an insurance number.
    for name, field in [("PatientProfile", "insurance_number"), ("PatientProfile", "phone"), ("Me", "last_name")]:
        assert "minLength" not in definitions[name]["properties"][field], (name, field)


def test_schema_says_the_calendar_file_is_text_calendar(client):
    operation = client.get("/swagger.json").json()["paths"]["/appointments/{id}/ics/"]["get"]
    assert operation["produces"][0] == "text/calendar"


def test_unknown_api_path_is_json_404(client):
    response = client.get("/api/does-not-exist/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_wrong_method_is_json_405(client):
    response = client.get("/api/registrations/")
    assert response.status_code == 405
    assert "detail" in response.json()


def test_unexpected_error_is_json_500_without_trace(client, monkeypatch):
    def explode(*args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr("profiles.api.views.patient_register", explode)
    client.raise_request_exception = False
    response = client.post(
        "/api/registrations/",
        {
            "username": "x1",
            "email": "x1@example.com",
            "password": "Correct-Horse-42",
            "first_name": "X",
            "last_name": "Y",
            "phone": "+4915112345678",
        },
        content_type="application/json",
    )
    assert response.status_code == 500
    assert response.json() == {"detail": "Internal server error."}
    assert "secret internals" not in response.content.decode()


def test_spa_routes_fall_back_to_index(client):
    response = client.get("/doctors/12")
    # 200 with index.html once built, 503 with a hint before; never the API's 404.
    assert response.status_code in (200, 503)
    assert response["Content-Type"].startswith("text/html")


def test_every_setting_read_from_the_environment_is_documented_in_env_example():
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    read = set(re.findall(r'env\.\w+\("([A-Z0-9_]+)"', (root / "healthcare_system" / "settings.py").read_text()))
    documented = set(re.findall(r"^#? ?([A-Z0-9_]+)=", (root / ".env.example").read_text(), flags=re.MULTILINE))
    assert read - documented == set()


@pytest.mark.parametrize("path", ["/api/does-not-exist/", "/api/appointments/.x/"])
def test_unknown_api_path_is_json_even_with_debug_on(client, settings, path):
    settings.DEBUG = True  # `make run`: Django would answer with its HTML debug page
    response = client.get(path)
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == {"detail": "Not found."}


def test_a_crash_under_api_is_json_even_with_debug_on(client, settings, monkeypatch):
    settings.DEBUG = True

    def explode(*args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr("profiles.api.views.patient_register", explode)
    client.raise_request_exception = False
    body = {"username": "x2", "email": "x2@example.com", "password": "Correct-Horse-42", "first_name": "X"}
    response = client.post(
        "/api/registrations/", {**body, "last_name": "Y", "phone": "+4915112345678"}, content_type="application/json"
    )
    assert response.status_code == 500
    assert response.json() == {"detail": "Internal server error."}
    assert "secret internals" not in response.content.decode()


def test_every_operation_documents_its_error_responses(client):
    # A schema fuzzer (and a generated client) must meet no status the schema never named.
    schema = client.get("/swagger.json").json()
    missing = []
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            if method == "parameters":
                continue
            # 414: gunicorn's answer to a request line over 4094 bytes (schemathesis sent one).
            expected = {"401", "403", "414", "429", "503"}
            if method in ("post", "put", "patch", "delete"):  # a delete may break a rule: 400
                expected |= {"400", "409"}  # 409: a waitlist accept whose patient is busy by now
            if "{" in path:
                expected.add("404")
            if not expected <= set(operation["responses"]):
                missing.append((method.upper(), path, sorted(expected - set(operation["responses"]))))
    assert not missing
    error = schema["paths"]["/appointments/{id}/"]["patch"]["responses"]["404"]
    assert error["schema"]["type"] == "object"


def test_a_search_with_a_nul_character_is_a_400_object_not_a_bare_list(client_for):
    from accounts.tests.factories import AdminUserFactory

    response = client_for(AdminUserFactory()).get("/api/patients/", {"search": "a\x00b"})
    assert response.status_code == 400
    assert response.json() == {"detail": "Null characters are not allowed."}


def test_fields_answered_as_null_are_nullable_in_the_schema(client):
    # Found by schemathesis (make reliability): a visit without a type answers null here.
    schema = client.get("/swagger.json").json()
    assert schema["definitions"]["Appointment"]["properties"]["visit_type_name"]["x-nullable"] is True
    # A booking retried with the same Idempotency-Key and another body is a 422.
    assert "422" in schema["paths"]["/book-appointment/"]["post"]["responses"]
    assert "422" in schema["paths"]["/appointments/"]["post"]["responses"]
    # An entry waiting for any time of day answers time_from/time_to null.
    waitlist_entry = schema["definitions"]["WaitlistEntry"]["properties"]
    assert waitlist_entry["time_from"]["x-nullable"] is True and waitlist_entry["time_to"]["x-nullable"] is True
    assert "404" in schema["paths"]["/me/erasure-request/"]["get"]["responses"]


def test_read_only_fields_are_required_as_every_response_has_them(client):
    # DRF renders every read-only field; the SPA's generated types rely on it (no `id?: number`).
    definitions = client.get("/swagger.json").json()["definitions"]
    appointment = definitions["Appointment"]
    assert set(appointment["required"]) == set(appointment["properties"])
    assert {"id", "conflicting_appointments"} <= set(definitions["LeaveDay"]["required"])
    assert "doctor" not in definitions["LeaveDay"]["required"]  # writable and optional in a request
    assert "offer" in definitions["WaitlistEntry"]["required"]  # a nested read-only object, null or not
    # A doctor sees another doctor's visit in a history as these fields only: the rest may be missing.
    assert set(definitions["HistoryAppointment"]["required"]) == set(OTHER_DOCTORS_FIELDS)


def test_responses_once_without_a_schema_have_one(client):
    schema = client.get("/swagger.json").json()
    definitions, paths = schema["definitions"], schema["paths"]
    me = definitions["Me"]["properties"]
    assert me["patient"] == {"type": "object", "allOf": [{"$ref": "#/definitions/PatientProfile"}], "x-nullable": True}
    assert me["doctor"]["allOf"] == [{"$ref": "#/definitions/Doctor"}] and me["doctor"]["x-nullable"] is True
    assert "x-nullable" not in definitions["Doctor"]  # a doctor is null in /me/ only, not everywhere
    assert me["role"]["enum"] == ["patient", "doctor", "admin", "front_desk"]
    series = paths["/appointment-series/"]["post"]["responses"]
    assert series["200"]["schema"] == {"$ref": "#/definitions/SeriesPlan"}  # ?dry_run=true
    assert series["201"]["schema"] == {"$ref": "#/definitions/Series"}
    for path in ("/token/refresh/", "/token/blacklist/"):
        assert set(paths[path]["post"]["responses"]) & {"200", "201"} == {"200"}, path
    assert paths["/calendar-feed/"]["get"]["responses"]["200"]["schema"] == {"$ref": "#/definitions/CalendarFeed"}
    assert paths["/visit-links/{token}/"]["get"]["responses"]["200"]["schema"] == {"$ref": "#/definitions/VisitLink"}
    assert definitions["ErasureRequest"]["properties"]["summary"] == {"$ref": "#/definitions/ErasureSummary"}
    assert set(definitions["ErasureSummary"]["properties"]) == {
        "anonymised",
        "kept",
        "cancelled_upcoming_appointments",
        "deleted",
    }
    users = {p["name"] for p in paths["/users/"]["get"]["parameters"]}
    assert {"role", "is_active"} <= users
