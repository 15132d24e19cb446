"""Taking part: offers of help, pledges (the ledger, the public totals), the activation figures and the
viability check of what was pledged against what the initiative needs."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, QuerySet, Sum, Value
from django.db.models.functions import Coalesce

from ..models import (
    HelpOffer,
    Initiative,
    Membership,
    Pledge,
)
from ..plan import queries as plan_queries
from ..plan import viability

ZERO = Decimal("0")


def pledge_ledger(initiative: Initiative) -> QuerySet[Pledge]:
    return initiative.pledges.filter(withdrawn_at__isnull=True).select_related("user").order_by("kind", "created_at")


@dataclass(frozen=True)
class PledgeTotals:
    shares: Decimal
    share_count: int
    loans: Decimal
    donations: Decimal
    hours: int
    rooms: int
    pledgers: int

    @property
    def money(self) -> Decimal:
        return self.shares + self.loans + self.donations


def pledge_totals(initiative: Initiative) -> PledgeTotals:
    """Totals of the pledges that are not withdrawn; these may be shown publicly."""
    pledges = list(
        initiative.pledges.filter(withdrawn_at__isnull=True).values(
            "kind", "share_count", "share_price", "amount", "hours_per_month", "user_id", "pledger_name"
        )
    )
    shares = sum((p["share_count"] * p["share_price"] for p in pledges if p["kind"] == Pledge.Kind.SHARES), start=ZERO)
    return PledgeTotals(
        shares=shares,
        share_count=sum(p["share_count"] for p in pledges if p["kind"] == Pledge.Kind.SHARES),
        loans=sum((p["amount"] for p in pledges if p["kind"] == Pledge.Kind.LOAN), start=ZERO),
        donations=sum((p["amount"] for p in pledges if p["kind"] == Pledge.Kind.DONATION), start=ZERO),
        hours=sum(p["hours_per_month"] for p in pledges if p["kind"] == Pledge.Kind.HOURS),
        rooms=sum(1 for p in pledges if p["kind"] == Pledge.Kind.ROOM),
        pledgers=len({p["user_id"] or f"name:{p['pledger_name']}" for p in pledges}),
    )


def help_offers(initiative: Initiative) -> QuerySet[HelpOffer]:
    return initiative.help_offers.select_related("user", "decided_by").order_by("status", "-created_at")


@dataclass(frozen=True)
class Activation:
    core_members: int
    supporters: int
    hours_pledged: int


def activation(initiative: Initiative, *, totals: PledgeTotals | None = None) -> Activation:
    """The activation figures the profile shows: core team, active supporters, hours per month pledged.

    Hours pledged are the hours of accepted help offers plus hours pledges that are not withdrawn; pass the
    pledge totals already read to take those hours from them.
    """
    roles = dict(
        Membership.objects.filter(initiative=initiative)
        .order_by()
        .values("role")
        .annotate(total=Count("pk"))
        .values_list("role", "total")
    )
    help_hours = HelpOffer.objects.filter(initiative=initiative, status=HelpOffer.Status.ACCEPTED).aggregate(
        total=Coalesce(Sum("hours_per_month"), Value(0))
    )["total"]
    if totals is not None:
        pledged_hours = totals.hours
    else:
        pledged_hours = Pledge.objects.filter(
            initiative=initiative, kind=Pledge.Kind.HOURS, withdrawn_at__isnull=True
        ).aggregate(total=Coalesce(Sum("hours_per_month"), Value(0)))["total"]
    return Activation(
        core_members=roles.get(Membership.Role.LEAD, 0) + roles.get(Membership.Role.CORE, 0),
        supporters=roles.get(Membership.Role.SUPPORTER, 0),
        hours_pledged=help_hours + pledged_hours,
    )


# Which instrument types of the financing plan hold the money of each kind of pledge.
PLEDGE_INSTRUMENTS = {
    "shares": {"genossenschaftsanteile"},
    "loans": {"darlehen", "mikrokredit", "crowdinvesting"},
    "donations": {"spenden", "crowdfunding"},
}


def pledges_beyond_plan(totals: PledgeTotals, lines) -> Decimal:
    """Money pledged by supporters that the financing plan does not hold yet, kind by kind (pledged shares
    against the plan's cooperative shares, loans against its loans, donations against its donations)."""
    in_plan: dict[str, Decimal] = {}
    for line in lines:
        slug = line.effective_instrument.slug
        in_plan[slug] = in_plan.get(slug, ZERO) + line.amount
    beyond = ZERO
    for kind, slugs in PLEDGE_INSTRUMENTS.items():
        held = sum((in_plan.get(slug, ZERO) for slug in slugs), ZERO)
        beyond += max(getattr(totals, kind) - held, ZERO)
    return beyond


def viability_plan(initiative: Initiative, *, totals=None, figures=None, lines=None) -> viability.Plan:
    """The plain plan the pure check reads; pass pledge totals, figures and the financing plan's lines
    already read to save their queries. The money is the plan's, counted as on the plan page."""
    totals = totals or pledge_totals(initiative)
    figures = figures or activation(initiative)
    lines = lines if lines is not None else list(plan_queries.financing_lines(initiative))
    money = plan_queries.totals_of(initiative, lines)
    concept = getattr(initiative, "concept", None)
    legal_form = initiative.legal_form
    return viability.Plan(
        legal_form_name=legal_form.short_name if legal_form else None,
        min_founders=legal_form.min_founders if legal_form else None,
        founders=figures.core_members,
        capital_need=initiative.capital_need,
        secured=money.secured,
        applied=money.applied,
        planned=money.planned,
        pledged_beyond_plan=pledges_beyond_plan(totals, lines),
        hours_needed=concept.volunteer_hours_needed if concept else None,
        own_hours=initiative.volunteer_hours_per_month or 0,
        hours_pledged=figures.hours_pledged,
    )


def viability_check(initiative: Initiative, *, totals=None, figures=None, lines=None) -> viability.Result:
    return viability.check(viability_plan(initiative, totals=totals, figures=figures, lines=lines))
