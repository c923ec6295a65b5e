"""Celery application.

Configured from Django settings under the ``CELERY_`` namespace. Without a
``CELERY_BROKER_URL`` the settings make tasks run eagerly in-process, so the
embedded development setup needs no Redis.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "healthcare_system.settings")

app = Celery("healthcare_system")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
