import pytest

from healthcare_system.celery import app as celery_app
from notifications import sms


@pytest.fixture(autouse=True)
def _notification_settings(settings):
    """SMS into a list, tasks in-process: whatever the environment of the test run says."""
    settings.SMS_BACKEND = "locmem"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # factories hash fast
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    sms.outbox.clear()
    saved = celery_app.conf.task_always_eager, celery_app.conf.task_eager_propagates
    celery_app.conf.task_always_eager = True
    celery_app.conf.task_eager_propagates = False
    yield
    celery_app.conf.task_always_eager, celery_app.conf.task_eager_propagates = saved
    sms.outbox.clear()


@pytest.fixture
def sms_outbox():
    return sms.outbox


@pytest.fixture
def postgres_only():
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (row locks and real concurrency)")
