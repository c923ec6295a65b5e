"""Celery tasks of the outbox: ids in, a service call, the outcome recorded on the row.

Sending tasks are idempotent (the service claims the row before sending), so ``acks_late``
redeliveries, duplicate queueing by the sweep and concurrent workers send each message once.
Transient failures are retried with exponential backoff through Celery; the backoff is also
written on the row, so a retry whose message is lost is picked up by ``sweep_pending``.
"""

from celery import shared_task

from .delivery import notification_deliver, notifications_sweep
from .services import reminders_send_due


def _deliver(task, notification_id: int) -> str:
    outcome = notification_deliver(notification_id=notification_id)
    if outcome.status == "retry" and not task.request.is_eager:
        # The row counts attempts and gives up after NOTIFICATIONS_MAX_ATTEMPTS, so Celery's
        # own limit is off. Run in-process (no broker), the sweep retries it instead of
        # blocking the request that booked.
        raise task.retry(countdown=outcome.retry_in, max_retries=None)
    return outcome.status


@shared_task(bind=True, acks_late=True, name="notifications.tasks.send_appointment_email")
def send_appointment_email(self, notification_id: int) -> str:
    """Send one recorded email notification (booking, change, cancellation, reminder)."""
    return _deliver(self, notification_id)


@shared_task(bind=True, acks_late=True, name="notifications.tasks.send_appointment_sms")
def send_appointment_sms(self, notification_id: int) -> str:
    """Send one recorded SMS notification."""
    return _deliver(self, notification_id)


@shared_task(name="notifications.tasks.sweep_pending")
def sweep_pending() -> int:
    """Queue pending messages whose on-commit task never ran (broker down) or whose worker died."""
    return notifications_sweep()


@shared_task(name="notifications.tasks.send_due_reminders")
def send_due_reminders() -> int:
    """Record and queue the reminders now due (once per appointment and start time)."""
    return reminders_send_due()
