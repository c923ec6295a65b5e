"""Messages from templates: the clinic's own (admin, with a preview) or the shipped ones, in the patient's language."""

import re
from datetime import UTC, datetime

import pytest
from django.core import mail
from django.test import Client

from accounts.tests.factories import AdminUserFactory
from notifications.events import Event
from notifications.models import MessageTemplate
from notifications.services import notify_appointment_event

from .factories import AppointmentFactory

pytestmark = pytest.mark.django_db

START = datetime(2027, 3, 1, 8, 30, tzinfo=UTC)  # Monday 09:30 in Berlin


def _messages(captured, sms_outbox, **patient):
    appointment = AppointmentFactory(
        start=START, end=START.replace(minute=59), **{f"patient__{k}": v for k, v in patient.items()}
    )
    with captured(execute=True):
        notify_appointment_event(appointment=appointment, event=Event.REMINDER)
    email = next(m for m in mail.outbox if m.to == [appointment.patient.user.email])
    sms = next(m for m in sms_outbox if m["to"] == appointment.patient.phone.as_e164)
    return appointment, email, sms


def test_a_german_patient_gets_german_email_and_sms(django_capture_on_commit_callbacks, sms_outbox, settings):
    settings.PUBLIC_URL = "http://testserver"

    _, email, sms = _messages(django_capture_on_commit_callbacks, sms_outbox, language="de")

    assert email.subject == "[City Health Clinic] Erinnerung: Ihr Termin am Mo 1 Mär 2027, 09:30 CET"
    assert email.body.startswith("Hallo ")
    assert "Wir erinnern Sie an Ihren Termin" in email.body
    assert re.search(r"Ja, ich komme: +http://testserver/visit/\S+", email.body)
    assert '<html lang="de">' in email.alternatives[0][0]
    assert sms["body"].startswith("City Health Clinic: Erinnerung: Termin bei")
    assert "Antworten Sie C zum Bestätigen" in sms["body"]


def test_english_stays_the_default(django_capture_on_commit_callbacks, sms_outbox):
    _, email, _ = _messages(django_capture_on_commit_callbacks, sms_outbox)

    assert email.subject == "[City Health Clinic] Reminder: your appointment on Mon 1 Mar 2027, 09:30 CET"


def test_the_clinics_own_template_replaces_the_shipped_one(django_capture_on_commit_callbacks, sms_outbox):
    MessageTemplate.objects.create(
        event="reminder",
        channel="email",
        language="en",
        subject="See you {{ when }}",
        body_text="Dear {{ recipient_name }}, {{ doctor_name }} expects you. Confirm: {{ links.confirm }}",
        body_html="<p>Dear <b>{{ recipient_name }}</b></p>",
    )
    MessageTemplate.objects.create(event="reminder", channel="sms", language="en", body_text="Visit {{ when }}!")

    appointment, email, sms = _messages(django_capture_on_commit_callbacks, sms_outbox)

    assert email.subject == "See you Mon 1 Mar 2027, 09:30 CET"
    assert email.body.startswith(
        f"Dear {appointment.patient.full_name}, {appointment.doctor} expects you. Confirm: http"
    )
    assert email.alternatives[0][0] == f"<p>Dear <b>{appointment.patient.full_name}</b></p>"
    assert sms["body"] == "Visit Mon 1 Mar 2027, 09:30 CET!"


class TestAdmin:
    @pytest.fixture
    def browser(self):
        client = Client()
        client.force_login(AdminUserFactory(username="editor"))
        return client

    def test_add_starts_from_the_shipped_wording(self, browser):
        page = browser.get("/admin/notifications/messagetemplate/add/?event=reminder&channel=email").content.decode()

        assert "Reminder: your appointment on {{ when }}" in page
        assert "A reminder of your appointment with {{ doctor_name }}" in page

    def test_saved_template_shows_a_preview_on_a_sample_visit(self, browser):
        template = MessageTemplate.objects.create(
            event="reminder",
            channel="email",
            subject="Hi {{ recipient_name }}",
            body_text="On {{ when }}",
            body_html="<p>x</p>",
        )

        page = browser.get(f"/admin/notifications/messagetemplate/{template.pk}/change/").content.decode()

        assert "Hi Ann Lee" in page
        assert "On Mon 1 Mar 2027, 09:30 CET" in page
        assert "srcdoc=" in page

    @pytest.mark.parametrize(
        ("fields", "message"),
        [
            ({"channel": "email", "body_text": "{% if %}"}, "Not a valid template"),
            ({"channel": "sms", "body_text": "Hi", "subject": "Subject"}, "An SMS has only a text body"),
        ],
    )
    def test_broken_templates_are_form_errors(self, browser, fields, message):
        response = browser.post(
            "/admin/notifications/messagetemplate/add/",
            {"event": "booked", "language": "en", "subject": "", "body_html": "", **fields},
        )

        assert response.status_code == 200
        assert message in response.content.decode()
        assert not MessageTemplate.objects.exists()


def test_patients_choose_their_language_on_me(client_for):
    from patients.tests.factories import PatientFactory

    patient = PatientFactory()
    api = client_for(patient.user)

    assert api.get("/api/me/").json()["patient"]["language"] == "en"
    assert api.patch("/api/me/", {"language": "de"}, format="json").status_code == 200
    assert api.get("/api/me/").json()["patient"]["language"] == "de"
    assert api.patch("/api/me/", {"language": "xx"}, format="json").status_code == 400
