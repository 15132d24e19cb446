"""Tasks of a case: create, complete, reopen, and the daily reminders to their owners."""

from __future__ import annotations

import datetime
import logging
import smtplib

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from notifications.models import Kind
from notifications.services import SUBJECT_PREFIX, absolute_url, mail_send, notify

from ..models import Case, Consultation, Task, TaskReminder
from .people import check_task_owner

logger = logging.getLogger(__name__)


@transaction.atomic
def task_create(
    *,
    case: Case,
    title: str,
    by,
    owner=None,
    due_on: datetime.date | None = None,
    consultation: Consultation | None = None,
) -> Task:
    """A task from a next step. Its owner is told (unless they created it themselves)."""
    check_task_owner(case, owner)
    task = Task(case=case, consultation=consultation, title=title, owner=owner, due_on=due_on, created_by=by)
    task.full_clean()
    task.save()
    if owner is not None and owner != by:
        with translation.override(owner.preferred_language):
            notify(
                recipient=owner,
                kind=Kind.ADVISORY,
                subject=_("New task: %(title)s") % {"title": task.title},
                body=_("%(case)s: %(title)s (due %(due)s)")
                % {
                    "case": case.display_name,
                    "title": task.title,
                    "due": due_on.strftime("%d.%m.%Y") if due_on else _("no date"),
                },
                url=reverse("advisory:my_tasks"),
            )
    return task


@transaction.atomic
def task_complete(*, task: Task, by) -> Task:
    if task.done_at is None:
        task.done_at = timezone.now()
        task.done_by = by
        task.save(update_fields=["done_at", "done_by"])
    return task


@transaction.atomic
def task_reopen(*, task: Task, by) -> Task:
    if task.done_at is not None:
        task.done_at = None
        task.done_by = None
        task.save(update_fields=["done_at", "done_by"])
    return task


def tasks_due_for_reminder(today: datetime.date):
    """Open tasks with an active owner, due tomorrow or overdue, not yet reminded today."""
    tomorrow = today + datetime.timedelta(days=1)
    return (
        Task.objects.filter(done_at__isnull=True, owner__isnull=False, owner__is_active=True)
        .filter(owner__anonymised_at__isnull=True)
        .filter(Q(due_on=tomorrow) | Q(due_on__lt=today))
        .exclude(reminders__day=today)
        .select_related("owner", "case__initiative")
        .order_by("owner_id", "due_on", "pk")
    )


def task_reminders_send(*, today: datetime.date | None = None) -> int:
    """Mail the owners of tasks due tomorrow and of overdue tasks: once per task and day. Returns the count.

    The TaskReminder row (unique per task and day) and the mail share a transaction: a second run, or a
    second worker at the same time, fails on the constraint and sends nothing; a failed send rolls the row
    back so a later run the same day tries again.
    """
    today = today or timezone.localdate()
    sent = 0
    for task in tasks_due_for_reminder(today):
        kind = TaskReminder.Kind.OVERDUE if task.due_on < today else TaskReminder.Kind.DUE_TOMORROW
        try:
            with transaction.atomic():
                TaskReminder.objects.create(task=task, day=today, kind=kind)
                _reminder_mail(task, kind)
        except IntegrityError:
            continue
        except (OSError, smtplib.SMTPException):
            logger.exception("Task reminder for task %s could not be sent", task.pk)
            continue
        sent += 1
    return sent


def _reminder_mail(task: Task, kind: str) -> None:
    owner = task.owner
    with translation.override(owner.preferred_language):
        if kind == TaskReminder.Kind.OVERDUE:
            subject = _("Overdue task: %(title)s") % {"title": task.title}
        else:
            subject = _("Task due tomorrow: %(title)s") % {"title": task.title}
        context = {
            "user": owner,
            "task": task,
            "overdue": kind == TaskReminder.Kind.OVERDUE,
            "case_name": task.case.display_name,
            "link": absolute_url(reverse("advisory:my_tasks")),
            "site_url": settings.KUDEQUA_SITE_URL.rstrip("/"),
        }
    mail_send(
        to=[owner.email],
        subject=SUBJECT_PREFIX + subject,
        text_template="advisory/email/task_reminder.txt",
        context=context,
        language=owner.preferred_language,
    )
