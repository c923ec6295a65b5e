"""Conditional GETs of the answers kept under stamps (issue 18): each carries an ETag, the same
version asked again is a bodiless 304, and any change, or another viewer, is a 200 again."""

import pytest

from appointments.models import ClinicSettings
from appointments.tests.factories import book_directly
from doctors.models import Doctor
from doctors.tests.factories import DoctorFactory, at, next_weekday
from patients.tests.factories import PatientFactory

pytestmark = [pytest.mark.django_db, pytest.mark.postgres, pytest.mark.usefixtures("stamped_cache")]

DAY = next_weekday(0, weeks_ahead=2)


def again(client, url, first):
    return client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])


@pytest.mark.parametrize("kind", ["search", "slots"])
def test_the_directory_answers_a_304_until_something_changes(api, kind):
    doctor = DoctorFactory()
    ClinicSettings.load()  # its first load creates the row, a change of the clinic's stamp
    url = "/api/doctors/?ordering=next_available"
    if kind == "slots":
        url = f"/api/doctors/{doctor.pk}/slots/?start={DAY}&end={DAY}"
    first = api.get(url)
    assert first.status_code == 200 and first["Cache-Control"] == "private, no-cache"
    unchanged = again(api, url, first)
    assert unchanged.status_code == 304
    assert unchanged.content == b""
    book_directly(doctor, start=at(DAY, 9))
    changed = again(api, url, first)
    assert changed.status_code == 200
    assert changed["ETag"] != first["ETag"]
    Doctor.objects.filter(pk=doctor.pk).update(clinic_name="Elbe Practice")
    assert again(api, url, changed).status_code == 200


def test_a_patients_tag_is_worth_nothing_to_another_patient(client_for):
    doctor, patient = DoctorFactory(), PatientFactory()
    alice, bob = client_for(patient.user), client_for(PatientFactory().user)
    first = alice.get("/api/appointments/")
    assert again(alice, "/api/appointments/", first).status_code == 304
    response = again(bob, "/api/appointments/", first)
    assert response.status_code == 200
    assert response["ETag"] != first["ETag"]
    book_directly(doctor, start=at(DAY, 9), patient=patient)
    assert again(alice, "/api/appointments/", first).status_code == 200
