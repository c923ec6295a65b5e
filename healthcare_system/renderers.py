"""The API's JSON renderer: DRF's output, produced by orjson.

The JSON that ``rest_framework.renderers.JSONRenderer`` writes with the default settings
(compact, UTF-8, U+2028/U+2029 escaped, same keys in the same order; only a float may be
spelled differently, 1e16 for 1e+16), for a fraction of the time on long lists. Anything
orjson has no native form for, or formats differently (dates and times: DRF shortens
microseconds and writes UTC as ``Z``; Decimal, lazy strings, querysets …), goes through DRF's
own encoder. A request for indented output (``Accept: application/json; indent=2``) and
non-string dict keys fall back to DRF's renderer.
"""

import orjson
from rest_framework.renderers import JSONRenderer
from rest_framework.utils.encoders import JSONEncoder

_OPTIONS = orjson.OPT_PASSTHROUGH_DATETIME
_default = JSONEncoder().default


class FastJSONRenderer(JSONRenderer):
    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None:
            return b""
        if self.get_indent(accepted_media_type, renderer_context or {}):
            return super().render(data, accepted_media_type, renderer_context)
        try:
            rendered = orjson.dumps(data, default=_default, option=_OPTIONS)
        except TypeError:
            # Non-string keys, integers beyond 64 bits: the stock renderer says what it says.
            return super().render(data, accepted_media_type, renderer_context)
        # As DRF does: these two are valid JSON but end a line in JavaScript.
        return rendered.replace(b"\xe2\x80\xa8", b"\\u2028").replace(b"\xe2\x80\xa9", b"\\u2029")
