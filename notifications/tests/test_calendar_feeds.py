"""Calendar feeds: a secret URL per doctor and per patient, read by a real iCalendar parser."""

from datetime import timedelta

import pytest
from django.utils import timezone
from icalendar import Calendar

from appointments.ical import appointment_uid
from appointments.models import AppointmentStatus
from appointments.services import appointment_cancel, appointment_confirm

from .factories import AppointmentFactory, DoctorFactory

pytestmark = pytest.mark.django_db


def _visit(hours, **kwargs):
    start = timezone.now().replace(microsecond=0) + timedelta(hours=hours)
    return AppointmentFactory(start=start, end=start + timedelta(minutes=30), **kwargs)


def _subscribe(client):
    response = client.post("/api/calendar-feed/")
    assert response.status_code == 201, response.content
    return response.json()["url"]


def _events(api, url) -> dict[str, dict]:
    response = api.get(url.replace("http://testserver", ""))
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    return {
        str(event["UID"]): {
            "start": event.decoded("DTSTART"),
            "status": str(event["STATUS"]),
            "sequence": int(event["SEQUENCE"]),
            "summary": str(event["SUMMARY"]),
        }
        for event in calendar.walk("VEVENT")
    }


def test_patient_feed_lists_their_visits_and_cancelled_ones_as_cancelled(api, client_for):
    visit = _visit(48, status=AppointmentStatus.CONFIRMED)
    cancelled = _visit(72, patient=visit.patient)
    _visit(96)  # someone else's
    url = _subscribe(client_for(visit.patient.user))
    appointment_cancel(appointment=cancelled, by=visit.patient.user)

    events = _events(api, url)

    assert set(events) == {appointment_uid(visit), appointment_uid(cancelled)}
    assert events[appointment_uid(visit)]["status"] == "CONFIRMED"
    assert events[appointment_uid(visit)]["start"] == visit.start
    assert events[appointment_uid(cancelled)]["status"] == "CANCELLED"
    assert all("reason" not in e["summary"].lower() for e in events.values())


def test_doctor_feed_is_their_schedule_with_stable_uids_and_growing_sequence(api, client_for):
    doctor = DoctorFactory()
    visit = _visit(48, doctor=doctor)
    _visit(50)  # another doctor's
    url = _subscribe(client_for(doctor.user))
    uid = appointment_uid(visit)

    # Each change a calendar may have fetched in between raises SEQUENCE, even within a second.
    booked = _events(api, url)
    appointment_confirm(appointment=visit, by=doctor.user)
    confirmed = _events(api, url)
    appointment_cancel(appointment=visit, by=doctor.user)
    cancelled = _events(api, url)

    assert list(booked) == list(confirmed) == list(cancelled) == [uid]
    assert [e[uid]["status"] for e in (booked, confirmed, cancelled)] == ["TENTATIVE", "CONFIRMED", "CANCELLED"]
    assert booked[uid]["sequence"] < confirmed[uid]["sequence"] < cancelled[uid]["sequence"]
    assert cancelled[uid]["summary"] == f"Visit: {visit.patient.full_name}"


def test_a_new_url_replaces_the_old_one_and_off_means_404(api, client_for):
    visit = _visit(48)
    client = client_for(visit.patient.user)
    old = _subscribe(client)
    new = _subscribe(client)

    assert old != new
    assert api.get(old.replace("http://testserver", "")).status_code == 404
    assert client.get("/api/calendar-feed/").json()["url"] == new
    assert client.delete("/api/calendar-feed/").status_code == 204
    assert api.get(new.replace("http://testserver", "")).status_code == 404
    assert client.get("/api/calendar-feed/").json() == {"url": None, "created_at": None}


def test_unknown_tokens_are_404_and_admins_have_no_feed(api, client_for):
    from accounts.tests.factories import AdminUserFactory

    assert api.get("/api/calendar-feeds/not-a-token.ics").status_code == 404
    assert client_for(AdminUserFactory()).post("/api/calendar-feed/").status_code == 403
    assert api.get("/api/calendar-feed/").status_code == 401


def test_feed_url_uses_public_url(client_for, settings):
    settings.PUBLIC_URL = "https://clinic.example/"
    visit = _visit(48)

    url = _subscribe(client_for(visit.patient.user))

    assert url.startswith("https://clinic.example/api/calendar-feeds/")


def test_feed_query_count_does_not_grow_with_visits(api, client_for, django_assert_max_num_queries):
    doctor = DoctorFactory()
    for hours in range(24, 24 * 12, 24):
        _visit(hours, doctor=doctor)
    url = _subscribe(client_for(doctor.user)).replace("http://testserver", "")

    with django_assert_max_num_queries(6):  # token, clinic settings, visits (+ savepoints); not per visit
        assert api.get(url).status_code == 200
