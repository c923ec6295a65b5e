"""The reminder schedule: several lead times per channel, each sent once per visit and start time."""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from accounts.tests.factories import AdminUserFactory
from appointments.models import ClinicSettings
from appointments.services import appointment_cancel
from notifications.models import Notification
from notifications.services import reminders_send_due

from .factories import AppointmentFactory

pytestmark = pytest.mark.django_db

SCHEDULE = [
    {"channel": "email", "hours_before": 168},
    {"channel": "email", "hours_before": 24},
    {"channel": "sms", "hours_before": 2},
]


@pytest.fixture
def schedule():
    ClinicSettings.objects.update_or_create(pk=1, defaults={"reminder_schedule": SCHEDULE})


def _appointment(start, **kwargs):
    return AppointmentFactory(start=start, end=start + timedelta(minutes=30), **kwargs)


def _reminders(appointment):
    return sorted(
        Notification.objects.filter(appointment=appointment, event="reminder").values_list(
            "channel", "reminder_lead_hours"
        )
    )


def test_each_lead_time_is_reminded_once_as_the_visit_comes_closer(schedule):
    now = timezone.now().replace(microsecond=0)
    appointment = _appointment(now + timedelta(hours=100))

    counts = [reminders_send_due(now=now), reminders_send_due(now=now)]
    assert _reminders(appointment) == [("email", 168)]
    counts += [reminders_send_due(now=now + timedelta(hours=80)), reminders_send_due(now=now + timedelta(hours=81))]
    assert _reminders(appointment) == [("email", 24), ("email", 168)]
    counts += [reminders_send_due(now=now + timedelta(hours=98, minutes=30)), reminders_send_due(now=now)]

    assert counts == [1, 0, 1, 0, 1, 0]
    assert _reminders(appointment) == [("email", 24), ("email", 168), ("sms", 2)]


def test_a_visit_booked_late_gets_only_the_reminder_of_the_window_it_is_in(schedule):
    now = timezone.now()
    appointment = _appointment(now + timedelta(hours=10))

    reminders_send_due(now=now)

    assert _reminders(appointment) == [("email", 24)]


def test_a_move_rearms_the_schedule_for_the_new_time(schedule):
    now = timezone.now().replace(microsecond=0)
    appointment = _appointment(now + timedelta(hours=20))
    reminders_send_due(now=now)

    appointment.start += timedelta(days=3)
    appointment.end += timedelta(days=3)
    appointment.save()
    reminders_send_due(now=now)

    reminders = Notification.objects.filter(appointment=appointment, event="reminder").order_by("id")
    assert [(r.reminder_lead_hours, r.reminder_for) for r in reminders] == [
        (24, now + timedelta(hours=20)),
        (168, now + timedelta(hours=92)),
    ]


def test_a_cancellation_disarms_reminders_recorded_but_not_yet_sent(schedule, django_capture_on_commit_callbacks):
    now = timezone.now()
    appointment = _appointment(now + timedelta(hours=1, minutes=30))
    reminders_send_due(now=now)  # recorded; the send would run on commit, which never comes here
    assert _reminders(appointment) == [("email", 24), ("sms", 2)]

    with django_capture_on_commit_callbacks(execute=True):
        appointment_cancel(appointment=appointment, by=appointment.doctor.user, reason="Ill")

    assert _reminders(appointment) == []
    assert reminders_send_due(now=now) == 0
    assert set(Notification.objects.filter(appointment=appointment).values_list("event", flat=True)) == {"cancelled"}


def test_without_a_schedule_every_channel_is_reminded_at_reminder_hours_before():
    ClinicSettings.objects.update_or_create(pk=1, defaults={"reminder_hours_before": 6, "reminder_schedule": []})
    now = timezone.now()
    soon, later = _appointment(now + timedelta(hours=5)), _appointment(now + timedelta(hours=7))

    reminders_send_due(now=now)

    assert _reminders(soon) == [("email", 6), ("sms", 6)]
    assert _reminders(later) == []


def test_channels_the_patient_turned_off_are_not_reminded(schedule):
    now = timezone.now()
    appointment = _appointment(now + timedelta(hours=1), patient__notify_email=False)

    reminders_send_due(now=now)

    assert _reminders(appointment) == [("sms", 2)]


class TestSettingsApi:
    @pytest.fixture(autouse=True)
    def _clients(self, client_for):
        self._admin = lambda: client_for(AdminUserFactory())

    def test_admin_sets_the_schedule_and_everyone_reads_it_in_one_order(self):
        response = self._admin().patch("/api/settings/", {"reminder_schedule": list(reversed(SCHEDULE))}, format="json")

        assert response.status_code == 200, response.content
        assert Client().get("/api/settings/").json()["reminder_schedule"] == SCHEDULE

    def test_reminder_hours_before_alone_still_works(self):
        response = self._admin().patch("/api/settings/", {"reminder_hours_before": 12}, format="json")

        assert response.status_code == 200
        assert response.json()["reminder_hours_before"] == 12
        assert response.json()["reminder_schedule"] == []
        assert ClinicSettings.load().reminder_lead_times() == {"email": [12], "sms": [12]}

    @pytest.mark.parametrize(
        "schedule",
        [
            [{"channel": "fax", "hours_before": 2}],
            [{"channel": "sms", "hours_before": 0}],
            [{"channel": "sms", "hours_before": 721}],
            [{"channel": "sms", "hours_before": "two"}],
            [{"channel": "sms"}],
            [{"channel": "sms", "hours_before": 2}, {"channel": "sms", "hours_before": 2}],
            "email 24",
            [{"channel": "sms", "hours_before": h} for h in range(1, 12)],
        ],
    )
    def test_a_bad_schedule_is_a_400_naming_the_field(self, schedule):
        response = self._admin().patch("/api/settings/", {"reminder_schedule": schedule}, format="json")

        assert response.status_code == 400
        assert "reminder_schedule" in response.json()
        assert ClinicSettings.load().reminder_schedule == []


class TestAdmin:
    FORM = {
        "clinic_name": "Harbour Clinic",
        "currency": "EUR",
        "min_notice_hours": 2,
        "booking_window_days": 60,
        "cancellation_cutoff_hours": 24,
        "default_slot_minutes": 30,
        "reminder_hours_before": 24,
    }

    def _browser(self):
        client = Client()
        client.force_login(AdminUserFactory(username="manager"))
        ClinicSettings.load()
        return client

    def test_the_schedule_is_written_as_one_line_per_channel(self):
        browser = self._browser()
        response = browser.post(
            "/admin/appointments/clinicsettings/1/change/",
            {**self.FORM, "reminder_schedule": "email: 24, 168\nSMS: 2"},
        )

        assert response.status_code == 302
        assert ClinicSettings.load().reminder_schedule == SCHEDULE
        page = browser.get("/admin/appointments/clinicsettings/1/change/").content.decode()
        assert "email: 168, 24\nsms: 2" in page

    @pytest.mark.parametrize("text", ["email 24", "email: soon", "pigeon: 2"])
    def test_a_bad_schedule_is_a_form_error(self, text):
        response = self._browser().post(
            "/admin/appointments/clinicsettings/1/change/", {**self.FORM, "reminder_schedule": text}
        )

        assert response.status_code == 200
        assert "errorlist" in response.content.decode()
        assert ClinicSettings.load().reminder_schedule == []


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_sweeps_and_a_restart_record_each_reminder_once(postgres_only, schedule):
    now = timezone.now()
    appointments = [_appointment(now + timedelta(hours=h)) for h in (1, 1.5, 30, 100)]
    barrier = threading.Barrier(4)
    counts, errors = [], []

    def beat():
        try:
            barrier.wait()
            counts.append(reminders_send_due(now=now))
        except Exception as exc:  # surfaced by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=beat) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    after_restart = reminders_send_due(now=now)  # a fresh process sees what the others recorded

    assert errors == []
    # 1 h and 1.5 h: email 24 + SMS 2 each; 30 h and 100 h: email 168 each.
    assert (sum(counts), after_restart) == (6, 0)
    assert [_reminders(a) for a in appointments] == [
        [("email", 24), ("sms", 2)],
        [("email", 24), ("sms", 2)],
        [("email", 168)],
        [("email", 168)],
    ]
