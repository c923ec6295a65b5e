"""Run the periodic jobs in a loop: Celery beat for setups without a broker.

``make run`` starts this next to runserver, so reminders, the outbox sweep and the expiry
of waitlist offers work with the embedded defaults (no Redis; tasks run in-process). The
jobs are the tasks of ``CELERY_BEAT_SCHEDULE``, so both schedulers run the same ones. With
a broker, run ``celery -A healthcare_system beat`` instead.
"""

import logging
import signal
import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import close_old_connections

from healthcare_system.celery import app

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Run the periodic jobs (reminders, outbox sweep, waitlist expiry) every --interval seconds."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=int, default=settings.NOTIFICATIONS_SCHEDULER_INTERVAL_SECONDS)
        parser.add_argument("--once", action="store_true", help="Run the jobs once and exit.")

    def handle(self, *args, interval: int, once: bool, **options):
        self._stop = False
        signal.signal(signal.SIGTERM, self._request_stop)
        if not once:
            self.stdout.write(f"Scheduler: reminders, outbox sweep and waitlist expiry every {interval}s.")
        try:
            while True:
                self.run_jobs()
                if once or self._stop:
                    return
                # A long-lived process: drop connections past CONN_MAX_AGE or broken, as requests do.
                close_old_connections()
                deadline = time.monotonic() + interval
                while not self._stop and time.monotonic() < deadline:
                    time.sleep(min(1.0, interval))
                if self._stop:
                    return
        except KeyboardInterrupt:
            return

    def run_jobs(self) -> None:
        app.loader.import_default_modules()  # registers every app's tasks
        for job in [app.tasks[entry["task"]] for entry in settings.CELERY_BEAT_SCHEDULE.values()]:
            try:
                # In this process, whatever the broker settings. The result is already there, so
                # no join can block: Celery's "inside a task" flag is process-wide and set while
                # the background sender's thread runs a task, which must not fail this job.
                count = job.apply().get(propagate=True, disable_sync_subtasks=False)
            except Exception:  # keep the loop alive; the next round retries
                logger.exception("Scheduled job %s failed", job.name)
                continue
            if count:
                self.stdout.write(f"{job.name}: {count}")

    def _request_stop(self, signum, frame):
        self._stop = True
