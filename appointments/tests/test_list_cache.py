"""A patient's own appointment list, cached as whole answers under the list stamps (issue 18):
a repeated read costs one query, and every change the list shows is in the very next read,
however it was written (bulk UPDATEs here, which no Python signal sees)."""

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.tests.factories import AdminUserFactory
from appointments.api.rows import COLUMNS
from appointments.models import Appointment, AppointmentStatus
from doctors.models import Doctor, Specialty, VisitType
from doctors.tests.factories import VisitTypeFactory, at, next_weekday
from patients.models import Patient
from patients.tests.factories import PatientFactory

pytestmark = [pytest.mark.django_db, pytest.mark.postgres, pytest.mark.usefixtures("stamped_cache")]

MONDAY = next_weekday(0)
User = get_user_model()


def listed(client, query=""):
    response = client.get(f"/api/appointments/{query}")
    assert response.status_code == 200, response.content
    return response.json()["results"]


def only(client, query=""):
    (row,) = listed(client, query)
    return row


def book(client, doctor, hour):
    body = {"doctor": doctor.pk, "appointment_time": at(MONDAY, hour).isoformat(), "reason": "Back pain"}
    response = client.post("/api/book-appointment/", body, format="json")
    assert response.status_code == 201, response.content
    return response.json()["id"]


def test_a_repeated_read_costs_one_query(as_patient, doctor):
    book(as_patient, doctor, 9)
    first = listed(as_patient)
    with CaptureQueriesContext(connection) as read:
        assert listed(as_patient) == first
    assert len(read.captured_queries) == 1  # the stamps; force_authenticate makes no user query
    assert "appointments_liststamp" in read.captured_queries[0]["sql"]


def test_booking_and_cancelling_through_the_api_show_at_once(as_patient, doctor):
    assert listed(as_patient) == []
    pk = book(as_patient, doctor, 9)
    assert [row["id"] for row in listed(as_patient)] == [pk]
    response = as_patient.post(f"/api/appointments/{pk}/cancel/", {"reason": "Feeling better"}, format="json")
    assert response.status_code == 200, response.content
    assert only(as_patient)["status"] == AppointmentStatus.CANCELLED


def test_every_column_of_the_row_shows_at_once(as_patient, doctor):
    pk = book(as_patient, doctor, 9)
    assert only(as_patient)["status"] == AppointmentStatus.PENDING
    rows = Appointment.objects.filter(pk=pk)
    rows.update(status=AppointmentStatus.CONFIRMED)
    assert only(as_patient)["status"] == AppointmentStatus.CONFIRMED
    rows.update(reason="Knee")
    assert only(as_patient)["reason"] == "Knee"
    rows.update(checked_in_at=timezone.now())
    assert only(as_patient)["checked_in_at"] is not None
    rows.update(patient_confirmed_at=timezone.now())
    assert only(as_patient)["patient_confirmed_at"] is not None
    rows.delete()
    assert listed(as_patient) == []


def test_a_row_moving_to_another_patient_leaves_one_list_and_enters_the_other(client_for, doctor):
    first, second = PatientFactory(), PatientFactory()
    as_first, as_second = client_for(first.user), client_for(second.user)
    pk = book(as_first, doctor, 9)
    assert listed(as_second) == []
    Appointment.objects.filter(pk=pk).update(patient=second)
    assert listed(as_first) == []
    assert [row["id"] for row in listed(as_second)] == [pk]


def test_the_doctors_and_catalogues_names_show_at_once(as_patient, doctor):
    visit = VisitTypeFactory(doctor=doctor, name="First consultation")
    pk = book(as_patient, doctor, 9)
    Appointment.objects.filter(pk=pk).update(visit_type=visit)
    assert only(as_patient)["visit_type_name"] == "First consultation"
    User.objects.filter(pk=doctor.user_id).update(last_name="Okafor")
    assert only(as_patient)["doctor_name"].endswith("Okafor")
    User.objects.filter(pk=doctor.user_id).update(first_name="", last_name="", username="dr-okafor")
    assert only(as_patient)["doctor_name"] == "dr-okafor"
    Specialty.objects.filter(pk=doctor.specialty_id).update(name="Family Medicine")
    assert only(as_patient)["specialization"] == "Family Medicine"
    VisitType.objects.filter(pk=visit.pk).update(name="Follow-up")
    assert only(as_patient)["visit_type_name"] == "Follow-up"
    Doctor.objects.filter(pk=doctor.pk).update(timezone="America/New_York")
    row = only(as_patient)
    assert row["doctor_timezone"] == "America/New_York"
    assert row["appointment_time"].endswith(("-05:00", "-04:00"))


def test_the_patients_own_name_shows_at_once(as_patient, patient, doctor):
    book(as_patient, doctor, 9)
    assert only(as_patient)["patient_name"] == patient.user.get_full_name()
    User.objects.filter(pk=patient.user_id).update(first_name="Ada", last_name="Lovelace")
    assert only(as_patient)["patient_name"] == "Ada Lovelace"
    User.objects.filter(pk=patient.user_id).update(first_name="", last_name="", username="ada")
    assert only(as_patient)["patient_name"] == "ada"


def test_a_patient_row_given_to_another_account_changes_both_lists(client_for, patient, doctor):
    as_patient = client_for(patient.user)
    book(as_patient, doctor, 9)
    other = get_user_model().objects.create(username="second-account", role=patient.user.role)
    as_other = client_for(other)
    assert listed(as_other) == []
    Patient.objects.filter(pk=patient.pk).update(user=other)
    assert listed(as_patient) == []
    assert len(listed(as_other)) == 1


def test_every_column_is_followed_by_a_trigger():
    # Migration appointments/0015 raises the stamps: the appointment row's own columns on any
    # change of the row; the joined ones below. A joined column added to the rows fails here
    # until a trigger follows it (and it is added below).
    followed = {
        "patient__user__first_name": "the patient's account (their stamp)",
        "patient__user__last_name": "the patient's account (their stamp)",
        "patient__user__username": "the patient's account (their stamp)",
        "doctor__user__first_name": "a doctor's account (stamp 0)",
        "doctor__user__last_name": "a doctor's account (stamp 0)",
        "doctor__user__username": "a doctor's account (stamp 0)",
        "doctor__timezone": "the doctor (stamp 0)",
        "doctor__specialty__name": "the specialty (stamp 0)",
        "visit_type__name": "the visit type (stamp 0)",
    }
    assert {column for column in COLUMNS if "__" in column} == set(followed)


def test_two_patients_never_see_each_others_answers(client_for, doctor):
    first, second = PatientFactory(), PatientFactory()
    as_first, as_second = client_for(first.user), client_for(second.user)
    book(as_first, doctor, 9)
    book(as_second, doctor, 10)
    query = "?ordering=appointment_time"
    for _ in range(2):  # the second round from the cache
        assert {row["patient"] for row in listed(as_first, query)} == {first.pk}
        assert {row["patient"] for row in listed(as_second, query)} == {second.pk}


def test_a_doctors_and_an_admins_lists_are_not_a_patients(client_for, as_patient, doctor):
    book(as_patient, doctor, 9)
    book(client_for(PatientFactory().user), doctor, 10)
    assert len(listed(as_patient)) == 1
    assert len(listed(client_for(doctor.user))) == 2
    assert len(listed(client_for(AdminUserFactory()))) == 2
    with CaptureQueriesContext(connection) as read:
        listed(client_for(doctor.user))
    assert not any("appointments_liststamp" in query["sql"] for query in read.captured_queries)


def test_a_filter_that_fails_is_not_cached(as_patient, doctor, monkeypatch):
    book(as_patient, doctor, 9)
    store, stored = caches["private_answers"], []
    monkeypatch.setattr(store, "set", lambda key, value, **kwargs: stored.append(value))
    for query in ("?status=lost", "?date_from=yesterday", "?page=9"):
        assert as_patient.get(f"/api/appointments/{query}").status_code in (400, 404)
    assert stored == []
    assert len(listed(as_patient, "?status=pending")) == 1
    assert len(stored) == 1


def test_the_page_links_carry_the_address_asked(as_patient, doctor):
    for hour in (9, 10):
        book(as_patient, doctor, hour)
    plain = as_patient.get("/api/appointments/?page_size=1").json()
    secure = as_patient.get("/api/appointments/?page_size=1", secure=True).json()
    assert plain["next"].startswith("http://testserver/")
    assert secure["next"].startswith("https://testserver/")


def test_the_answers_follow_the_clock_within_a_minute(as_patient, doctor, monkeypatch):
    book(as_patient, doctor, 9)
    assert len(listed(as_patient, "?when=upcoming")) == 1
    assert len(listed(as_patient, "?when=upcoming")) == 1  # the cached answer
    later = at(MONDAY, 12)  # the visit is over: no write, the next minute's answer
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert listed(as_patient, "?when=upcoming") == []
    assert len(listed(as_patient, "?when=past")) == 1
