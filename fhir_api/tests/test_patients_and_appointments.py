"""Patient and Appointment: the same token and the same visibility as /api/, audited Patient reads."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.tests.factories import AdminUserFactory
from appointments.models import AppointmentStatus
from appointments.tests.factories import book_directly
from doctors.tests.factories import DoctorFactory, at
from patients.tests.factories import PatientFactory
from records.models import AccessLog

from .conftest import MONDAY, fhir, outcome, resources_of

pytestmark = pytest.mark.django_db


class TestPatient:
    def test_a_patient_sees_only_themselves(self, as_patient, patient):
        other = PatientFactory()
        [me] = resources_of(fhir(as_patient.get("/fhir/Patient")))
        assert me["id"] == str(patient.pk)
        assert me["name"][0]["family"] == "Lee"
        assert {"system": "email", "value": patient.user.email} in me["telecom"]
        assert me["identifier"][0]["value"] == patient.insurance_number
        assert fhir(as_patient.get(f"/fhir/Patient/{patient.pk}")) == me
        outcome(as_patient.get(f"/fhir/Patient/{other.pk}"), 404)
        assert fhir(as_patient.get(f"/fhir/Patient?_id={other.pk}"))["total"] == 0

    def test_a_doctor_sees_the_patients_they_treat(self, client_for, doctor, patient):
        book_directly(doctor, patient, start=at(MONDAY, 9))
        stranger = PatientFactory()
        as_doctor = client_for(doctor.user)
        assert [p["id"] for p in resources_of(fhir(as_doctor.get("/fhir/Patient")))] == [str(patient.pk)]
        outcome(as_doctor.get(f"/fhir/Patient/{stranger.pk}"), 404)

    def test_anonymous_is_401(self, api, patient):
        response = api.get(f"/fhir/Patient/{patient.pk}")
        outcome(response, 401)
        assert response["WWW-Authenticate"].startswith("Bearer")
        outcome(api.get("/fhir/Patient"), 401)

    def test_search_by_name_and_birthdate(self, client_for):
        ann = PatientFactory(user__first_name="Ann", user__last_name="Lee", date_of_birth=date(1980, 5, 17))
        PatientFactory(user__first_name="Bob", user__last_name="Leeds", date_of_birth=date(1990, 1, 2))
        admin = client_for(AdminUserFactory())
        assert [p["id"] for p in resources_of(fhir(admin.get("/fhir/Patient?name=ann")))] == [str(ann.pk)]
        assert fhir(admin.get("/fhir/Patient?name=lee"))["total"] == 2
        assert fhir(admin.get("/fhir/Patient?birthdate=1980-05-17"))["total"] == 1
        assert fhir(admin.get("/fhir/Patient?birthdate=ge1985-01-01"))["total"] == 1
        assert fhir(admin.get("/fhir/Patient?birthdate=lt1985-01-01&name=ann"))["total"] == 1
        outcome(admin.get("/fhir/Patient?birthdate=1980-13-01"), 400)

    def test_reads_and_searched_pages_are_in_the_access_log(self, as_patient, patient, client_for):
        fhir(as_patient.get(f"/fhir/Patient/{patient.pk}"))
        read = AccessLog.objects.get()
        assert (read.action, read.model_name, read.patient_id, read.user_id) == (
            "read",
            "patients.Patient",
            patient.pk,
            patient.user.pk,
        )
        others = PatientFactory.create_batch(2)
        admin = AdminUserFactory()
        fhir(client_for(admin).get("/fhir/Patient?_count=2"))
        listed = AccessLog.objects.filter(user=admin, action="list")
        assert sorted(listed.values_list("patient_id", flat=True)) == [patient.pk, others[0].pk]

    def test_search_is_a_fixed_number_of_queries(self, client_for):
        admin = client_for(AdminUserFactory())
        PatientFactory.create_batch(2)
        with CaptureQueriesContext(connection) as few:
            fhir(admin.get("/fhir/Patient"))
        PatientFactory.create_batch(8)
        with CaptureQueriesContext(connection) as many:
            assert fhir(admin.get("/fhir/Patient"))["total"] == 10
        assert len(many) == len(few)


class TestAppointment:
    @pytest.fixture
    def visits(self, doctor, patient):
        other_doctor = DoctorFactory()
        return {
            "mine": book_directly(doctor, patient, start=at(MONDAY, 9), status=AppointmentStatus.PENDING),
            "confirmed": book_directly(doctor, patient, start=at(MONDAY, 10)),
            "elsewhere": book_directly(other_doctor, patient, start=at(MONDAY + timedelta(days=1), 9)),
            "not_mine": book_directly(doctor, start=at(MONDAY, 11)),
        }

    def test_a_patient_sees_their_own_with_both_participants(self, as_patient, visits, doctor, patient):
        found = resources_of(fhir(as_patient.get("/fhir/Appointment")))
        assert [a["id"] for a in found] == [str(visits[k].pk) for k in ("mine", "confirmed", "elsewhere")]
        first = found[0]
        assert first["status"] == "pending" and found[1]["status"] == "booked"
        actors = [p["actor"]["reference"] for p in first["participant"]]
        assert actors == [f"Patient/{patient.pk}", f"Practitioner/{doctor.pk}"]
        assert first["start"].startswith(str(MONDAY)) and first["minutesDuration"] == 30
        assert fhir(as_patient.get(f"/fhir/Appointment/{visits['mine'].pk}")) == first
        outcome(as_patient.get(f"/fhir/Appointment/{visits['not_mine'].pk}"), 404)

    def test_a_doctor_sees_theirs(self, client_for, visits, doctor):
        found = resources_of(fhir(client_for(doctor.user).get("/fhir/Appointment")))
        assert [a["id"] for a in found] == [str(visits[k].pk) for k in ("mine", "confirmed", "not_mine")]

    def test_search_parameters(self, client_for, visits, doctor, patient):
        admin = client_for(AdminUserFactory())

        def ids(query):
            return {int(a["id"]) for a in resources_of(fhir(admin.get(f"/fhir/Appointment?{query}")))}

        assert ids(f"patient=Patient/{patient.pk}") == {visits[k].pk for k in ("mine", "confirmed", "elsewhere")}
        assert ids(f"practitioner={doctor.pk}") == {visits[k].pk for k in ("mine", "confirmed", "not_mine")}
        assert ids("status=booked") == {visits[k].pk for k in ("confirmed", "elsewhere", "not_mine")}
        assert ids("status=pending,booked") == {v.pk for v in visits.values()}
        assert ids(f"date={MONDAY}") == {visits[k].pk for k in ("mine", "confirmed", "not_mine")}
        assert ids(f"date=gt{MONDAY}") == {visits["elsewhere"].pk}
        assert ids(f"date=ge{MONDAY}&date=lt{MONDAY}") == set()
        assert ids(f"_id={visits['mine'].pk}&practitioner=Practitioner/{doctor.pk}") == {visits["mine"].pk}
        outcome(admin.get("/fhir/Appointment?status=confirmed"), 400)  # ours, not FHIR's code
        outcome(admin.get("/fhir/Appointment?patient=Practitioner/1"), 400)

    def test_status_mapping(self, client_for, doctor):
        admin = client_for(AdminUserFactory())
        expected = {"completed": "fulfilled", "cancelled": "cancelled", "no_show": "noshow"}
        for hour, (ours, theirs) in zip((9, 10, 11), expected.items(), strict=True):
            visit = book_directly(doctor, start=at(MONDAY, hour), status=ours)
            assert fhir(admin.get(f"/fhir/Appointment/{visit.pk}"))["status"] == theirs

    def test_anonymous_is_401_and_search_is_a_fixed_number_of_queries(self, api, client_for, visits, doctor):
        outcome(api.get("/fhir/Appointment"), 401)
        admin = client_for(AdminUserFactory())
        with CaptureQueriesContext(connection) as few:
            fhir(admin.get("/fhir/Appointment"))
        for hour in (9, 10, 11):
            book_directly(doctor, start=at(MONDAY + timedelta(days=2), hour))
        with CaptureQueriesContext(connection) as many:
            assert fhir(admin.get("/fhir/Appointment"))["total"] == 7
        assert len(many) == len(few)
