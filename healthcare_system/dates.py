"""The calendar range the API accepts for dates and datetimes.

Far enough for any clinic's history and plans; it also keeps date arithmetic (a day
either side, a time zone's offset) away from year 1 and 9999, where Python's ``date``
overflows and the request would end in a 500 instead of a 400.
"""

from datetime import date

from django.core.exceptions import ValidationError

EARLIEST, LATEST = date(1900, 1, 1), date(2999, 12, 31)
OUT_OF_RANGE = f"Must be between {EARLIEST} and {LATEST}."


def validate_supported_date(value: date) -> None:
    """A Django validator, so DRF fields and django-filter's form fields can both use it."""
    if not EARLIEST <= value <= LATEST:
        raise ValidationError(OUT_OF_RANGE, code="out_of_range")
