"""The front desk: books, moves, cancels and checks in for any patient; no clinical data."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.tests.factories import AdminUserFactory, FrontDeskUserFactory
from appointments.models import Appointment, AppointmentStatus
from doctors.tests.factories import DoctorFactory, VisitTypeFactory, at, clinic_rules, next_weekday
from patients.tests.factories import PatientFactory

from .factories import AppointmentFactory

pytestmark = pytest.mark.django_db

MONDAY = next_weekday(0)


@pytest.fixture(autouse=True)
def _rules():
    clinic_rules(booking_window_days=365)


@pytest.fixture
def desk(client_for):
    return client_for(FrontDeskUserFactory())


def today_at(hour: int, minute: int = 0):
    """A time later or earlier today on the clinic's calendar."""
    return timezone.localtime().replace(hour=hour, minute=minute, second=0, microsecond=0)


class TestBooking:
    def test_books_a_visit_type_for_a_patient_who_calls(self, desk):
        doctor, patient = DoctorFactory(), PatientFactory()
        first = VisitTypeFactory(doctor=doctor, duration_minutes=45, buffer_minutes=15)
        body = {"doctor": doctor.pk, "patient": patient.pk, "visit_type": first.pk}
        response = desk.post("/api/book-appointment/", body | {"appointment_time": at(MONDAY, 9).isoformat()})
        assert response.status_code == 201, response.content
        assert (response.json()["patient"], response.json()["visit_type"]) == (patient.pk, first.pk)

    def test_must_name_the_patient(self, desk):
        body = {"doctor": DoctorFactory().pk, "appointment_time": at(MONDAY, 9).isoformat()}
        response = desk.post("/api/book-appointment/", body, format="json")
        assert response.status_code == 400
        assert "patient" in response.json()

    def test_moves_and_cancels_any_patients_visit_even_inside_the_cutoff(self, desk):
        doctor = DoctorFactory()
        soon = AppointmentFactory(doctor=doctor, start=at(MONDAY, 9))
        moved = desk.post(f"/api/appointments/{soon.pk}/reschedule/", {"appointment_time": at(MONDAY, 10).isoformat()})
        assert moved.status_code == 200, moved.content
        assert desk.post(f"/api/appointments/{soon.pk}/cancel/", {"reason": "Called in"}).json()["status"] == (
            "cancelled"
        )

    def test_reads_every_appointment_and_registers_patients(self, desk):
        AppointmentFactory(), AppointmentFactory()
        assert desk.get("/api/appointments/").json()["count"] == 2
        body = {
            "user": {"username": "walkin", "email": "walkin@example.com", "first_name": "Walk", "last_name": "In"},
            "phone": "+4915100000001",
        }
        registered = desk.post("/api/patients/", body, format="json")
        assert registered.status_code == 201
        # Found by name; the factories' made-up patients may be called Walker too.
        found = desk.get("/api/patients/?search=walk").json()["results"]
        assert registered.json()["id"] in [patient["id"] for patient in found]

    def test_never_reads_clinical_data_reports_or_users(self, desk):
        patient = PatientFactory()
        for url in (
            "/api/medical-records/",
            f"/api/patients/{patient.pk}/history/",
            "/api/audit-log/",
            "/api/reports/appointments/",
            "/api/users/",
        ):
            assert desk.get(url).status_code == 403, url
        assert desk.patch("/api/settings/", {"auto_confirm": True}, format="json").status_code == 403
        assert desk.post(f"/api/appointments/{AppointmentFactory().pk}/complete/").status_code == 403

    def test_me_says_front_desk(self, desk):
        me = desk.get("/api/me/").json()
        assert (me["role"], me["patient"], me["doctor"]) == ("front_desk", None, None)

    def test_an_admin_makes_someone_front_desk(self, client_for):
        user = PatientFactory().user
        response = client_for(AdminUserFactory()).patch(f"/api/users/{user.pk}/", {"role": "front_desk"}, format="json")
        assert response.status_code == 200, response.content
        user.refresh_from_db()
        assert user.is_front_desk


class TestCheckIn:
    def check_in(self, api, appointment):
        return api.post(f"/api/appointments/{appointment.pk}/check-in/")

    @pytest.mark.parametrize("status", [AppointmentStatus.PENDING, AppointmentStatus.CONFIRMED])
    def test_todays_visit_is_checked_in_and_keeps_its_status(self, desk, status):
        visit = AppointmentFactory(start=today_at(23, 0), status=status)
        before = timezone.now()
        response = self.check_in(desk, visit)
        assert response.status_code == 200, response.content
        assert response.json()["status"] == status
        visit.refresh_from_db()
        assert visit.checked_in_at >= before
        assert response.json()["checked_in_at"] is not None

    def test_the_item_has_checked_in_at_null_until_then(self, desk):
        visit = AppointmentFactory()
        assert desk.get(f"/api/appointments/{visit.pk}/").json()["checked_in_at"] is None

    def test_an_earlier_visit_of_today_can_be_checked_in_late(self, desk):
        assert self.check_in(desk, AppointmentFactory(start=today_at(0, 0))).status_code == 200

    @pytest.mark.parametrize("days", [-1, 1])
    def test_another_days_visit_is_400(self, desk, days):
        visit = AppointmentFactory(start=today_at(12) + timedelta(days=days))
        response = self.check_in(desk, visit)
        assert response.status_code == 400
        assert "today" in response.json()["detail"]

    @pytest.mark.parametrize("status", [AppointmentStatus.CANCELLED, AppointmentStatus.COMPLETED, "no_show"])
    def test_a_visit_that_is_over_is_400(self, desk, status):
        assert self.check_in(desk, AppointmentFactory(start=today_at(23), status=status)).status_code == 400

    def test_twice_is_400(self, desk):
        visit = AppointmentFactory(start=today_at(23))
        assert self.check_in(desk, visit).status_code == 200
        assert "already checked in" in self.check_in(desk, visit).json()["detail"]

    def test_the_doctor_checks_in_their_own_patients_only(self, client_for):
        visit = AppointmentFactory(start=today_at(23))
        assert self.check_in(client_for(DoctorFactory().user), visit).status_code == 404
        assert self.check_in(client_for(visit.patient.user), visit).status_code == 403
        assert self.check_in(client_for(visit.doctor.user), visit).status_code == 200

    def test_reports_show_the_share_checked_in(self, client_for, desk):
        day = timezone.localdate().isoformat()
        visits = [AppointmentFactory(start=today_at(23, minute)) for minute in (0, 10, 20)]
        AppointmentFactory(start=today_at(23, 30), status=AppointmentStatus.CANCELLED)
        self.check_in(desk, visits[0])
        report = client_for(AdminUserFactory()).get(f"/api/reports/appointments/?date_from={day}&date_to={day}")
        assert (report.json()["checked_in"], report.json()["checked_in_share"]) == (1, 0.3333)
        assert Appointment.objects.filter(checked_in_at__isnull=False).count() == 1
