"""The initiative's own view (and the concept report): its case and the non-confidential summaries."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet

from initiatives.models import Initiative
from initiatives.rules import CORE_ROLES

from ..models import Case, Consultation


@dataclass(frozen=True)
class ConsultationSummary:
    """A consultation as the initiative and the concept report may see it: no note, no participants."""

    held_on: datetime.date
    format: str
    format_label: str
    duration_minutes: int
    topics: list[str]
    summary: str
    outcomes: str
    next_steps: str


def _summaries(consultations) -> list[ConsultationSummary]:
    return [
        ConsultationSummary(
            held_on=c.held_on,
            format=c.format,
            format_label=str(c.get_format_display()),
            duration_minutes=c.duration_minutes,
            topics=[str(label) for label in c.topic_labels()],
            summary=c.summary,
            outcomes=c.outcomes,
            next_steps=c.next_steps,
        )
        for c in consultations
    ]


def consultation_summaries_for_initiative(initiative) -> list[ConsultationSummary]:
    """The consultations of the initiative's case, newest first, with their non-confidential summary only.

    For the concept report (reports app) and the initiative's own view. Two queries.
    """
    consultations = (
        Consultation.objects.filter(case__initiative=initiative)
        .only("held_on", "format", "duration_minutes", "summary", "outcomes", "next_steps")
        .prefetch_related("topics")
        .order_by("-held_on", "-pk")
    )
    return _summaries(consultations)


def case_of_initiative(initiative) -> Case | None:
    return Case.objects.select_related("advisor", "quarter").filter(initiative=initiative).first()


def initiatives_with_case_of(user) -> QuerySet[Initiative]:
    """The initiatives with an advisory case whose lead or core team the user belongs to: their own views."""
    return Initiative.objects.filter(
        memberships__user=user, memberships__role__in=CORE_ROLES, advisory_case__isnull=False
    ).order_by("name")
