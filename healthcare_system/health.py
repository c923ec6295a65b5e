from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from kombu import Connection


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except Exception:  # any failure means "down" to a health check
        return False


def _broker_ok() -> bool:
    if not settings.CELERY_BROKER_URL:
        return True  # tasks run in-process: there is no broker to be down
    try:
        with Connection(settings.CELERY_BROKER_URL, connect_timeout=1) as conn:
            conn.ensure_connection(max_retries=1, timeout=1)
        return True
    except Exception:
        return False


def healthz(request):
    """Liveness and readiness for load balancers: 503 when the database is down."""
    database = _database_ok()
    body = {
        "status": "ok" if database else "error",
        "database": "ok" if database else "unavailable",
        "broker": "ok" if _broker_ok() else "unavailable",
    }
    return JsonResponse(body, status=200 if database else 503)
