"""Which messages each appointment event produces, and what they say."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django.db import transaction
from icalendar import Calendar

from accounts.tests.factories import AdminUserFactory
from appointments.models import AppointmentStatus, ClinicSettings
from notifications.events import Event
from notifications.models import Notification
from notifications.services import notify_appointment_event

from .factories import AppointmentFactory

pytestmark = pytest.mark.django_db

START = datetime(2027, 3, 1, 14, 30, tzinfo=UTC)


def _notify(captured, **kwargs):
    with captured(execute=True):
        return notify_appointment_event(**kwargs)


def _kinds(notifications):
    return sorted((n.recipient_role, n.channel) for n in notifications)


def _ics(message) -> Calendar:
    (name, content, mimetype) = next(a for a in message.attachments if a[0].endswith(".ics"))
    assert mimetype.startswith("text/calendar")
    return Calendar.from_ical(content)


class TestRecipients:
    def test_booking_reaches_patient_and_doctor_by_email_and_sms(self, django_capture_on_commit_callbacks, sms_outbox):
        appointment = AppointmentFactory()

        notifications = _notify(django_capture_on_commit_callbacks, appointment=appointment, event=Event.BOOKED)

        assert _kinds(notifications) == [
            ("doctor", "email"),
            ("doctor", "sms"),
            ("patient", "email"),
            ("patient", "sms"),
        ]
        assert sorted(m.to[0] for m in mail.outbox) == sorted(
            [appointment.patient.user.email, appointment.doctor.user.email]
        )
        assert sorted(m["to"] for m in sms_outbox) == sorted(
            [appointment.patient.phone.as_e164, appointment.doctor.phone.as_e164]
        )
        assert all(m["to"].startswith("+") for m in sms_outbox)
        assert set(Notification.objects.values_list("status", flat=True)) == {"sent"}

    def test_patient_who_turned_email_off_gets_only_sms(self, django_capture_on_commit_callbacks, sms_outbox):
        appointment = AppointmentFactory(patient__notify_email=False)

        _notify(django_capture_on_commit_callbacks, appointment=appointment, event=Event.BOOKED)

        assert [m.to for m in mail.outbox] == [[appointment.doctor.user.email]]
        assert appointment.patient.phone.as_e164 in [m["to"] for m in sms_outbox]

    def test_patient_who_turned_sms_off_or_has_no_phone_gets_no_sms(self, django_capture_on_commit_callbacks):
        no_sms = AppointmentFactory(patient__notify_sms=False)
        no_phone = AppointmentFactory(patient__phone="", doctor__phone="")

        a = notify_appointment_event(appointment=no_sms, event=Event.BOOKED)
        b = notify_appointment_event(appointment=no_phone, event=Event.BOOKED)

        assert ("patient", "sms") not in _kinds(a)
        assert _kinds(b) == [("doctor", "email"), ("patient", "email")]

    def test_the_doctors_own_confirmation_and_reminders_go_to_the_patient_only(self):
        appointment = AppointmentFactory(status=AppointmentStatus.CONFIRMED)

        confirmed = notify_appointment_event(
            appointment=appointment, event=Event.CONFIRMED, actor=appointment.doctor.user
        )
        reminder = notify_appointment_event(appointment=appointment, event=Event.REMINDER)

        assert _kinds(confirmed) == [("patient", "email"), ("patient", "sms")]
        assert _kinds(reminder) == [("patient", "email"), ("patient", "sms")]

    def test_the_doctor_hears_of_a_confirmation_the_clinic_made(self):
        appointment = AppointmentFactory(
            status=AppointmentStatus.CONFIRMED, patient__user__first_name="Ann", patient__user__last_name="Lee"
        )

        confirmed = notify_appointment_event(appointment=appointment, event=Event.CONFIRMED, actor=AdminUserFactory())

        assert _kinds(confirmed) == [("doctor", "email"), ("doctor", "sms"), ("patient", "email"), ("patient", "sms")]
        doctor_email = next(n for n in confirmed if n.recipient_role == "doctor" and n.channel == "email")
        assert "The appointment with Ann Lee on " in doctor_email.body_text
        assert "was confirmed by the clinic (City Health Clinic)." in doctor_email.body_text
        assert "Ann Lee" in doctor_email.body_html
        patient_email = next(n for n in confirmed if n.recipient_role == "patient" and n.channel == "email")
        assert "is confirmed. We look forward to seeing you." in patient_email.body_text

    def test_nothing_is_recorded_or_sent_when_the_callers_transaction_rolls_back(
        self, django_capture_on_commit_callbacks
    ):
        appointment = AppointmentFactory()

        with (
            django_capture_on_commit_callbacks(execute=True) as callbacks,
            pytest.raises(RuntimeError),
            transaction.atomic(),
        ):
            notify_appointment_event(appointment=appointment, event=Event.BOOKED)
            raise RuntimeError("the booking failed after recording")

        assert callbacks == []
        assert not Notification.objects.exists()
        assert mail.outbox == []


class TestContent:
    def test_times_are_in_the_doctors_zone_and_the_clinic_name_is_from_settings(self, sms_outbox):
        ClinicSettings.objects.update_or_create(pk=1, defaults={"clinic_name": "Harbour Health"})
        appointment = AppointmentFactory(
            start=START, end=START + timedelta(minutes=30), doctor__timezone="America/New_York"
        )

        notifications = notify_appointment_event(appointment=appointment, event=Event.BOOKED)

        email = next(n for n in notifications if n.channel == "email" and n.recipient_role == "patient")
        sms = next(n for n in notifications if n.channel == "sms" and n.recipient_role == "patient")
        # 14:30 UTC is 09:30 in New York (EST) on 1 March.
        assert email.subject == "[Harbour Health] Appointment booked: Mon 1 Mar 2027, 09:30 EST"
        assert "Mon 1 Mar 2027, 09:30 EST – 10:00 (America/New_York)" in email.body_text
        assert "Harbour Health" in email.body_text and "Harbour Health" in email.body_html
        assert "09:30 EST" in email.body_html
        assert sms.body_text.startswith("Harbour Health: appointment with Dr. ")
        assert "09:30 EST" in sms.body_text
        assert len(sms.body_text) <= 160

    def test_location_does_not_repeat_what_the_address_already_says(self):
        address = {"clinic_name": "Hudson Neurology", "address": "Hudson Neurology, New York", "city": "New York"}
        appointment = AppointmentFactory(**{f"doctor__{k}": v for k, v in address.items()})

        notifications = notify_appointment_event(appointment=appointment, event=Event.REMINDER)

        email = next(n for n in notifications if n.channel == "email")
        sms = next(n for n in notifications if n.channel == "sms")
        assert "Where:    Hudson Neurology, New York\n" in email.body_text
        assert f", Hudson Neurology, New York. Ref #{appointment.pk}" in sms.body_text

    def test_doctor_is_told_who_booked(self):
        appointment = AppointmentFactory(patient__user__first_name="Ann", patient__user__last_name="Lee")

        notifications = notify_appointment_event(appointment=appointment, event=Event.BOOKED)

        doctor_email = next(n for n in notifications if n.channel == "email" and n.recipient_role == "doctor")
        assert "Ann Lee booked an appointment with you" in doctor_email.body_text
        assert "Patient:  Ann Lee" in doctor_email.body_text

    def test_html_escapes_names_and_text_does_not(self):
        appointment = AppointmentFactory(patient__user__first_name="<b>Ann</b>", patient__user__last_name="O'Neil")

        notifications = notify_appointment_event(appointment=appointment, event=Event.BOOKED)

        email = next(n for n in notifications if n.channel == "email" and n.recipient_role == "patient")
        assert "Hello <b>Ann</b> O'Neil," in email.body_text
        assert "&lt;b&gt;Ann&lt;/b&gt;" in email.body_html
        assert "<b>Ann</b>" not in email.body_html

    def test_rescheduled_message_shows_old_and_new_time(self):
        appointment = AppointmentFactory(start=START, end=START + timedelta(minutes=30))

        notifications = notify_appointment_event(
            appointment=appointment, event=Event.RESCHEDULED, previous_start=START - timedelta(days=1, hours=2)
        )

        for notification in notifications:
            text = notification.body_text
            assert "Sun 28 Feb 2027, 13:30 CET" in text, notification
            assert "Mon 1 Mar 2027, 15:30 CET" in text, notification
        patient_email = next(n for n in notifications if n.channel == "email" and n.recipient_role == "patient")
        assert "Old time: Sun 28 Feb 2027, 13:30 CET\nNew time: Mon 1 Mar 2027, 15:30 CET" in patient_email.body_text

    def test_rescheduled_message_says_who_moved_it(self):
        appointment = AppointmentFactory(patient__user__first_name="Ann", patient__user__last_name="Lee")

        notifications = notify_appointment_event(
            appointment=appointment, event=Event.RESCHEDULED, actor=appointment.patient.user, previous_start=START
        )

        emails = {n.recipient_role: n for n in notifications if n.channel == "email"}
        assert "Your appointment with Dr. " in emails["patient"].body_text
        assert " was moved by you." in emails["patient"].body_text
        assert "The appointment with Ann Lee was moved by the patient, Ann Lee." in emails["doctor"].body_text
        assert "was moved by the patient, Ann Lee." in emails["doctor"].body_html
        assert all(len(n.body_text) <= 160 for n in notifications if n.channel == "sms")

    @pytest.mark.parametrize(
        ("who", "patient_reads", "doctor_reads"),
        [
            ("patient", "cancelled by you", "cancelled by the patient, Ann Lee"),
            ("doctor", "cancelled by Dr. Greg House", "cancelled by you"),
            ("admin", "cancelled by the clinic", "cancelled by the clinic"),
            ("nobody", "cancelled by the clinic", "cancelled by the clinic"),
        ],
    )
    def test_cancellation_says_who_cancelled(self, who, patient_reads, doctor_reads):
        appointment = AppointmentFactory(
            status=AppointmentStatus.CANCELLED,
            cancellation_reason="Feeling better",
            patient__user__first_name="Ann",
            patient__user__last_name="Lee",
            doctor__user__first_name="Greg",
            doctor__user__last_name="House",
        )
        actor = {
            "patient": appointment.patient.user,
            "doctor": appointment.doctor.user,
            "admin": AdminUserFactory(),
            "nobody": None,
        }[who]

        notifications = notify_appointment_event(appointment=appointment, event=Event.CANCELLED, actor=actor)

        for notification in notifications:
            expected = patient_reads if notification.recipient_role == "patient" else doctor_reads
            assert expected in notification.body_text, (notification, notification.body_text)
        patient_email = next(n for n in notifications if n.channel == "email" and n.recipient_role == "patient")
        assert "Reason: Feeling better" in patient_email.body_text
        assert patient_email.subject.startswith("[City Health Clinic] Appointment cancelled:")

    def test_cancelled_by_falls_back_to_the_appointments_cancelled_by(self):
        appointment = AppointmentFactory(status=AppointmentStatus.CANCELLED)
        appointment.cancelled_by = appointment.doctor.user

        notifications = notify_appointment_event(appointment=appointment, event=Event.CANCELLED)

        patient_sms = next(n for n in notifications if n.channel == "sms" and n.recipient_role == "patient")
        assert f"cancelled by {appointment.doctor}" in patient_sms.body_text


class TestBookingEmail:
    def test_booking_email_has_text_html_and_a_parseable_ics(self, django_capture_on_commit_callbacks):
        appointment = AppointmentFactory(start=START, end=START + timedelta(minutes=30))

        _notify(django_capture_on_commit_callbacks, appointment=appointment, event=Event.BOOKED)

        message = next(m for m in mail.outbox if m.to == [appointment.patient.user.email])
        assert message.alternatives[0][1] == "text/html"
        event = _ics(message).walk("VEVENT")[0]
        assert str(event["uid"]) == f"appointment-{appointment.pk}@healthcare-scheduling.local"
        assert event.decoded("dtstart") == START
        assert event.decoded("dtend") == START + timedelta(minutes=30)
        assert str(event["status"]) == "TENTATIVE"
        assert str(appointment.doctor) in str(event["summary"])
        assert "Mitte Practice" in str(event["location"])
        assert message.message()["Message-ID"].startswith("<notification-")

    def test_reminder_email_has_no_attachment(self, django_capture_on_commit_callbacks):
        appointment = AppointmentFactory()

        _notify(django_capture_on_commit_callbacks, appointment=appointment, event=Event.REMINDER)

        assert len(mail.outbox) == 1
        assert mail.outbox[0].attachments == []
        assert mail.outbox[0].subject.startswith("[City Health Clinic] Reminder: your appointment on")


def test_every_appointment_change_announced_by_the_hooks_is_an_event_with_messages():
    from appointments.hooks import Change
    from notifications.audience import AUDIENCE

    for change in Change:
        assert Event(change) in AUDIENCE
