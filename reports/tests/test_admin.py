"""The Django admin as a clinic manager uses it: change lists, actions, the settings page."""

import itertools
from datetime import UTC, datetime, time, timedelta

import pytest
from django.contrib import admin
from django.contrib.messages import get_messages
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.tests.factories import AdminUserFactory, UserFactory
from appointments.models import Appointment, AppointmentStatus, ClinicSettings, IdempotencyKey
from doctors.tests.factories import VisitTypeFactory
from healthcare_system.management.commands.docs_data_model import our_apps
from notifications.events import Event
from notifications.models import MessageTemplate, Notification
from notifications.services import notify_appointment_event
from patients.tests.factories import PatientFactory
from privacy.models import ErasureRequest
from records.models import AccessAction, AccessLog
from records.services import access_log_write
from records.tests.factories import MedicalRecordFactory
from waitlist.models import WaitlistEntry

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


def _notifications():
    return notify_appointment_event(appointment=AppointmentFactory(), event=Event.BOOKED)


_TEMPLATE_KEYS = itertools.cycle(itertools.product([e.value for e in Event], ("email", "sms"), ("en", "de")))


def _message_template():
    event, channel, language = next(_TEMPLATE_KEYS)  # one row per key: the key is unique
    template, _ = MessageTemplate.objects.update_or_create(
        event=event, channel=channel, language=language, defaults={"body_text": "Hi"}
    )
    return template


def _waitlist_entry():
    soon = timezone.localdate() + timedelta(days=3)
    return WaitlistEntry.objects.create(patient=PatientFactory(), doctor=DoctorFactory(), date_from=soon, date_to=soon)


def _erasure_request():
    return ErasureRequest.objects.create(patient=PatientFactory())


def _access_log():
    patient = PatientFactory()
    return access_log_write(
        user=patient.user, action=AccessAction.READ, model_name="records.MedicalRecord", patient_id=patient.pk
    )


ROWS = {
    "accounts/user": UserFactory,
    "patients/patient": PatientFactory,
    "doctors/specialty": SpecialtyFactory,
    "doctors/doctor": DoctorFactory,
    "doctors/workinghours": WorkingHoursFactory,
    "doctors/visittype": VisitTypeFactory,
    "doctors/leaveday": lambda: LeaveDayFactory(start_date=datetime(2027, 1, 1), end_date=datetime(2027, 1, 2)),
    "appointments/appointment": AppointmentFactory,
    "appointments/idempotencykey": _idempotency_key,
    "notifications/notification": _notifications,
    "notifications/messagetemplate": _message_template,
    "records/medicalrecord": MedicalRecordFactory,
    "records/accesslog": _access_log,
    "waitlist/waitlistentry": _waitlist_entry,
    "privacy/erasurerequest": _erasure_request,
}
# Every app of this repository: a new one with admin pages must add its rows above.
OUR_APPS = set(our_apps())
# The one settings row has no list: its change list redirects to the row (tested below).
NO_CHANGE_LIST = {"appointments/clinicsettings"}


def test_every_model_of_our_apps_is_registered_and_covered_here():
    registered = {
        f"{model._meta.app_label}/{model._meta.model_name}"
        for model in admin.site._registry
        if model._meta.app_label in OUR_APPS
    }
    assert registered == set(ROWS) | NO_CHANGE_LIST


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

    @pytest.mark.parametrize("term", ["Zebedee", "zebedee quimby", "dr-zeb", "zeb@clinic"])
    def test_search_by_doctor(self, browser, term):
        doctor = DoctorFactory(
            user__first_name="Zebedee", user__last_name="Quimby", user__username="dr-zeb", user__email="zeb@clinic.org"
        )
        AppointmentFactory(doctor=doctor)
        AppointmentFactory()
        response = browser.get("/admin/appointments/appointment/", {"q": term})
        assert [a.doctor_id for a in response.context["cl"].result_list] == [doctor.pk]

    def test_search_by_number(self, browser):
        wanted, _ = AppointmentFactory(), AppointmentFactory()
        response = browser.get("/admin/appointments/appointment/", {"q": str(wanted.pk)})
        assert [a.pk for a in response.context["cl"].result_list] == [wanted.pk]
        for huge in ("9" * 15, "9" * 30):  # never an integer overflow
            assert browser.get("/admin/appointments/appointment/", {"q": huge}).context["cl"].result_count == 0

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

    def test_cancel_action_notifies_patient_and_doctor(self, browser, django_capture_on_commit_callbacks):
        pending = AppointmentFactory(status=AppointmentStatus.PENDING)
        with django_capture_on_commit_callbacks(execute=True):
            browser.post(
                "/admin/appointments/appointment/", {"action": "cancel_selected", "_selected_action": [pending.pk]}
            )
        sent = Notification.objects.filter(appointment=pending, event=Event.CANCELLED)
        assert sent.exists()
        assert {n.recipient_role for n in sent} <= {"patient", "doctor"}
        assert "patient" in {n.recipient_role for n in sent}
        assert not Notification.objects.filter(appointment=pending).exclude(event=Event.CANCELLED).exists()

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
                "currency": "GBP",
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
        assert (clinic.clinic_name, clinic.currency, clinic.auto_confirm, clinic.min_notice_hours) == (
            "Harbour Clinic",
            "GBP",
            True,
            4,
        )

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


@pytest.mark.parametrize(
    ("model", "make"), [("records/accesslog", _access_log), ("notifications/notification", lambda: _notifications()[0])]
)
def test_logs_are_read_only(browser, model, make):
    entry = make()
    url = f"/admin/{model}/{entry.pk}/change/"
    assert browser.get(url).status_code == 200
    assert browser.post(url, {}).status_code == 403
    assert browser.get(f"/admin/{model}/add/").status_code == 403
    assert browser.get(f"/admin/{model}/{entry.pk}/delete/").status_code == 403
    assert type(entry).objects.filter(pk=entry.pk).exists()


def test_access_log_has_no_bulk_delete_action(browser):
    _access_log()
    response = browser.get("/admin/records/accesslog/")
    assert "delete_selected" not in response.content.decode()
    assert AccessLog.objects.count() == 1


def test_non_staff_cannot_open_the_admin():
    client = Client()
    client.force_login(UserFactory())
    assert client.get("/admin/appointments/appointment/").status_code == 302  # to the login page


class TestDoctorAdmin:
    def _post(self, browser, doctor, hours):
        data = {
            "user": doctor.user.pk,
            "specialty": doctor.specialty.pk,
            "is_active": "on",
            "consultation_fee": "50.00",
            "slot_minutes": 30,
            "timezone": "Europe/Berlin",
            "working_hours-TOTAL_FORMS": len(hours),
            "working_hours-INITIAL_FORMS": 0,
            "leave_days-TOTAL_FORMS": 0,
            "leave_days-INITIAL_FORMS": 0,
            "visit_types-TOTAL_FORMS": 0,
            "visit_types-INITIAL_FORMS": 0,
        }
        for i, (weekday, start, end) in enumerate(hours):
            data |= {f"working_hours-{i}-weekday": weekday, f"working_hours-{i}-start_time": start}
            data |= {f"working_hours-{i}-end_time": end, f"working_hours-{i}-doctor": doctor.pk}
        return browser.post(f"/admin/doctors/doctor/{doctor.pk}/change/", data)

    def test_hours_are_edited_inline(self, browser):
        doctor = DoctorFactory()
        response = self._post(browser, doctor, [(0, "09:00", "12:00"), (0, "12:00", "13:00"), (1, "10:00", "11:00")])
        assert response.status_code == 302
        assert doctor.working_hours.count() == 3

    def test_overlapping_hours_are_a_form_error_not_a_crash(self, browser):
        doctor = DoctorFactory()
        response = self._post(browser, doctor, [(0, "09:00", "12:00"), (0, "11:00", "13:00")])
        assert response.status_code == 200
        assert "overlaps" in response.content.decode()
        assert doctor.working_hours.count() == 0

    def test_single_interval_page_checks_the_other_intervals(self, browser):
        hours = WorkingHoursFactory(weekday=0, start_time=time(9), end_time=time(12))
        response = browser.post(
            "/admin/doctors/workinghours/add/",
            {"doctor": hours.doctor.pk, "weekday": 0, "start_time": "11:30", "end_time": "14:00"},
        )
        assert response.status_code == 200
        assert "overlaps" in response.content.decode()

    def test_retire_action_and_no_delete(self, browser):
        doctor = DoctorFactory()
        browser.post("/admin/doctors/doctor/", {"action": "deactivate", "_selected_action": [doctor.pk]})
        doctor.refresh_from_db()
        assert doctor.is_active is False
        assert browser.get(f"/admin/doctors/doctor/{doctor.pk}/delete/").status_code == 403
