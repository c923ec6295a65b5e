"""The reports: numbers against a hand-computed fixture, in the clinic's zone (Europe/Berlin)."""

import csv
import io
import json
from datetime import UTC, datetime, time, timedelta
from decimal import Decimal

import pytest
from django.urls import include, path
from django.utils import timezone
from drf_yasg.generators import OpenAPISchemaGenerator

from accounts.models import Role
from accounts.tests.factories import AdminUserFactory, UserFactory
from appointments.models import AppointmentStatus as S
from doctors.tests.factories import VisitTypeFactory
from healthcare_system.urls import api_info
from patients.tests.factories import PatientFactory

from .factories import AppointmentFactory, DoctorFactory, LeaveDayFactory, SpecialtyFactory, WorkingHoursFactory

pytestmark = pytest.mark.django_db

APPOINTMENTS = "/api/reports/appointments/"
REVENUE = "/api/reports/revenue/"
UTILIZATION = "/api/reports/utilization/"
MARCH = {"date_from": "2027-03-01", "date_to": "2027-03-05"}


def utc(day, hour, minute=0):
    return datetime(2027, 3, day, hour, minute, tzinfo=UTC)


@pytest.fixture
def admin(client_for):
    return client_for(AdminUserFactory())


@pytest.fixture
def clinic():
    """Three doctors in two specialties and ten visits around 1-5 March 2027 (Berlin is UTC+1 then)."""
    cardio, derm = SpecialtyFactory(name="Cardiology"), SpecialtyFactory(name="Dermatology")
    a = DoctorFactory(user__first_name="Anna", user__last_name="Berg", specialty=cardio, consultation_fee=100)
    b = DoctorFactory(user__first_name="Carl", user__last_name="Diaz", specialty=cardio, consultation_fee=80)
    c = DoctorFactory(user__first_name="Eva", user__last_name="Fox", specialty=derm, consultation_fee=60)
    patient = PatientFactory()
    plan = [
        (a, utc(1, 9), S.COMPLETED),
        (a, utc(1, 10), S.COMPLETED),
        (b, utc(1, 11), S.CANCELLED),
        (c, utc(2, 9), S.COMPLETED),
        (c, utc(2, 23, 30), S.COMPLETED),  # 00:30 on 3 March in Berlin
        (b, utc(3, 9), S.NO_SHOW),
        (a, utc(5, 9), S.PENDING),
        (b, datetime(2027, 2, 28, 23, 0, tzinfo=UTC), S.COMPLETED),  # midnight, 1 March in Berlin: inside
        (a, datetime(2027, 2, 28, 22, 30, tzinfo=UTC), S.COMPLETED),  # 23:30, 28 February in Berlin: outside
        (c, utc(10, 9), S.COMPLETED),  # after the range
    ]
    for doctor, start, status in plan:
        AppointmentFactory(doctor=doctor, patient=patient, start=start, status=status)
    return {"a": a, "b": b, "c": c, "cardio": cardio, "derm": derm}


def rows(response):
    assert response.status_code == 200, response.content
    return [tuple(row.values()) for row in response.json()["results"]]


class TestAccess:
    @pytest.mark.parametrize("path", [APPOINTMENTS, REVENUE, UTILIZATION])
    def test_anonymous_is_401(self, api, path):
        assert api.get(path).status_code == 401
        assert api.get(path, {"format": "csv"}).status_code == 401

    @pytest.mark.parametrize("role", [Role.PATIENT, Role.DOCTOR])
    @pytest.mark.parametrize("path", [APPOINTMENTS, REVENUE, UTILIZATION])
    def test_patients_and_doctors_are_403(self, client_for, path, role):
        response = client_for(UserFactory(role=role)).get(path, {"format": "csv"})
        assert response.status_code == 403
        assert response["Content-Type"] == "application/json"
        assert "detail" in response.json()

    @pytest.mark.parametrize("path", [APPOINTMENTS, REVENUE, UTILIZATION])
    def test_staff_users_count_as_admins(self, client_for, path):
        assert client_for(UserFactory(is_staff=True)).get(path).status_code == 200


class TestAppointmentReport:
    def test_by_day_counts_in_the_clinic_zone(self, admin, clinic):
        response = admin.get(APPOINTMENTS, {**MARCH, "group_by": "day"})
        body = response.json()
        assert {k: body[k] for k in ("group_by", "date_from", "date_to", "total")} == {
            "group_by": "day",
            "date_from": "2027-03-01",
            "date_to": "2027-03-05",
            "total": 8,
        }
        assert rows(response) == [
            ("2027-03-01", "Mon 1 Mar 2027", 4),
            ("2027-03-02", "Tue 2 Mar 2027", 1),
            ("2027-03-03", "Wed 3 Mar 2027", 2),  # the 23:30 UTC visit belongs to Berlin's next day
            ("2027-03-05", "Fri 5 Mar 2027", 1),
        ]

    def test_by_doctor(self, admin, clinic):
        response = admin.get(APPOINTMENTS, {**MARCH, "group_by": "doctor"})
        a, b, c = clinic["a"].pk, clinic["b"].pk, clinic["c"].pk
        assert rows(response) == [(a, "Dr. Anna Berg", 3), (b, "Dr. Carl Diaz", 3), (c, "Dr. Eva Fox", 2)]
        assert response.json()["total"] == 8

    def test_by_specialty(self, admin, clinic):
        response = admin.get(APPOINTMENTS, {**MARCH, "group_by": "specialty"})
        assert rows(response) == [(clinic["cardio"].pk, "Cardiology", 6), (clinic["derm"].pk, "Dermatology", 2)]

    def test_by_status_counts_every_status(self, admin, clinic):
        response = admin.get(APPOINTMENTS, {**MARCH, "group_by": "status"})
        assert rows(response) == [
            ("pending", "Pending", 1),
            ("cancelled", "Cancelled", 1),
            ("completed", "Completed", 5),
            ("no_show", "No-show", 1),
        ]

    def test_one_day_range_is_inclusive(self, admin, clinic):
        response = admin.get(APPOINTMENTS, {"date_from": "2027-03-03", "date_to": "2027-03-03", "group_by": "day"})
        assert rows(response) == [("2027-03-03", "Wed 3 Mar 2027", 2)]

    def test_empty_range(self, admin, clinic):
        response = admin.get(APPOINTMENTS, {"date_from": "2026-01-01", "date_to": "2026-01-31"})
        assert response.status_code == 200
        assert response.json()["total"] == 0
        assert response.json()["results"] == []

    def test_defaults_to_the_last_30_days_by_day(self, admin):
        today = timezone.localdate()
        AppointmentFactory(start=timezone.now() - timedelta(days=3))
        AppointmentFactory(start=timezone.now() - timedelta(days=40))
        body = admin.get(APPOINTMENTS).json()
        assert body["group_by"] == "day"
        assert body["date_to"] == today.isoformat()
        assert body["date_from"] == (today - timedelta(days=29)).isoformat()
        assert body["total"] == 1

    @pytest.mark.parametrize(
        ("params", "field"),
        [
            ({"group_by": "week"}, "group_by"),
            ({"date_from": "03/01/2027"}, "date_from"),
            ({"date_to": "2027-02-30"}, "date_to"),
            ({"date_from": "0001-01-01"}, "date_from"),
            ({"date_to": "9999-12-31"}, "date_to"),
            ({"date_from": "2027-03-05", "date_to": "2027-03-01"}, "date_from"),
        ],
    )
    def test_bad_parameters_are_400(self, admin, params, field):
        response = admin.get(APPOINTMENTS, params)
        assert response.status_code == 400
        assert field in response.json()

    def test_query_count_does_not_grow_with_doctors(self, admin, django_assert_num_queries):
        for _ in range(3):
            AppointmentFactory(start=utc(2, 9))
        with django_assert_num_queries(3):  # the grouped counts, the labels, the check-in share
            assert len(admin.get(APPOINTMENTS, {**MARCH, "group_by": "doctor"}).json()["results"]) == 3
        for _ in range(12):
            AppointmentFactory(start=utc(3, 9))
        with django_assert_num_queries(3):
            assert len(admin.get(APPOINTMENTS, {**MARCH, "group_by": "doctor"}).json()["results"]) == 15


class TestRevenueReport:
    def test_by_day(self, admin, clinic):
        response = admin.get(REVENUE, {**MARCH, "group_by": "day"})
        body = response.json()
        assert body["total"] == 5
        assert body["total_revenue"] == "400.00"
        assert rows(response) == [
            ("2027-03-01", "Mon 1 Mar 2027", 3, "280.00"),
            ("2027-03-02", "Tue 2 Mar 2027", 1, "60.00"),
            ("2027-03-03", "Wed 3 Mar 2027", 1, "60.00"),
        ]

    def test_by_doctor(self, admin, clinic):
        response = admin.get(REVENUE, {**MARCH, "group_by": "doctor"})
        assert rows(response) == [
            (clinic["a"].pk, "Dr. Anna Berg", 2, "200.00"),
            (clinic["b"].pk, "Dr. Carl Diaz", 1, "80.00"),
            (clinic["c"].pk, "Dr. Eva Fox", 2, "120.00"),
        ]

    def test_by_specialty(self, admin, clinic):
        response = admin.get(REVENUE, {**MARCH, "group_by": "specialty"})
        assert rows(response) == [
            (clinic["cardio"].pk, "Cardiology", 3, "280.00"),
            (clinic["derm"].pk, "Dermatology", 2, "120.00"),
        ]
        assert response.json()["total_revenue"] == "400.00"

    def test_cents_add_up_exactly(self, admin):
        doctor = DoctorFactory(consultation_fee=Decimal("33.33"))
        for hour in (9, 10, 11):
            AppointmentFactory(doctor=doctor, start=utc(2, hour))
        body = admin.get(REVENUE, MARCH).json()
        assert body["total_revenue"] == "99.99"

    def test_a_later_fee_change_leaves_past_revenue_as_it_was(self, admin):
        doctor = DoctorFactory(consultation_fee=Decimal("90.00"))
        AppointmentFactory(doctor=doctor, start=utc(2, 9), fee=Decimal("70.00"))  # booked at the old fee
        AppointmentFactory(doctor=doctor, start=utc(2, 10))  # no fee recorded: the doctor's current one
        doctor.consultation_fee = Decimal("120.00")
        doctor.save()
        body = admin.get(REVENUE, MARCH).json()
        assert body["total_revenue"] == "190.00"

    def test_empty_range(self, admin, clinic):
        body = admin.get(REVENUE, {"date_from": "2026-01-01", "date_to": "2026-01-31"}).json()
        assert body == {
            "group_by": "day",
            "date_from": "2026-01-01",
            "date_to": "2026-01-31",
            "total": 0,
            "total_revenue": "0.00",
            "results": [],
        }

    def test_by_visit_type_at_the_types_fee(self, admin, client_for):
        doctor = DoctorFactory(user__first_name="Anna", user__last_name="Berg", consultation_fee=Decimal("50.00"))
        first = VisitTypeFactory(doctor=doctor, name="First consultation", fee=Decimal("150.00"))
        patient = PatientFactory()
        booking = {"doctor": doctor, "patient": patient, "status": S.COMPLETED}
        AppointmentFactory(start=utc(2, 9), visit_type=first, fee=first.fee, **booking)
        AppointmentFactory(start=utc(2, 11), visit_type=first, fee=first.fee, **booking)
        AppointmentFactory(start=utc(3, 9), fee=doctor.consultation_fee, **booking)

        response = admin.get(REVENUE, {**MARCH, "group_by": "visit_type"})

        assert rows(response) == [
            (first.pk, "Dr. Anna Berg: First consultation", 2, "300.00"),
            (None, "Standard slot (no visit type)", 1, "50.00"),
        ]
        assert response.json()["total_revenue"] == "350.00"
        counts = admin.get(APPOINTMENTS, {**MARCH, "group_by": "visit_type"})
        assert [row["count"] for row in counts.json()["results"]] == [2, 1]

    def test_status_is_not_a_revenue_group(self, admin):
        response = admin.get(REVENUE, {"group_by": "status"})
        assert response.status_code == 400
        assert "group_by" in response.json()


def parse_csv(response):
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode())))


class TestCSV:
    def test_appointments_csv(self, admin, clinic):
        response = admin.get(APPOINTMENTS, {**MARCH, "group_by": "status", "format": "csv"})
        assert parse_csv(response) == [
            ["key", "label", "count"],
            ["pending", "Pending", "1"],
            ["cancelled", "Cancelled", "1"],
            ["completed", "Completed", "5"],
            ["no_show", "No-show", "1"],
        ]
        assert "attachment" in response["Content-Disposition"]

    def test_revenue_csv(self, admin, clinic):
        response = admin.get(REVENUE, {**MARCH, "group_by": "specialty", "format": "csv"})
        assert parse_csv(response) == [
            ["key", "label", "count", "revenue"],
            [str(clinic["cardio"].pk), "Cardiology", "3", "280.00"],
            [str(clinic["derm"].pk), "Dermatology", "2", "120.00"],
        ]

    def test_accept_header_also_selects_csv(self, admin, clinic):
        response = admin.get(REVENUE, MARCH, HTTP_ACCEPT="text/csv")
        assert parse_csv(response)[0] == ["key", "label", "count", "revenue"]

    def test_empty_csv_still_has_its_header(self, admin):
        response = admin.get(APPOINTMENTS, {"date_from": "2026-01-01", "date_to": "2026-01-02", "format": "csv"})
        assert parse_csv(response) == [["key", "label", "count"]]

    def test_bad_input_with_csv_is_a_json_400(self, admin):
        response = admin.get(APPOINTMENTS, {"group_by": "week", "format": "csv"})
        assert response.status_code == 400
        assert response["Content-Type"] == "application/json"
        assert "group_by" in response.json()

    def test_unknown_format_is_404(self, admin):
        assert admin.get(APPOINTMENTS, {"format": "xml"}).status_code == 404

    @pytest.mark.parametrize(
        "name",
        ["@SUM(1+1)*cmd|' /C calc'!A0", '=HYPERLINK("http://evil")', "+1+1", "-2+3", "\tTab", "\rReturn"],
    )
    def test_a_cell_a_spreadsheet_would_run_as_a_formula_is_quoted(self, admin, name):
        # OWASP CSV injection: a doctor names their specialty; the admin opens the report.
        doctor = DoctorFactory(specialty=SpecialtyFactory(name=name), consultation_fee=50)
        AppointmentFactory(doctor=doctor, start=utc(2, 9), status=S.COMPLETED)
        response = admin.get(REVENUE, {**MARCH, "group_by": "specialty", "format": "csv"})
        assert parse_csv(response)[1] == [str(doctor.specialty.pk), "'" + name, "1", "50.00"]


@pytest.fixture
def schedules():
    """Dr. Ward works Monday 09-12 and Wednesday 13-17; on leave Wednesday 10 March 2027."""
    ward = DoctorFactory(user__first_name="Ina", user__last_name="Ward")
    WorkingHoursFactory(doctor=ward, weekday=0, start_time=time(9), end_time=time(12))
    WorkingHoursFactory(doctor=ward, weekday=2, start_time=time(13), end_time=time(17))
    LeaveDayFactory(doctor=ward, start_date=datetime(2027, 3, 10).date(), end_date=datetime(2027, 3, 10).date())
    LeaveDayFactory(doctor=ward, start_date=datetime(2027, 3, 9).date(), end_date=datetime(2027, 3, 10).date())
    for start, minutes, status in [
        (utc(1, 9), 30, S.COMPLETED),
        (utc(8, 9), 30, S.NO_SHOW),
        (utc(8, 10), 60, S.CONFIRMED),
        (utc(3, 13), 30, S.CANCELLED),
        (utc(3, 14), 30, S.PENDING),
    ]:
        AppointmentFactory(doctor=ward, start=start, end=start + timedelta(minutes=minutes), status=status)
    idle = DoctorFactory(user__first_name="Zoe", user__last_name="Zimmer")
    DoctorFactory(user__first_name="Old", user__last_name="Retired", is_active=False)
    return ward, idle


class TestUtilization:
    TWO_WEEKS = {"date_from": "2027-03-01", "date_to": "2027-03-14"}

    def test_booked_over_working_minutes_and_no_show_rate(self, admin, schedules):
        ward, idle = schedules
        body = admin.get(UTILIZATION, self.TWO_WEEKS).json()
        assert body["date_from"] == "2027-03-01"
        assert body["results"] == [
            {
                "key": ward.pk,
                "label": "Dr. Ina Ward",
                "specialty": ward.specialty.name,
                # 2 x (180 + 240) minus the Wednesday on leave (listed twice, counted once); Tuesday is no work day
                "working_minutes": 600,
                "booked_minutes": 120,  # completed 30 + confirmed 60 + pending 30
                "utilization": 0.2,
                "completed": 1,
                "no_show": 1,
                "no_show_rate": 0.5,
            },
            {
                "key": idle.pk,
                "label": "Dr. Zoe Zimmer",
                "specialty": idle.specialty.name,
                "working_minutes": 0,
                "booked_minutes": 0,
                "utilization": None,
                "completed": 0,
                "no_show": 0,
                "no_show_rate": None,
            },
        ]

    def test_partial_week(self, admin, schedules):
        ward, _ = schedules
        body = admin.get(UTILIZATION, {"date_from": "2027-03-03", "date_to": "2027-03-08"}).json()
        row = next(row for row in body["results"] if row["key"] == ward.pk)
        assert row["working_minutes"] == 240 + 180  # Wednesday 3rd and Monday 8th
        assert row["booked_minutes"] == 30 + 60

    def test_csv(self, admin, schedules):
        table = parse_csv(admin.get(UTILIZATION, {**self.TWO_WEEKS, "format": "csv"}))
        assert table[0] == [
            "key",
            "label",
            "specialty",
            "working_minutes",
            "booked_minutes",
            "utilization",
            "completed",
            "no_show",
            "no_show_rate",
        ]
        assert table[1][1:] == ["Dr. Ina Ward", schedules[0].specialty.name, "600", "120", "0.2", "1", "1", "0.5"]
        assert table[2][5] == ""  # no working time: no ratio

    def test_empty_range_lists_doctors_with_zeroes(self, admin, schedules):
        ward, idle = schedules
        body = admin.get(UTILIZATION, {"date_from": "2027-03-02", "date_to": "2027-03-02"}).json()  # a Tuesday
        assert [(r["key"], r["working_minutes"], r["booked_minutes"], r["utilization"]) for r in body["results"]] == [
            (ward.pk, 0, 0, None),
            (idle.pk, 0, 0, None),
        ]

    @pytest.mark.parametrize(
        "params", [{"date_from": "2027-03-05", "date_to": "2027-03-01"}, {"date_to": "2027-13-01"}]
    )
    def test_bad_dates_are_400_also_as_csv(self, admin, params):
        response = admin.get(UTILIZATION, {**params, "format": "csv"})
        assert response.status_code == 400
        assert response["Content-Type"] == "application/json"

    def test_query_count_does_not_grow_with_doctors(self, admin, schedules, django_assert_num_queries):
        with django_assert_num_queries(4):
            assert len(admin.get(UTILIZATION, self.TWO_WEEKS).json()["results"]) == 2
        for _ in range(10):
            WorkingHoursFactory(doctor=DoctorFactory())
        with django_assert_num_queries(4):
            assert len(admin.get(UTILIZATION, self.TWO_WEEKS).json()["results"]) == 12


def test_reports_are_in_the_schema():
    # Only this app's urls: the schema of the whole site is other apps' business.
    generator = OpenAPISchemaGenerator(api_info, patterns=[path("api/", include("reports.api.urls"))])
    schema = json.loads(json.dumps(generator.get_schema(None, public=True)))
    for report, definition, row_fields in [
        (APPOINTMENTS, "AppointmentReport", {"key", "label", "count"}),
        (REVENUE, "RevenueReport", {"key", "label", "count", "revenue"}),
        (UTILIZATION, "UtilizationReport", {"key", "working_minutes", "booked_minutes", "no_show_rate"}),
    ]:
        operation = schema["paths"][report.removeprefix(schema["basePath"])]["get"]
        assert {"date_from", "date_to"} <= {param["name"] for param in operation["parameters"]}
        assert "text/csv" in operation["produces"]
        assert operation["responses"]["200"]["schema"]["$ref"] == f"#/definitions/{definition}"
        row = schema["definitions"][definition]["properties"]["results"]["items"]["$ref"].rsplit("/", 1)[1]
        assert row_fields <= set(schema["definitions"][row]["properties"])
        if "label" in row_fields:
            # A doctor or specialty key is an integer, a day or status key a string: fuzzing caught "type: string".
            assert "type" not in schema["definitions"][row]["properties"]["key"]
