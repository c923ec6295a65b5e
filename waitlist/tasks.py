"""Periodic waitlist work (Celery beat; ``manage.py run_scheduler`` without a broker)."""

from celery import shared_task

from .services import waitlist_expire_due


@shared_task(name="waitlist.tasks.expire_offers")
def expire_offers() -> int:
    """Expire offers whose hold ran out, passing each slot to the next waiting patient."""
    return waitlist_expire_due()
