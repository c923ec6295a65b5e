"""gunicorn settings, all overridable from the environment.

    gunicorn -c gunicorn.conf.py healthcare_system.wsgi

PORT / HOST        where to listen (default 0.0.0.0:8000)
WEB_CONCURRENCY    cap on worker processes (default: 2 x CPUs + 1, uncapped)
GUNICORN_THREADS   threads per worker (default 1: sync workers; > 1 uses gthread)
                   (> 1 when browsers reach gunicorn with no buffering proxy such as nginx in
                   front: a sync worker blocks on a connection that has not sent its request yet)
GUNICORN_TIMEOUT   seconds before a silent worker is killed and restarted (default 30)
LOG_FORMAT         json (default) or plain, like the Django settings
"""

import multiprocessing
import os


def _int_env(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


bind = f"{os.environ.get('HOST', '0.0.0.0')}:{_int_env('PORT', 8000)}"

# 2 x CPUs + 1 suits a mostly-I/O Django app; in a container cpu_count() sees the host's
# CPUs, so WEB_CONCURRENCY caps it to what the container's CPU and memory limits allow.
workers = multiprocessing.cpu_count() * 2 + 1
if os.environ.get("WEB_CONCURRENCY", "").strip():
    workers = max(1, min(workers, _int_env("WEB_CONCURRENCY", workers)))
threads = max(1, _int_env("GUNICORN_THREADS", 1))
worker_class = "gthread" if threads > 1 else "sync"

timeout = _int_env("GUNICORN_TIMEOUT", 30)
graceful_timeout = _int_env("GUNICORN_GRACEFUL_TIMEOUT", 30)
# Longer than the idle timeout of nginx/most load balancers' upstream connections.
keepalive = _int_env("GUNICORN_KEEPALIVE", 5)
# Recycle workers now and then so a slow leak can never take a replica down.
max_requests = _int_env("GUNICORN_MAX_REQUESTS", 1000)
max_requests_jitter = max(1, max_requests // 10) if max_requests else 0
# Heartbeat files on tmpfs: a slow container disk must not look like a hung worker.
if os.path.isdir("/dev/shm"):
    worker_tmp_dir = "/dev/shm"
# Trust X-Forwarded-* from the reverse proxy (nginx / the load balancer) only.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# Both logs to stdout/stderr for the container runtime; request id from the app's response.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
# Path without the query string: searches carry patient names, which must not reach the logs.
access_log_format = '%(h)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(M)sms request_id=%({x-request-id}o)s'

_log_format = os.environ.get("LOG_FORMAT", "json").strip().lower()
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "healthcare_system.logging.JsonFormatter"},
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "json" if _log_format == "json" else "plain",
        }
    },
    "loggers": {
        "gunicorn.error": {"handlers": ["console"], "level": loglevel.upper(), "propagate": False},
        "gunicorn.access": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}
