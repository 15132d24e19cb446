"""Consultations and their confidential notes; every display of a note is recorded."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Case, ConfidentialNote, ConfidentialNoteRead, Consultation, ConsultationTopic, Topic
from .people import member_user_ids, staff_user_ids


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
