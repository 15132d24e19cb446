"""The business concept: its totals, its line items in reading order, its versions."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Case, IntegerField, Prefetch, QuerySet, Value, When

from ..models import (
    Concept,
    ConceptLineItem,
    Initiative,
)

ZERO = Decimal("0")


@dataclass(frozen=True)
class ConceptTotals:
    one_off_costs: Decimal
    annual_costs: Decimal
    annual_revenues: Decimal

    @property
    def annual_result(self) -> Decimal:
        return self.annual_revenues - self.annual_costs


def concept_totals(line_items) -> ConceptTotals:
    """Totals of prefetched line items (no query when they are prefetched)."""
    sums = dict.fromkeys(ConceptLineItem.Category.values, ZERO)
    for item in line_items:
        sums[item.category] += item.amount
    return ConceptTotals(
        one_off_costs=sums[ConceptLineItem.Category.ONE_OFF_COST],
        annual_costs=sums[ConceptLineItem.Category.ANNUAL_COST],
        annual_revenues=sums[ConceptLineItem.Category.ANNUAL_REVENUE],
    )


def line_items_in_order(concept_or_none=None) -> QuerySet[ConceptLineItem]:
    """Line items in reading order: one-off costs, annual costs, annual revenues, each by position."""
    order = Case(
        *(When(category=value, then=Value(index)) for index, value in enumerate(ConceptLineItem.Category.values)),
        output_field=IntegerField(),
    )
    items = ConceptLineItem.objects.all() if concept_or_none is None else concept_or_none.line_items.all()
    return items.order_by(order, "position", "pk")


def concept_of(initiative: Initiative):
    return (
        Concept.objects.filter(initiative=initiative)
        .select_related("copied_from__initiative", "updated_by")
        .prefetch_related(Prefetch("line_items", queryset=line_items_in_order()), "milestones")
        .first()
    )


def concept_versions(concept) -> QuerySet:
    return concept.versions.select_related("created_by").order_by("-number")
