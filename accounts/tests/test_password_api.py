"""Account recovery and hygiene: password reset by email, password change, email verification."""

import re
from datetime import timedelta
from urllib.parse import parse_qs, urlparse

import pytest
from django.utils import timezone

from accounts.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Brand-New-Secret-81"


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """Run the after-commit work (queued emails) of the requests in the block."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def login(api, username, password):
    return api.post("/api/token/", {"username": username, "password": password})


def link_in(message) -> dict:
    url = re.search(r"https?://\S+", message.body).group(0)
    parsed = urlparse(url)
    return {"path": parsed.path, **{k: v[0] for k, v in parse_qs(parsed.query).items()}}


def ask_reset(api, on_commit, email):
    with on_commit():
        response = api.post("/api/password-reset/", {"email": email})
    assert response.status_code == 200, response.json()
    return response


class TestPasswordReset:
    def test_same_answer_for_known_and_unknown_addresses(self, api, on_commit, mailoutbox):
        UserFactory(email="ada@example.com")
        known = ask_reset(api, on_commit, "ADA@example.com")
        unknown = ask_reset(api, on_commit, "nobody@example.com")
        assert known.json() == unknown.json()
        assert len(mailoutbox) == 1
        assert mailoutbox[0].to == ["ada@example.com"]

    def test_link_points_to_the_spa_and_sets_the_password_once(self, api, on_commit, mailoutbox, settings):
        settings.PUBLIC_URL = "https://clinic.example"
        user = UserFactory(email="ada@example.com")
        ask_reset(api, on_commit, "ada@example.com")
        link = link_in(mailoutbox[0])
        assert mailoutbox[0].body.count("https://clinic.example/reset-password?") == 1
        assert link["path"] == "/reset-password"

        body = {"uid": link["uid"], "token": link["token"], "new_password": NEW_PASSWORD}
        assert api.post("/api/password-reset/confirm/", body).status_code == 200
        assert login(api, user.username, NEW_PASSWORD).status_code == 200
        assert login(api, user.username, PASSWORD).status_code == 401

        again = api.post("/api/password-reset/confirm/", {**body, "new_password": "Another-Secret-99"})
        assert again.status_code == 400
        assert "invalid" in again.json()["detail"]

    def test_revokes_every_refresh_token(self, api, on_commit, mailoutbox):
        user = UserFactory()
        refresh = login(api, user.username, PASSWORD).json()["refresh"]
        ask_reset(api, on_commit, user.email)
        link = link_in(mailoutbox[0])
        api.post(
            "/api/password-reset/confirm/", {"uid": link["uid"], "token": link["token"], "new_password": NEW_PASSWORD}
        )
        assert api.post("/api/token/refresh/", {"refresh": refresh}).status_code == 401

    def test_expired_link_is_refused(self, api, on_commit, mailoutbox, settings, time_machine=None):
        user = UserFactory()
        ask_reset(api, on_commit, user.email)
        link = link_in(mailoutbox[0])
        settings.PASSWORD_RESET_TIMEOUT = -1  # every link is now older than its lifetime
        response = api.post(
            "/api/password-reset/confirm/", {"uid": link["uid"], "token": link["token"], "new_password": NEW_PASSWORD}
        )
        assert response.status_code == 400
        assert login(api, user.username, PASSWORD).status_code == 200

    @pytest.mark.parametrize(("uid", "token"), [("MQ", "forged-token"), ("!!", "x"), ("", "")])
    def test_forged_link_is_a_400(self, api, uid, token):
        UserFactory()
        response = api.post("/api/password-reset/confirm/", {"uid": uid, "token": token, "new_password": NEW_PASSWORD})
        assert response.status_code == 400

    def test_weak_new_password_is_a_field_error_and_keeps_the_link(self, api, on_commit, mailoutbox):
        user = UserFactory()
        ask_reset(api, on_commit, user.email)
        link = link_in(mailoutbox[0])
        weak = api.post(
            "/api/password-reset/confirm/", {"uid": link["uid"], "token": link["token"], "new_password": "123"}
        )
        assert weak.status_code == 400
        assert "new_password" in weak.json()
        ok = api.post(
            "/api/password-reset/confirm/", {"uid": link["uid"], "token": link["token"], "new_password": NEW_PASSWORD}
        )
        assert ok.status_code == 200

    def test_deactivated_account_gets_no_mail(self, api, on_commit, mailoutbox):
        user = UserFactory(is_active=False)
        ask_reset(api, on_commit, user.email)
        assert mailoutbox == []

    def test_bad_email_is_a_field_error(self, api):
        response = api.post("/api/password-reset/", {"email": "not-an-address"})
        assert response.status_code == 400
        assert "email" in response.json()


class TestPasswordChange:
    def test_needs_the_current_password(self, client_for):
        user = UserFactory()
        response = client_for(user).post("/api/me/password/", {"old_password": "wrong", "new_password": NEW_PASSWORD})
        assert response.status_code == 400
        assert "old_password" in response.json()

    def test_changes_password_ends_other_sessions_and_keeps_this_one(self, api, client_for):
        user = UserFactory()
        other_session = login(api, user.username, PASSWORD).json()["refresh"]
        response = client_for(user).post("/api/me/password/", {"old_password": PASSWORD, "new_password": NEW_PASSWORD})
        assert response.status_code == 200, response.json()
        assert api.post("/api/token/refresh/", {"refresh": other_session}).status_code == 401
        assert api.post("/api/token/refresh/", {"refresh": response.json()["refresh"]}).status_code == 200
        assert login(api, user.username, NEW_PASSWORD).status_code == 200

    def test_weak_password_is_a_field_error(self, client_for):
        user = UserFactory()
        response = client_for(user).post("/api/me/password/", {"old_password": PASSWORD, "new_password": "password"})
        assert response.status_code == 400
        assert "new_password" in response.json()

    def test_needs_a_login(self, api):
        assert (
            api.post("/api/me/password/", {"old_password": PASSWORD, "new_password": NEW_PASSWORD}).status_code == 401
        )


REGISTRATION = {
    "username": "ada",
    "email": "ada@example.com",
    "password": "Correct-Horse-42",
    "first_name": "Ada",
    "last_name": "Lovelace",
    "phone": "+49 151 23456789",
}


class TestEmailVerification:
    def test_registration_mails_a_link_that_verifies_once(self, api, on_commit, mailoutbox):
        with on_commit():
            assert api.post("/api/registrations/", REGISTRATION).status_code == 201
        access = login(api, "ada", REGISTRATION["password"]).json()["access"]
        api.credentials(HTTP_AUTHORIZATION=f"Bearer {access}")
        assert api.get("/api/me/").json()["email_verified"] is False

        link = link_in(mailoutbox[0])
        assert link["path"] == "/verify-email"
        confirm = {"uid": link["uid"], "token": link["token"]}
        assert api.post("/api/email-verification/confirm/", confirm).status_code == 200
        assert api.get("/api/me/").json()["email_verified"] is True
        assert api.post("/api/email-verification/confirm/", confirm).status_code == 400

    def test_changing_the_email_needs_a_new_verification(self, client_for, on_commit, mailoutbox):
        user = UserFactory(email_verified_at=timezone.now())
        client = client_for(user)
        client.patch("/api/me/", {"first_name": "Same"})
        assert client.get("/api/me/").json()["email_verified"] is True
        with on_commit():
            body = client.patch("/api/me/", {"email": "new@example.com"}).json()
        assert body["email_verified"] is False
        assert mailoutbox[-1].to == ["new@example.com"]

    def test_resend(self, client_for, on_commit, mailoutbox):
        user = UserFactory()
        with on_commit():
            assert client_for(user).post("/api/email-verification/").status_code == 200
        assert mailoutbox[0].to == [user.email]

    def test_link_for_an_old_address_dies_with_the_change(self, client_for, on_commit, mailoutbox, api):
        user = UserFactory()
        with on_commit():
            client_for(user).post("/api/email-verification/")
        link = link_in(mailoutbox[0])
        client_for(user).patch("/api/me/", {"email": "other@example.com"})
        response = api.post("/api/email-verification/confirm/", {"uid": link["uid"], "token": link["token"]})
        assert response.status_code == 400

    def test_reset_link_proves_the_address(self, api, on_commit, mailoutbox):
        user = UserFactory()
        ask_reset(api, on_commit, user.email)
        link = link_in(mailoutbox[0])
        api.post(
            "/api/password-reset/confirm/", {"uid": link["uid"], "token": link["token"], "new_password": NEW_PASSWORD}
        )
        user.refresh_from_db()
        assert user.email_verified_at is not None


def test_links_expire_after_the_setting(settings):
    from accounts.tokens import password_reset_tokens

    user = UserFactory()
    token = password_reset_tokens.make_token(user)
    assert password_reset_tokens.check_token(user, token)
    settings.PASSWORD_RESET_TIMEOUT = int(timedelta(hours=2).total_seconds())
    assert password_reset_tokens.check_token(user, token)
