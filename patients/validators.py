from django.utils import timezone
from rest_framework import serializers

from healthcare_system.dates import EARLIEST


def validate_date_of_birth(value):
    """A date of birth a person can have: not in the future, not before 1900."""
    if value and value > timezone.localdate():
        raise serializers.ValidationError("Date of birth cannot be in the future.")
    if value and value < EARLIEST:
        raise serializers.ValidationError(f"Date of birth cannot be before {EARLIEST}.")
    return value
