"""Confidential notes and the record of their reads. Callers log every display through
services.confidential_notes_read; nothing here searches or exports a note."""

from __future__ import annotations

from django.conf import settings
from django.db.models import QuerySet

from ..models import Case, ConfidentialNote, ConfidentialNoteRead, Consultation

NOTE_READS_PER_PAGE = settings.PAGE_SIZES["note_reads"]


def confidential_notes_of_case(case: Case) -> QuerySet[ConfidentialNote]:
    return (
        ConfidentialNote.objects.filter(consultation__case=case)
        .select_related("consultation", "written_by")
        .order_by("-consultation__held_on", "-pk")
    )


def confidential_note_for(consultation: Consultation) -> ConfidentialNote | None:
    return ConfidentialNote.objects.filter(consultation=consultation).select_related("written_by").first()


def note_reads_of_case(case: Case) -> QuerySet[ConfidentialNoteRead]:
    return case.note_reads.select_related("reader", "note__consultation")


def note_reads_of_municipality(municipality) -> QuerySet[ConfidentialNoteRead]:
    return ConfidentialNoteRead.objects.filter(case__municipality=municipality).select_related(
        "reader", "case__initiative", "note__consultation"
    )
