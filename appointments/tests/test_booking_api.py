"""Booking, rescheduling, cancelling and the lifecycle through the API, for every role."""

from datetime import UTC, timedelta

import pytest
from django.utils import timezone

from accounts.tests.factories import AdminUserFactory
from appointments.availability import booking_rules, load_schedule
from appointments.models import Appointment, AppointmentStatus, ClinicSettings, IdempotencyKey
from appointments.tests.factories import book_directly
from doctors.models import LeaveDay
from doctors.tests.factories import DoctorFactory, at, next_weekday
from patients.tests.factories import PatientFactory

from ..slots import free_slots

pytestmark = pytest.mark.django_db

MONDAY = next_weekday(0)


def book(client, doctor, start, **extra):
    body = {"doctor": doctor.pk, "appointment_time": start.isoformat(), **extra}
    return client.post("/api/book-appointment/", body, format="json")


def free_starts(doctor, day):
    schedule = load_schedule(doctor, start_date=day, end_date=day)
    slots = free_slots(schedule, rules=booking_rules(), now=timezone.now(), start_date=day, end_date=day)
    return [slot.start for slot in slots]


class TestBook:
    def test_books_a_free_slot(self, as_patient, doctor, patient):
        start = at(MONDAY, 9, 30)
        response = book(as_patient, doctor, start, reason="Back pain")
        assert response.status_code == 201, response.json()
        body = response.json()
        assert set(body) >= {
            "id",
            "patient",
            "patient_name",
            "doctor",
            "doctor_name",
            "appointment_time",
            "end_time",
            "status",
            "reason",
            "created_at",
            "updated_at",
            "cancelled_at",
            "cancellation_reason",
        }
        assert body["patient"] == patient.pk
        assert body["doctor"] == doctor.pk
        assert body["appointment_time"] == start.isoformat()
        assert body["end_time"] == (start + timedelta(minutes=30)).isoformat()
        assert body["status"] == "pending"
        assert body["reason"] == "Back pain"
        assert body["fee"] == str(doctor.consultation_fee)  # the price as booked, kept for revenue
        assert start not in free_starts(doctor, MONDAY)

    def test_statements_per_booking(self, as_patient, doctor, django_assert_max_num_queries):
        # Issue 18: the clinic settings once, the event's message templates in one query, the
        # messages in one INSERT (was 20 statements); the doctor's hours, leave and busy time in
        # one statement (was 14); no expired-holds check for a doctor holding no time (was 12).
        # The lock-free slot check and the exclusion constraint's savepoint stay.
        book(as_patient, doctor, at(MONDAY, 9))
        with django_assert_max_num_queries(11):
            response = book(as_patient, doctor, at(MONDAY, 10))
        assert response.status_code == 201, response.json()
        appointment = Appointment.objects.get(pk=response.json()["id"])
        messages = appointment.notifications.all()
        assert len(messages) >= 2
        assert all(message.pk and message.body_text for message in messages)

    def test_auto_confirm_setting(self, as_patient, doctor):
        ClinicSettings.objects.update_or_create(pk=1, defaults={"auto_confirm": True})
        assert book(as_patient, doctor, at(MONDAY, 10)).json()["status"] == "confirmed"

    def test_the_same_instant_in_another_offset_is_the_same_slot(self, as_patient, doctor):
        utc_start = at(MONDAY, 10).astimezone(UTC)
        response = book(as_patient, doctor, utc_start)
        assert response.status_code == 201
        assert response.json()["appointment_time"] == at(MONDAY, 10).isoformat()

    def test_taken_slot_is_409(self, as_patient, doctor):
        book_directly(doctor, start=at(MONDAY, 10))
        response = book(as_patient, doctor, at(MONDAY, 10))
        assert response.status_code == 409
        assert "taken" in response.json()["detail"]

    def test_cancelled_time_is_free(self, as_patient, doctor):
        book_directly(doctor, start=at(MONDAY, 10), status=AppointmentStatus.CANCELLED)
        assert book(as_patient, doctor, at(MONDAY, 10)).status_code == 201

    @pytest.mark.parametrize(
        ("start", "words"),
        [
            (lambda: at(MONDAY, 14), "working hours"),
            (lambda: at(MONDAY + timedelta(days=5), 10), "does not work on saturdays"),
            (lambda: at(MONDAY, 9, 10), "grid"),
            (lambda: timezone.now() - timedelta(days=1), "past"),
            (lambda: timezone.now() + timedelta(days=400), "at most 60 days in advance"),
        ],
    )
    def test_not_a_free_slot_start_is_400(self, as_patient, doctor, start, words):
        response = book(as_patient, doctor, start())
        assert response.status_code == 400, response.json()
        assert words in str(response.json()).lower()
        assert not Appointment.objects.exists()

    def test_too_soon_is_400(self, as_patient, doctor):
        ClinicSettings.objects.update_or_create(pk=1, defaults={"min_notice_hours": 24 * 30})
        response = book(as_patient, doctor, at(MONDAY, 10))
        assert response.status_code == 400
        assert "in advance" in response.json()["detail"]

    def test_on_leave_is_400(self, as_patient, doctor):
        LeaveDay.objects.create(doctor=doctor, start_date=MONDAY, end_date=MONDAY)
        response = book(as_patient, doctor, at(MONDAY, 10))
        assert response.status_code == 400
        assert "leave" in response.json()["detail"]

    def test_naive_datetime_is_400(self, as_patient, doctor):
        response = as_patient.post(
            "/api/book-appointment/", {"doctor": doctor.pk, "appointment_time": f"{MONDAY}T10:00:00"}, format="json"
        )
        assert response.status_code == 400
        assert "offset" in response.json()["appointment_time"][0]

    @pytest.mark.parametrize("value", ["2024-01-01T12:99:00Z", "2027-02-30T10:00:00+01:00", "2027-03-01T25:00:00"])
    def test_impossible_datetime_is_400_not_500(self, as_patient, doctor, value):
        # Well-formed ISO 8601 with an out-of-range part once escaped the parser as a ValueError.
        response = as_patient.post(
            "/api/book-appointment/", {"doctor": doctor.pk, "appointment_time": value}, format="json"
        )
        assert response.status_code == 400
        assert "wrong format" in response.json()["appointment_time"][0]

    @pytest.mark.parametrize(
        "value",
        ["9999-12-31T23:59:00-12:00", "9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z", "0001-01-01T00:00:00+14:00"],
    )
    def test_datetime_at_the_calendars_edge_is_400_not_500(self, as_patient, doctor, value):
        # The day either side of the start (and the zone conversion) used to overflow Python's date.
        response = as_patient.post(
            "/api/book-appointment/", {"doctor": doctor.pk, "appointment_time": value}, format="json"
        )
        assert response.status_code == 400
        assert "between" in response.json()["appointment_time"][0]

    @pytest.mark.parametrize(
        "body",
        [
            {},
            {"doctor": 999999, "appointment_time": "2030-01-01T10:00:00Z"},
            {"doctor": "x", "appointment_time": "soon"},
        ],
    )
    def test_bad_input_is_400(self, as_patient, body):
        response = as_patient.post("/api/book-appointment/", body, format="json")
        assert response.status_code == 400

    def test_inactive_doctor_is_400(self, as_patient):
        doctor = DoctorFactory(is_active=False)
        assert book(as_patient, doctor, at(MONDAY, 10)).status_code == 400

    def test_patient_books_for_themselves_whatever_the_body_says(self, as_patient, doctor, patient):
        other = PatientFactory()
        response = book(as_patient, doctor, at(MONDAY, 10), patient=other.pk, status="completed")
        assert response.status_code == 201
        assert response.json()["patient"] == patient.pk
        assert response.json()["status"] == "pending"

    def test_admin_books_for_a_patient(self, client_for, doctor, patient):
        api = client_for(AdminUserFactory())
        assert book(api, doctor, at(MONDAY, 10)).json() == {
            "patient": ["Required when the front desk or an administrator books."]
        }
        response = book(api, doctor, at(MONDAY, 10), patient=patient.pk)
        assert response.status_code == 201
        assert response.json()["patient"] == patient.pk

    def test_roles(self, api, client_for, doctor):
        assert book(api, doctor, at(MONDAY, 10)).status_code == 401
        assert book(client_for(doctor.user), doctor, at(MONDAY, 10)).status_code == 403

    def test_post_appointments_is_the_same(self, as_patient, doctor):
        body = {"doctor": doctor.pk, "appointment_time": at(MONDAY, 10).isoformat()}
        assert as_patient.post("/api/appointments/", body, format="json").status_code == 201
        assert as_patient.post("/api/appointments/", body, format="json").status_code == 409


class TestIdempotency:
    def test_retry_returns_the_first_response(self, as_patient, doctor):
        headers = {"HTTP_IDEMPOTENCY_KEY": "k-1"}
        body = {"doctor": doctor.pk, "appointment_time": at(MONDAY, 10).isoformat()}
        first = as_patient.post("/api/book-appointment/", body, format="json", **headers)
        again = as_patient.post("/api/book-appointment/", body, format="json", **headers)
        assert first.status_code == again.status_code == 201
        assert first.json() == again.json()
        assert Appointment.objects.count() == 1

    def test_refusals_are_replayed_too(self, as_patient, doctor):
        book_directly(doctor, start=at(MONDAY, 10))
        headers = {"HTTP_IDEMPOTENCY_KEY": "k-2"}
        body = {"doctor": doctor.pk, "appointment_time": at(MONDAY, 10).isoformat()}
        assert as_patient.post("/api/book-appointment/", body, format="json", **headers).status_code == 409
        Appointment.objects.all().delete()  # the slot frees up, but the key remembers
        assert as_patient.post("/api/book-appointment/", body, format="json", **headers).status_code == 409

    def test_same_key_other_body_is_422(self, as_patient, doctor):
        headers = {"HTTP_IDEMPOTENCY_KEY": "k-3"}
        first = {"doctor": doctor.pk, "appointment_time": at(MONDAY, 10).isoformat()}
        second = {"doctor": doctor.pk, "appointment_time": at(MONDAY, 11).isoformat()}
        assert as_patient.post("/api/book-appointment/", first, format="json", **headers).status_code == 201
        assert as_patient.post("/api/book-appointment/", second, format="json", **headers).status_code == 422
        assert Appointment.objects.count() == 1

    def test_key_with_a_nul_byte_is_400(self, as_patient, doctor):
        # PostgreSQL cannot store NUL in a text column: this was a 500 there.
        body = {"doctor": doctor.pk, "appointment_time": at(MONDAY, 10).isoformat()}
        response = as_patient.post("/api/book-appointment/", body, format="json", HTTP_IDEMPOTENCY_KEY="a\x00b")
        assert response.status_code == 400
        assert "Idempotency-Key" in response.json()
        assert not Appointment.objects.exists()

    def test_keys_are_per_user_and_expire(self, client_for, doctor):
        body = {"doctor": doctor.pk, "appointment_time": at(MONDAY, 10).isoformat()}
        first = client_for(PatientFactory().user)
        second = client_for(PatientFactory().user)
        assert first.post("/api/book-appointment/", body, format="json", HTTP_IDEMPOTENCY_KEY="k").status_code == 201
        assert second.post("/api/book-appointment/", body, format="json", HTTP_IDEMPOTENCY_KEY="k").status_code == 409
        IdempotencyKey.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
        Appointment.objects.all().delete()
        assert first.post("/api/book-appointment/", body, format="json", HTTP_IDEMPOTENCY_KEY="k").status_code == 201


class TestReschedule:
    def test_moves_and_frees_the_old_slot(self, as_patient, doctor, patient):
        appointment = book_directly(doctor, patient, start=at(MONDAY, 10))
        response = as_patient.post(
            f"/api/appointments/{appointment.pk}/reschedule/", {"appointment_time": at(MONDAY, 11).isoformat()}
        )
        assert response.status_code == 200, response.json()
        assert response.json()["appointment_time"] == at(MONDAY, 11).isoformat()
        assert response.json()["status"] == "pending"  # a patient's move needs confirming again
        starts = free_starts(doctor, MONDAY)
        assert at(MONDAY, 10) in starts
        assert at(MONDAY, 11) not in starts

    def test_into_a_taken_slot_is_409(self, as_patient, doctor, patient):
        appointment = book_directly(doctor, patient, start=at(MONDAY, 10))
        book_directly(doctor, start=at(MONDAY, 11))
        response = as_patient.post(
            f"/api/appointments/{appointment.pk}/reschedule/", {"appointment_time": at(MONDAY, 11).isoformat()}
        )
        assert response.status_code == 409
        appointment.refresh_from_db()
        assert appointment.start == at(MONDAY, 10)

    def test_patient_inside_cutoff_is_400_but_doctor_may(self, client_for, doctor, patient):
        ClinicSettings.objects.update_or_create(pk=1, defaults={"cancellation_cutoff_hours": 24 * 60})
        appointment = book_directly(doctor, patient, start=at(MONDAY, 10))
        body = {"appointment_time": at(MONDAY, 11).isoformat()}
        response = client_for(patient.user).post(f"/api/appointments/{appointment.pk}/reschedule/", body)
        assert response.status_code == 400
        assert "1440 hours" in response.json()["detail"]
        response = client_for(doctor.user).post(f"/api/appointments/{appointment.pk}/reschedule/", body)
        assert response.status_code == 200
        assert response.json()["status"] == "confirmed"

    def test_cancelled_cannot_be_rescheduled(self, as_patient, doctor, patient):
        appointment = book_directly(doctor, patient, start=at(MONDAY, 10), status=AppointmentStatus.CANCELLED)
        response = as_patient.post(
            f"/api/appointments/{appointment.pk}/reschedule/", {"appointment_time": at(MONDAY, 11).isoformat()}
        )
        assert response.status_code == 400

    def test_off_grid_and_naive_are_400(self, as_patient, doctor, patient):
        appointment = book_directly(doctor, patient, start=at(MONDAY, 10))
        url = f"/api/appointments/{appointment.pk}/reschedule/"
        assert as_patient.post(url, {"appointment_time": at(MONDAY, 11, 5).isoformat()}).status_code == 400
        assert as_patient.post(url, {"appointment_time": f"{MONDAY}T11:00:00"}).status_code == 400
        assert as_patient.post(url, {}).status_code == 400
        for impossible in (f"{MONDAY}T11:99:00Z", "9999-12-31T23:59:59Z"):
            response = as_patient.post(url, {"appointment_time": impossible})
            assert response.status_code == 400
            assert "appointment_time" in response.json()


class TestCancel:
    def test_cancels_with_reason_and_frees_the_slot(self, as_patient, doctor, patient):
        appointment = book_directly(doctor, patient, start=at(MONDAY, 10))
        response = as_patient.post(f"/api/appointments/{appointment.pk}/cancel/", {"reason": "Feeling better"})
        assert response.status_code == 200
        body = response.json()
        assert body["status"] == "cancelled"
        assert body["cancellation_reason"] == "Feeling better"
        assert body["cancelled_at"] is not None
        assert at(MONDAY, 10) in free_starts(doctor, MONDAY)

    def test_patient_inside_cutoff_is_400(self, client_for, doctor, patient):
        ClinicSettings.objects.update_or_create(pk=1, defaults={"cancellation_cutoff_hours": 24 * 60})
        appointment = book_directly(doctor, patient, start=at(MONDAY, 10))
        response = client_for(patient.user).post(f"/api/appointments/{appointment.pk}/cancel/", {})
        assert response.status_code == 400
        assert "hours before" in response.json()["detail"]
        assert client_for(doctor.user).post(f"/api/appointments/{appointment.pk}/cancel/", {}).status_code == 200

    def test_twice_is_400(self, as_patient, doctor, patient):
        appointment = book_directly(doctor, patient, start=at(MONDAY, 10))
        assert as_patient.post(f"/api/appointments/{appointment.pk}/cancel/", {}).status_code == 200
        response = as_patient.post(f"/api/appointments/{appointment.pk}/cancel/", {})
        assert response.status_code == 400
        assert response.json()["detail"] == "A cancelled appointment cannot be cancelled."


class TestLifecycle:
    @pytest.fixture
    def appointment(self, doctor, patient):
        return book_directly(doctor, patient, start=at(MONDAY, 10), status=AppointmentStatus.PENDING)

    def test_doctor_confirms_and_completes(self, client_for, doctor, appointment):
        api = client_for(doctor.user)
        assert api.post(f"/api/appointments/{appointment.pk}/confirm/").json()["status"] == "confirmed"
        assert api.post(f"/api/appointments/{appointment.pk}/confirm/").status_code == 200
        # Visits can happen early: complete before the start time.
        assert api.post(f"/api/appointments/{appointment.pk}/complete/").json()["status"] == "completed"
        assert api.post(f"/api/appointments/{appointment.pk}/confirm/").status_code == 400
        assert api.post(f"/api/appointments/{appointment.pk}/cancel/").status_code == 400

    def test_no_show_only_after_the_start(self, client_for, doctor, patient, appointment):
        api = client_for(doctor.user)
        response = api.post(f"/api/appointments/{appointment.pk}/no-show/")
        assert response.status_code == 400
        assert "after its start" in response.json()["detail"]
        past = book_directly(doctor, patient, start=timezone.now() - timedelta(hours=2))
        assert api.post(f"/api/appointments/{past.pk}/no-show/").json()["status"] == "no_show"

    def test_cancelled_cannot_be_completed(self, client_for, doctor, appointment):
        appointment.status = AppointmentStatus.CANCELLED
        appointment.save()
        assert client_for(doctor.user).post(f"/api/appointments/{appointment.pk}/complete/").status_code == 400

    @pytest.mark.parametrize("action", ["confirm", "complete", "no-show"])
    def test_patients_cannot_run_doctor_actions(self, as_patient, appointment, action):
        assert as_patient.post(f"/api/appointments/{appointment.pk}/{action}/").status_code == 403

    @pytest.mark.parametrize("action", ["confirm", "complete", "no-show", "cancel", "reschedule"])
    def test_another_doctor_gets_404(self, client_for, appointment, action):
        other = DoctorFactory()
        assert client_for(other.user).post(f"/api/appointments/{appointment.pk}/{action}/", {}).status_code == 404

    def test_patch_changes_only_the_reason(self, as_patient, appointment):
        response = as_patient.patch(
            f"/api/appointments/{appointment.pk}/", {"reason": "Follow-up", "status": "completed", "doctor": 1}
        )
        assert response.status_code == 200
        appointment.refresh_from_db()
        assert appointment.reason == "Follow-up"
        assert appointment.status == AppointmentStatus.PENDING

    def test_put_is_not_allowed(self, as_patient, appointment):
        assert as_patient.put(f"/api/appointments/{appointment.pk}/", {"reason": "x"}).status_code == 405

    def test_delete_is_admin_only(self, client_for, as_patient, doctor, appointment):
        assert as_patient.delete(f"/api/appointments/{appointment.pk}/").status_code == 403
        assert client_for(doctor.user).delete(f"/api/appointments/{appointment.pk}/").status_code == 403
        assert client_for(AdminUserFactory()).delete(f"/api/appointments/{appointment.pk}/").status_code == 204
        assert not Appointment.objects.exists()


class TestListAndScope:
    def test_each_role_sees_its_own(self, client_for, doctor, patient):
        mine = book_directly(doctor, patient, start=at(MONDAY, 9))
        other_doctor = DoctorFactory()
        theirs = book_directly(other_doctor, start=at(MONDAY, 10))

        def ids(user):
            return {row["id"] for row in client_for(user).get("/api/appointments/").json()["results"]}

        assert ids(patient.user) == {mine.pk}
        assert ids(doctor.user) == {mine.pk}
        assert ids(other_doctor.user) == {theirs.pk}
        assert ids(AdminUserFactory()) == {mine.pk, theirs.pk}
        assert client_for(patient.user).get(f"/api/appointments/{theirs.pk}/").status_code == 404
        assert client_for(None).get("/api/appointments/").status_code == 401

    def test_filters_and_ordering(self, client_for, doctor, patient):
        first = book_directly(doctor, patient, start=at(MONDAY, 9))
        second = book_directly(doctor, patient, start=at(MONDAY + timedelta(days=1), 9))
        book_directly(doctor, patient, start=at(MONDAY + timedelta(days=2), 9), status=AppointmentStatus.CANCELLED)
        api = client_for(AdminUserFactory())

        def ids(query):
            response = api.get(f"/api/appointments/?{query}")
            assert response.status_code == 200, response.json()
            return [row["id"] for row in response.json()["results"]]

        assert ids(f"date_from={MONDAY}&date_to={MONDAY + timedelta(days=1)}&ordering=appointment_time") == [
            first.pk,
            second.pk,
        ]
        assert ids(f"date_from={MONDAY}&date_to={MONDAY + timedelta(days=1)}&ordering=-appointment_time") == [
            second.pk,
            first.pk,
        ]
        assert len(ids("status=cancelled")) == 1
        assert len(ids(f"doctor={doctor.pk}&status=pending&status=confirmed")) == 2
        assert api.get("/api/appointments/?date_from=yesterday").status_code == 400
        assert api.get("/api/appointments/?status=lost").status_code == 400

    @pytest.mark.parametrize("query", ["date_to=9999-12-31", "date_from=0001-01-01"])
    def test_dates_at_the_calendars_edge_are_400_not_500(self, client_for, query):
        # "The day after date_to" overflowed Python's date for 9999-12-31.
        response = client_for(AdminUserFactory()).get(f"/api/appointments/?{query}")
        assert response.status_code == 400
        assert "between" in response.json()[query.split("=")[0]][0]

    def test_query_count_does_not_grow_with_the_page(self, client_for, doctor, django_assert_max_num_queries):
        admin = client_for(AdminUserFactory())
        for hour in (9, 10, 11):
            book_directly(doctor, start=at(MONDAY, hour))
        with django_assert_max_num_queries(4):
            small = admin.get("/api/appointments/?page_size=1")
        for day in range(1, 5):
            for hour in (9, 10, 11):
                book_directly(doctor, start=at(MONDAY + timedelta(days=day), hour))
        with django_assert_max_num_queries(4):
            big = admin.get("/api/appointments/?page_size=100")
        assert len(small.json()["results"]) == 1
        assert len(big.json()["results"]) == 15


class TestSettings:
    def test_anyone_reads(self, api):
        body = api.get("/api/settings/").json()
        assert set(body) >= {
            "clinic_name",
            "currency",
            "auto_confirm",
            "reminder_hours_before",
            "booking_window_days",
            "min_notice_hours",
            "cancellation_cutoff_hours",
            "default_slot_minutes",
            "reminder_schedule",
            "staff_mfa_required",
            "waitlist_hold_minutes",
        }

    @pytest.mark.parametrize("code", ["eur", "EURO", "E1", ""])
    def test_currency_is_an_iso_code(self, client_for, code):
        response = client_for(AdminUserFactory()).patch("/api/settings/", {"currency": code}, format="json")
        assert response.status_code == 400
        assert "currency" in response.json()

    def test_admin_sets_the_currency(self, api, client_for):
        assert (
            client_for(AdminUserFactory()).patch("/api/settings/", {"currency": "CHF"}, format="json").status_code
            == 200
        )
        assert api.get("/api/settings/").json()["currency"] == "CHF"

    def test_only_admin_writes(self, api, client_for, as_patient):
        assert api.patch("/api/settings/", {"auto_confirm": True}).status_code == 401
        assert as_patient.patch("/api/settings/", {"auto_confirm": True}).status_code == 403
        response = client_for(AdminUserFactory()).patch("/api/settings/", {"auto_confirm": True, "clinic_name": "X"})
        assert response.status_code == 200
        assert response.json()["auto_confirm"] is True
        assert ClinicSettings.load().clinic_name == "X"

    def test_bad_values_are_400(self, client_for):
        api = client_for(AdminUserFactory())
        assert api.patch("/api/settings/", {"booking_window_days": 0}).status_code == 400
        assert api.patch("/api/settings/", {"default_slot_minutes": "lots"}).status_code == 400


class TestOnePlaceAtATime:
    """A patient cannot hold two overlapping active appointments, whatever the doctors."""

    def test_second_doctor_at_the_same_time_is_a_409_naming_the_first(self, as_patient, patient):
        first, second = DoctorFactory(), DoctorFactory(timezone="Europe/London")
        assert book(as_patient, first, at(MONDAY, 10)).status_code == 201
        response = book(as_patient, second, at(MONDAY, 9, tz="Europe/London"))  # the same instant
        assert response.status_code == 409
        assert response.json()["code"] == "patient_busy"
        assert first.user.get_full_name() in response.json()["detail"]
        assert "10:00 CET" in response.json()["detail"] or "10:00 CEST" in response.json()["detail"]
        assert Appointment.objects.filter(patient=patient).count() == 1

    def test_partial_overlap_counts(self, as_patient):
        long_slots = DoctorFactory(slot_minutes=60)
        assert book(as_patient, long_slots, at(MONDAY, 10)).status_code == 201
        assert book(as_patient, DoctorFactory(), at(MONDAY, 10, 30)).status_code == 409
        assert book(as_patient, DoctorFactory(), at(MONDAY, 11)).status_code == 201  # back to back is fine

    def test_cancelled_visit_does_not_block(self, as_patient, patient):
        book_directly(DoctorFactory(), patient, start=at(MONDAY, 10), status=AppointmentStatus.CANCELLED)
        assert book(as_patient, DoctorFactory(), at(MONDAY, 10)).status_code == 201

    def test_admin_booking_for_the_patient_is_refused_too(self, client_for, patient):
        book_directly(DoctorFactory(), patient, start=at(MONDAY, 10))
        admin = client_for(AdminUserFactory())
        response = book(admin, DoctorFactory(), at(MONDAY, 10), patient=patient.pk)
        assert response.status_code == 409
        assert response.json()["detail"].startswith("The patient already has")

    def test_reschedule_onto_own_other_visit_is_a_409(self, as_patient, patient):
        book_directly(DoctorFactory(), patient, start=at(MONDAY, 10))
        moving = book_directly(DoctorFactory(), patient, start=at(MONDAY, 14))
        response = as_patient.post(
            f"/api/appointments/{moving.pk}/reschedule/", {"appointment_time": at(MONDAY, 10).isoformat()}
        )
        assert response.status_code == 409
        assert response.json()["code"] == "patient_busy"

    def test_reschedule_may_overlap_its_own_old_time(self, as_patient, patient):
        long_slots = DoctorFactory(slot_minutes=60)
        moving = book_directly(long_slots, patient, start=at(MONDAY, 10))
        response = as_patient.post(
            f"/api/appointments/{moving.pk}/reschedule/", {"appointment_time": at(MONDAY, 11).isoformat()}
        )
        assert response.status_code == 200, response.json()


class TestUpcomingAndPast:
    def test_upcoming_is_active_visits_not_yet_over_and_past_is_the_rest(self, as_patient, patient):
        doctor = DoctorFactory()
        ahead = book_directly(doctor, patient, start=at(MONDAY, 9))
        cancelled_ahead = book_directly(doctor, patient, start=at(MONDAY, 10), status=AppointmentStatus.CANCELLED)
        done = book_directly(
            doctor, patient, start=timezone.now() - timedelta(days=3), status=AppointmentStatus.COMPLETED
        )
        never_closed = book_directly(doctor, patient, start=timezone.now() - timedelta(days=2))

        def ids(when):
            response = as_patient.get(f"/api/appointments/?when={when}")
            assert response.status_code == 200
            return {a["id"] for a in response.json()["results"]}

        assert ids("upcoming") == {ahead.pk}
        assert ids("past") == {cancelled_ahead.pk, done.pk, never_closed.pk}
        assert as_patient.get("/api/appointments/?when=someday").status_code == 400
