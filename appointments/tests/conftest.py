import pytest

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
