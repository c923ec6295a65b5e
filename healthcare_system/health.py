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


def _broker_state() -> str:
    if not settings.CELERY_BROKER_URL:
        return "not configured"  # tasks run in-process: say so rather than "ok"
    try:
        with Connection(settings.CELERY_BROKER_URL, connect_timeout=1) as conn:
            conn.ensure_connection(max_retries=1, timeout=1)
        return "ok"
    except Exception:
        return "unavailable"


def healthz(request):
    """Liveness and readiness for load balancers: 503 when the database is down."""
    database = _database_ok()
    body = {
        "status": "ok" if database else "error",
        "database": "ok" if database else "unavailable",
        "broker": _broker_state(),
    }
    return JsonResponse(body, status=200 if database else 503)
