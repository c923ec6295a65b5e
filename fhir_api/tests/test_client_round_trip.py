"""A real FHIR R4 client (SMART's ``fhirclient``) against a live server: find a doctor, read
their schedule's free slots page by page, book one, read the booking back."""

import pytest
import requests
from fhirclient import client
from fhirclient.models.appointment import Appointment, AppointmentParticipant
from fhirclient.models.fhirreference import FHIRReference
from fhirclient.models.practitioner import Practitioner
from fhirclient.models.schedule import Schedule
from fhirclient.models.slot import Slot
from fhirclient.server import FHIRNotFoundException

from accounts.tests.factories import PASSWORD
from appointments.models import Appointment as Visit
from doctors.tests.factories import DoctorFactory
from notifications.models import Notification

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def fhir_server(live_server):
    return client.FHIRClient(settings={"app_id": "round-trip-test", "api_base": f"{live_server.url}/fhir/"}).server


def sign_in(fhir_server, live_server, user) -> None:
    tokens = requests.post(f"{live_server.url}/api/token/", json={"username": user.username, "password": PASSWORD})
    tokens.raise_for_status()
    fhir_server.session.headers["Authorization"] = f"Bearer {tokens.json()['access']}"


def test_search_read_book_and_read_back(fhir_server, live_server, patient):
    doctor = DoctorFactory(user__first_name="Maria", user__last_name="Schmidt")
    DoctorFactory(user__first_name="Jon", user__last_name="Berg")

    [practitioner] = list(Practitioner.where(struct={"name": "schmidt"}).perform_resources_iter(fhir_server))
    assert practitioner.id == str(doctor.pk) and practitioner.name[0].family == "Schmidt"

    [schedule] = list(
        Schedule.where(struct={"actor": f"Practitioner/{practitioner.id}"}).perform_resources_iter(fhir_server)
    )
    pages = list(Slot.where(struct={"schedule": f"Schedule/{schedule.id}", "_count": "40"}).perform_iter(fhir_server))
    slots = [entry.resource for page in pages for entry in page.entry or []]
    assert len(pages) >= 3 and len(slots) == pages[0].total  # followed every next link
    assert {slot.status for slot in slots} == {"free"}
    chosen = slots[5]
    assert Slot.read(chosen.id, fhir_server).start.isostring == chosen.start.isostring

    sign_in(fhir_server, live_server, patient.user)
    me = AppointmentParticipant({"actor": {"reference": f"Patient/{patient.pk}"}, "status": "accepted"})
    booking = Appointment({"status": "proposed", "participant": [me.as_json()]})
    booking.description = "Check-up"
    booking.slot = [FHIRReference({"reference": f"Slot/{chosen.id}"})]
    created = Appointment(booking.create(fhir_server))
    assert created.status == "pending" and created.start.isostring == chosen.start.isostring

    read_back = Appointment.read(created.id, fhir_server)
    assert read_back.as_json() == created.as_json()
    actors = [p.actor.reference for p in read_back.participant]
    assert actors == [f"Patient/{patient.pk}", f"Practitioner/{doctor.pk}"]
    [mine] = list(Appointment.where(struct={"patient": f"Patient/{patient.pk}"}).perform_resources_iter(fhir_server))
    assert mine.id == created.id

    with pytest.raises(FHIRNotFoundException):
        Slot.read(chosen.id, fhir_server)  # taken now
    visit = Visit.objects.get(pk=created.id)
    assert (visit.doctor_id, visit.patient_id, visit.reason) == (doctor.pk, patient.pk, "Check-up")
    assert Notification.objects.filter(appointment=visit, event="booked").exists()
