"""The Django admin as a clinic manager uses it: change lists, actions, the settings page."""

from datetime import UTC, datetime, time, timedelta

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.tests.factories import AdminUserFactory, UserFactory
from appointments.models import Appointment, AppointmentStatus, ClinicSettings, IdempotencyKey
from patients.tests.factories import PatientFactory

from .factories import AppointmentFactory, DoctorFactory, LeaveDayFactory, SpecialtyFactory, WorkingHoursFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def browser():
    client = Client()
    client.force_login(AdminUserFactory(username="manager"))
    return client


def _idempotency_key():
    return IdempotencyKey.objects.create(
        user=UserFactory(),
        key=f"k-{IdempotencyKey.objects.count()}",
        request_hash="x",
        response_status=201,
        response_body={},
        expires_at=timezone.now() + timedelta(days=1),
    )


ROWS = {
    "accounts/user": UserFactory,
    "patients/patient": PatientFactory,
    "doctors/specialty": SpecialtyFactory,
    "doctors/doctor": DoctorFactory,
    "doctors/workinghours": WorkingHoursFactory,
    "doctors/leaveday": lambda: LeaveDayFactory(start_date=datetime(2027, 1, 1), end_date=datetime(2027, 1, 2)),
    "appointments/appointment": AppointmentFactory,
    "appointments/idempotencykey": _idempotency_key,
}


def page_queries(browser, url):
    with CaptureQueriesContext(connection) as queries:
        response = browser.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("model", list(ROWS))
def test_change_list_queries_do_not_grow_with_rows(browser, model):
    url = f"/admin/{model}/"
    for _ in range(5):
        ROWS[model]()
    few = page_queries(browser, url)
    for _ in range(15):
        ROWS[model]()
    assert page_queries(browser, url) == few
    assert few <= 12


@pytest.mark.parametrize("model", list(ROWS))
def test_change_list_search_works(browser, model):
    ROWS[model]()
    assert browser.get(f"/admin/{model}/", {"q": "a"}).status_code == 200


def test_doctor_page_shows_hours_and_leave_inlines(browser):
    doctor = DoctorFactory()
    WorkingHoursFactory(doctor=doctor)
    response = browser.get(f"/admin/doctors/doctor/{doctor.pk}/change/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Working hours" in content and "Leave days" in content


def test_doctor_list_filters_by_specialty_and_city(browser):
    DoctorFactory(specialty=SpecialtyFactory(name="Cardiology"), city="Munich")
    DoctorFactory(city="Berlin")
    response = browser.get("/admin/doctors/doctor/", {"city": "Munich"})
    assert response.context["cl"].result_count == 1


class TestAppointmentAdmin:
    def test_list_shows_names_and_start_in_the_clinic_zone(self, browser):
        appointment = AppointmentFactory(start=datetime(2027, 1, 10, 23, 30, tzinfo=UTC))
        content = browser.get("/admin/appointments/appointment/").content.decode()
        assert appointment.patient.full_name in content
        assert appointment.doctor.full_name in content
        assert "2027-01-11 00:30" in content  # Berlin time

    def test_search_by_patient_name(self, browser):
        AppointmentFactory(patient=PatientFactory(user__last_name="Quimby"))
        AppointmentFactory()
        response = browser.get("/admin/appointments/appointment/", {"q": "quimby"})
        assert response.context["cl"].result_count == 1

    def test_change_form_only_edits_the_reason(self, browser):
        appointment = AppointmentFactory(status=AppointmentStatus.PENDING)
        url = f"/admin/appointments/appointment/{appointment.pk}/change/"
        assert browser.get(url).status_code == 200
        response = browser.post(url, {"reason": "Knee pain", "status": "cancelled", "start": "2030-01-01"})
        assert response.status_code == 302
        appointment.refresh_from_db()
        assert appointment.reason == "Knee pain"
        assert appointment.status == AppointmentStatus.PENDING

    def test_cancel_action_goes_through_the_service(self, browser):
        pending = AppointmentFactory(status=AppointmentStatus.PENDING)
        completed = AppointmentFactory(status=AppointmentStatus.COMPLETED)
        response = browser.post(
            "/admin/appointments/appointment/",
            {"action": "cancel_selected", "_selected_action": [pending.pk, completed.pk]},
            follow=True,
        )
        assert response.status_code == 200
        pending.refresh_from_db()
        completed.refresh_from_db()
        assert pending.status == AppointmentStatus.CANCELLED
        assert pending.cancellation_reason == "Cancelled by the clinic"
        assert pending.cancelled_by.username == "manager"
        assert completed.status == AppointmentStatus.COMPLETED
        notes = [str(m) for m in get_messages(response.wsgi_request)]
        assert any("Cancelled 1 appointment" in note for note in notes)
        assert any(f"#{completed.pk}" in note for note in notes)

    def test_confirm_action(self, browser):
        pending = AppointmentFactory(status=AppointmentStatus.PENDING)
        browser.post(
            "/admin/appointments/appointment/", {"action": "confirm_selected", "_selected_action": [pending.pk]}
        )
        pending.refresh_from_db()
        assert pending.status == AppointmentStatus.CONFIRMED

    def test_appointments_cannot_be_deleted_from_the_admin(self, browser):
        appointment = AppointmentFactory()
        assert browser.get(f"/admin/appointments/appointment/{appointment.pk}/delete/").status_code == 403

    @pytest.fixture
    def open_doctor(self):
        doctor = DoctorFactory()
        for weekday in range(7):
            WorkingHoursFactory(doctor=doctor, weekday=weekday, start_time=time(8), end_time=time(18))
        return doctor

    def _book(self, browser, doctor, patient, day, at):
        return browser.post(
            "/admin/appointments/appointment/add/",
            {"patient": patient.pk, "doctor": doctor.pk, "start_0": day.isoformat(), "start_1": at, "reason": "Flu"},
        )

    def test_booking_from_the_admin_uses_the_booking_rules(self, browser, open_doctor):
        patient = PatientFactory()
        day = timezone.localdate() + timedelta(days=7)
        response = self._book(browser, open_doctor, patient, day, "10:00")
        assert response.status_code == 302, response.context["adminform"].form.errors
        appointment = Appointment.objects.get()
        assert appointment.end - appointment.start == timedelta(minutes=30)
        assert appointment.created_by.username == "manager"

        # The same slot again: refused with the service's message, nothing created.
        response = self._book(browser, open_doctor, PatientFactory(), day, "10:00")
        assert response.status_code == 200
        assert response.context["adminform"].form.errors
        # Outside the working hours.
        response = self._book(browser, open_doctor, patient, day, "20:00")
        assert response.status_code == 200
        assert Appointment.objects.count() == 1


class TestClinicSettingsAdmin:
    def test_list_goes_straight_to_the_one_settings_page(self, browser):
        response = browser.get("/admin/appointments/clinicsettings/")
        assert response.status_code == 302
        assert response["Location"] == "/admin/appointments/clinicsettings/1/change/"
        assert browser.get(response["Location"]).status_code == 200

    def test_no_add_and_no_delete(self, browser):
        ClinicSettings.load()
        assert browser.get("/admin/appointments/clinicsettings/add/").status_code == 403
        assert browser.get("/admin/appointments/clinicsettings/1/delete/").status_code == 403

    def test_saving_changes_the_rules(self, browser):
        ClinicSettings.load()
        response = browser.post(
            "/admin/appointments/clinicsettings/1/change/",
            {
                "clinic_name": "Harbour Clinic",
                "auto_confirm": "on",
                "min_notice_hours": 4,
                "booking_window_days": 30,
                "cancellation_cutoff_hours": 12,
                "default_slot_minutes": 20,
                "reminder_hours_before": 48,
            },
        )
        assert response.status_code == 302
        clinic = ClinicSettings.load()
        assert (clinic.clinic_name, clinic.auto_confirm, clinic.min_notice_hours) == ("Harbour Clinic", True, 4)

    def test_bad_values_are_form_errors(self, browser):
        ClinicSettings.load()
        response = browser.post("/admin/appointments/clinicsettings/1/change/", {"booking_window_days": 0})
        assert response.status_code == 200
        assert ClinicSettings.load().booking_window_days == 60


def test_idempotency_keys_are_read_only(browser):
    key = _idempotency_key()
    url = f"/admin/appointments/idempotencykey/{key.pk}/change/"
    assert browser.get(url).status_code == 200
    assert browser.post(url, {"key": "changed"}).status_code == 403
    assert browser.get("/admin/appointments/idempotencykey/add/").status_code == 403


def test_non_staff_cannot_open_the_admin():
    client = Client()
    client.force_login(UserFactory())
    assert client.get("/admin/appointments/appointment/").status_code == 302  # to the login page
