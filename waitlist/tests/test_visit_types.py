"""Visit types on the waitlist: an entry waits for a kind of visit, and only free time that
fits its length and buffer is offered; the hold keeps the buffer, the booking takes the fee."""

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

import pytest
from django.test import Client

from accounts.models import Role
from accounts.tests.factories import AdminUserFactory, UserFactory
from appointments.models import Appointment, AppointmentSeries, HoldStatus
from appointments.series import series_cancel
from appointments.services import appointment_cancel, appointment_delete, appointment_reschedule
from appointments.tests.factories import book_directly
from doctors.tests.factories import DoctorFactory, VisitTypeFactory, at, clinic_rules
from patients.tests.factories import PatientFactory
from waitlist.models import WaitlistEntry, WaitlistStatus
from waitlist.services import waitlist_join
from waitlist.tests.test_waitlist_api import MONDAY, cancel

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _rules():
    clinic_rules(booking_window_days=60)


def join(client_for, who, doctor, *, patient=None, status=201, **extra):
    body = {"doctor": doctor.pk, "date_from": MONDAY.isoformat(), "date_to": MONDAY.isoformat(), **extra}
    if patient is not None:
        body["patient"] = patient.pk
    response = client_for(who).post("/api/waitlist/", body, format="json")
    assert response.status_code == status, response.content
    return response.json()


def status_of(entry_id) -> str:
    return WaitlistEntry.objects.get(pk=entry_id).status


def busy_monday(doctor, *hours):
    """Book every 30-minute slot of Monday starting at one of ``hours`` ((h, m) pairs)."""
    return [book_directly(doctor, start=at(MONDAY, h, m)) for h, m in hours]


def offered_consultation(client_for, doctor, **type_fields):
    """Monday busy but 10:00-11:00, freed while a patient waits for a 45-minute consultation with
    15 minutes of set-up: (the visit type, the patient, their entry, offered 10:00)."""
    busy_monday(doctor, (9, 0), (9, 30), (11, 0), (11, 30))
    freeing = book_directly(doctor, start=at(MONDAY, 10), minutes=60)
    consultation = VisitTypeFactory(doctor=doctor, duration_minutes=45, buffer_minutes=15, **type_fields)
    patient = PatientFactory()
    entry = join(client_for, patient.user, doctor, visit_type=consultation.pk)
    cancel(client_for, freeing)
    return consultation, patient, entry


class TestJoin:
    def test_a_patient_waits_for_a_visit_type(self, client_for, doctor):
        visit_type = VisitTypeFactory(doctor=doctor, name="First consultation")
        body = join(client_for, PatientFactory().user, doctor, visit_type=visit_type.pk)
        assert (body["visit_type"], body["visit_type_name"]) == (visit_type.pk, "First consultation")
        plain = join(client_for, PatientFactory().user, doctor)
        assert (plain["visit_type"], plain["visit_type_name"]) == (None, None)
        listed = client_for(doctor.user).get("/api/waitlist/").json()["results"]
        assert {e["visit_type_name"] for e in listed} == {"First consultation", None}

    @pytest.mark.parametrize("which", ["other_doctors", "inactive", "unknown"])
    def test_a_visit_type_not_offered_by_the_doctor_is_a_400(self, client_for, doctor, which):
        visit_type = {
            "other_doctors": lambda: VisitTypeFactory().pk,
            "inactive": lambda: VisitTypeFactory(doctor=doctor, active=False).pk,
            "unknown": lambda: 999_999,
        }[which]()
        body = join(client_for, PatientFactory().user, doctor, visit_type=visit_type, status=400)
        assert list(body) == ["visit_type"]
        assert not WaitlistEntry.objects.exists()

    def test_the_front_desk_adds_a_patient_and_must_name_them(self, client_for, doctor):
        desk, patient = UserFactory(role=Role.FRONT_DESK), PatientFactory()
        visit_type = VisitTypeFactory(doctor=doctor)
        body = join(client_for, desk, doctor, patient=patient, visit_type=visit_type.pk)
        assert (body["patient"], body["visit_type"], body["status"]) == (patient.pk, visit_type.pk, "waiting")
        assert WaitlistEntry.objects.get(pk=body["id"]).created_by == desk
        assert "patient" in join(client_for, desk, DoctorFactory(), status=400)

    def test_a_patient_joins_only_for_themselves_and_a_doctor_not_at_all(self, client_for, doctor):
        me, someone_else = PatientFactory(), PatientFactory()
        assert join(client_for, me.user, doctor, patient=someone_else)["patient"] == me.pk
        join(client_for, doctor.user, doctor, patient=someone_else, status=403)

    def test_a_visit_type_on_the_waitlist_cannot_be_deleted_only_retired(self, client_for, doctor):
        visit_type = VisitTypeFactory(doctor=doctor)
        join(client_for, PatientFactory().user, doctor, visit_type=visit_type.pk)
        response = client_for(doctor.user).delete(f"/api/visit-types/{visit_type.pk}/")
        assert response.status_code == 400
        assert "set active to false" in response.json()["detail"]


class TestOffer:
    def test_a_freed_slot_too_short_for_the_type_goes_to_the_next_entry_it_fits(self, client_for, doctor):
        # Monday fully booked; 09:30 frees: 30 minutes between two visits.
        slots = busy_monday(doctor, *[(h, m) for h in (9, 10, 11) for m in (0, 30)])
        hour = VisitTypeFactory(doctor=doctor, duration_minutes=60, buffer_minutes=0)
        long_visit = join(client_for, PatientFactory().user, doctor, visit_type=hour.pk)  # older
        plain = join(client_for, PatientFactory().user, doctor)
        cancel(client_for, slots[1])
        assert status_of(long_visit["id"]) == WaitlistStatus.WAITING
        offer = client_for(doctor.user).get(f"/api/waitlist/{plain['id']}/").json()["offer"]
        assert (offer["appointment_time"], offer["end_time"]) == (
            at(MONDAY, 9, 30).isoformat(),
            at(MONDAY, 10).isoformat(),
        )

    def test_a_type_that_fits_is_held_with_its_buffer(self, client_for, api, doctor):
        busy_monday(doctor, (9, 0), (9, 30), (11, 0), (11, 30))
        freeing = book_directly(doctor, start=at(MONDAY, 10), minutes=60)
        consultation = VisitTypeFactory(doctor=doctor, duration_minutes=45, buffer_minutes=15)
        typed = join(client_for, PatientFactory().user, doctor, visit_type=consultation.pk)
        plain = join(client_for, PatientFactory().user, doctor)
        cancel(client_for, freeing)

        offer = client_for(doctor.user).get(f"/api/waitlist/{typed['id']}/").json()["offer"]
        assert (offer["appointment_time"], offer["end_time"]) == (
            at(MONDAY, 10).isoformat(),
            at(MONDAY, 10, 45).isoformat(),
        )
        hold = Appointment.all_rows.get(status=HoldStatus.HELD)
        assert (hold.visit_type, hold.buffer_minutes, hold.blocked_until) == (consultation, 15, at(MONDAY, 11))
        # The buffer is held too: 10:30 is neither offered to the plain entry nor free to book.
        assert status_of(plain["id"]) == WaitlistStatus.WAITING
        slots = api.get(f"/api/doctors/{doctor.pk}/slots/?start={MONDAY}&end={MONDAY}").json()
        assert [s["start"] for s in slots] == []

    def test_accepting_books_the_types_length_and_fee(self, client_for, doctor):
        consultation, patient, entry = offered_consultation(client_for, doctor, fee=Decimal("135.00"))

        booked = client_for(patient.user).post(f"/api/waitlist/{entry['id']}/accept/", {}, format="json")
        assert booked.status_code == 201, booked.content
        body = booked.json()
        assert (body["visit_type"], body["visit_type_name"]) == (consultation.pk, consultation.name)
        assert body["end_time"] == at(MONDAY, 10, 45).isoformat()
        appointment = Appointment.objects.get(pk=body["id"])
        assert (appointment.fee, appointment.buffer_minutes) == (Decimal("135.00"), 15)
        assert appointment.blocked_until == at(MONDAY, 11)

    def test_a_declined_typed_offer_releases_the_buffer_too(self, client_for, doctor):
        busy_monday(doctor, (9, 0), (9, 30), (11, 0), (11, 30))
        freeing = book_directly(doctor, start=at(MONDAY, 10), minutes=60)
        consultation = VisitTypeFactory(doctor=doctor, duration_minutes=45, buffer_minutes=15)
        patient = PatientFactory()
        typed = join(client_for, patient.user, doctor, visit_type=consultation.pk)
        late = join(client_for, PatientFactory().user, doctor, time_from="10:30")
        cancel(client_for, freeing)
        assert status_of(late["id"]) == WaitlistStatus.WAITING  # 10:30 lies in the held buffer
        declined = client_for(patient.user).post(f"/api/waitlist/{typed['id']}/decline/", {}, format="json")
        assert declined.status_code == 200
        offer = client_for(doctor.user).get(f"/api/waitlist/{late['id']}/").json()["offer"]
        assert offer["appointment_time"] == at(MONDAY, 10, 30).isoformat()

    def test_a_type_retired_around_the_services_is_not_offered_time(self, client_for, doctor):
        freeing = book_directly(doctor, start=at(MONDAY, 10), minutes=60)
        retired = VisitTypeFactory(doctor=doctor, duration_minutes=30, buffer_minutes=0)
        entry = join(client_for, PatientFactory().user, doctor, visit_type=retired.pk)
        retired.active = False
        retired.save()
        cancel(client_for, freeing)
        assert status_of(entry["id"]) == WaitlistStatus.WAITING


def _retire(client_for, visit_type):
    response = client_for(visit_type.doctor.user).patch(
        f"/api/visit-types/{visit_type.pk}/", {"active": False}, format="json"
    )
    assert response.status_code == 200, response.content


class TestRetiredType:
    """A visit type retired while patients wait for it: they wait on for a plain slot."""

    def test_waiting_entries_wait_for_a_plain_slot_and_are_offered_one(self, client_for, doctor):
        slots = busy_monday(doctor, *[(h, m) for h in (9, 10, 11) for m in (0, 30)])
        retired = VisitTypeFactory(doctor=doctor, duration_minutes=30, buffer_minutes=15)
        kept = VisitTypeFactory(doctor=doctor, duration_minutes=30, buffer_minutes=0)
        patient = PatientFactory()
        waiting = join(client_for, patient.user, doctor, visit_type=retired.pk)
        other_type = join(client_for, PatientFactory().user, doctor, visit_type=kept.pk, time_from="11:00")
        left = join(client_for, PatientFactory().user, doctor, visit_type=retired.pk)
        client_for(doctor.user).post(f"/api/waitlist/{left['id']}/cancel/", {}, format="json")

        _retire(client_for, retired)

        entry = client_for(patient.user).get(f"/api/waitlist/{waiting['id']}/").json()
        assert (entry["status"], entry["visit_type"], entry["visit_type_name"]) == ("waiting", None, None)
        assert WaitlistEntry.objects.get(pk=other_type["id"]).visit_type == kept
        assert WaitlistEntry.objects.get(pk=left["id"]).visit_type == retired  # closed: history as it was
        # 09:30 frees: 30 minutes, no room for the retired type's buffer, a plain slot exactly.
        cancel(client_for, slots[1])
        offer = client_for(patient.user).get(f"/api/waitlist/{waiting['id']}/").json()["offer"]
        assert (offer["appointment_time"], offer["end_time"]) == (
            at(MONDAY, 9, 30).isoformat(),
            at(MONDAY, 10).isoformat(),
        )
        booked = client_for(patient.user).post(f"/api/waitlist/{waiting['id']}/accept/", {}, format="json")
        assert booked.status_code == 201, booked.content
        assert (booked.json()["visit_type"], booked.json()["fee"]) == (None, str(doctor.consultation_fee))

    def test_a_live_offer_stands_as_made_and_once_declined_waits_for_a_plain_slot(self, client_for, doctor):
        retired, patient, offered = offered_consultation(client_for, doctor)
        offer = client_for(patient.user).get(f"/api/waitlist/{offered['id']}/").json()["offer"]

        _retire(client_for, retired)

        entry = client_for(patient.user).get(f"/api/waitlist/{offered['id']}/").json()
        assert (entry["status"], entry["visit_type"], entry["offer"]) == ("offered", None, offer)
        declined = client_for(patient.user).post(f"/api/waitlist/{offered['id']}/decline/", {}, format="json")
        assert declined.status_code == 200
        # Waiting again, for a plain slot: the next one (10:30, after the declined 10:00) is offered.
        entry = client_for(patient.user).get(f"/api/waitlist/{offered['id']}/").json()
        assert entry["offer"]["appointment_time"] == at(MONDAY, 10, 30).isoformat()

    def test_accepting_a_live_offer_of_a_retired_type_books_that_type(self, client_for, doctor):
        retired, patient, offered = offered_consultation(client_for, doctor, fee=Decimal("135.00"))
        _retire(client_for, retired)
        booked = client_for(patient.user).post(f"/api/waitlist/{offered['id']}/accept/", {}, format="json")
        assert booked.status_code == 201, booked.content
        assert (booked.json()["visit_type"], booked.json()["fee"]) == (retired.pk, "135.00")

    def test_retiring_in_the_admin_does_the_same(self, client_for, doctor):
        retired = VisitTypeFactory(doctor=doctor)
        entry = join(client_for, PatientFactory().user, doctor, visit_type=retired.pk)
        browser = Client()
        browser.force_login(AdminUserFactory())
        form = {"doctor": doctor.pk, "name": retired.name, "duration_minutes": 45, "buffer_minutes": 15}
        page = browser.post(f"/admin/doctors/visittype/{retired.pk}/change/", {**form, "fee": "120.00"})
        assert page.status_code == 302, page.content.decode()[:2000]
        retired.refresh_from_db()
        assert not retired.active
        assert WaitlistEntry.objects.get(pk=entry["id"]).visit_type is None


def _free_by_cancelling(visit, by):
    appointment_cancel(appointment=visit, by=by)


def _free_by_moving_away(visit, by):
    appointment_reschedule(appointment=visit, start=at(MONDAY + timedelta(days=1), 9), by=by)


def _free_by_deleting(visit, by):
    appointment_delete(appointment=visit)


def _free_by_cancelling_its_series(visit, by):
    visit.series = AppointmentSeries.objects.create(patient=visit.patient, doctor=visit.doctor, interval_days=7)
    visit.save(update_fields=["series"])
    series_cancel(series=visit.series, by=by)


class TestFreedBuffer:
    """Freed time is all the time a visit kept busy, its buffer included, however it is freed."""

    @pytest.mark.parametrize(
        "free",
        [_free_by_cancelling, _free_by_moving_away, _free_by_deleting, _free_by_cancelling_its_series],
        ids=["cancel", "move away", "delete", "series cancel"],
    )
    def test_a_start_inside_the_freed_buffer_is_offered(self, client_for, doctor, free):
        busy_monday(doctor, (9, 0), (9, 30), (11, 0), (11, 30))
        # 10:00-10:30 and 30 minutes of set-up: 10:30 is busy until this visit goes.
        visit = Appointment.objects.create(
            doctor=doctor,
            patient=PatientFactory(),
            start=at(MONDAY, 10),
            end=at(MONDAY, 10, 30),
            visit_type=VisitTypeFactory(doctor=doctor, duration_minutes=30, buffer_minutes=30),
            buffer_minutes=30,
        )
        assert visit.blocked_until == at(MONDAY, 11)
        entry = join(client_for, PatientFactory().user, doctor, time_from="10:30")

        free(visit, doctor.user)

        offer = client_for(doctor.user).get(f"/api/waitlist/{entry['id']}/").json()["offer"]
        assert offer is not None, "10:30 is free now but was never offered"
        assert offer["appointment_time"] == at(MONDAY, 10, 30).isoformat()


def _offer_of(client_for, doctor, entry):
    return client_for(doctor.user).get(f"/api/waitlist/{entry['id']}/").json()["offer"]


class TestFreedSpan:
    """Which slots freed time is offered as: those it made possible, on the grid, free as a whole."""

    @pytest.mark.parametrize(
        "minutes, buffer, end",
        [(60, 0, (10, 30)), (30, 30, (10, 0))],
        ids=["the visit needs the freed time", "only its set-up needs it"],
    )
    def test_a_visit_may_start_before_the_freed_time_where_it_was_free_already(
        self, client_for, doctor, minutes, buffer, end
    ):
        # 09:30-10:00 free but too short for this kind of visit; 10:00-10:30 frees: the visit
        # and its set-up fit in 09:30-10:30 now.
        busy_monday(doctor, (9, 0), (10, 30), (11, 0), (11, 30))
        freeing = book_directly(doctor, start=at(MONDAY, 10))
        kind = VisitTypeFactory(doctor=doctor, duration_minutes=minutes, buffer_minutes=buffer)
        entry = join(client_for, PatientFactory().user, doctor, visit_type=kind.pk)
        cancel(client_for, freeing)
        offer = _offer_of(client_for, doctor, entry)
        assert offer is not None, "09:30 fits now but was never offered"
        assert (offer["appointment_time"], offer["end_time"]) == (
            at(MONDAY, 9, 30).isoformat(),
            at(MONDAY, *end).isoformat(),
        )
        assert Appointment.all_rows.get(status=HoldStatus.HELD).blocked_until == at(MONDAY, 10, 30)

    def test_offers_start_on_the_grid_and_never_over_busy_time(self, client_for, doctor):
        # A visit entered at 10:15 (off the 30-minute grid) frees 10:15-10:45; 10:00-10:15 and
        # 10:45-11:00 were free already. The offers are the grid's 10:00 and 10:30, not 10:15.
        busy = busy_monday(doctor, (9, 0), (9, 30), (11, 0), (11, 30))
        freeing = book_directly(doctor, start=at(MONDAY, 10, 15))
        first = join(client_for, PatientFactory().user, doctor)
        second = join(client_for, PatientFactory().user, doctor)
        cancel(client_for, freeing)
        offers = [_offer_of(client_for, doctor, entry) for entry in (first, second)]
        assert [o["appointment_time"] for o in offers] == [
            at(MONDAY, 10).isoformat(),
            at(MONDAY, 10, 30).isoformat(),
        ]
        for hold in Appointment.all_rows.filter(status=HoldStatus.HELD):
            assert not [v for v in busy if v.start < hold.blocked_until and hold.start < v.blocked_until]


class TestAutumnFold:
    """Berlin, Sunday 31 October 2027: 03:00 CEST becomes 02:00 CET, 02:00-03:00 happens twice."""

    FOLD_DAY = date(2027, 10, 31)
    NOW = datetime(2027, 10, 20, 12, tzinfo=UTC)

    def test_a_60_minute_type_is_held_for_60_real_minutes_and_the_next_slot_passes_on(self):
        doctor = DoctorFactory(hours=[(6, time(1), time(5))])  # Sunday 01:00-05:00 wall clock
        hour = VisitTypeFactory(doctor=doctor, duration_minutes=60, buffer_minutes=15)
        utc = lambda h, m=0: datetime(2027, 10, 31, h, m, tzinfo=UTC)  # noqa: E731
        # 01:00-02:30 CEST taken; 02:30 CEST (00:30Z) to 04:30 CET (03:30Z) taken, then cancelled.
        book_directly(doctor, start=utc(2, 0) - timedelta(hours=3), minutes=90)
        freeing = book_directly(doctor, start=utc(0, 30), minutes=180)
        window = {"date_from": self.FOLD_DAY, "date_to": self.FOLD_DAY, "now": self.NOW}
        by = UserFactory(role=Role.ADMIN)
        # A wall-clock window (doctor's zone): starts from 02:00 to before 03:00, either pass.
        typed = waitlist_join(
            patient=PatientFactory(), doctor=doctor, visit_type=hour, time_from=time(2), time_to=time(3), by=by,
            **window,
        )  # fmt: skip
        plain = waitlist_join(patient=PatientFactory(), doctor=doctor, by=by, **window)

        appointment_cancel(appointment=freeing, by=doctor.user, now=self.NOW)

        typed.refresh_from_db()
        plain.refresh_from_db()
        assert typed.status == plain.status == WaitlistStatus.OFFERED
        hold = typed.hold
        # 02:30 CEST (first pass) for 60 real minutes, ending at 02:30 CET; the buffer 15 more.
        assert (hold.start, hold.end, hold.blocked_until) == (utc(0, 30), utc(1, 30), utc(1, 45))
        assert hold.start.astimezone(doctor.tzinfo).isoformat() == "2027-10-31T02:30:00+02:00"
        # The next grid start, 03:00 CET (02:00Z), is clear of the buffer and goes to the plain entry.
        # (Wall-clock arithmetic would end the buffer at 03:45 CET and keep it from them.)
        assert (plain.hold.start, plain.hold.end) == (utc(2), utc(2, 30))
