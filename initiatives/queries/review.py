"""The review: decisions on an initiative, the staff's overview and queue of a municipality."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Case, IntegerField, QuerySet, Value, When

from ..models import (
    Initiative,
    ReviewDecision,
)

ZERO = Decimal("0")


def review_decisions(initiative: Initiative) -> QuerySet[ReviewDecision]:
    return initiative.review_decisions.select_related("decided_by")


def latest_review_decision(initiative: Initiative) -> ReviewDecision | None:
    return review_decisions(initiative).first()


# --- Staff ---------------------------------------------------------------------------------------


def staff_overview(municipality) -> QuerySet[Initiative]:
    """All initiatives of a municipality for its staff, waiting ones first."""
    waiting_first = Case(
        When(status=Initiative.Status.SUBMITTED, then=Value(0)),
        When(status=Initiative.Status.CHANGES_REQUESTED, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return (
        Initiative.objects.filter(municipality=municipality)
        .exclude(status=Initiative.Status.DRAFT)
        .select_related("legal_form")
        .prefetch_related("quarters")
        .annotate(waiting=waiting_first)
        .order_by("waiting", "-submitted_at", "name")
    )


def review_queue(municipality) -> QuerySet[Initiative]:
    return staff_overview(municipality).filter(status=Initiative.Status.SUBMITTED)
