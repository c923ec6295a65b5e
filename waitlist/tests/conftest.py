import pytest

from doctors.tests.factories import DoctorFactory


@pytest.fixture
def doctor():
    """Monday to Friday 09:00-12:00, 30-minute slots, Europe/Berlin."""
    return DoctorFactory()
