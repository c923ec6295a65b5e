"""The API's orjson renderer writes what DRF's stock JSON renderer writes."""

import uuid
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.utils.translation import gettext_lazy
from rest_framework.exceptions import ErrorDetail
from rest_framework.renderers import JSONRenderer
from rest_framework.utils.serializer_helpers import ReturnDict, ReturnList

from healthcare_system.renderers import FastJSONRenderer

SAMPLES = [
    {"count": 2, "next": None, "previous": "http://x/?page=1", "results": [{"id": 1}, {"id": 2}]},
    {"detail": ErrorDetail("Not found.", code="not_found")},
    {"field": [ErrorDetail("This field is required.", code="required")]},
    {"name": "Müller", "emoji": "🩺", "quote": 'a "b" \\ c', "ls": "line\u2028sep\u2029para"},
    {"fee": Decimal("120.00"), "lazy": gettext_lazy("Not found."), "uuid": uuid.UUID(int=7)},
    {
        "utc": datetime(2027, 3, 1, 9, 30, 0, 123456, tzinfo=UTC),
        "berlin": datetime(2027, 3, 1, 9, 30, tzinfo=ZoneInfo("Europe/Berlin")),
        "day": date(2027, 3, 1),
        "at": time(9, 30),
        "span": timedelta(minutes=90),
    },
    ReturnDict({"a": [1, 2.5, True, False, None]}, serializer=None),
    ReturnList([{"a": 1}, {"b": (1, 2)}], serializer=None),
    [],
    {},
    "plain",
    {1: "int key"},
    {"big": 2**70},
]


@pytest.mark.parametrize("data", SAMPLES)
def test_same_bytes_as_drf(data):
    assert FastJSONRenderer().render(data) == JSONRenderer().render(data)


def test_nothing_renders_empty():
    assert FastJSONRenderer().render(None) == b""


def test_indent_asked_for_is_honoured():
    rendered = FastJSONRenderer().render({"a": 1}, "application/json; indent=2")
    assert rendered == JSONRenderer().render({"a": 1}, "application/json; indent=2")
    assert rendered == b'{\n  "a": 1\n}'
