"""The appointment list's plain rows (appointments/api/rows.py) are AppointmentSerializer's items."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.tests.factories import AdminUserFactory, UserFactory
from appointments.api.rows import appointment_rows, appointment_values
from appointments.api.serializers import AppointmentSerializer
from appointments.models import AppointmentStatus
from appointments.selectors import appointments_visible_to
from doctors.tests.factories import DoctorFactory, VisitTypeFactory
from patients.tests.factories import PatientFactory

from .factories import AppointmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene():
    start = timezone.now().replace(microsecond=123456) + timedelta(days=3)
    berlin = DoctorFactory(timezone="Europe/Berlin")
    new_york = DoctorFactory(timezone="America/New_York", user=UserFactory(first_name="", last_name="", role="doctor"))
    patient = PatientFactory()
    nameless = PatientFactory(user=UserFactory(first_name="", last_name="", role="patient"))
    visit = VisitTypeFactory(doctor=berlin, duration_minutes=45, buffer_minutes=15)
    AppointmentFactory(doctor=berlin, patient=patient, start=start, visit_type=visit, buffer_minutes=15)
    AppointmentFactory(
        doctor=new_york,
        patient=nameless,
        start=start + timedelta(hours=5),
        fee=Decimal("99.5"),
        status=AppointmentStatus.CANCELLED,
        cancelled_at=timezone.now(),
        cancellation_reason="Feeling better",
    )
    AppointmentFactory(
        doctor=new_york, patient=patient, start=start - timedelta(days=10), checked_in_at=start - timedelta(days=10)
    )


def test_rows_equal_the_serializer_field_for_field(scene):
    appointments = appointments_visible_to(AdminUserFactory())
    expected = AppointmentSerializer(appointments, many=True).data
    rows = appointment_rows(appointment_values(appointments))
    assert len(rows) == 3
    assert rows == [dict(item) for item in expected]
    assert [list(row) for row in rows] == [list(item) for item in expected]  # the same key order too


def test_the_list_endpoint_serves_them(scene):
    admin = AdminUserFactory()
    api = APIClient()
    api.force_authenticate(admin)
    listed = api.get("/api/appointments/").json()["results"]
    expected = AppointmentSerializer(appointments_visible_to(admin), many=True).data
    assert listed == [dict(item) for item in expected]
