"""Twenty patients race for one slot: the database lets exactly one win (PostgreSQL)."""

import threading
from datetime import timedelta

import pytest
from django.db import connection, connections
from rest_framework.test import APIClient

from appointments.models import Appointment, AppointmentStatus
from appointments.tests.factories import book_directly
from doctors.tests.factories import DoctorFactory, at, next_weekday
from patients.tests.factories import PatientFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres]

RACERS = 20
MONDAY = next_weekday(0)


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("the race is decided by PostgreSQL's exclusion constraint")


def race(requests):
    """Run the callables at the same instant, one thread and one connection each; their results."""
    barrier = threading.Barrier(len(requests))
    results = [None] * len(requests)

    def run(index, request):
        try:
            barrier.wait()
            results[index] = request()
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, r)) for i, r in enumerate(requests)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def client(user):
    api = APIClient()
    api.force_authenticate(user)
    return api


def test_one_slot_twenty_bookings():
    doctor = DoctorFactory()
    body = {"doctor": doctor.pk, "appointment_time": at(MONDAY, 10).isoformat()}
    clients = [client(PatientFactory().user) for _ in range(RACERS)]
    statuses = race([lambda c=c: c.post("/api/book-appointment/", body, format="json").status_code for c in clients])
    assert sorted(statuses) == [201] + [409] * (RACERS - 1)
    assert Appointment.objects.filter(doctor=doctor, status__in=["pending", "confirmed"]).count() == 1


def test_twenty_reschedules_into_one_slot():
    doctor = DoctorFactory()
    # Twenty appointments on distinct slots, Tuesday to Friday, all wanting Monday 10:00.
    movers = [
        book_directly(doctor, start=at(MONDAY + timedelta(days=1 + i // 6), 9 + (i % 6) // 2, 30 * (i % 2)))
        for i in range(RACERS)
    ]
    body = {"appointment_time": at(MONDAY, 10).isoformat()}
    statuses = race(
        [
            lambda a=a: client(doctor.user).post(f"/api/appointments/{a.pk}/reschedule/", body).status_code
            for a in movers
        ]
    )
    assert sorted(statuses) == [200] + [409] * (RACERS - 1)
    active_at_ten = Appointment.objects.filter(
        doctor=doctor, start=at(MONDAY, 10), status__in=[AppointmentStatus.PENDING, AppointmentStatus.CONFIRMED]
    )
    assert active_at_ten.count() == 1


def test_one_patient_books_twenty_doctors_at_once():
    """Twenty doctors, one patient, one instant: the patient ends up with exactly one visit."""
    patient = PatientFactory()
    doctors = [DoctorFactory() for _ in range(RACERS)]
    patient_client = client(patient.user)
    statuses = race(
        [
            lambda d=d: (
                patient_client.post(
                    "/api/book-appointment/",
                    {"doctor": d.pk, "appointment_time": at(MONDAY, 10).isoformat()},
                    format="json",
                ).status_code
            )
            for d in doctors
        ]
    )
    assert sorted(statuses) == [201] + [409] * (RACERS - 1)
    assert Appointment.objects.filter(patient=patient, status__in=["pending", "confirmed"]).count() == 1
