"""Reminders: once per appointment and start time, never for a cancelled visit."""

import io
import threading
from datetime import timedelta

import pytest
from celery.result import denied_join_result
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from appointments.models import AppointmentStatus, ClinicSettings
from notifications.models import Notification
from notifications.services import reminders_send_due
from notifications.tasks import send_due_reminders

from .factories import AppointmentFactory

pytestmark = pytest.mark.django_db


def _in(hours: float):
    return timezone.now().replace(microsecond=0) + timedelta(hours=hours)


def _appointment(hours: float, **kwargs):
    start = _in(hours)
    return AppointmentFactory(start=start, end=start + timedelta(minutes=30), **kwargs)


def _reminder_emails():
    return [m for m in mail.outbox if "Reminder" in m.subject]


def test_due_appointment_is_reminded_once_however_often_the_task_runs(django_capture_on_commit_callbacks, sms_outbox):
    appointment = _appointment(5)

    with django_capture_on_commit_callbacks(execute=True):
        first = send_due_reminders.delay().get()
    with django_capture_on_commit_callbacks(execute=True):
        second = send_due_reminders.delay().get()

    assert (first, second) == (2, 0)  # email and SMS, then nothing
    assert [m.to for m in _reminder_emails()] == [[appointment.patient.user.email]]
    assert [m["to"] for m in sms_outbox] == [appointment.patient.phone.as_e164]
    assert "reminder" in sms_outbox[0]["body"]
    assert set(Notification.objects.values_list("status", flat=True)) == {"sent"}


def test_only_active_appointments_inside_the_window_are_reminded():
    ClinicSettings.objects.update_or_create(pk=1, defaults={"reminder_hours_before": 24})
    due_pending = _appointment(23)
    due_confirmed = _appointment(2, status=AppointmentStatus.CONFIRMED)
    _appointment(25)  # not yet
    _appointment(-1)  # already started
    _appointment(3, status=AppointmentStatus.CANCELLED)
    _appointment(4, status=AppointmentStatus.COMPLETED)

    reminders_send_due()

    reminded = set(Notification.objects.filter(event="reminder").values_list("appointment_id", flat=True))
    assert reminded == {due_pending.pk, due_confirmed.pk}


def test_window_follows_the_clinic_setting():
    ClinicSettings.objects.update_or_create(pk=1, defaults={"reminder_hours_before": 48})
    appointment = _appointment(40)

    reminders_send_due()

    assert Notification.objects.filter(event="reminder", appointment=appointment).count() == 2


def test_rescheduled_appointment_is_reminded_of_its_new_time():
    appointment = _appointment(5)
    first_start = appointment.start
    reminders_send_due()

    # Times taken once: a second can tick between two calls of _in().
    new_start = appointment.start + timedelta(hours=2)
    appointment.start, appointment.end = new_start, new_start + timedelta(minutes=30)
    appointment.save()
    reminders_send_due()
    reminders_send_due()

    reminders = Notification.objects.filter(event="reminder", channel="email").order_by("id")
    assert [r.reminder_for for r in reminders] == [first_start, new_start]
    assert reminders[1].body_text != reminders[0].body_text


def test_patient_who_opted_out_of_everything_gets_no_reminder():
    _appointment(5, patient__notify_email=False, patient__notify_sms=False)

    assert reminders_send_due() == 0
    assert not Notification.objects.exists()


def test_run_scheduler_once_sends_reminders_and_sweeps(django_capture_on_commit_callbacks):
    appointment = _appointment(3)

    with django_capture_on_commit_callbacks(execute=True):
        call_command("run_scheduler", "--once")

    assert [m.to for m in _reminder_emails()] == [[appointment.patient.user.email]]


def test_run_scheduler_works_while_a_background_send_runs_a_task(django_capture_on_commit_callbacks):
    """Celery marks "inside a task" in one process-wide flag while any thread runs one eagerly
    (the background sender does); the scheduler's own jobs must not take that as their own."""
    _appointment(3)
    out = io.StringIO()
    # denied_join_result: what another thread's apply() sets meanwhile.
    with django_capture_on_commit_callbacks(execute=True), denied_join_result():
        call_command("run_scheduler", "--once", stdout=out)
    assert "send_due_reminders: 2" in out.getvalue()  # email and SMS: the job finished, not "failed"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_reminder_runs_send_one_reminder(postgres_only, sms_outbox):
    appointments = [_appointment(h) for h in (2, 3, 4)]
    barrier = threading.Barrier(4)
    counts, errors = [], []

    def run():
        try:
            barrier.wait()
            counts.append(send_due_reminders())  # the task body, as each worker runs it
        except Exception as exc:  # surfaced by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert sum(counts) == 6  # 3 appointments × (email + SMS), whoever recorded them
    assert Notification.objects.filter(event="reminder").count() == 6
    assert sorted(m.to[0] for m in _reminder_emails()) == sorted(a.patient.user.email for a in appointments)
    assert len(sms_outbox) == 3
