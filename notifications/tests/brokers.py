"""Pointing this process's Celery app at a real broker for a test, and back."""

from contextlib import contextmanager

import kombu.pools

from healthcare_system.celery import app as celery_app


def _forget_broker_connections() -> None:
    # Celery binds its connection pool and producer pool to the broker URL of first use (even
    # eager tasks take a producer); drop both, as Celery does after a fork, so the next task
    # goes to the broker_url configured now.
    kombu.pools.reset()
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@contextmanager
def tasks_via_broker(url: str, **conf):
    """Queue tasks on the broker at ``url`` (not in-process) until the block ends; then restore."""
    settings = {"task_always_eager": False, "broker_url": url, **conf}
    saved = {key: celery_app.conf[key] for key in settings}
    _forget_broker_connections()
    celery_app.conf.update(settings)
    try:
        yield
    finally:
        celery_app.conf.update(saved)
        _forget_broker_connections()
