"""Task reminders: owners of tasks due tomorrow and of overdue tasks get one mail per task and day."""

import datetime

import pytest
from django.conf import settings
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone

from advisory import services
from advisory.models import TaskReminder
from advisory.tasks import send_task_reminders

pytestmark = pytest.mark.django_db


def day(offset: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=offset)


@pytest.fixture
def tasks(case, advisor, lead, core):
    make = lambda title, owner, due: services.task_create(  # noqa: E731
        case=case, title=title, owner=owner, due_on=due, by=advisor
    )
    done = make("Erledigt", lead, day(-2))
    services.task_complete(task=done, by=lead)
    return {
        "tomorrow": make("Morgen fällig", lead, day(1)),
        "overdue": make("Überfällig", core, day(-3)),
        "today": make("Heute fällig", lead, day(0)),
        "later": make("Später", lead, day(2)),
        "undated": make("Ohne Datum", lead, None),
        "unowned": make("Ohne Besitzer", None, day(-1)),
        "done": done,
        "advisors": make("Beraterin überfällig", advisor, day(-1)),
    }


def subjects():
    return sorted(message.subject for message in mail.outbox)


def test_owners_of_tasks_due_tomorrow_and_overdue_get_one_mail_each(tasks, lead, core, advisor):
    assert services.task_reminders_send() == 3
    # The subject's wording is translated; its prefix and the task's title are not.
    assert all(subject.startswith("[KuDeQua] ") for subject in subjects())
    assert sorted(subject.split(": ", 1)[1] for subject in subjects()) == [
        "Beraterin überfällig",
        "Morgen fällig",
        "Überfällig",
    ]
    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == sorted([lead.email, core.email, advisor.email])
    assert set(TaskReminder.objects.values_list("task__title", "kind")) == {
        ("Morgen fällig", "due_tomorrow"),
        ("Überfällig", "overdue"),
        ("Beraterin überfällig", "overdue"),
    }


def test_running_twice_the_same_day_sends_nothing_twice(tasks):
    assert services.task_reminders_send() == 3
    assert services.task_reminders_send() == 0
    assert send_task_reminders.delay().get() == 0  # the Celery task, eager here
    assert len(mail.outbox) == 3
    assert TaskReminder.objects.count() == 3


def test_the_next_day_overdue_tasks_are_reminded_again(tasks):
    services.task_reminders_send()
    mail.outbox.clear()
    # "Später" is due tomorrow now, "Heute fällig" has become overdue, two are still overdue.
    assert services.task_reminders_send(today=day(1)) == 4
    titles = sorted(message.subject.split(": ", 1)[1] for message in mail.outbox)
    assert titles == ["Beraterin überfällig", "Heute fällig", "Später", "Überfällig"]


def test_the_database_refuses_a_second_reminder_for_the_same_day(tasks):
    from django.db import IntegrityError, transaction

    services.task_reminders_send()
    with pytest.raises(IntegrityError), transaction.atomic():
        TaskReminder.objects.create(task=tasks["tomorrow"], day=timezone.localdate(), kind="due_tomorrow")


def test_done_tasks_and_deleted_accounts_get_no_reminder(tasks, core):
    services.task_complete(task=tasks["tomorrow"], by=core)
    from accounts.services import user_delete

    user_delete(user=core)  # the overdue task goes back to the case without an owner
    assert services.task_reminders_send() == 1
    assert [message.subject.split(": ", 1)[1] for message in mail.outbox] == ["Beraterin überfällig"]


class FailingBackend(BaseEmailBackend):
    def send_messages(self, messages):
        raise OSError("mail server down")


def test_a_failed_mail_is_tried_again_by_the_next_run(tasks, settings):
    settings.EMAIL_BACKEND = f"{__name__}.FailingBackend"
    assert services.task_reminders_send() == 0
    assert not TaskReminder.objects.exists()  # the claim was rolled back with the failed mail
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert services.task_reminders_send() == 3


def test_the_reminder_mail_is_in_the_owners_language_and_links_to_my_tasks(tasks, lead):
    lead.preferred_language = "en"
    lead.save()
    services.task_reminders_send()
    message = next(m for m in mail.outbox if m.to == [lead.email])
    assert message.subject == "[KuDeQua] Task due tomorrow: Morgen fällig"
    assert "/beratung/aufgaben/" in message.body
    assert "Elterninitiative Eving" in message.body


# --- The beat schedule -----------------------------------------------------------------------------


def test_the_beat_schedule_runs_the_registered_reminder_task_daily():
    from celery.schedules import crontab

    from kudequa.celery import app

    entry = settings.CELERY_BEAT_SCHEDULE["advisory-task-reminders"]
    assert entry["task"] == send_task_reminders.name == "advisory.send_task_reminders"
    app.loader.import_default_modules()
    assert entry["task"] in app.tasks
    assert isinstance(entry["schedule"], crontab)
    # Every day, hourly in the daytime: the first run sends, later runs retry what failed.
    assert entry["schedule"].day_of_week == set(range(7))
    assert 7 in entry["schedule"].hour and 0 in entry["schedule"].minute
    assert app.conf.beat_schedule["advisory-task-reminders"]["task"] == "advisory.send_task_reminders"
