"""Without a broker, messages go out from a thread after the response, not inside the request.

With a broker, committing a booking only queues the send task. Without one (``make run``,
a small install) Celery runs the task in place, so the request that booked would wait for
the mail server. ``in_background`` hands such work to one thread per process instead.
Nothing can be lost: the outbox rows were committed before this runs, and whatever a
thread does not send (the process stopped, the mail server was down) is still pending
for the sweep (``run_scheduler``, ``notifications.tasks.sweep_pending``).
"""

import atexit
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from django.conf import settings
from django.db import connections

logger = logging.getLogger(__name__)

_executor: ThreadPoolExecutor | None = None


def _run(work: Callable, *args) -> None:
    try:
        work(*args)
    except Exception:
        logger.exception("Background notification work failed; the sweep will retry what is pending.")
    finally:
        connections.close_all()  # this thread's own connections, not the request's


def in_background(work: Callable, *args) -> None:
    """Run ``work(*args)`` on the notification thread when there is no broker (and the
    NOTIFICATIONS_SEND_IN_BACKGROUND setting is on); otherwise right here."""
    global _executor
    if not (settings.CELERY_TASK_ALWAYS_EAGER and settings.NOTIFICATIONS_SEND_IN_BACKGROUND):
        work(*args)
        return
    if _executor is None:
        _executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="notifications")
        # On shutdown, finish what was handed over (each send is bounded by its timeout).
        atexit.register(_executor.shutdown, wait=True)
    _executor.submit(_run, work, *args)
