"""The authentication contract: registration, tokens, /me and /users."""

import pytest
from django.contrib.auth import get_user_model

from accounts.tests.factories import PASSWORD, AdminUserFactory, UserFactory
from accounts.tests.rates import throttle_rates
from patients.models import Patient
from patients.tests.factories import PatientFactory

pytestmark = pytest.mark.django_db
User = get_user_model()

REGISTRATION = {
    "username": "ada",
    "email": "ada@example.com",
    "password": "Correct-Horse-42",
    "first_name": "Ada",
    "last_name": "Lovelace",
    "phone": "+49 151 23456789",
}


def register(api, **overrides):
    return api.post("/api/registrations/", {**REGISTRATION, **overrides}, format="json")


def login(api, username, password=PASSWORD):
    return api.post("/api/token/", {"username": username, "password": password}, format="json")


class TestRegistration:
    def test_creates_patient_and_answers_contract_shape(self, api):
        response = register(api, insurance_number="AOK-1", date_of_birth="1990-12-10")
        assert response.status_code == 201, response.json()
        body = response.json()
        assert set(body) == {"id", "username", "email", "first_name", "last_name", "role", "patient_id"}
        assert body["role"] == "patient"
        patient = Patient.objects.get(pk=body["patient_id"])
        assert patient.user_id == body["id"]
        assert str(patient.phone) == "+4915123456789"  # stored in E.164
        assert patient.insurance_number == "AOK-1"

    def test_never_echoes_password(self, api):
        response = register(api)
        assert "password" not in response.json()
        assert REGISTRATION["password"] not in response.content.decode()

    @pytest.mark.parametrize(
        ("overrides", "field"),
        [
            ({"password": "123"}, "password"),
            ({"password": "password"}, "password"),
            ({"password": "ada-lovelace"}, "password"),
            # Issue 17, finding 12: passed Django's own validators.
            ({"password": "Aa1!aaaa"}, "password"),
            ({"password": "clinic2026"}, "password"),
            ({"password": "Lovelace1990!"}, "password"),
            ({"email": "not-an-email"}, "email"),
            ({"phone": "12"}, "phone"),
            ({"username": ""}, "username"),
            ({"username": "bad name!"}, "username"),
            ({"date_of_birth": "2999-01-01"}, "date_of_birth"),
            ({"date_of_birth": "01/02/1990"}, "date_of_birth"),
        ],
    )
    def test_bad_input_is_a_field_error(self, api, overrides, field):
        response = register(api, **overrides)
        assert response.status_code == 400
        assert field in response.json()
        assert not User.objects.exists()

    def test_missing_fields_are_listed(self, api):
        response = api.post("/api/registrations/", {}, format="json")
        assert response.status_code == 400
        assert {"username", "email", "password", "first_name", "last_name", "phone"} <= set(response.json())

    @pytest.mark.parametrize(("field", "value"), [("username", "ADA"), ("email", "ADA@Example.com")])
    def test_duplicates_are_refused_case_insensitively(self, api, field, value):
        assert register(api).status_code == 201
        other = {"username": "other", "email": "other@example.com", field: value}
        response = register(api, **other)
        assert response.status_code == 400
        assert field in response.json()
        assert User.objects.count() == 1

    def test_role_in_body_is_ignored(self, api):
        response = register(api, role="admin", is_staff=True)
        assert response.status_code == 201
        user = User.objects.get()
        assert user.effective_role == "patient"
        assert not user.is_staff

    def test_malformed_json_is_a_json_400(self, api):
        response = api.generic("POST", "/api/registrations/", "{not json", content_type="application/json")
        assert response.status_code == 400
        assert response["Content-Type"].startswith("application/json")
        assert "detail" in response.json()


class TestToken:
    def test_login_with_username_or_email_in_any_case(self, api):
        user = UserFactory(username="grace", email="grace@example.com")
        for name in ("grace", "GRACE", "grace@example.com", "Grace@Example.COM"):
            response = login(api, name)
            assert response.status_code == 200, name
            assert {"access", "refresh"} == set(response.json())
        user.refresh_from_db()
        assert user.last_login is not None

    def test_unknown_user_and_wrong_password_look_the_same(self, api):
        UserFactory(username="grace")
        unknown = login(api, "nobody")
        wrong = login(api, "grace", "wrong-password")
        assert unknown.status_code == wrong.status_code == 401
        assert unknown.json() == wrong.json()

    def test_deactivated_user_cannot_log_in(self, api):
        UserFactory(username="gone", is_active=False)
        assert login(api, "gone").status_code == 401

    def test_missing_fields_are_400(self, api):
        response = api.post("/api/token/", {"username": "x"}, format="json")
        assert response.status_code == 400
        assert "password" in response.json()

    def test_access_token_authenticates(self, api):
        UserFactory(username="grace")
        access = login(api, "grace").json()["access"]
        api.credentials(HTTP_AUTHORIZATION=f"Bearer {access}")
        assert api.get("/api/me/").json()["username"] == "grace"

    def test_refresh_rotates_and_old_token_dies(self, api):
        UserFactory(username="grace")
        refresh = login(api, "grace").json()["refresh"]
        first = api.post("/api/token/refresh/", {"refresh": refresh}, format="json")
        assert first.status_code == 200
        assert {"access", "refresh"} == set(first.json())
        assert first.json()["refresh"] != refresh
        again = api.post("/api/token/refresh/", {"refresh": refresh}, format="json")
        assert again.status_code == 401

    def test_blacklist_logs_out_without_access_token(self, api):
        UserFactory(username="grace")
        refresh = login(api, "grace").json()["refresh"]
        api.credentials(HTTP_AUTHORIZATION="Bearer expired-or-garbage")
        assert api.post("/api/token/blacklist/", {"refresh": refresh}, format="json").status_code == 200
        assert api.post("/api/token/refresh/", {"refresh": refresh}, format="json").status_code == 401

    def test_deactivated_user_cannot_refresh(self, api):
        user = UserFactory(username="grace")
        tokens = login(api, "grace").json()
        user.is_active = False
        user.save()
        assert api.post("/api/token/refresh/", {"refresh": tokens["refresh"]}, format="json").status_code == 401
        api.credentials(HTTP_AUTHORIZATION=f"Bearer {tokens['access']}")
        assert api.get("/api/me/").status_code == 401

    def test_garbage_tokens_are_401(self, api):
        assert api.post("/api/token/refresh/", {"refresh": "garbage"}, format="json").status_code == 401
        api.credentials(HTTP_AUTHORIZATION="Bearer garbage")
        assert api.get("/api/me/").status_code == 401


class TestLockoutAndThrottling:
    def test_repeated_failures_lock_the_account(self, api, settings):
        UserFactory(username="grace")
        for _ in range(settings.AXES_FAILURE_LIMIT - 1):
            assert login(api, "grace", "wrong").status_code == 401
        locked = login(api, "grace", "wrong")
        assert locked.status_code == 429
        assert "Too many failed login attempts" in locked.json()["detail"]
        # Even the right password is refused while locked out.
        assert login(api, "grace").status_code == 429

    def test_success_resets_the_failure_count(self, api, settings):
        UserFactory(username="grace")
        for _ in range(settings.AXES_FAILURE_LIMIT - 1):
            login(api, "grace", "wrong")
        assert login(api, "grace").status_code == 200
        assert login(api, "grace", "wrong").status_code == 401

    def test_login_is_throttled(self, api):
        with throttle_rates(login="3/min"):
            UserFactory(username="grace")
            statuses = [login(api, "grace").status_code for _ in range(4)]
        assert statuses == [200, 200, 200, 429]


class TestMe:
    def test_requires_authentication(self, api):
        assert api.get("/api/me/").status_code == 401

    def test_patient_sees_own_profile(self, client_for):
        patient = PatientFactory(phone="+4915112345678")
        body = client_for(patient.user).get("/api/me/").json()
        assert set(body) == {
            "id",
            "username",
            "email",
            "email_verified",
            "first_name",
            "last_name",
            "role",
            "patient",
            "doctor",
        }
        assert body["role"] == "patient"
        assert body["patient"]["id"] == patient.pk
        assert body["patient"]["phone"] == "+4915112345678"
        assert body["doctor"] is None
        assert "password" not in body

    @pytest.mark.parametrize("flags", [{"is_staff": True}, {"is_superuser": True}, {"role": "admin"}])
    def test_staff_and_superusers_show_as_admin(self, client_for, flags):
        user = UserFactory(**flags)
        assert client_for(user).get("/api/me/").json()["role"] == "admin"

    def test_patch_updates_name_email_phone_and_preferences(self, client_for):
        patient = PatientFactory()
        response = client_for(patient.user).patch(
            "/api/me/",
            {"first_name": "Ann", "email": "ann@example.org", "phone": "+1 212 555 0100", "notify_sms": False},
            format="json",
        )
        assert response.status_code == 200, response.json()
        body = response.json()
        assert body["first_name"] == "Ann"
        assert body["email"] == "ann@example.org"
        assert body["patient"]["phone"] == "+12125550100"
        assert body["patient"]["notify_sms"] is False

    def test_patch_cannot_change_role_or_username(self, client_for):
        patient = PatientFactory()
        response = client_for(patient.user).patch("/api/me/", {"role": "admin", "username": "root", "is_staff": True})
        assert response.status_code == 200
        patient.user.refresh_from_db()
        assert patient.user.effective_role == "patient"
        assert patient.user.username != "root"

    def test_patch_refuses_a_taken_email(self, client_for):
        UserFactory(email="taken@example.com")
        patient = PatientFactory()
        response = client_for(patient.user).patch("/api/me/", {"email": "TAKEN@example.com"})
        assert response.status_code == 400
        assert "email" in response.json()


class TestUsers:
    def test_only_admins(self, api, client_for):
        assert api.get("/api/users/").status_code == 401
        assert client_for(UserFactory()).get("/api/users/").status_code == 403

    def test_list_search_and_filter(self, client_for):
        admin = AdminUserFactory(username="boss")
        PatientFactory(user__username="pat", user__email="pat@example.com")
        UserFactory(username="gone", is_active=False)
        api = client_for(admin)
        body = api.get("/api/users/").json()
        assert body["count"] == 3
        assert {"count", "next", "previous", "results"} == set(body)
        assert [u["username"] for u in api.get("/api/users/?search=pat@").json()["results"]] == ["pat"]
        assert [u["username"] for u in api.get("/api/users/?role=admin").json()["results"]] == ["boss"]
        assert [u["username"] for u in api.get("/api/users/?is_active=false").json()["results"]] == ["gone"]

    def test_deactivation_revokes_refresh_tokens(self, api, client_for):
        user = UserFactory(username="grace")
        refresh = login(api, "grace").json()["refresh"]
        response = client_for(AdminUserFactory()).patch(f"/api/users/{user.pk}/", {"is_active": False})
        assert response.status_code == 200
        assert response.json()["is_active"] is False
        user.refresh_from_db()
        user.is_active = True  # even if reactivated, the old session stays dead
        user.save()
        assert api.post("/api/token/refresh/", {"refresh": refresh}, format="json").status_code == 401

    def test_role_change_creates_the_profile(self, client_for):
        user = UserFactory(role="admin")
        response = client_for(AdminUserFactory()).patch(f"/api/users/{user.pk}/", {"role": "patient"})
        assert response.status_code == 200
        assert response.json()["role"] == "patient"
        assert response.json()["patient_id"] == Patient.objects.get(user=user).pk

    def test_bad_role_is_400_and_admin_cannot_demote_self(self, client_for):
        admin = AdminUserFactory()
        api = client_for(admin)
        assert api.patch(f"/api/users/{admin.pk}/", {"role": "wizard"}).status_code == 400
        assert api.patch(f"/api/users/{admin.pk}/", {"role": "patient"}).status_code == 400
        assert api.get("/api/users/999999/").status_code == 404
