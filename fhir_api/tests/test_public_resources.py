"""The public part of /fhir/: metadata, Practitioner, Schedule and Slot, paging and formats."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from appointments.tests.factories import book_directly
from doctors.tests.factories import DoctorFactory, at, clinic_rules

from .conftest import MONDAY, fhir, outcome, resources_of

pytestmark = pytest.mark.django_db


class TestMetadata:
    def test_capability_statement_lists_every_type_and_search_parameter(self, api):
        body = fhir(api.get("/fhir/metadata"))
        assert body["resourceType"] == "CapabilityStatement" and body["fhirVersion"] == "4.0.1"
        by_type = {r["type"]: r for r in body["rest"][0]["resource"]}
        assert set(by_type) == {"Practitioner", "Schedule", "Slot", "Patient", "Appointment"}
        params = {t: {p["name"] for p in r["searchParam"]} for t, r in by_type.items()}
        assert params["Slot"] == {"schedule", "start", "status", "service-type"}
        assert params["Appointment"] == {"_id", "patient", "practitioner", "date", "status"}
        assert params["Patient"] == {"_id", "name", "birthdate"}
        assert {"code": "create"} in by_type["Appointment"]["interaction"]
        assert {"code": "create"} not in by_type["Slot"]["interaction"]


class TestFormats:
    def test_fhir_json_by_default_and_plain_json_on_request(self, api):
        assert api.get("/fhir/metadata")["Content-Type"].startswith("application/fhir+json")
        assert api.get("/fhir/metadata", HTTP_ACCEPT="application/fhir+json")["Content-Type"].startswith(
            "application/fhir+json"
        )
        assert api.get("/fhir/metadata", HTTP_ACCEPT="application/json")["Content-Type"] == "application/json"
        assert api.get("/fhir/metadata?_format=json")["Content-Type"].startswith("application/fhir+json")
        assert api.get("/fhir/metadata?_format=application/json")["Content-Type"] == "application/json"

    def test_xml_is_406(self, api):
        assert "JSON only" in outcome(api.get("/fhir/metadata?_format=xml"), 406)
        outcome(api.get("/fhir/Practitioner", HTTP_ACCEPT="application/fhir+xml"), 406)


class TestPractitioner:
    def test_search_by_name_and_read(self, api, doctor):
        DoctorFactory(user__first_name="Jon", user__last_name="Berg")
        DoctorFactory(user__first_name="Old", user__last_name="Schmidt", is_active=False)
        found = resources_of(fhir(api.get("/fhir/Practitioner?name=schmi")))
        assert [p["id"] for p in found] == [str(doctor.pk)]
        assert found[0]["name"][0]["family"] == "Schmidt" and found[0]["name"][0]["given"] == ["Maria"]
        assert found[0]["qualification"][0]["code"]["text"] == "General Practice"
        assert resources_of(fhir(api.get("/fhir/Practitioner?name=maria schmidt")))[0]["id"] == str(doctor.pk)
        read = fhir(api.get(f"/fhir/Practitioner/{doctor.pk}"))
        assert read == found[0]

    def test_id_search_and_unknown_ids(self, api, doctor):
        other = DoctorFactory()
        bundle = fhir(api.get(f"/fhir/Practitioner?_id={doctor.pk},{other.pk}"))
        assert bundle["total"] == 2
        assert fhir(api.get("/fhir/Practitioner?_id=nope"))["total"] == 0
        outcome(api.get("/fhir/Practitioner/999999"), 404)
        outcome(api.get("/fhir/Practitioner/abc"), 404)

    def test_retired_doctor_only_for_admin(self, api, client_for):
        from accounts.tests.factories import AdminUserFactory

        retired = DoctorFactory(is_active=False)
        outcome(api.get(f"/fhir/Practitioner/{retired.pk}"), 404)
        body = fhir(client_for(AdminUserFactory()).get(f"/fhir/Practitioner/{retired.pk}"))
        assert body["active"] is False


class TestPaging:
    def test_count_total_and_next_links_walk_every_entry(self, api):
        doctors = DoctorFactory.create_batch(5, hours=[])
        seen, url, pages = [], "/fhir/Practitioner?_count=2", 0
        while url:
            bundle = fhir(api.get(url))
            assert bundle["total"] == 5
            links = {link["relation"]: link["url"] for link in bundle["link"]}
            assert "_count=2" in links["self"]
            seen += [r["id"] for r in resources_of(bundle)]
            assert all(e["fullUrl"].endswith(f"/fhir/Practitioner/{e['resource']['id']}") for e in bundle["entry"])
            url = links.get("next")
            pages += 1
        assert pages == 3 and seen == [str(d.pk) for d in doctors]

    def test_default_20_at_most_100_and_zero_for_the_total(self, api):
        DoctorFactory.create_batch(21, hours=[])
        assert len(resources_of(fhir(api.get("/fhir/Practitioner")))) == 20
        assert len(resources_of(fhir(api.get("/fhir/Practitioner?_count=500")))) == 21
        only_total = fhir(api.get("/fhir/Practitioner?_count=0"))
        assert only_total["total"] == 21 and "entry" not in only_total

    @pytest.mark.parametrize("query", ["_count=-1", "_count=ten", "_page=0", "_count=1&_count=2", "colour=red"])
    def test_bad_paging_or_unknown_parameter_is_400(self, api, query):
        outcome(api.get(f"/fhir/Practitioner?{query}"), 400)

    def test_search_is_a_fixed_number_of_queries(self, api):
        DoctorFactory.create_batch(3, hours=[])
        with CaptureQueriesContext(connection) as few:
            fhir(api.get("/fhir/Practitioner"))
        DoctorFactory.create_batch(10, hours=[])
        with CaptureQueriesContext(connection) as many:
            assert len(resources_of(fhir(api.get("/fhir/Practitioner")))) == 13
        assert len(many) == len(few) <= 2


class TestSchedule:
    def test_one_per_doctor_found_by_actor(self, api, doctor):
        DoctorFactory()
        bundle = fhir(api.get(f"/fhir/Schedule?actor=Practitioner/{doctor.pk}"))
        [schedule] = resources_of(bundle)
        assert schedule["id"] == str(doctor.pk)
        assert schedule["actor"][0]["reference"] == f"Practitioner/{doctor.pk}"
        assert fhir(api.get(f"/fhir/Schedule/{doctor.pk}")) == schedule
        outcome(api.get("/fhir/Schedule?actor=Patient/1"), 400)


def api_slots(api, doctor, first: date, last: date) -> list[dict]:
    response = api.get(f"/api/doctors/{doctor.pk}/slots/?start={first}&end={last}")
    assert response.status_code == 200
    return response.json()


def fhir_slots(api, query: str) -> list[dict]:
    return resources_of(fhir(api.get(f"/fhir/Slot?{query}&_count=100")))


def instant(value: str) -> datetime:
    return datetime.fromisoformat(value).astimezone(UTC)


class TestSlot:
    def test_the_free_slots_of_the_api_with_stable_ids(self, api, doctor):
        book_directly(doctor, start=at(MONDAY, 10))
        query = f"schedule=Schedule/{doctor.pk}&start=ge{MONDAY}&start=le{MONDAY + timedelta(days=1)}"
        slots = fhir_slots(api, query)
        expected = api_slots(api, doctor, MONDAY, MONDAY + timedelta(days=1))
        assert [instant(s["start"]) for s in slots] == [instant(s["start"]) for s in expected]
        assert [instant(s["end"]) for s in slots] == [instant(s["end"]) for s in expected]
        assert at(MONDAY, 10).astimezone(UTC) not in [instant(s["start"]) for s in slots]
        assert {s["status"] for s in slots} == {"free"}
        assert {s["schedule"]["reference"] for s in slots} == {f"Schedule/{doctor.pk}"}
        assert [s["id"] for s in fhir_slots(api, query)] == [s["id"] for s in slots]  # stable
        first = slots[0]
        assert fhir(api.get(f"/fhir/Slot/{first['id']}")) == first

    def test_start_prefixes_cut_the_range(self, api, doctor):
        nine_thirty = at(MONDAY, 9, 30).isoformat()  # an unencoded '+' arrives as a space: still read right
        eleven = at(MONDAY, 11).isoformat().replace("+", "%2B")
        after = fhir_slots(api, f"schedule={doctor.pk}&start=ge{nine_thirty}&start=lt{eleven}")
        local = [instant(s["start"]).astimezone(doctor.tzinfo).strftime("%H:%M") for s in after]
        assert local[0] == "09:30" and local[-1] == "10:30"

    def test_default_range_starts_now_and_covers_31_days(self, api, doctor):
        slots = fhir_slots(api, f"schedule={doctor.pk}")
        assert slots and instant(slots[0]["start"]) > timezone.now()
        bundle = fhir(api.get(f"/fhir/Slot?schedule={doctor.pk}&_count=0"))
        assert bundle["total"] >= 4 * 5 * 6  # 4 weeks of 5 days with 6 slots, give or take the window

    def test_taken_slot_is_gone_and_its_read_is_404(self, api, doctor):
        [slot] = fhir_slots(api, f"schedule={doctor.pk}&start={at(MONDAY, 9).isoformat().replace('+', '%2B')}")
        book_directly(doctor, start=at(MONDAY, 9))
        outcome(api.get(f"/fhir/Slot/{slot['id']}"), 404)
        assert slot["id"] not in [s["id"] for s in fhir_slots(api, f"schedule={doctor.pk}&start={MONDAY}")]

    @pytest.mark.parametrize(
        "slot_id", ["nope", "999999-20270101T090000Z", "{doctor}-20270230T090000Z", "{doctor}-{monday}T081500Z"]
    )
    def test_unknown_or_off_grid_slot_is_404(self, api, doctor, slot_id):
        outcome(api.get(f"/fhir/Slot/{slot_id.format(doctor=doctor.pk, monday=MONDAY.strftime('%Y%m%d'))}"), 404)

    @pytest.mark.parametrize(
        ("query", "words"),
        [
            ("", "schedule is required"),
            ("schedule={doctor}&start=ge{monday}&start=le{far}", "at most 31 days"),
            ("schedule={doctor}&start=2027-02-30", "not a date"),
            ("schedule={doctor}&start=ge2027-03-01T09:00:00", "UTC offset"),
            ("schedule={doctor}&start=ge1800-01-01", "between"),
            ("schedule={doctor}&status=open", "unknown code"),
            ("schedule=Practitioner/{doctor}", "Schedule/123"),
        ],
    )
    def test_bad_search_is_400(self, api, doctor, query, words):
        far = MONDAY + timedelta(days=31)
        query = query.format(doctor=doctor.pk, monday=MONDAY, far=far)
        assert words in outcome(api.get(f"/fhir/Slot?{query}"), 400)

    def test_other_statuses_and_unknown_schedules_are_empty(self, api, doctor):
        assert fhir(api.get(f"/fhir/Slot?schedule={doctor.pk}&status=busy"))["total"] == 0
        assert fhir(api.get("/fhir/Slot?schedule=Schedule/999999"))["total"] == 0
        assert fhir(api.get(f"/fhir/Slot?schedule={doctor.pk}&status=free,busy"))["total"] > 0

    def test_search_is_a_fixed_number_of_queries_whatever_the_bookings(self, api, doctor):
        query = f"/fhir/Slot?schedule={doctor.pk}&start=ge{MONDAY}&start=le{MONDAY + timedelta(days=4)}"
        fhir(api.get(query))  # the first read creates the clinic settings row
        with CaptureQueriesContext(connection) as few:
            fhir(api.get(query))
        for day in range(4):
            for hour in (9, 10, 11):
                book_directly(doctor, start=at(MONDAY + timedelta(days=day), hour))
        with CaptureQueriesContext(connection) as many:
            assert fhir(api.get(query))["total"] == 5 * 6 - 4 * 3
        assert len(many) == len(few) <= 6

    def test_dst_autumn_fold_gives_distinct_ids_that_read_back(self, api):
        clinic_rules(booking_window_days=400)
        today = timezone.localdate()
        year = today.year if today < date(today.year, 10, 20) else today.year + 1
        fold_day = max(date(year, 10, d) for d in range(25, 32) if date(year, 10, d).weekday() == 6)
        doctor = DoctorFactory(hours=[(6, time(1), time(4))])
        slots = fhir_slots(api, f"schedule={doctor.pk}&start={fold_day}")
        berlin = ZoneInfo("Europe/Berlin")
        local = [instant(s["start"]).astimezone(berlin).strftime("%H:%M") for s in slots]
        assert local == ["01:00", "01:30", "02:00", "02:30", "03:00", "03:30"]
        assert len({s["id"] for s in slots}) == 6
        assert [instant(s["end"]) - instant(s["start"]) for s in slots] == [timedelta(minutes=30)] * 6
        for slot in slots:
            assert fhir(api.get(f"/fhir/Slot/{slot['id']}"))["start"] == slot["start"]
