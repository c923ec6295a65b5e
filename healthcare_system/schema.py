"""drf-yasg customisations that keep the Swagger schema true to what the API answers."""

from drf_yasg import openapi
from drf_yasg.inspectors import FieldInspector


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
