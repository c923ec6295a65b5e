"""Lag-tolerant reads (reports, doctor search) go to the read replica when one is configured."""

import pytest

from appointments.models import Appointment
from healthcare_system.db import REPLICA, ReplicaRouter, replica_reads


@pytest.fixture
def with_replica(settings):
    settings.DATABASES = {**settings.DATABASES, REPLICA: {**settings.DATABASES["default"]}}


def test_reads_inside_the_block_go_to_the_replica(with_replica):
    router = ReplicaRouter()
    assert router.db_for_read(Appointment) is None
    with replica_reads():
        assert router.db_for_read(Appointment) == REPLICA
        assert router.db_for_write(Appointment) is None  # writes never leave the primary
    assert router.db_for_read(Appointment) is None


def test_without_a_replica_everything_stays_on_the_primary():
    with replica_reads():
        assert ReplicaRouter().db_for_read(Appointment) is None


def test_migrations_never_run_on_the_replica():
    assert ReplicaRouter().allow_migrate(REPLICA, "appointments") is False
    assert ReplicaRouter().allow_migrate("default", "appointments") is True


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "selector"),
    [
        ("/api/reports/revenue/", "reports.selectors.revenue_report"),
        ("/api/doctors/", "appointments.availability.doctors_set_next_available"),
    ],
)
def test_reports_and_the_doctor_search_read_through_the_replica(client_for, monkeypatch, path, selector):
    from accounts.tests.factories import AdminUserFactory
    from healthcare_system import db

    seen = []
    module, name = selector.rsplit(".", 1)
    original = getattr(__import__(module, fromlist=[name]), name)

    def spy(*args, **kwargs):
        seen.append(db._replica_reads.get())
        return original(*args, **kwargs)

    monkeypatch.setattr(selector, spy)
    assert client_for(AdminUserFactory()).get(path).status_code == 200
    assert seen == [True]


@pytest.mark.django_db
def test_booking_never_reads_through_the_replica(client_for, monkeypatch):
    from healthcare_system import db

    seen = []
    original = db.ReplicaRouter.db_for_read

    def spy(self, model, **hints):
        seen.append(db._replica_reads.get())
        return original(self, model, **hints)

    monkeypatch.setattr(db.ReplicaRouter, "db_for_read", spy)
    from patients.tests.factories import PatientFactory

    client_for(PatientFactory().user).post("/api/book-appointment/", {"doctor": 1}, format="json")
    assert seen and True not in seen  # it did read, and only from the primary
