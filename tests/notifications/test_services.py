"""notify() and the mail it causes: immediately, in the daily digest, or not at all."""

import datetime
import smtplib

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone, translation
from django.utils.translation import ngettext

from notifications.models import Delivery, DigestLog, Kind, Notification
from notifications.services import daily_digests_send, mail_send, notification_email_send, notify, preferences_save
from notifications.tasks import send_daily_digests
from tests.accounts.helpers import german
from tests.notifications.factories import NotificationFactory

pytestmark = pytest.mark.django_db

SITE = "https://kudequa.example.org"


class FailingBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("connection lost")


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.KUDEQUA_SITE_URL = SITE


def test_notify_records_a_notification(resident):
    notification = notify(recipient=resident, kind=Kind.NEEDS, subject="Neuer Bedarf", body="Text", url="/x/")

    stored = Notification.objects.get()
    assert stored == notification
    assert (stored.recipient, stored.kind, stored.subject, stored.body, stored.url) == (
        resident,
        Kind.NEEDS,
        "Neuer Bedarf",
        "Text",
        "/x/",
    )
    assert stored.read_at is None
    assert stored.emailed_at is None


def test_by_default_nothing_is_mailed_at_once(resident, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipient=resident, kind=Kind.NEEDS, subject="Neuer Bedarf")

    assert mail.outbox == []


def test_immediate_preference_mails_at_once_with_an_absolute_link(resident, django_capture_on_commit_callbacks):
    preferences_save(user=resident, choices={Kind.NEEDS: Delivery.IMMEDIATE})

    with django_capture_on_commit_callbacks(execute=True):
        notification = notify(
            recipient=resident,
            kind=Kind.NEEDS,
            subject="Ihr Bedarf wurde veröffentlicht",
            body="Der Bedarf „Mittagstisch“ ist jetzt öffentlich.",
            url="/bedarfe/7/",
        )

    (message,) = mail.outbox
    assert message.to == ["resident@example.org"]
    assert message.subject == "[KuDeQua] Ihr Bedarf wurde veröffentlicht"
    assert message.body.startswith(german("Hello %(name)s,") % {"name": "Rita Resident"})
    assert "Der Bedarf „Mittagstisch“ ist jetzt öffentlich." in message.body  # not HTML-escaped
    assert f"{SITE}/bedarfe/7/" in message.body
    assert f"{SITE}/benachrichtigungen/einstellungen/" in message.body
    assert german("Your KuDeQua team") in message.body
    notification.refresh_from_db()
    assert notification.emailed_at is not None


def test_an_immediate_mail_goes_out_only_once(resident):
    notification = NotificationFactory(recipient=resident)

    assert notification_email_send(notification=notification) is True
    assert notification_email_send(notification=notification) is False
    assert len(mail.outbox) == 1


def test_a_failed_immediate_mail_can_be_retried(resident, settings):
    notification = NotificationFactory(recipient=resident)
    settings.EMAIL_BACKEND = "tests.notifications.test_services.FailingBackend"

    with pytest.raises(smtplib.SMTPException):
        notification_email_send(notification=notification)
    notification.refresh_from_db()
    assert notification.emailed_at is None  # the claim was rolled back

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert notification_email_send(notification=notification) is True
    assert len(mail.outbox) == 1


def test_a_greeting_without_a_display_name(resident):
    resident.display_name = ""
    resident.save()

    notification_email_send(notification=NotificationFactory(recipient=resident))

    assert mail.outbox[0].body.startswith(german("Hello,"))
    assert german("Anonymous") not in mail.outbox[0].body


def test_the_mail_is_in_the_recipients_language(resident):
    resident.preferred_language = "en"
    resident.save()

    notification_email_send(notification=NotificationFactory(recipient=resident))

    assert mail.outbox[0].body.startswith("Hello Rita Resident,")


def test_daily_digest_sends_one_mail_per_user_with_all_pending(resident, coordinator):
    first = NotificationFactory(recipient=resident, subject="Neuer Bedarf: Mittagstisch")
    second = NotificationFactory(recipient=resident, kind=Kind.INITIATIVES, subject="Initiative sucht Hilfe")
    NotificationFactory(recipient=coordinator, kind=Kind.ADVISORY, subject="Neue Aufgabe")

    assert send_daily_digests.delay().get() == 2  # eager in tests: runs in-process

    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert len(mail.outbox) == 2
    digest = by_recipient["resident@example.org"]
    assert digest.subject.startswith("[KuDeQua] ")
    assert "Neuer Bedarf: Mittagstisch" in digest.body
    assert "Initiative sucht Hilfe" in digest.body
    assert f"{SITE}{first.url}" in digest.body
    assert "Neue Aufgabe" not in digest.body
    assert "Neue Aufgabe" in by_recipient["coordinator@example.org"].body
    for notification in (first, second):
        notification.refresh_from_db()
        assert notification.emailed_at is not None


def test_a_second_digest_run_the_same_day_sends_nothing(resident):
    NotificationFactory(recipient=resident)
    send_daily_digests.delay()
    mail.outbox.clear()

    NotificationFactory(recipient=resident, subject="Später am Tag")
    assert send_daily_digests.delay().get() == 0
    assert mail.outbox == []


def test_the_next_day_brings_the_new_ones(resident):
    NotificationFactory(recipient=resident, subject="Gestern")
    send_daily_digests.delay()
    NotificationFactory(recipient=resident, subject="Heute")
    mail.outbox.clear()

    tomorrow = timezone.now() + datetime.timedelta(days=1)
    assert daily_digests_send(now=tomorrow) == 1

    (message,) = mail.outbox
    assert "Heute" in message.body
    assert "Gestern" not in message.body
    assert DigestLog.objects.filter(user=resident).count() == 2


@pytest.mark.parametrize("count", [1, 3])
def test_the_digest_subject_counts(resident, count):
    NotificationFactory.create_batch(count, recipient=resident)

    daily_digests_send()

    with translation.override("de"):
        expected = ngettext(
            "Your daily summary: %(count)s new notification", "Your daily summary: %(count)s new notifications", count
        ) % {"count": count}
    assert mail.outbox[0].subject == f"[KuDeQua] {expected}"


def test_off_sends_nothing_but_keeps_the_notification(resident, django_capture_on_commit_callbacks):
    preferences_save(user=resident, choices={Kind.NEEDS: Delivery.OFF})

    with django_capture_on_commit_callbacks(execute=True):
        notify(recipient=resident, kind=Kind.NEEDS, subject="Still")
    daily_digests_send()

    assert mail.outbox == []
    assert Notification.objects.filter(recipient=resident, subject="Still").exists()


def test_immediate_kinds_are_not_repeated_in_the_digest(resident, django_capture_on_commit_callbacks):
    preferences_save(user=resident, choices={Kind.NEEDS: Delivery.IMMEDIATE})
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipient=resident, kind=Kind.NEEDS, subject="Sofort")
    NotificationFactory(recipient=resident, kind=Kind.INITIATIVES, subject="Gesammelt")

    daily_digests_send()

    immediate, digest = mail.outbox
    assert "Sofort" in immediate.subject
    assert "Gesammelt" in digest.body
    assert "Sofort" not in digest.body


def test_read_notifications_and_deleted_accounts_get_no_digest(resident, coordinator):
    NotificationFactory(recipient=resident, read_at=timezone.now())
    NotificationFactory(recipient=coordinator)
    coordinator.is_active = False
    coordinator.save()

    assert daily_digests_send() == 0
    assert mail.outbox == []


def test_a_failed_digest_is_retried_on_the_next_run(resident, settings):
    NotificationFactory(recipient=resident)
    settings.EMAIL_BACKEND = "tests.notifications.test_services.FailingBackend"

    assert daily_digests_send() == 0
    assert not DigestLog.objects.exists()
    assert Notification.objects.get().emailed_at is None

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert daily_digests_send() == 1
    assert len(mail.outbox) == 1


@pytest.fixture
def mail_templates(settings):
    """Three templates of a mail, from memory (the i18n tags as real mail templates use them)."""
    engine = {**settings.TEMPLATES[0], "APP_DIRS": False, "DIRS": []}
    engine["OPTIONS"] = {
        **engine["OPTIONS"],
        "loaders": [
            (
                "django.template.loaders.locmem.Loader",
                {
                    "subject.txt": "{% load i18n %}\n{% translate 'Notifications' %}: {{ topic }}\n",
                    "body.txt": "Hello {{ name }}",
                    "body.html": "<p>Hello {{ name }}</p>",
                },
            )
        ],
    }
    settings.TEMPLATES = [engine]


def test_mail_send_renders_subject_text_and_html_in_the_language_asked_for(mail_templates):
    sent = mail_send(
        to=["a@example.org", "b@example.org"],
        subject_template="subject.txt",
        text_template="body.txt",
        html_template="body.html",
        context={"topic": "Marten", "name": "Ada"},
        language="de",
    )

    assert sent == 1
    (message,) = mail.outbox
    assert message.to == ["a@example.org", "b@example.org"]
    assert message.subject == "Benachrichtigungen: Marten"  # one line, translated
    assert message.body == "Hello Ada"
    assert message.alternatives[0][0] == "<p>Hello Ada</p>"


def test_mail_send_without_html_is_plain_text(mail_templates):
    mail_send(to=["a@example.org"], subject_template="subject.txt", text_template="body.txt", context={})

    assert mail.outbox[0].alternatives == []
