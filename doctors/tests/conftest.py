import pytest


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Every factory doctor gets a hashed password; the default hasher costs ~0.3 s each.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
