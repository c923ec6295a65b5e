"""A held slot is a real reservation: PostgreSQL's exclusion constraint keeps everyone else out."""

import pytest
from django.db import IntegrityError, connection, transaction
from rest_framework.test import APIClient

from appointments.models import Appointment, AppointmentStatus
from appointments.tests.factories import book_directly
from appointments.tests.test_concurrency import RACERS, race
from doctors.tests.factories import DoctorFactory, at, clinic_rules, next_weekday
from patients.tests.factories import PatientFactory
from waitlist.models import WaitlistEntry
from waitlist.services import waitlist_join

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres]

MONDAY = next_weekday(0)


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("the race is decided by PostgreSQL's exclusion constraint")


def client(user):
    api = APIClient()
    api.force_authenticate(user)
    return api


@pytest.fixture
def held():
    """Monday 10:00 freed by a cancellation and held for the one waiting patient."""
    clinic_rules(booking_window_days=60)
    doctor = DoctorFactory()
    taken = book_directly(doctor, start=at(MONDAY, 10))
    waiting = PatientFactory()
    entry = waitlist_join(patient=waiting, doctor=doctor, date_from=MONDAY, date_to=MONDAY, by=waiting.user)
    client(doctor.user).post(f"/api/appointments/{taken.pk}/cancel/", {}, format="json")
    entry.refresh_from_db()
    assert entry.status == "offered"
    return doctor, entry


def test_twenty_bookings_racing_a_held_slot_all_lose(held):
    doctor, entry = held
    body = {"doctor": doctor.pk, "appointment_time": at(MONDAY, 10).isoformat()}
    clients = [client(PatientFactory().user) for _ in range(RACERS)]
    statuses = race([lambda c=c: c.post("/api/book-appointment/", body, format="json").status_code for c in clients])
    assert statuses == [409] * RACERS
    assert not Appointment.objects.filter(doctor=doctor, status__in=["pending", "confirmed"]).exists()
    assert WaitlistEntry.objects.get(pk=entry.pk).status == "offered"


def test_the_patient_accepting_while_others_race_gets_it_and_only_they(held):
    doctor, entry = held
    body = {"doctor": doctor.pk, "appointment_time": at(MONDAY, 10).isoformat()}
    others = [client(PatientFactory().user) for _ in range(RACERS - 1)]
    accepting = client(entry.patient.user)
    requests = [lambda: accepting.post(f"/api/waitlist/{entry.pk}/accept/").status_code]
    requests += [lambda c=c: c.post("/api/book-appointment/", body, format="json").status_code for c in others]
    statuses = race(requests)
    assert statuses == [201] + [409] * (RACERS - 1)
    booked = Appointment.objects.get(doctor=doctor, status__in=["pending", "confirmed"])
    assert booked.patient == entry.patient


def test_the_constraint_itself_refuses_a_row_over_a_hold(held):
    doctor, _ = held
    with pytest.raises(IntegrityError, match="appointments_no_overlap_per_doctor"), transaction.atomic():
        book_directly(doctor, start=at(MONDAY, 10), status=AppointmentStatus.CONFIRMED)
