"""The demo's visits today: whenever `make run` starts, the waiting room shows someone who
arrived a few minutes ago, not at 06:50 in the morning."""

from datetime import date, timedelta

import pytest

from appointments.demo import PatientCalendar, _todays_visits
from doctors.tests.factories import DoctorFactory, at
from patients.tests.factories import PatientFactory

pytestmark = pytest.mark.django_db

DAY = date(2027, 3, 3)  # the clinic's zone is Europe/Berlin (settings.TIME_ZONE)


def arrived(now):
    doctors = DoctorFactory.create_batch(3)
    patients = PatientFactory.create_batch(3)
    visits = _todays_visits(doctors, patients, PatientCalendar(), now=now)
    [visit] = [visit for visit in visits if visit.checked_in_at is not None]
    return visit


@pytest.mark.parametrize("hour, minute", [(6, 0), (8, 40), (10, 20)])
def test_the_patient_waiting_is_the_one_of_the_visit_under_way_or_next(hour, minute):
    now = at(DAY, hour, minute)
    visit = arrived(now)
    assert visit.end > now
    assert timedelta(0) <= now - visit.checked_in_at <= timedelta(minutes=40)
    assert visit.checked_in_at <= visit.start - timedelta(minutes=10)


def test_in_the_evening_the_days_last_confirmed_patient_has_arrived():
    now = at(DAY, 12, 5)  # three doctors: the last visit ends at 11:45
    visit = arrived(now)
    assert visit.start == at(DAY, 7) + timedelta(minutes=45 * 4)  # the sixth visit is pending
    assert visit.checked_in_at == visit.start - timedelta(minutes=10)
