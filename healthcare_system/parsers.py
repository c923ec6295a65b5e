"""The API's JSON parser: a body nested too deep to parse is a 400, not a crash."""

from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser


class SafeJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            # e.g. 100 000 "[": the decoder gives up with RecursionError, which DRF
            # does not turn into a ParseError itself.
            raise ParseError("JSON parse error - nested too deeply.") from None
