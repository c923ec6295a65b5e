import pytest
from django.db import connection
from django.utils import timezone

from doctors.tests.factories import DoctorFactory
from patients.tests.factories import PatientFactory


@pytest.fixture
def doctor():
    return DoctorFactory()


@pytest.fixture
def patient():
    return PatientFactory()


@pytest.fixture
def as_patient(client_for, patient):
    return client_for(patient.user)


@pytest.fixture
def same_minute(monkeypatch):
    """The clock held still: answers kept under stamps are keyed by the minute too, so a test
    that expects a read to be served again must not cross a minute between its requests."""
    now = timezone.now()
    monkeypatch.setattr(timezone, "now", lambda: now)
    return now


@pytest.fixture
def stamped_cache(settings, same_minute):
    """Answers kept under the stamps, on: PostgreSQL only (its triggers raise the stamps)."""
    if connection.vendor != "postgresql":
        pytest.skip("the stamps that key the answers are PostgreSQL triggers: no cache elsewhere")
    settings.AVAILABILITY_CACHE_SECONDS = 3600
