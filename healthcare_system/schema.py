"""drf-yasg customisations that keep the Swagger schema true to what the API answers."""

from drf_yasg import openapi
from drf_yasg.inspectors import FieldInspector, SwaggerAutoSchema
from rest_framework import serializers


class ReadOnlyMayBeBlank(FieldInspector):
    """Drop ``minLength`` from read-only strings.

    drf-yasg derives ``minLength: 1`` from ``allow_blank=False``, an input rule. A read-only
    field is never input, and optional text (an empty ``cancellation_reason``, a patient
    without an ``insurance_number``) is answered as ``""`` — which the schema must allow.
    """

    def process_result(self, result, method_name, obj, **kwargs):
        if getattr(obj, "read_only", False) and isinstance(result, openapi.Schema):
            result.pop("minLength", None)
        return result


class FieldSchemaFields(FieldInspector):
    """A field class may set ``swagger_schema_fields``, as serializers' ``Meta`` do, to correct
    what drf-yasg infers; a ``None`` value removes the attribute (``{"type": None}``: any type)."""

    def process_result(self, result, method_name, obj, **kwargs):
        overrides = getattr(obj, "swagger_schema_fields", None)
        if overrides and isinstance(result, openapi.Schema):
            for attr, value in overrides.items():
                if value is None:
                    result.pop(attr, None)
                else:
                    result[attr] = value
        return result


class ReadOnlyIsAnswered(FieldInspector):
    """List a serializer's read-only fields under ``required``: DRF renders every one of them in
    every response that carries the object, so a client may rely on them (drf-yasg leaves them
    out, which made every ``id`` and ``status`` look optional).

    A read-only field is never input, so this binds responses only: OpenAPI 3 says so in as
    many words (readOnly + required: "required on the response only"), and swagger2openapi
    carries both flags over to the SPA's generated types. Swagger 2.0 advises against listing
    read-only properties as required but has no other way to say they are always there.

    A serializer that leaves fields out of some responses says which are always there with
    ``Meta.swagger_schema_fields = {"required": [...]}``; it is then left as it says.
    """

    def process_result(self, result, method_name, obj, **kwargs):
        if not isinstance(obj, serializers.Serializer) or "required" in _manual_fields(obj):
            return result
        schema = openapi.resolve_ref(result, self.components) if isinstance(result, openapi.SchemaRef) else result
        if isinstance(schema, openapi.Schema) and schema.type == openapi.TYPE_OBJECT:
            required = list(schema.get("required") or [])
            required += [name for name, field in obj.fields.items() if field.read_only and name not in required]
            if required:
                schema.required = required
        return result


class NullableNested(FieldInspector):
    """A nested serializer that may be ``null`` (``allow_null=True``) as ``allOf: [$ref]`` with
    ``x-nullable``: drf-yasg put ``x-nullable`` on the shared definition instead, so the object
    was null everywhere when it was first met where it may be null, and nowhere otherwise."""

    def process_result(self, result, method_name, obj, **kwargs):
        if isinstance(obj, serializers.Serializer) and obj.allow_null and isinstance(result, openapi.SchemaRef):
            openapi.resolve_ref(result, self.components).pop("x-nullable", None)
            return openapi.Schema(type=openapi.TYPE_OBJECT, all_of=[result], x_nullable=True)
        return result


def _manual_fields(serializer) -> dict:
    return getattr(getattr(serializer, "Meta", None), "swagger_schema_fields", {})


# Every error under /api/ is JSON in DRF's shapes: {"detail": …, "code": …} for the request
# as a whole, {"field": ["message", …]} for field errors (see healthcare_system/exceptions.py).
ERROR_BODY = openapi.Schema(
    type=openapi.TYPE_OBJECT,
    description='`{"detail": "…", "code": "…"}` or field errors `{"field": ["message", …]}`.',
    additional_properties=True,
)

# The errors any operation may answer, whatever its own rules.
COMMON_ERRORS = {
    "401": "No, an invalid or an expired access token (or wrong credentials at /token/).",
    "403": "Authenticated, but this role may not do this.",
    "429": "Too many requests (throttled), or too many failed logins; see `Retry-After`.",
    "503": "The database is unavailable or did not answer in time; retry after `Retry-After`.",
}


class TruthfulAutoSchema(SwaggerAutoSchema):
    """Documents the error responses an operation really gives, beside its success: a schema
    fuzzer (and a client generator) must not meet a status the schema never mentioned."""

    def get_response_serializers(self):
        responses = super().get_response_serializers()
        errors = dict(COMMON_ERRORS)
        # DELETE too: a delete may break a rule (a visit type still in use: 400 with a code).
        writes = self.method in ("POST", "PUT", "PATCH", "DELETE")
        if writes or self.get_query_parameters() or self.get_filter_parameters():
            errors["400"] = "Invalid input: field errors, a malformed body, or a broken rule (with a `code`)."
        if writes:
            errors["409"] = "In conflict with the current state: the time was just taken, the patient is busy then."
        if "{" in self.path:
            errors["404"] = "No such object, or one outside the caller's scope."
        elif self.get_pagination_parameters():
            errors["404"] = "No such page (`page` past the last one)."
        for status, description in errors.items():
            if status not in responses:
                responses[status] = openapi.Response(description, ERROR_BODY)
        # Answered by gunicorn before Django sees the request, as HTML, so no body schema.
        responses.setdefault(
            "414", openapi.Response("The request line is longer than the server accepts (4094 bytes).")
        )
        return responses
