"""Staff two-factor authentication: TOTP codes, recovery codes, the clinic's switch, the admin."""

import time

import pytest
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.test import APIClient

from accounts.tests.factories import PASSWORD, AdminUserFactory, UserFactory
from accounts.tests.rates import throttle_rates
from appointments.models import ClinicSettings
from doctors.tests.factories import DoctorFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("relaxed_rates")]


@pytest.fixture
def relaxed_rates(settings):
    # django-otp waits 2^n seconds after n wrong codes; the account lockout is tested below.
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0
    with throttle_rates(login="10000/min"):
        yield


@pytest.fixture
def clinic_requires_mfa():
    clinic = ClinicSettings.load()
    clinic.staff_mfa_required = True
    clinic.save()
    return clinic


def code_for(user, steps_ahead=0):
    """The code an authenticator app shows now (or ``steps_ahead`` periods later)."""
    device = TOTPDevice.objects.get(user=user)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def login(username, otp=None, password=PASSWORD):
    body = {"username": username, "password": password}
    if otp is not None:
        body["otp"] = otp
    return APIClient().post("/api/token/", body, format="json")


def as_bearer(access):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {access}")
    return client


def enrol(user):
    """Set up an authenticator through the API, as the SPA does; answers the confirmation."""
    client = APIClient()
    client.force_authenticate(user)
    setup = client.post("/api/me/mfa/setup/")
    assert setup.status_code == 200
    confirmed = client.post("/api/me/mfa/confirm/", {"otp": code_for(user)}, format="json")
    assert confirmed.status_code == 200, confirmed.json()
    return confirmed.json()


class TestEnrolment:
    def test_setup_gives_a_secret_uri_and_qr_code_then_a_code_turns_it_on(self):
        user = UserFactory(username="dr.who", role="doctor")
        client = APIClient()
        client.force_authenticate(user)
        setup = client.post("/api/me/mfa/setup/").json()
        assert setup["otpauth_uri"].startswith("otpauth://totp/")
        assert setup["secret"] in setup["otpauth_uri"]
        assert setup["qr_svg"].startswith("<svg") or "<svg" in setup["qr_svg"][:200]
        assert client.get("/api/me/mfa/").json() == {"enabled": False, "required": False, "recovery_codes_left": 0}
        wrong = client.post("/api/me/mfa/confirm/", {"otp": "000000"}, format="json")
        assert wrong.status_code == 400
        assert "otp" in wrong.json()
        confirmed = client.post("/api/me/mfa/confirm/", {"otp": code_for(user)}, format="json").json()
        assert len(confirmed["recovery_codes"]) == 10
        assert {"access", "refresh"} <= set(confirmed)
        assert client.get("/api/me/mfa/").json() == {"enabled": True, "required": True, "recovery_codes_left": 10}

    def test_turning_it_on_ends_other_sessions(self):
        user = UserFactory(username="grace")
        other = login("grace").json()
        enrol(user)
        assert APIClient().post("/api/token/refresh/", {"refresh": other["refresh"]}).status_code == 401


class TestLoginWithCode:
    def test_an_account_with_mfa_needs_the_code(self):
        user = AdminUserFactory(username="boss")
        enrol(user)
        missing = login("boss")
        assert missing.status_code == 401
        assert missing.json()["code"] == "otp_required"
        assert "code" in missing.json()["detail"]
        wrong = login("boss", otp="123456")
        assert (wrong.status_code, wrong.json()["code"]) == (401, "otp_invalid")
        ok = login("boss", otp=code_for(user, steps_ahead=1))
        assert ok.status_code == 200
        assert as_bearer(ok.json()["access"]).get("/api/users/").status_code == 200

    def test_the_wrong_password_is_still_the_same_401(self):
        enrol(UserFactory(username="grace"))
        assert login("grace", password="wrong").json() == login("nobody", password="wrong").json()

    def test_a_recovery_code_works_once(self):
        user = UserFactory(username="grace")
        codes = enrol(user)["recovery_codes"]
        assert login("grace", otp=codes[0]).status_code == 200
        assert login("grace", otp=codes[0]).status_code == 401
        client = APIClient()
        client.force_authenticate(user)
        assert client.get("/api/me/mfa/").json()["recovery_codes_left"] == 9

    def test_guessing_codes_locks_the_account(self, settings):
        user = UserFactory(username="grace")
        enrol(user)
        statuses = [login("grace", otp=f"{n:06d}").status_code for n in range(settings.AXES_FAILURE_LIMIT)]
        assert statuses == [401] * (settings.AXES_FAILURE_LIMIT - 1) + [429]
        assert login("grace", otp=code_for(user, steps_ahead=1)).status_code == 429


class TestClinicRequiresStaffMfa:
    def test_patients_are_not_asked(self, clinic_requires_mfa):
        UserFactory(username="pat")
        response = login("pat")
        assert response.status_code == 200
        assert as_bearer(response.json()["access"]).get("/api/appointments/").status_code == 200

    def test_staff_without_an_authenticator_may_only_set_one_up(self, clinic_requires_mfa):
        doctor = DoctorFactory(user__username="dr.new")
        tokens = login("dr.new").json()
        client = as_bearer(tokens["access"])
        refused = client.get("/api/appointments/")
        assert refused.status_code == 403
        assert "two-factor" in refused.json()["detail"]
        assert client.get("/api/me/").status_code == 200
        assert client.get("/api/me/mfa/").json() == {"enabled": False, "required": True, "recovery_codes_left": 0}
        assert client.post("/api/me/mfa/setup/").status_code == 200
        confirmed = client.post("/api/me/mfa/confirm/", {"otp": code_for(doctor.user)}, format="json").json()
        assert as_bearer(confirmed["access"]).get("/api/appointments/").status_code == 200
        # The setup-only session is over; from now on the login needs a code.
        assert APIClient().post("/api/token/refresh/", {"refresh": tokens["refresh"]}).status_code == 401
        assert login("dr.new").json()["code"] == "otp_required"

    @pytest.mark.parametrize("role", ["admin", "front_desk", "doctor"])
    def test_every_staff_role_is_asked(self, clinic_requires_mfa, role):
        UserFactory(username="staff", role=role)
        access = login("staff").json()["access"]
        assert as_bearer(access).get("/api/appointments/").status_code == 403
        assert as_bearer(access).get("/api/me/mfa/").json()["required"] is True

    def test_sessions_from_before_the_switch_end_at_their_next_refresh(self):
        UserFactory(username="clerk", role="admin")
        before = login("clerk").json()
        clinic = ClinicSettings.load()
        clinic.staff_mfa_required = True
        clinic.save()
        assert APIClient().post("/api/token/refresh/", {"refresh": before["refresh"]}).status_code == 401

    def test_staff_cannot_turn_it_off_while_required(self, clinic_requires_mfa):
        user = AdminUserFactory()
        enrol(user)
        client = APIClient()
        client.force_authenticate(user)
        response = client.post("/api/me/mfa/disable/", {"otp": code_for(user, steps_ahead=1)}, format="json")
        assert response.status_code == 400
        assert client.get("/api/me/mfa/").json()["enabled"] is True

    def test_an_admin_turns_the_switch_in_the_settings(self):
        client = APIClient()
        client.force_authenticate(AdminUserFactory())
        assert client.patch("/api/settings/", {"staff_mfa_required": True}, format="json").status_code == 200
        assert ClinicSettings.load().staff_mfa_required is True


def test_turning_it_off_needs_a_code_and_then_the_login_needs_none():
    user = UserFactory(username="grace")
    enrol(user)
    client = APIClient()
    client.force_authenticate(user)
    assert client.post("/api/me/mfa/disable/", {"otp": "000000"}, format="json").status_code == 400
    response = client.post("/api/me/mfa/disable/", {"otp": code_for(user, steps_ahead=1)}, format="json")
    assert response.json() == {"enabled": False, "required": False, "recovery_codes_left": 0}
    assert login("grace").status_code == 200


class TestDjangoAdmin:
    def test_the_admin_login_asks_for_the_code(self):
        user = AdminUserFactory(username="boss")
        enrol(user)
        browser = Client()
        without = browser.post("/admin/login/?next=/admin/", {"username": "boss", "password": PASSWORD})
        assert without.status_code == 200  # the form again, with an error
        assert browser.get("/admin/").status_code == 302
        wrong = browser.post(
            "/admin/login/?next=/admin/", {"username": "boss", "password": PASSWORD, "otp_token": "000000"}
        )
        assert wrong.status_code == 200
        right = browser.post(
            "/admin/login/?next=/admin/",
            {"username": "boss", "password": PASSWORD, "otp_token": code_for(user, steps_ahead=1)},
        )
        assert right.status_code == 302
        assert browser.get("/admin/").status_code == 200

    def test_admins_without_an_authenticator_are_sent_to_set_one_up(self, clinic_requires_mfa):
        AdminUserFactory(username="boss")
        browser = Client()
        response = browser.post("/admin/login/?next=/admin/", {"username": "boss", "password": PASSWORD})
        assert response.status_code == 200
        assert "set it up in the app" in response.content.decode()
        assert browser.get("/admin/").status_code == 302

    def test_without_mfa_the_admin_login_is_unchanged(self):
        AdminUserFactory(username="boss")
        browser = Client()
        response = browser.post("/admin/login/?next=/admin/", {"username": "boss", "password": PASSWORD})
        assert response.status_code == 302
        assert browser.get("/admin/").status_code == 200
