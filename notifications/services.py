"""Telling users things. Every app calls `notify`; nothing else sends notification mail."""

import logging
import smtplib
from collections import defaultdict
from collections.abc import Sequence

from celery import current_app
from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import ngettext

from .models import Delivery, DigestLog, Notification, NotificationPreference
from .queries import delivery_for

logger = logging.getLogger(__name__)

SUBJECT_PREFIX = "[KuDeQua] "
# The task of notifications/tasks.py, enqueued by name: the tasks import this module, not the other way round.
SEND_NOTIFICATION_TASK = "notifications.send_notification_email"


def notify(*, recipient, kind: str, subject: str, body: str = "", url: str = "") -> Notification:
    """Record a notification; mail it at once if the recipient asked for that kind immediately."""
    notification = Notification.objects.create(recipient=recipient, kind=kind, subject=subject, body=body, url=url)
    if delivery_for(recipient, kind) == Delivery.IMMEDIATE:
        transaction.on_commit(lambda: current_app.tasks[SEND_NOTIFICATION_TASK].delay(notification.pk))
    return notification


def mail_send(
    *,
    to: Sequence[str],
    text_template: str,
    subject_template: str | None = None,
    subject: str = "",
    html_template: str | None = None,
    context: dict,
    language: str | None = None,
) -> int:
    """Send one mail rendered from templates (the subject on one line, the text, optionally an HTML part) to
    the addresses `to`, in `language` (the recipient's `preferred_language`; the site's language if None).
    A subject already in words may be given as `subject` instead of `subject_template`.

    The one way for other apps to send mail that is not a notification (invitations, reminders). Callers
    inside a transaction wrap it in `transaction.on_commit`. Returns the number of mails sent (0 or 1).
    """
    with translation.override(language or settings.LANGUAGE_CODE):
        if subject_template:
            subject = render_to_string(subject_template, context)
        subject = " ".join(subject.split())
        message = render_to_string(text_template, context)
        html_message = render_to_string(html_template, context) if html_template else None
    return send_mail(
        subject=subject, message=message, from_email=None, recipient_list=list(to), html_message=html_message
    )


def absolute_url(url: str) -> str:
    """A link for an e-mail: paths become absolute with KUDEQUA_SITE_URL."""
    if not url or url.startswith(("http://", "https://")):
        return url
    return settings.KUDEQUA_SITE_URL.rstrip("/") + "/" + url.lstrip("/")


def _mail_context(recipient) -> dict:
    return {
        "user": recipient,
        "site_url": settings.KUDEQUA_SITE_URL.rstrip("/"),
        "preferences_url": absolute_url(reverse("notifications:preferences")),
    }


def notification_email_send(*, notification: Notification) -> bool:
    """Send one notification by mail. Idempotent: a notification already mailed is not sent again.

    The claim (emailed_at) and the sending share a transaction: when the mail server fails, the claim is
    rolled back and the task's retry sends it; a second worker waits for the row and then finds it claimed.
    """
    with transaction.atomic():
        claimed = Notification.objects.filter(pk=notification.pk, emailed_at__isnull=True).update(
            emailed_at=timezone.now()
        )
        if not claimed:
            return False
        recipient = notification.recipient
        with translation.override(recipient.preferred_language):
            context = {
                **_mail_context(recipient),
                "notification": notification,
                "link": absolute_url(notification.url),
            }
            send_mail(
                subject=SUBJECT_PREFIX + notification.subject,
                message=render_to_string("notifications/email/single.txt", context),
                from_email=None,
                recipient_list=[recipient.email],
            )
    return True


def daily_digests_send(*, now=None) -> int:
    """Send each user with unmailed daily notifications one digest, at most one per day. Returns the count."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    not_daily = defaultdict(set)
    for user_id, kind in NotificationPreference.objects.exclude(delivery=Delivery.DAILY).values_list("user_id", "kind"):
        not_daily[user_id].add(kind)

    pending = defaultdict(list)
    for notification in (
        Notification.objects.filter(emailed_at__isnull=True, read_at__isnull=True, created_at__lte=now)
        .select_related("recipient")
        .order_by("recipient_id", "created_at")
    ):
        if notification.kind not in not_daily[notification.recipient_id]:
            pending[notification.recipient_id].append(notification)

    sent = 0
    for user_id, notifications in pending.items():
        recipient = notifications[0].recipient
        if not recipient.is_active or recipient.anonymised_at:
            continue
        try:
            # Log, mark and send together: a failed send rolls the day back, the next (hourly) run retries.
            with transaction.atomic():
                DigestLog.objects.create(user_id=user_id, day=today)
                Notification.objects.filter(pk__in=[n.pk for n in notifications]).update(emailed_at=now)
                _digest_mail(recipient, notifications)
        except IntegrityError:
            continue  # this user's digest for today has gone out already
        except (OSError, smtplib.SMTPException):
            logger.exception("Daily digest for user %s could not be sent", user_id)
            continue
        sent += 1
    return sent


def _digest_mail(recipient, notifications) -> None:
    with translation.override(recipient.preferred_language):
        count = len(notifications)
        context = {
            **_mail_context(recipient),
            "notifications": [(n, absolute_url(n.url)) for n in notifications],
        }
        subject = ngettext(
            "Your daily summary: %(count)s new notification",
            "Your daily summary: %(count)s new notifications",
            count,
        ) % {"count": count}
        send_mail(
            subject=SUBJECT_PREFIX + subject,
            message=render_to_string("notifications/email/digest.txt", context),
            from_email=None,
            recipient_list=[recipient.email],
        )


def notifications_mark_read(*, user, notification_ids=None) -> int:
    queryset = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_ids is not None:
        queryset = queryset.filter(pk__in=notification_ids)
    return queryset.update(read_at=timezone.now())


def preferences_save(*, user, choices: dict[str, str]) -> None:
    with transaction.atomic():
        for kind, delivery in choices.items():
            NotificationPreference.objects.update_or_create(user=user, kind=kind, defaults={"delivery": delivery})
