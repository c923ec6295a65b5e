"""The SPA's API types (healthcare-frontend/src/lib/api-schema.gen.ts) cannot drift from the
API: they are generated from its Swagger schema (``make types``) and must equal the committed
file. ``make lint`` runs the same check (``manage.py api_types --check``)."""

import json

import pytest
from django.core.management import call_command

from accounts.api.serializers import DetailSerializer
from healthcare_system.management.commands import api_types

needs_node_tools = pytest.mark.skipif(
    not (api_types.FRONTEND / "node_modules" / ".bin" / "openapi-typescript").exists(),
    reason="the SPA's node_modules are not installed (cd healthcare-frontend && npm ci)",
)


def test_the_schema_is_the_one_swagger_json_serves(client):
    served = client.get("/swagger.json").json()
    del served["host"], served["schemes"]  # the server asked, not the API
    assert json.loads(api_types.swagger_json()) == served


@needs_node_tools
def test_the_committed_types_are_generated_from_the_current_schema():
    committed = api_types.OUTPUT.read_text(encoding="utf-8")
    assert committed == api_types.render(), f"{api_types.OUTPUT.name} is stale: run `make types` and commit it."


@needs_node_tools
def test_a_serializer_change_makes_the_check_fail(monkeypatch, capsys):
    # What a changed serializer does to the committed file: --check fails and shows the field.
    monkeypatch.setitem(DetailSerializer._declared_fields, "added_field", DetailSerializer().fields["detail"])
    with pytest.raises(SystemExit) as exited:
        call_command("api_types", "--check")
    assert exited.value.code == 1
    assert "+            added_field: string;" in capsys.readouterr().err
