import os

import pytest
from django.core.cache import cache, caches
from hypothesis import settings as hypothesis_settings
from rest_framework.test import APIClient

# Property tests (the slot engine's): the full run by default, as in CI; a quick one while
# working: HYPOTHESIS_PROFILE=quick .venv/bin/python -m pytest appointments/tests/test_slots.py
hypothesis_settings.register_profile("default", max_examples=150, deadline=None)
hypothesis_settings.register_profile("quick", max_examples=15, deadline=None)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # PBKDF2's 1M iterations cost ~0.3 s per user built by a factory; tests check
    # behaviour, not hash strength.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _notifications_in_the_test_thread(settings):
    # Without a broker messages go out from a background thread; tests read the outbox at once.
    settings.NOTIFICATIONS_SEND_IN_BACKGROUND = False


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Throttle counters live in the cache; one test's requests must not slow the next. Cached
    # private answers (appointments.list_cache) start afresh too.
    for store in (cache, caches["private_answers"]):
        store.clear()
    yield
    for store in (cache, caches["private_answers"]):
        store.clear()


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def client_for():
    """An API client authenticated as the given user (bypasses the token endpoint)."""

    def make(user):
        client = APIClient()
        if user is not None:
            client.force_authenticate(user)
        return client

    return make
