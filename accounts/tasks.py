"""Account emails leave through Celery (in-process without a broker), after the request's commit."""

from celery import shared_task

from .emails import SENDERS
from .models import User


@shared_task(name="accounts.tasks.send_account_email", autoretry_for=(OSError,), retry_backoff=True, max_retries=3)
def send_account_email(user_id: int, kind: str, base_url: str) -> bool:
    """Build the link now (the token reflects the account's current state) and send it."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.email:
        return False
    SENDERS[kind](user, base_url)
    return True
