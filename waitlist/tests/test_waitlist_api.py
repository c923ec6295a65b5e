"""The waitlist as the contract says: entries, offers that hold a freed slot, accept, decline, expiry."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from accounts.models import Role
from accounts.tests.factories import UserFactory
from appointments.models import Appointment, ClinicSettings
from appointments.tests.factories import book_directly
from doctors.tests.factories import DoctorFactory, LeaveDayFactory, at, clinic_rules, next_weekday
from notifications.models import Notification
from patients.tests.factories import PatientFactory
from waitlist.models import WaitlistEntry
from waitlist.services import waitlist_expire_due

pytestmark = pytest.mark.django_db

MONDAY = next_weekday(0)


@pytest.fixture(autouse=True)
def _rules():
    clinic_rules(booking_window_days=60)


def join(client_for, who, doctor, **extra):
    body = {"doctor": doctor.pk, "date_from": MONDAY.isoformat(), "date_to": MONDAY.isoformat(), **extra}
    response = client_for(who.user).post("/api/waitlist/", body, format="json")
    assert response.status_code == 201, response.content
    return response.json()


def cancel(client_for, appointment):
    response = client_for(appointment.doctor.user).post(
        f"/api/appointments/{appointment.pk}/cancel/", {}, format="json"
    )
    assert response.status_code == 200, response.content


def entry_of(client_for, patient, entry_id):
    return client_for(patient.user).get(f"/api/waitlist/{entry_id}/").json()


def slot_starts(api, doctor, day=MONDAY):
    slots = api.get(f"/api/doctors/{doctor.pk}/slots/?start={day}&end={day}").json()
    return [slot["start"] for slot in slots]


class TestJoin:
    def test_patient_joins_for_themselves(self, client_for, doctor):
        patient = PatientFactory()
        body = join(client_for, patient, doctor, time_from="09:00", time_to="11:00", patient=PatientFactory().pk)
        assert body["patient"] == patient.pk
        assert body["status"] == "waiting"
        assert body["offer"] is None
        assert (body["time_from"], body["time_to"]) == ("09:00", "11:00")
        assert set(body) >= {"id", "patient", "doctor", "date_from", "date_to", "status", "offer", "created_at"}

    @pytest.mark.parametrize(
        ("change", "field"),
        [
            ({"date_from": "2020-01-01", "date_to": "2020-01-02"}, "date_from"),
            ({"date_to": "2000-01-01"}, "date_to"),
            ({"date_to": (MONDAY + timedelta(days=31)).isoformat()}, "date_to"),
            ({"date_from": (timezone.localdate() + timedelta(days=70)).isoformat(), "date_to": None}, "date_to"),
            ({"time_from": "11:00", "time_to": "10:00"}, "time_to"),
            ({"date_from": "not a date"}, "date_from"),
            ({"time_from": "25:00"}, "time_from"),
        ],
    )
    def test_bad_input_is_a_400(self, client_for, doctor, change, field):
        body = {"doctor": doctor.pk, "date_from": MONDAY.isoformat(), "date_to": MONDAY.isoformat(), **change}
        if body["date_to"] is None:
            body["date_to"] = body["date_from"]
        response = client_for(PatientFactory().user).post("/api/waitlist/", body, format="json")
        assert response.status_code == 400
        assert field in response.json()

    def test_a_second_open_entry_for_the_same_doctor_is_a_400(self, client_for, doctor):
        patient = PatientFactory()
        join(client_for, patient, doctor)
        again = client_for(patient.user).post(
            "/api/waitlist/", {"doctor": doctor.pk, "date_from": MONDAY, "date_to": MONDAY}, format="json"
        )
        assert again.status_code == 400

    def test_admin_must_name_the_patient_and_doctors_cannot_join(self, client_for, doctor):
        admin = UserFactory(role=Role.ADMIN)
        body = {"doctor": doctor.pk, "date_from": MONDAY.isoformat(), "date_to": MONDAY.isoformat()}
        assert client_for(admin).post("/api/waitlist/", body, format="json").status_code == 400
        patient = PatientFactory()
        created = client_for(admin).post("/api/waitlist/", {**body, "patient": patient.pk}, format="json")
        assert created.status_code == 201 and created.json()["patient"] == patient.pk
        assert client_for(doctor.user).post("/api/waitlist/", body, format="json").status_code == 403

    def test_each_role_sees_its_own_entries(self, client_for, doctor):
        mine, other = PatientFactory(), PatientFactory()
        entry = join(client_for, mine, doctor)
        join(client_for, other, DoctorFactory())
        assert [e["id"] for e in client_for(mine.user).get("/api/waitlist/").json()["results"]] == [entry["id"]]
        assert client_for(other.user).get(f"/api/waitlist/{entry['id']}/").status_code == 404
        assert [e["id"] for e in client_for(doctor.user).get("/api/waitlist/").json()["results"]] == [entry["id"]]
        assert client_for(DoctorFactory().user).get(f"/api/waitlist/{entry['id']}/").status_code == 404
        everything = client_for(UserFactory(role=Role.ADMIN)).get(f"/api/waitlist/?doctor={doctor.pk}&status=waiting")
        assert [e["id"] for e in everything.json()["results"]] == [entry["id"]]


class TestOffer:
    def test_a_cancelled_slot_is_held_for_the_oldest_matching_entry(self, client_for, api, doctor):
        taken = book_directly(doctor, start=at(MONDAY, 10))
        first, second = PatientFactory(), PatientFactory()
        early = join(client_for, first, doctor)
        join(client_for, second, doctor)
        mail.outbox.clear()
        cancel(client_for, taken)

        offered = entry_of(client_for, first, early["id"])
        assert offered["status"] == "offered"
        assert offered["offer"]["appointment_time"] == at(MONDAY, 10).isoformat()
        assert offered["offer"]["end_time"] == at(MONDAY, 10, 30).isoformat()
        expires = timezone.now() + timedelta(minutes=30)
        assert abs(timezone.datetime.fromisoformat(offered["offer"]["expires_at"]) - expires) < timedelta(seconds=30)
        # Held: not a free slot, not next_available, and nobody else can book or move into it.
        assert at(MONDAY, 10).isoformat() not in slot_starts(api, doctor)
        body = {"doctor": doctor.pk, "appointment_time": at(MONDAY, 10).isoformat()}
        assert client_for(second.user).post("/api/book-appointment/", body, format="json").status_code == 409
        other = book_directly(doctor, start=at(MONDAY, 11))
        moved = client_for(doctor.user).post(
            f"/api/appointments/{other.pk}/reschedule/", {"appointment_time": body["appointment_time"]}, format="json"
        )
        assert moved.status_code == 409
        # The hold is no appointment: lists and the patient's history never show it.
        assert client_for(first.user).get("/api/appointments/").json()["count"] == 0

    def test_the_offer_goes_out_once_by_email_and_sms_with_the_accept_link(
        self, client_for, doctor, django_capture_on_commit_callbacks
    ):
        taken = book_directly(doctor, start=at(MONDAY, 10))
        patient = PatientFactory()
        entry = join(client_for, patient, doctor)
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            cancel(client_for, taken)
        offers = Notification.objects.filter(event="offered")
        assert sorted(offers.values_list("channel", flat=True)) == ["email", "sms"]
        to_patient = [m for m in mail.outbox if m.to == [patient.user.email]]
        assert len(to_patient) == 1  # the offer (the cancellation notice is the other patient's)
        offer_mail = to_patient[0]
        assert "held for you" in offer_mail.subject
        assert f"/waitlist/{entry['id']}?accept=1" in offer_mail.body
        assert "10:00" in offer_mail.subject
        sms = offers.get(channel="sms")
        assert f"/waitlist/{entry['id']}?accept=1" in sms.body_text
        # Sweeping and re-delivering never sends it again.
        call_command("run_scheduler", "--once")
        assert len([m for m in mail.outbox if "held for you" in m.subject]) == 1

    def test_only_entries_whose_dates_and_times_suit_the_slot_get_it(self, client_for, doctor):
        taken = book_directly(doctor, start=at(MONDAY, 10))
        too_late = join(client_for, PatientFactory(), doctor, time_from="10:30")
        other_day = join(
            client_for,
            PatientFactory(),
            doctor,
            date_from=MONDAY + timedelta(days=1),
            date_to=MONDAY + timedelta(days=2),
        )
        suits = join(client_for, PatientFactory(), doctor, time_from="09:30", time_to="10:30")
        cancel(client_for, taken)
        statuses = dict(WaitlistEntry.objects.values_list("pk", "status"))
        assert statuses == {too_late["id"]: "waiting", other_day["id"]: "waiting", suits["id"]: "offered"}

    def test_an_entry_whose_patient_has_another_visit_then_is_passed_over(self, client_for, doctor):
        taken = book_directly(doctor, start=at(MONDAY, 10))
        busy, free = PatientFactory(), PatientFactory()
        book_directly(DoctorFactory(), busy, start=at(MONDAY, 10))  # with another doctor, same time
        first = join(client_for, busy, doctor)
        second = join(client_for, free, doctor)
        cancel(client_for, taken)
        assert entry_of(client_for, busy, first["id"])["status"] == "waiting"
        assert entry_of(client_for, free, second["id"])["offer"]["appointment_time"] == at(MONDAY, 10).isoformat()

    def test_nobody_waiting_leaves_the_slot_free(self, client_for, api, doctor):
        taken = book_directly(doctor, start=at(MONDAY, 10))
        cancel(client_for, taken)
        assert at(MONDAY, 10).isoformat() in slot_starts(api, doctor)

    def test_a_reschedule_away_passes_the_old_slot_on(self, client_for, doctor):
        moving = book_directly(doctor, start=at(MONDAY, 10))
        patient = PatientFactory()
        entry = join(client_for, patient, doctor)
        moved = client_for(doctor.user).post(
            f"/api/appointments/{moving.pk}/reschedule/",
            {"appointment_time": at(MONDAY, 11).isoformat()},
            format="json",
        )
        assert moved.status_code == 200
        assert entry_of(client_for, patient, entry["id"])["offer"]["appointment_time"] == at(MONDAY, 10).isoformat()

    def test_a_removed_leave_passes_its_slots_on(self, client_for, doctor):
        leave = LeaveDayFactory(doctor=doctor, start_date=MONDAY, end_date=MONDAY + timedelta(days=1))
        patient = PatientFactory()
        entry = join(client_for, patient, doctor, time_from="11:00")
        assert client_for(doctor.user).delete(f"/api/leave-days/{leave.pk}/").status_code == 204
        assert entry_of(client_for, patient, entry["id"])["offer"]["appointment_time"] == at(MONDAY, 11).isoformat()

    def test_a_shortened_leave_passes_on_the_days_it_gave_back(self, client_for, doctor):
        tuesday = MONDAY + timedelta(days=1)
        leave = LeaveDayFactory(doctor=doctor, start_date=MONDAY, end_date=tuesday)
        monday_patient, tuesday_patient = PatientFactory(), PatientFactory()
        monday_entry = join(client_for, monday_patient, doctor)
        tuesday_entry = join(client_for, tuesday_patient, doctor, date_from=tuesday, date_to=tuesday)
        response = client_for(doctor.user).patch(f"/api/leave-days/{leave.pk}/", {"start_date": tuesday}, format="json")
        assert response.status_code == 200
        assert entry_of(client_for, monday_patient, monday_entry["id"])["status"] == "offered"
        assert entry_of(client_for, tuesday_patient, tuesday_entry["id"])["status"] == "waiting"


class TestAnswer:
    @pytest.fixture
    def offered(self, client_for, doctor):
        taken = book_directly(doctor, start=at(MONDAY, 10))
        first, second = PatientFactory(), PatientFactory()
        entries = join(client_for, first, doctor), join(client_for, second, doctor)
        cancel(client_for, taken)
        return (first, entries[0]), (second, entries[1])

    def test_accept_books_the_held_slot(self, client_for, offered, django_capture_on_commit_callbacks):
        (patient, entry), _ = offered
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            response = client_for(patient.user).post(f"/api/waitlist/{entry['id']}/accept/")
        assert response.status_code == 201
        appointment = response.json()
        assert appointment["appointment_time"] == at(MONDAY, 10).isoformat()
        assert appointment["patient"] == patient.pk and appointment["status"] == "pending"
        assert entry_of(client_for, patient, entry["id"])["status"] == "booked"
        assert client_for(patient.user).get(f"/api/appointments/{appointment['id']}/").status_code == 200
        assert any("booked" in m.subject.lower() for m in mail.outbox if m.to == [patient.user.email])
        again = client_for(patient.user).post(f"/api/waitlist/{entry['id']}/accept/")
        assert again.status_code == 400

    def test_only_the_patient_or_admin_accepts(self, client_for, offered, doctor):
        (_, entry), (other, _) = offered
        assert client_for(other.user).post(f"/api/waitlist/{entry['id']}/accept/").status_code == 404
        assert client_for(doctor.user).post(f"/api/waitlist/{entry['id']}/accept/").status_code == 403
        admin = UserFactory(role=Role.ADMIN)
        assert client_for(admin).post(f"/api/waitlist/{entry['id']}/accept/").status_code == 201

    def test_decline_passes_the_slot_on_and_never_offers_it_again(self, client_for, offered, doctor):
        (first, first_entry), (second, second_entry) = offered
        response = client_for(first.user).post(f"/api/waitlist/{first_entry['id']}/decline/")
        assert response.status_code == 200
        assert response.json()["status"] == "waiting" and response.json()["offer"] is None
        assert entry_of(client_for, second, second_entry["id"])["status"] == "offered"
        # The second declines too: the slot is free, and the first is not offered it again.
        client_for(second.user).post(f"/api/waitlist/{second_entry['id']}/decline/")
        assert entry_of(client_for, first, first_entry["id"])["status"] == "waiting"
        body = {"doctor": doctor.pk, "appointment_time": at(MONDAY, 10).isoformat()}
        assert client_for(PatientFactory().user).post("/api/book-appointment/", body, format="json").status_code == 201

    def test_cancelling_an_offered_entry_releases_the_hold_to_the_next(self, client_for, offered):
        (first, first_entry), (second, second_entry) = offered
        response = client_for(first.user).post(f"/api/waitlist/{first_entry['id']}/cancel/")
        assert response.status_code == 200 and response.json()["status"] == "cancelled"
        assert entry_of(client_for, second, second_entry["id"])["status"] == "offered"

    def test_accept_or_decline_without_an_offer_is_a_400(self, client_for, doctor):
        patient = PatientFactory()
        entry = join(client_for, patient, doctor)
        assert client_for(patient.user).post(f"/api/waitlist/{entry['id']}/accept/").status_code == 400
        assert client_for(patient.user).post(f"/api/waitlist/{entry['id']}/decline/").status_code == 400


def _run_out(entry_id):
    hold = WaitlistEntry.objects.get(pk=entry_id).hold
    Appointment.all_rows.filter(pk=hold.pk).update(hold_expires_at=timezone.now() - timedelta(seconds=1))


class TestExpiry:
    @pytest.fixture
    def offered(self, client_for, doctor):
        ClinicSettings.objects.filter(pk=1).update(waitlist_hold_minutes=1)
        taken = book_directly(doctor, start=at(MONDAY, 10))
        first, second = PatientFactory(), PatientFactory()
        entries = join(client_for, first, doctor), join(client_for, second, doctor)
        cancel(client_for, taken)
        return (first, entries[0]), (second, entries[1])

    def test_the_sweep_expires_the_offer_and_passes_the_slot_on(self, client_for, offered):
        (first, first_entry), (second, second_entry) = offered
        assert waitlist_expire_due(now=timezone.now()) == 0
        assert waitlist_expire_due(now=timezone.now() + timedelta(minutes=1, seconds=1)) == 1
        assert WaitlistEntry.objects.get(pk=first_entry["id"]).status == "expired"
        assert WaitlistEntry.objects.get(pk=second_entry["id"]).status == "offered"

    def test_run_scheduler_expires_offers(self, client_for, offered):
        (first, first_entry), _ = offered
        _run_out(first_entry["id"])
        call_command("run_scheduler", "--once")
        assert WaitlistEntry.objects.get(pk=first_entry["id"]).status == "expired"

    def test_accepting_a_run_out_offer_is_a_400_and_expires_it(self, client_for, offered):
        (first, first_entry), (second, second_entry) = offered
        _run_out(first_entry["id"])
        assert client_for(first.user).post(f"/api/waitlist/{first_entry['id']}/accept/").status_code == 400
        assert WaitlistEntry.objects.get(pk=first_entry["id"]).status == "expired"
        assert WaitlistEntry.objects.get(pk=second_entry["id"]).status == "offered"

    def test_the_slot_list_and_a_booking_expire_it_at_once(self, client_for, api, offered, doctor):
        (first, first_entry), (second, second_entry) = offered
        _run_out(first_entry["id"])
        slot_starts(api, doctor)  # the slot list touches the slot
        assert WaitlistEntry.objects.get(pk=first_entry["id"]).status == "expired"
        assert WaitlistEntry.objects.get(pk=second_entry["id"]).status == "offered"
        _run_out(second_entry["id"])
        body = {"doctor": doctor.pk, "appointment_time": at(MONDAY, 10).isoformat()}
        booked = client_for(PatientFactory().user).post("/api/book-appointment/", body, format="json")
        assert booked.status_code == 201  # nobody left waiting: the booking gets it
        assert WaitlistEntry.objects.get(pk=second_entry["id"]).status == "expired"

    def test_reading_the_entry_expires_it(self, client_for, offered):
        (first, first_entry), _ = offered
        _run_out(first_entry["id"])
        body = entry_of(client_for, first, first_entry["id"])
        assert body["status"] == "expired" and body["offer"] is None
