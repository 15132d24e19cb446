from celery import shared_task

from .models import Notification
from .services import daily_digests_send, notification_email_send


@shared_task(name="notifications.send_notification_email", autoretry_for=(ConnectionError,), retry_backoff=True)
def send_notification_email(notification_id: int) -> bool:
    """Mail one notification. Idempotent: the service claims the row before sending."""
    notification = Notification.objects.select_related("recipient").filter(pk=notification_id).first()
    if notification is None:
        return False
    return notification_email_send(notification=notification)


@shared_task(name="notifications.send_daily_digests")
def send_daily_digests() -> int:
    """Send the daily digests. Idempotent: a DigestLog row per user and day stops a second digest."""
    return daily_digests_send()
