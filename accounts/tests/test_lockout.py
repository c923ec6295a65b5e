"""Login lockout and throttles, tried as an attacker would (issue 17, findings 1, 2, 3 and 7)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from rest_framework.test import APIClient

from accounts.tests.factories import PASSWORD, AdminUserFactory, UserFactory
from accounts.tests.rates import throttle_rates

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]
NGINX = "10.0.0.2"  # the reverse proxy's own address, as Django sees it


def login(api, username, password=PASSWORD, **headers):
    return api.post("/api/token/", {"username": username, "password": password}, format="json", **headers)


def refreshes(api, refresh, *, times):
    """The statuses of ``times`` token refreshes in a row, each with the token the last one gave."""
    statuses = []
    for _ in range(times):
        response = api.post("/api/token/refresh/", {"refresh": refresh}, format="json")
        statuses.append(response.status_code)
        refresh = response.data.get("refresh", refresh)
    return statuses


def behind_proxy(client_address):
    """A client reaching Django through nginx, which appends the address it saw."""
    return APIClient(REMOTE_ADDR=NGINX, HTTP_X_FORWARDED_FOR=client_address)


@pytest.fixture
def no_login_throttle():
    # The per-address request rate (THROTTLE_LOGIN) is a separate guard: keep it out of the way.
    with throttle_rates(login="10000/min"):
        yield


@pytest.mark.usefixtures("no_login_throttle")
class TestAccountLockout:
    def test_a_correct_login_as_oneself_never_unlocks_someone_else(self, api, settings):
        """Finding 1: 4 guesses at carol, a login as the attacker's own account, repeat."""
        UserFactory(username="carol")
        UserFactory(username="mallory")
        guesses = []
        for _ in range(6):
            guesses += [login(api, "carol", "guess").status_code for _ in range(4)]
            assert login(api, "mallory").status_code == 200
        assert guesses[: settings.AXES_FAILURE_LIMIT - 1] == [401] * (settings.AXES_FAILURE_LIMIT - 1)
        assert set(guesses[settings.AXES_FAILURE_LIMIT - 1 :]) == {429}
        assert login(api, "carol").status_code == 429

    def test_case_and_email_are_the_same_account(self, api, settings):
        """Finding 3: with bob locked, Bob / BOB / his email get no more guesses."""
        UserFactory(username="bob", email="bob@example.com")
        names = ["bob", "Bob", "BOB", "bob@example.com", "BOB@Example.com"]
        # Each try from another address: only the account can tie them together.
        statuses = [
            login(APIClient(REMOTE_ADDR=f"192.0.2.{i}"), names[i % len(names)], "guess").status_code
            for i in range(settings.AXES_FAILURE_LIMIT)
        ]
        assert statuses == [401] * (settings.AXES_FAILURE_LIMIT - 1) + [429]
        for i, name in enumerate(names, start=100):
            assert login(APIClient(REMOTE_ADDR=f"192.0.2.{i}"), name, "guess").status_code == 429, name
            assert login(APIClient(REMOTE_ADDR=f"198.51.100.{i}"), name).status_code == 429, name

    def test_the_lockout_answer_is_clear(self, api, settings):
        UserFactory(username="bob")
        for _ in range(settings.AXES_FAILURE_LIMIT):
            response = login(api, "bob", "guess")
        assert response.status_code == 429
        assert response.json()["detail"] == "Too many failed login attempts. Try again later."

    def test_attempts_while_locked_do_not_extend_the_lock(self, api, settings):
        from django.core.cache import cache

        from accounts.lockout import account_key

        UserFactory(username="bob")
        for _ in range(settings.AXES_FAILURE_LIMIT + 5):
            login(api, "bob", "guess")
        assert cache.get(account_key("bob")) == settings.AXES_FAILURE_LIMIT

    def test_someone_elses_typos_do_not_lock_an_admin_out(self, api, settings):
        """Finding 2: a colleague at the same address mistypes; the admin still logs in."""
        UserFactory(username="bob")
        AdminUserFactory(username="boss")
        for _ in range(settings.AXES_FAILURE_LIMIT):
            login(api, "bob", "typo")
        assert login(api, "boss").status_code == 200
        admin_site = Client()
        admin_site.get("/admin/login/")
        response = admin_site.post("/admin/login/?next=/admin/", {"username": "boss", "password": PASSWORD})
        assert response.status_code == 302
        assert response["Location"] == "/admin/"

    def test_the_django_admin_login_is_locked_per_account_too(self, settings):
        AdminUserFactory(username="boss")
        admin_site = Client()
        for _ in range(settings.AXES_FAILURE_LIMIT):
            admin_site.post("/admin/login/", {"username": "BOSS", "password": "guess"})
        response = admin_site.post("/admin/login/", {"username": "boss", "password": PASSWORD})
        assert response.status_code == 429


@pytest.mark.usefixtures("no_login_throttle")
class TestAddressLockout:
    def test_an_address_guessing_many_accounts_is_locked_but_not_its_neighbours(self, settings):
        """Finding 2: behind nginx every request comes from the proxy's address."""
        settings.TRUSTED_PROXY_COUNT = 1
        settings.LOGIN_IP_FAILURE_LIMIT = 4
        UserFactory(username="grace")
        attacker = behind_proxy("203.0.113.9")
        statuses = [login(attacker, f"victim{i}", "guess").status_code for i in range(4)]
        assert statuses == [401, 401, 401, 429]
        # A new name, and a forged hop in front of the one nginx added, change nothing.
        assert login(attacker, "victim9", "guess").status_code == 429
        forged = login(attacker, "grace", HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.9")
        assert forged.status_code == 429
        # Another client behind the same proxy is unaffected.
        assert login(behind_proxy("198.51.100.7"), "grace").status_code == 200

    def test_without_trusted_proxies_forwarded_for_is_ignored(self, settings):
        settings.LOGIN_IP_FAILURE_LIMIT = 3
        statuses = [
            login(APIClient(HTTP_X_FORWARDED_FOR=f"192.0.2.{i}"), f"victim{i}", "guess").status_code for i in range(4)
        ]
        assert statuses == [401, 401, 429, 429]

    def test_the_address_limit_is_more_lenient_than_the_account_limit(self, settings):
        assert settings.LOGIN_IP_FAILURE_LIMIT > settings.AXES_FAILURE_LIMIT


class TestThrottles:
    def registration(self, n):
        return {
            "username": f"newcomer{n}",
            "email": f"newcomer{n}@example.com",
            "password": "Correct-Horse-42",
            "first_name": "New",
            "last_name": "Comer",
            "phone": "+49 151 23456789",
        }

    def test_page_loads_that_refresh_tokens_do_not_use_up_the_login_limit(self, api):
        """Every page load of the SPA refreshes its token: at the login's 10 a minute, shared by
        a clinic's desks behind one address, staff were logged out by a 429 after a few pages."""
        UserFactory(username="alice")
        with throttle_rates(login="2/min"):
            statuses = refreshes(api, login(api, "alice").data["refresh"], times=4)
            statuses.append(login(api, "alice").status_code)
        assert statuses == [200, 200, 200, 200, 200]

    def test_token_refreshes_have_a_limit_of_their_own(self, api):
        UserFactory(username="alice")
        with throttle_rates(login="100/min", token_refresh="2/min"):
            statuses = refreshes(api, login(api, "alice").data["refresh"], times=3)
        assert statuses == [200, 200, 429]

    def test_spoofed_forwarded_for_does_not_escape_the_registration_limit(self, api):
        """Finding 7: each request claimed to come from a new address."""
        with throttle_rates(registration="3/hour"):
            statuses = [
                api.post(
                    "/api/registrations/", self.registration(n), format="json", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}"
                ).status_code
                for n in range(5)
            ]
        assert statuses == [201, 201, 201, 429, 429]

    def test_clients_behind_the_trusted_proxy_are_counted_apart(self, settings):
        settings.TRUSTED_PROXY_COUNT = 1
        with throttle_rates(registration="1/hour"):
            first = behind_proxy("203.0.113.9").post("/api/registrations/", self.registration(1), format="json")
            second = behind_proxy("203.0.113.9").post("/api/registrations/", self.registration(2), format="json")
            neighbour = behind_proxy("198.51.100.7").post("/api/registrations/", self.registration(3), format="json")
        assert (first.status_code, second.status_code, neighbour.status_code) == (201, 429, 201)

    def test_another_worker_process_sees_the_same_counters(self, api, settings, tmp_path):
        """Finding 7: the counters were process memory; with CACHE_URL on Redis they are shared."""
        url = os.environ.get("REDIS_TEST_URL", "")
        if not url:
            pytest.skip("set REDIS_TEST_URL (a Redis database for tests only)")
        # Only the default cache moves to Redis; the per-process caches stay as they are.
        redis_cache = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
        settings.CACHES = {**settings.CACHES, "default": redis_cache}
        with throttle_rates(registration="2/hour"):
            for n in range(2):
                assert api.post("/api/registrations/", self.registration(n), format="json").status_code == 201
        # A second process (as another gunicorn worker would be) with the same CACHE_URL.
        script = (
            "import django; django.setup()\n"
            "from django.test import Client\n"
            "print(Client().post('/api/registrations/', {}, content_type='application/json',"
            " HTTP_X_FORWARDED_FOR='192.0.2.77').status_code)\n"
        )
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "healthcare_system.settings",
            "CACHE_URL": url,
            "THROTTLE_REGISTRATION": "2/hour",
            "RATE_LIMITS_ENABLED": "true",
            # Never reached when the throttle answers first; a scratch file otherwise.
            "DATABASE_URL": f"sqlite:///{tmp_path / 'other-worker.sqlite3'}",
        }
        result = subprocess.run(
            [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
        )
        assert result.stdout.strip().splitlines()[-1:] == ["429"], result.stdout + result.stderr
