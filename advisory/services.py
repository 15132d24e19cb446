"""Writes of advisory casework: keyword-only, atomic, validated; mail and notifications go out on commit.

Services check the state of things (a closed case takes no new consultations; a task owner must belong to
the case); who may call them is decided by advisory/rules.py in the views.
"""

from __future__ import annotations

import datetime
import logging
import smtplib
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from initiatives.models import Initiative, Membership
from notifications.models import Kind
from notifications.services import SUBJECT_PREFIX, absolute_url, notify
from quarters.models import StaffRole

from .models import (
    Case,
    ConfidentialNote,
    ConfidentialNoteRead,
    Consultation,
    ConsultationTopic,
    Phase,
    PhaseChange,
    Referral,
    Task,
    TaskReminder,
    Topic,
    Workshop,
)

logger = logging.getLogger(__name__)

CORE_ROLES = (Membership.Role.LEAD, Membership.Role.CORE)


# --- Who may take part -----------------------------------------------------------------------------


def staff_user_ids(municipality) -> set[int]:
    return set(StaffRole.objects.filter(municipality=municipality).values_list("user_id", flat=True))


def core_team_user_ids(initiative) -> set[int]:
    if initiative is None:
        return set()
    return set(Membership.objects.filter(initiative=initiative, role__in=CORE_ROLES).values_list("user_id", flat=True))


def member_user_ids(initiative) -> set[int]:
    if initiative is None:
        return set()
    return set(Membership.objects.filter(initiative=initiative).values_list("user_id", flat=True))


def _check_advisor(case_or_municipality, advisor) -> None:
    municipality = getattr(case_or_municipality, "municipality", case_or_municipality)
    if advisor is not None and advisor.pk not in staff_user_ids(municipality):
        raise ValidationError({"advisor": _("The advisor must be staff of the municipality.")})


def _check_task_owner(case: Case, owner) -> None:
    if owner is None:
        return
    if owner.pk not in staff_user_ids(case.municipality) | core_team_user_ids(case.initiative):
        raise ValidationError(
            {"owner": _("A task belongs to staff of the municipality or to the initiative's lead or core team.")}
        )


# --- Cases -----------------------------------------------------------------------------------------


@transaction.atomic
def case_open(
    *,
    municipality,
    quarter,
    by,
    initiative: Initiative | None = None,
    name: str = "",
    contact_name: str = "",
    contact_email: str = "",
    contact_phone: str = "",
    advisor=None,
    opened_on: datetime.date | None = None,
) -> Case:
    """Open a case for an initiative or an unregistered group. An advisor who opens a case takes it on."""
    if initiative is not None and Case.objects.filter(initiative=initiative).exists():
        raise ValidationError({"initiative": _("This initiative already has an advisory case.")})
    if (
        advisor is None
        and StaffRole.objects.filter(user=by, municipality=municipality, role=StaffRole.Role.ADVISOR).exists()
    ):
        advisor = by
    _check_advisor(municipality, advisor)
    case = Case(
        municipality=municipality,
        quarter=quarter,
        initiative=initiative,
        name=name or (initiative.name if initiative else ""),
        contact_name=contact_name,
        contact_email=contact_email,
        contact_phone=contact_phone,
        advisor=advisor,
        opened_on=opened_on or timezone.localdate(),
        created_by=by,
    )
    case.full_clean()
    case.save()
    PhaseChange.objects.create(
        case=case, from_phase="", to_phase=case.phase, changed_by=by, changed_at=_moment(case.opened_on, "00:00")
    )
    if advisor is not None and advisor != by:
        _notify_case_assigned(case, advisor)
    return case


@transaction.atomic
def case_update(
    *,
    case: Case,
    by,
    name: str,
    quarter,
    initiative: Initiative | None = None,
    contact_name: str = "",
    contact_email: str = "",
    contact_phone: str = "",
) -> Case:
    """Change the case's details; linking a group's case to its newly registered initiative happens here."""
    if (
        initiative is not None
        and initiative.pk != case.initiative_id
        and Case.objects.filter(initiative=initiative).exclude(pk=case.pk).exists()
    ):
        raise ValidationError({"initiative": _("This initiative already has an advisory case.")})
    case.name = name
    case.quarter = quarter
    case.initiative = initiative
    case.contact_name = contact_name
    case.contact_email = contact_email
    case.contact_phone = contact_phone
    case.full_clean()
    case.save()
    return case


def case_link_initiative(*, case: Case, initiative: Initiative, by) -> Case:
    """Link a group's case to the initiative the group has registered meanwhile."""
    return case_update(
        case=case,
        by=by,
        name=case.name,
        quarter=case.quarter,
        initiative=initiative,
        contact_name=case.contact_name,
        contact_email=case.contact_email,
        contact_phone=case.contact_phone,
    )


@transaction.atomic
def case_assign(*, case: Case, advisor, by) -> Case:
    """A coordinator assigns the case to an advisor (None: unassigned)."""
    _check_advisor(case, advisor)
    previous = case.advisor_id
    case.advisor = advisor
    case.save(update_fields=["advisor", "updated_at"])
    if advisor is not None and advisor.pk != previous and advisor != by:
        _notify_case_assigned(case, advisor)
    return case


def _notify_case_assigned(case: Case, advisor) -> None:
    with translation.override(advisor.preferred_language):
        notify(
            recipient=advisor,
            kind=Kind.ADVISORY,
            subject=_("You advise %(case)s") % {"case": case.display_name},
            body=_("The advisory case %(case)s has been assigned to you.") % {"case": case.display_name},
            url=case.get_absolute_url(),
        )


def _moment(day: datetime.date, time_of_day: str) -> datetime.datetime:
    """Now for today; a fixed time of that day for a change recorded afterwards."""
    if day == timezone.localdate():
        return timezone.now()
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.fromisoformat(time_of_day)))


@transaction.atomic
def case_move_phase(*, case: Case, phase: str, by, on: datetime.date | None = None) -> PhaseChange | None:
    """Move the case to a phase. Closing closes it with a date; leaving "closed" opens it again."""
    if phase not in Phase.values:
        raise ValidationError({"phase": _("Choose a phase from the list.")})
    if phase == case.phase:
        return None
    on = on or timezone.localdate()
    if on > timezone.localdate() or on < case.opened_on:
        raise ValidationError({"on": _("The date must lie between the case's opening and today.")})
    previous = case.phase
    case.phase = phase
    if phase == Phase.CLOSED:
        case.status = Case.Status.CLOSED
        case.closed_on = on
        case.paused_on = None
    elif case.status == Case.Status.CLOSED:
        case.status = Case.Status.OPEN
        case.closed_on = None
    case.full_clean()
    case.save()
    return PhaseChange.objects.create(
        case=case, from_phase=previous, to_phase=phase, changed_by=by, changed_at=_moment(on, "12:00")
    )


@transaction.atomic
def case_pause(*, case: Case, by, on: datetime.date | None = None) -> Case:
    if case.status != Case.Status.OPEN:
        raise ValidationError(_("Only an open case can be paused."))
    case.status = Case.Status.PAUSED
    case.paused_on = on or timezone.localdate()
    case.full_clean()
    case.save(update_fields=["status", "paused_on", "updated_at"])
    return case


@transaction.atomic
def case_resume(*, case: Case, by) -> Case:
    if case.status != Case.Status.PAUSED:
        raise ValidationError(_("Only a paused case can be resumed."))
    case.status = Case.Status.OPEN
    case.paused_on = None
    case.full_clean()
    case.save(update_fields=["status", "paused_on", "updated_at"])
    return case


# --- Consultations and confidential notes ----------------------------------------------------------


def _check_topics(topics: Iterable[str]) -> list[str]:
    topics = list(dict.fromkeys(topics))
    if any(topic not in Topic.values for topic in topics):
        raise ValidationError({"topics": _("Choose the topics from the list.")})
    return topics


def _check_participants(case: Case, participants) -> list:
    participants = list(participants or [])
    allowed = staff_user_ids(case.municipality) | member_user_ids(case.initiative)
    if any(person.pk not in allowed for person in participants):
        raise ValidationError({"participants": _("Link only staff of the municipality or members of the initiative.")})
    return participants


def _save_note(consultation: Consultation, text: str, by) -> None:
    text = (text or "").strip()
    note = ConfidentialNote.objects.filter(consultation=consultation).first()
    if not text:
        if note is not None:
            note.delete()
        return
    if note is None:
        note = ConfidentialNote(consultation=consultation, text=text, written_by=by)
    elif note.text == text:
        return
    else:
        note.text = text
        note.written_by = by
    note.full_clean()
    note.save()


@transaction.atomic
def consultation_log(
    *,
    case: Case,
    held_on: datetime.date,
    duration_minutes: int,
    format: str,
    topics: Iterable[str],
    summary: str,
    by,
    participants=(),
    participants_text: str = "",
    outcomes: str = "",
    next_steps: str = "",
    confidential_note: str = "",
) -> Consultation:
    """Log a consultation with its topics and, if given, its confidential note."""
    if case.is_closed:
        raise ValidationError(_("The case is closed. Open it again before logging a consultation."))
    if held_on > timezone.localdate():
        raise ValidationError({"held_on": _("A consultation cannot lie in the future.")})
    topics = _check_topics(topics)
    participants = _check_participants(case, participants)
    consultation = Consultation(
        case=case,
        held_on=held_on,
        duration_minutes=duration_minutes,
        format=format,
        participants_text=participants_text.strip(),
        summary=(summary or "").strip(),
        outcomes=(outcomes or "").strip(),
        next_steps=(next_steps or "").strip(),
        advisor=by,
    )
    consultation.full_clean()
    consultation.save()
    ConsultationTopic.objects.bulk_create(ConsultationTopic(consultation=consultation, topic=t) for t in topics)
    consultation.participants.set(participants)
    _save_note(consultation, confidential_note, by)
    return consultation


@transaction.atomic
def consultation_update(
    *,
    consultation: Consultation,
    held_on: datetime.date,
    duration_minutes: int,
    format: str,
    topics: Iterable[str],
    summary: str,
    by,
    participants=(),
    participants_text: str = "",
    outcomes: str = "",
    next_steps: str = "",
    confidential_note: str = "",
) -> Consultation:
    if held_on > timezone.localdate():
        raise ValidationError({"held_on": _("A consultation cannot lie in the future.")})
    topics = _check_topics(topics)
    participants = _check_participants(consultation.case, participants)
    consultation.held_on = held_on
    consultation.duration_minutes = duration_minutes
    consultation.format = format
    consultation.participants_text = participants_text.strip()
    consultation.summary = (summary or "").strip()
    consultation.outcomes = (outcomes or "").strip()
    consultation.next_steps = (next_steps or "").strip()
    consultation.full_clean()
    consultation.save()
    consultation.topics.exclude(topic__in=topics).delete()
    existing = set(consultation.topics.values_list("topic", flat=True))
    ConsultationTopic.objects.bulk_create(
        ConsultationTopic(consultation=consultation, topic=t) for t in topics if t not in existing
    )
    consultation.participants.set(participants)
    _save_note(consultation, confidential_note, by)
    return consultation


def confidential_notes_read(*, notes: Iterable[ConfidentialNote], by, page: str = "") -> list[ConfidentialNote]:
    """Record that `by` is shown these notes, one row per note and display. Call before rendering them."""
    notes = list(notes)
    now = timezone.now()
    ConfidentialNoteRead.objects.bulk_create(
        ConfidentialNoteRead(note=note, case_id=note.consultation.case_id, reader=by, read_at=now, page=page)
        for note in notes
    )
    return notes


# --- Tasks -----------------------------------------------------------------------------------------


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
    _check_task_owner(case, owner)
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
        send_mail(
            subject=SUBJECT_PREFIX + subject,
            message=render_to_string("advisory/email/task_reminder.txt", context),
            from_email=None,
            recipient_list=[owner.email],
        )


# --- Referrals -------------------------------------------------------------------------------------


@transaction.atomic
def referral_create(
    *,
    case: Case,
    actor_type: str,
    actor_name: str,
    by,
    reason: str = "",
    status: str = Referral.Status.PLANNED,
    result: str = "",
    referred_on: datetime.date | None = None,
    closed_on: datetime.date | None = None,
) -> Referral:
    referral = Referral(
        case=case,
        actor_type=actor_type,
        actor_name=(actor_name or "").strip(),
        reason=(reason or "").strip(),
        status=status,
        result=(result or "").strip(),
        referred_on=referred_on or timezone.localdate(),
        created_by=by,
    )
    _set_referral_closed(referral, closed_on)
    referral.full_clean()
    referral.save()
    return referral


@transaction.atomic
def referral_update(
    *, referral: Referral, status: str, result: str, by, closed_on: datetime.date | None = None
) -> Referral:
    referral.status = status
    referral.result = (result or "").strip()
    _set_referral_closed(referral, closed_on)
    referral.full_clean()
    referral.save()
    return referral


def _set_referral_closed(referral: Referral, closed_on) -> None:
    if referral.status in Referral.OPEN_STATUSES:
        referral.closed_on = None
    else:
        referral.closed_on = closed_on or referral.closed_on or timezone.localdate()
        if referral.closed_on < referral.referred_on:
            raise ValidationError({"closed_on": _("A referral cannot conclude before it was made.")})


# --- Workshops -------------------------------------------------------------------------------------


def _check_cases(municipality, cases) -> list[Case]:
    cases = list(cases or [])
    if any(case.municipality_id != municipality.pk for case in cases):
        raise ValidationError({"cases": _("Only cases of the same municipality can take part.")})
    return cases


@transaction.atomic
def workshop_create(
    *,
    municipality,
    title: str,
    topic: str,
    held_on: datetime.date,
    place: str,
    by,
    description: str = "",
    attendees: int | None = None,
    cases=(),
) -> Workshop:
    cases = _check_cases(municipality, cases)
    workshop = Workshop(
        municipality=municipality,
        title=(title or "").strip(),
        topic=topic,
        held_on=held_on,
        place=(place or "").strip(),
        description=(description or "").strip(),
        attendees=attendees,
        created_by=by,
    )
    workshop.full_clean()
    workshop.save()
    workshop.cases.set(cases)
    return workshop


@transaction.atomic
def workshop_update(
    *,
    workshop: Workshop,
    title: str,
    topic: str,
    held_on: datetime.date,
    place: str,
    by,
    description: str = "",
    attendees: int | None = None,
    cases=(),
) -> Workshop:
    cases = _check_cases(workshop.municipality, cases)
    workshop.title = (title or "").strip()
    workshop.topic = topic
    workshop.held_on = held_on
    workshop.place = (place or "").strip()
    workshop.description = (description or "").strip()
    workshop.attendees = attendees
    workshop.full_clean()
    workshop.save()
    workshop.cases.set(cases)
    return workshop


# --- Account deletion (DSGVO) ----------------------------------------------------------------------


def person_erase(*, user) -> None:
    """Anonymise a person in the case history: their name leaves the free-text participant fields of the
    consultations they were linked to, and the links go. Cases, consultations and tasks stay."""
    names = {name for name in (user.display_name.strip(), user.email.strip()) if name}
    replacement = _("former participant")
    for consultation in Consultation.objects.filter(participants=user):
        text = consultation.participants_text
        for name in sorted(names, key=len, reverse=True):
            text = text.replace(name, replacement)
        if text != consultation.participants_text:
            consultation.participants_text = text[:500]
            consultation.save(update_fields=["participants_text"])
        consultation.participants.remove(user)
    # Open tasks go back to the case: an anonymous owner can do nothing with them.
    Task.objects.filter(owner=user, done_at__isnull=True).update(owner=None)
    Case.objects.filter(advisor=user).update(advisor=None)
