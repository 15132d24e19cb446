"""Telling users things. Every app calls `notify`; nothing else sends notification mail."""

from collections import defaultdict

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .models import Delivery, DigestLog, Notification, NotificationPreference
from .queries import delivery_for


def notify(*, recipient, kind: str, subject: str, body: str = "", url: str = "") -> Notification:
    """Record a notification; mail it at once if the recipient asked for that kind immediately."""
    notification = Notification.objects.create(recipient=recipient, kind=kind, subject=subject, body=body, url=url)
    if delivery_for(recipient, kind) == Delivery.IMMEDIATE:
        from .tasks import send_notification_email

        transaction.on_commit(lambda: send_notification_email.delay(notification.pk))
    return notification


def _absolute(url: str) -> str:
    if not url or url.startswith("http"):
        return url
    return settings.KUDEQUA_SITE_URL.rstrip("/") + url


def notification_email_send(*, notification: Notification) -> bool:
    """Send one notification by mail. Idempotent: a notification already mailed is not sent again."""
    claimed = Notification.objects.filter(pk=notification.pk, emailed_at__isnull=True).update(emailed_at=timezone.now())
    if not claimed:
        return False
    recipient = notification.recipient
    with translation.override(recipient.preferred_language):
        context = {"user": recipient, "notifications": [notification], "absolute": _absolute(notification.url)}
        send_mail(
            subject=f"[KuDeQua] {notification.subject}",
            message=render_to_string("notifications/email/single.txt", context),
            from_email=None,
            recipient_list=[recipient.email],
        )
    return True


def daily_digests_send(*, now=None) -> int:
    """Send each user with unmailed daily notifications one digest, at most one per day. Returns the count."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    off_or_immediate = defaultdict(set)
    for user_id, kind in NotificationPreference.objects.exclude(delivery=Delivery.DAILY).values_list("user_id", "kind"):
        off_or_immediate[user_id].add(kind)

    pending = defaultdict(list)
    for notification in (
        Notification.objects.filter(emailed_at__isnull=True, read_at__isnull=True)
        .select_related("recipient")
        .order_by("recipient_id", "created_at")
    ):
        if notification.kind not in off_or_immediate[notification.recipient_id]:
            pending[notification.recipient_id].append(notification)

    sent = 0
    for user_id, notifications in pending.items():
        recipient = notifications[0].recipient
        if not recipient.is_active or recipient.anonymised_at:
            continue
        try:
            with transaction.atomic():
                DigestLog.objects.create(user_id=user_id, day=today)
                Notification.objects.filter(pk__in=[n.pk for n in notifications]).update(emailed_at=now)
        except IntegrityError:
            continue  # this user's digest for today has gone out already
        with translation.override(recipient.preferred_language):
            context = {
                "user": recipient,
                "notifications": [(n, _absolute(n.url)) for n in notifications],
                "site_url": settings.KUDEQUA_SITE_URL,
            }
            send_mail(
                subject=_("[KuDeQua] Your daily summary: %(count)s new notifications") % {"count": len(notifications)},
                message=render_to_string("notifications/email/digest.txt", context),
                from_email=None,
                recipient_list=[recipient.email],
            )
        sent += 1
    return sent


def notifications_mark_read(*, user, notification_ids=None) -> int:
    queryset = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_ids is not None:
        queryset = queryset.filter(pk__in=notification_ids)
    return queryset.update(read_at=timezone.now())


def preferences_save(*, user, choices: dict[str, str]) -> None:
    with transaction.atomic():
        for kind, delivery in choices.items():
            NotificationPreference.objects.update_or_create(user=user, kind=kind, defaults={"delivery": delivery})
