"""The calendar range the API accepts for dates and datetimes.

Far enough for any clinic's history and plans; it also keeps date arithmetic (a day
either side, a time zone's offset) away from year 1 and 9999, where Python's ``date``
overflows and the request would end in a 500 instead of a 400.
"""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError

EARLIEST, LATEST = date(1900, 1, 1), date(2999, 12, 31)
OUT_OF_RANGE = f"Must be between {EARLIEST} and {LATEST}."


def validate_supported_date(value: date) -> None:
    """A Django validator, so DRF fields and django-filter's form fields can both use it."""
    if not EARLIEST <= value <= LATEST:
        raise ValidationError(OUT_OF_RANGE, code="out_of_range")


def clinic_day_start(day: date) -> datetime:
    """Midnight of a calendar date in the clinic's zone (``TIME_ZONE``): list filters and reports
    count inclusive dates there, so ``[clinic_day_start(d), clinic_day_start(d + 1 day))`` is day d."""
    return datetime.combine(day, time.min, tzinfo=ZoneInfo(settings.TIME_ZONE))
