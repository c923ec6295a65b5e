"""Users and roles: /api/users/ (admin) and the services behind it."""

import pytest
from rest_framework_simplejwt.token_blacklist.models import OutstandingToken

from accounts import services
from accounts.models import Role
from accounts.tests.factories import PASSWORD, AdminUserFactory, UserFactory
from appointments.models import Appointment
from doctors.models import Doctor
from doctors.tests.factories import DoctorFactory
from patients.models import Patient
from patients.tests.factories import PatientFactory
from reports.tests.factories import AppointmentFactory

pytestmark = pytest.mark.django_db

USERS = "/api/users/"


def login(api, username, password=PASSWORD):
    return api.post("/api/token/", {"username": username, "password": password}, format="json")


def refresh(api, token):
    return api.post("/api/token/refresh/", {"refresh": token}, format="json")


@pytest.fixture
def boss():
    return AdminUserFactory(username="boss")


@pytest.fixture
def admin_api(client_for, boss):
    return client_for(boss)


def usernames(response):
    assert response.status_code == 200, response.content
    return [row["username"] for row in response.json()["results"]]


class TestList:
    @pytest.fixture
    def people(self, boss):
        PatientFactory(user__username="pat", user__first_name="Zebulonia", user__email="pat@clinic.org")
        DoctorFactory(user__username="doc", user__last_name="Quimbyx")
        UserFactory(username="gone", is_active=False)
        UserFactory(username="staffer", is_staff=True)  # staff count as admin

    def test_only_admins(self, api, client_for):
        assert api.get(USERS).status_code == 401
        assert client_for(UserFactory()).get(USERS).status_code == 403
        assert client_for(DoctorFactory().user).get(USERS).status_code == 403

    def test_lists_everyone_paginated_with_profile_ids(self, admin_api, people):
        body = admin_api.get(USERS).json()
        assert set(body) == {"count", "next", "previous", "results"}
        assert [u["username"] for u in body["results"]] == ["boss", "doc", "gone", "pat", "staffer"]
        doc = next(u for u in body["results"] if u["username"] == "doc")
        assert doc["role"] == "doctor"
        assert doc["doctor_id"] == Doctor.objects.get(user__username="doc").pk
        assert doc["patient_id"] is None
        assert "password" not in doc

    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ({"search": "zebulonia"}, ["pat"]),
            ({"search": "pat@clinic"}, ["pat"]),
            ({"search": "QUIMBYX"}, ["doc"]),
            ({"role": "doctor"}, ["doc"]),
            ({"role": "admin"}, ["boss", "staffer"]),
            ({"role": "patient", "is_active": "true"}, ["pat"]),
            ({"is_active": "false"}, ["gone"]),
            ({"role": "patient", "is_active": "false"}, ["gone"]),
            ({"ordering": "-username", "role": "admin"}, ["staffer", "boss"]),
        ],
    )
    def test_search_and_filters(self, admin_api, people, query, expected):
        assert usernames(admin_api.get(USERS, query)) == expected

    def test_query_count_does_not_grow_with_users(self, admin_api, people, django_assert_max_num_queries):
        for _ in range(10):
            DoctorFactory()
            PatientFactory()
        with django_assert_max_num_queries(3):  # count, page (profiles joined)
            assert admin_api.get(USERS).status_code == 200


class TestRoleChange:
    def test_doctor_demoted_to_patient_keeps_the_doctor_row_retired(self, admin_api):
        doctor = DoctorFactory()
        visit = AppointmentFactory(doctor=doctor)
        response = admin_api.patch(f"{USERS}{doctor.user.pk}/", {"role": "patient"}, format="json")
        assert response.status_code == 200
        body = response.json()
        assert body["role"] == "patient"
        assert body["doctor_id"] == doctor.pk  # the profile row stays, so history stays
        assert body["patient_id"] == Patient.objects.get(user=doctor.user).pk
        doctor.refresh_from_db()
        assert doctor.is_active is False
        assert Appointment.objects.get(pk=visit.pk).doctor_id == doctor.pk

    def test_retired_doctor_promoted_again_gets_the_same_profile_back(self, admin_api):
        doctor = DoctorFactory()
        admin_api.patch(f"{USERS}{doctor.user.pk}/", {"role": "patient"}, format="json")
        response = admin_api.patch(f"{USERS}{doctor.user.pk}/", {"role": "doctor"}, format="json")
        assert response.json()["doctor_id"] == doctor.pk
        assert Doctor.objects.filter(user=doctor.user).count() == 1
        doctor.refresh_from_db()
        assert doctor.is_active is True

    def test_patient_made_doctor_gets_a_doctor_profile(self, admin_api, api):
        patient = PatientFactory(user__username="newdoc")
        response = admin_api.patch(f"{USERS}{patient.user.pk}/", {"role": "doctor"}, format="json")
        assert response.status_code == 200
        doctor = Doctor.objects.get(user=patient.user)
        assert response.json()["doctor_id"] == doctor.pk
        assert doctor.is_active and doctor.specialty.name == "General Practice"
        # The new doctor shows in the public list, and /me answers as a doctor.
        assert doctor.pk in [d["id"] for d in api.get("/api/doctors/").json()["results"]]
        api.credentials(HTTP_AUTHORIZATION=f"Bearer {login(api, 'newdoc').json()['access']}")
        assert api.get("/api/me/").json()["role"] == "doctor"

    def test_admin_role_grants_and_takes_django_admin_access(self, admin_api):
        user = UserFactory()
        admin_api.patch(f"{USERS}{user.pk}/", {"role": "admin"}, format="json")
        user.refresh_from_db()
        assert (user.role, user.is_staff) == (Role.ADMIN, True)
        response = admin_api.patch(f"{USERS}{user.pk}/", {"role": "patient"}, format="json")
        assert response.json()["role"] == "patient"
        user.refresh_from_db()
        assert (user.is_staff, user.is_superuser) == (False, False)

    def test_doctor_made_admin_retires_the_doctor_profile(self, admin_api):
        doctor = DoctorFactory()
        admin_api.patch(f"{USERS}{doctor.user.pk}/", {"role": "admin"}, format="json")
        doctor.refresh_from_db()
        assert doctor.is_active is False

    def test_same_role_again_changes_nothing(self, admin_api):
        patient = PatientFactory()
        admin_api.patch(f"{USERS}{patient.user.pk}/", {"role": "patient"}, format="json")
        assert Patient.objects.filter(user=patient.user).count() == 1

    @pytest.mark.parametrize("body", [{"role": "wizard"}, {"is_active": "maybe"}])
    def test_bad_values_are_field_errors(self, admin_api, body):
        user = UserFactory()
        response = admin_api.patch(f"{USERS}{user.pk}/", body, format="json")
        assert response.status_code == 400
        assert set(response.json()) == set(body)

    def test_other_fields_are_ignored(self, admin_api):
        user = UserFactory(username="keep")
        response = admin_api.patch(f"{USERS}{user.pk}/", {"username": "changed", "is_staff": True}, format="json")
        assert response.status_code == 200
        user.refresh_from_db()
        assert (user.username, user.is_staff) == ("keep", False)

    def test_admin_cannot_change_themselves(self, admin_api, boss):
        assert admin_api.patch(f"{USERS}{boss.pk}/", {"role": "patient"}, format="json").status_code == 400
        assert admin_api.patch(f"{USERS}{boss.pk}/", {"is_active": False}, format="json").status_code == 400
        boss.refresh_from_db()
        assert boss.is_active and boss.role == Role.ADMIN

    def test_non_admins_cannot_patch_and_missing_users_are_404(self, client_for, admin_api):
        user = UserFactory()
        assert client_for(UserFactory()).patch(f"{USERS}{user.pk}/", {"role": "admin"}).status_code == 403
        assert admin_api.patch(f"{USERS}999999/", {"role": "admin"}, format="json").status_code == 404

    def test_put_and_delete_are_not_offered(self, admin_api):
        user = UserFactory()
        assert admin_api.put(f"{USERS}{user.pk}/", {"role": "admin"}, format="json").status_code == 405
        assert admin_api.delete(f"{USERS}{user.pk}/").status_code == 405


class TestDeactivation:
    def test_revokes_every_refresh_token_and_blocks_login(self, admin_api, api):
        user = UserFactory(username="grace")
        first = login(api, "grace").json()["refresh"]
        second = login(api, "grace").json()["refresh"]
        response = admin_api.patch(f"{USERS}{user.pk}/", {"is_active": False}, format="json")
        assert response.status_code == 200
        assert response.json()["is_active"] is False
        assert refresh(api, first).status_code == 401
        assert refresh(api, second).status_code == 401
        assert login(api, "grace").status_code == 401

    def test_reactivation_allows_a_new_login_but_old_sessions_stay_dead(self, admin_api, api):
        user = UserFactory(username="grace")
        old = login(api, "grace").json()["refresh"]
        admin_api.patch(f"{USERS}{user.pk}/", {"is_active": False}, format="json")
        response = admin_api.patch(f"{USERS}{user.pk}/", {"is_active": True}, format="json")
        assert response.json()["is_active"] is True
        assert refresh(api, old).status_code == 401
        fresh = login(api, "grace")
        assert fresh.status_code == 200
        assert refresh(api, fresh.json()["refresh"]).status_code == 200

    def test_role_and_deactivation_in_one_request(self, admin_api):
        doctor = DoctorFactory()
        response = admin_api.patch(f"{USERS}{doctor.user.pk}/", {"role": "patient", "is_active": False}, format="json")
        assert response.json()["role"] == "patient" and response.json()["is_active"] is False
        doctor.refresh_from_db()
        assert doctor.is_active is False

    def test_service_blacklists_only_that_users_tokens(self, api):
        grace, other = UserFactory(username="grace"), UserFactory(username="other")
        login(api, "grace")
        kept = login(api, "other").json()["refresh"]
        assert services.user_revoke_tokens(user=grace) == 1
        assert services.user_revoke_tokens(user=grace) == 0  # already revoked
        assert OutstandingToken.objects.filter(user=other, blacklistedtoken__isnull=True).count() == 1
        assert refresh(api, kept).status_code == 200
