"""Reads of the initiative registry: who may see what, the directory with its search, profiles, ledgers.

`initiatives_visible_to(user)` is the list counterpart of the rule "initiatives.view_initiative".
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import Case, Count, F, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce

from needs.models import Need, Support
from quarters.models import Quarter
from quarters.rules import staff_municipality_ids

from . import viability
from .models import (
    ConceptLineItem,
    HelpOffer,
    Initiative,
    InitiativeActor,
    InitiativeLink,
    Membership,
    MunicipalTakeover,
    Pledge,
    ReviewDecision,
)

PAGE_SIZE = 20
ZERO = Decimal("0")

# --- Visibility ----------------------------------------------------------------------------------


def public_initiatives() -> QuerySet[Initiative]:
    return Initiative.objects.filter(status=Initiative.Status.PUBLISHED)


def initiatives_visible_to(user) -> QuerySet[Initiative]:
    """Published initiatives for everyone; one's own in any state; all of a municipality for its staff."""
    if user.is_authenticated and user.is_superuser:
        return Initiative.objects.all()
    condition = Q(status=Initiative.Status.PUBLISHED)
    if user.is_authenticated:
        condition |= (
            Q(pk__in=Membership.objects.filter(user=user).values("initiative_id"))
            | Q(
                pk__in=MunicipalTakeover.objects.filter(quarter_coordinator=user, ended_at__isnull=True).values(
                    "initiative_id"
                )
            )
            | Q(municipality_id__in=staff_municipality_ids(user))
        )
    return Initiative.objects.filter(condition)


def initiatives_of_member(user) -> QuerySet[Initiative]:
    if not user.is_authenticated:
        return Initiative.objects.none()
    return (
        Initiative.objects.filter(memberships__user=user)
        .annotate(my_role=F("memberships__role"))
        .select_related("municipality")
        .order_by("name")
    )


# --- Directory -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class DirectoryFilter:
    q: str = ""
    municipality: int | None = None
    quarter: int | None = None
    motive: str = ""
    service_area: int | None = None
    stage: str = ""
    legal_form: int | None = None


def _with_lists(initiatives: QuerySet[Initiative]) -> QuerySet[Initiative]:
    # Cards and profile show the quarters' names and links (the map their centres), never their boundaries.
    quarters = Quarter.objects.defer("description", "boundary")
    return initiatives.select_related("municipality", "legal_form").prefetch_related(
        Prefetch("quarters", queryset=quarters), "service_areas"
    )


def search(initiatives: QuerySet[Initiative], text: str) -> QuerySet[Initiative]:
    """Full text on PostgreSQL (stored German search vector, GIN index, ranked); icontains elsewhere."""
    text = (text or "").strip()
    if not text:
        return initiatives
    if connection.vendor == "postgresql":
        query = SearchQuery(text, config="german", search_type="websearch")
        return (
            initiatives.filter(search_vector=query)
            .annotate(rank=SearchRank(F("search_vector"), query))
            .order_by("-rank", "name")
        )
    return initiatives.filter(
        Q(name__icontains=text) | Q(short_description__icontains=text) | Q(description__icontains=text)
    )


def directory(filters: DirectoryFilter) -> QuerySet[Initiative]:
    initiatives = public_initiatives()
    if filters.municipality:
        initiatives = initiatives.filter(municipality_id=filters.municipality)
    if filters.quarter:
        initiatives = initiatives.filter(quarters__id=filters.quarter)
    if filters.motive:
        # JSON "contains" is not portable to SQLite; the motive list is short, so a LIKE on the JSON text is exact
        # enough: motive values are distinct words wrapped in quotes.
        initiatives = initiatives.filter(motives__icontains=f'"{filters.motive}"')
    if filters.service_area:
        initiatives = initiatives.filter(service_areas__id=filters.service_area)
    if filters.stage:
        initiatives = initiatives.filter(stage=filters.stage)
    if filters.legal_form:
        initiatives = initiatives.filter(legal_form_id=filters.legal_form)
    if filters.quarter or filters.service_area:
        initiatives = initiatives.distinct()
    initiatives = initiatives.order_by("name")
    return _with_lists(search(initiatives, filters.q))


def map_points(initiatives) -> list[dict]:
    """Marker data for the directory map: the initiative's own point, or the centre of its first quarter."""
    points = []
    for initiative in initiatives:
        lat, lon = initiative.latitude, initiative.longitude
        if lat is None:
            quarter = next(iter(initiative.quarters.all()), None)
            if quarter is not None and quarter.centre_lat is not None:
                lat, lon = quarter.centre_lat, quarter.centre_lon
        if lat is not None and lon is not None:
            points.append(
                {"name": initiative.name, "url": initiative.get_absolute_url(), "lat": float(lat), "lon": float(lon)}
            )
    return points


# --- Profile -------------------------------------------------------------------------------------


def initiative_for_detail(slug: str, user) -> Initiative | None:
    # The search vector is for the directory; of the initiative it was copied from the profile shows the name.
    return (
        _with_lists(initiatives_visible_to(user))
        .select_related("building", "copied_from", "started_from_model")
        .defer(
            "search_vector",
            "copied_from__search_vector",
            "copied_from__description",
            "copied_from__space",
            "copied_from__target_groups",
        )
        .prefetch_related("photos")
        .filter(slug=slug)
        .first()
    )


def answered_needs_with_support(initiative: Initiative, user) -> QuerySet[Need]:
    """The needs the initiative answers that the user may see, with their support counts as evidence."""
    from needs.queries import needs_visible_to

    support_total = Coalesce(
        Subquery(
            Support.objects.filter(need=OuterRef("pk"))
            .order_by()
            .values("need")
            .annotate(total=Count("pk"))
            .values("total"),
            output_field=IntegerField(),
        ),
        Value(0),
    )
    return (
        needs_visible_to(user)
        .filter(initiatives=initiative)
        .select_related("service_area", "quarter")
        .annotate(support_total=support_total)
        .order_by("-support_total", "title")
    )


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


def team(initiative: Initiative) -> QuerySet[Membership]:
    return initiative.memberships.select_related("user").order_by("role", "created_at")


def actor_links(initiative: Initiative) -> QuerySet[InitiativeActor]:
    return initiative.actor_links.select_related("actor").order_by("actor__name", "role")


def linked_initiatives(initiative: Initiative, user) -> list[tuple[Initiative, str]]:
    """Initiatives linked either way that the user may see, with the relation text."""
    visible = initiatives_visible_to(user).values("pk")
    # Two queries, not one with OR: the OR turns the visibility subquery into a scan of all initiatives. Of the
    # other initiative only what a link shows.
    out = (
        InitiativeLink.objects.filter(from_initiative=initiative, to_initiative__in=visible)
        .select_related("to_initiative")
        .only("from_initiative_id", "description", "to_initiative__name", "to_initiative__slug")
    )
    incoming = (
        InitiativeLink.objects.filter(to_initiative=initiative, from_initiative__in=visible)
        .select_related("from_initiative")
        .only("to_initiative_id", "description", "from_initiative__name", "from_initiative__slug")
    )
    links = [(link.to_initiative, link.description, link) for link in out]
    links += [(link.from_initiative, link.description, link) for link in incoming]
    return sorted(links, key=lambda item: item[0].name)


def active_takeover(initiative: Initiative) -> MunicipalTakeover | None:
    return (
        initiative.takeovers.filter(ended_at__isnull=True).select_related("quarter_coordinator", "appointed_by").first()
    )


def review_decisions(initiative: Initiative) -> QuerySet[ReviewDecision]:
    return initiative.review_decisions.select_related("decided_by")


def latest_review_decision(initiative: Initiative) -> ReviewDecision | None:
    return review_decisions(initiative).first()


# --- Pledges and viability -----------------------------------------------------------------------


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


def viability_plan(initiative: Initiative, *, totals=None, figures=None) -> viability.Plan:
    """The plain plan the pure check reads; pass totals and figures already read to save their queries."""
    totals = totals or pledge_totals(initiative)
    figures = figures or activation(initiative)
    concept = getattr(initiative, "concept", None)
    legal_form = initiative.legal_form
    return viability.Plan(
        legal_form_name=legal_form.short_name if legal_form else None,
        min_founders=legal_form.min_founders if legal_form else None,
        founders=figures.core_members,
        capital_need=initiative.capital_need,
        own_funds=initiative.own_funds or ZERO,
        shares=totals.shares,
        loans=totals.loans,
        donations=totals.donations,
        hours_needed=concept.volunteer_hours_needed if concept else None,
        own_hours=initiative.volunteer_hours_per_month or 0,
        hours_pledged=figures.hours_pledged,
    )


def viability_check(initiative: Initiative, *, totals=None, figures=None) -> viability.Result:
    return viability.check(viability_plan(initiative, totals=totals, figures=figures))


def open_help_offers(initiative: Initiative) -> QuerySet[HelpOffer]:
    return initiative.help_offers.filter(status=HelpOffer.Status.OPEN).select_related("user")


def help_offers(initiative: Initiative) -> QuerySet[HelpOffer]:
    return initiative.help_offers.select_related("user", "decided_by").order_by("status", "-created_at")


def open_invitations(initiative: Initiative):
    from django.utils import timezone

    return initiative.invitations.filter(
        accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
    ).select_related("invited_by")


# --- Concept -------------------------------------------------------------------------------------


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
    from .models import Concept

    return (
        Concept.objects.filter(initiative=initiative)
        .select_related("copied_from__initiative", "updated_by")
        .prefetch_related(Prefetch("line_items", queryset=line_items_in_order()), "milestones")
        .first()
    )


def concept_versions(concept) -> QuerySet:
    return concept.versions.select_related("created_by").order_by("-number")


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


def takeovers_of(municipality) -> QuerySet[MunicipalTakeover]:
    return (
        MunicipalTakeover.objects.filter(initiative__municipality=municipality, ended_at__isnull=True)
        .select_related("initiative", "quarter_coordinator", "appointed_by")
        .order_by("review_on")
    )


def need_choices(quarters) -> QuerySet[Need]:
    """Published needs of the given quarters: what a registration can answer."""
    return (
        Need.objects.filter(quarter__in=quarters, status=Need.Status.PUBLISHED, hidden=False)
        .select_related("quarter", "service_area")
        .order_by("quarter__name", "title")
    )


# --- Financing plan ------------------------------------------------------------------------------


def financing_lines(initiative: Initiative, *, with_programme_data: bool = False) -> QuerySet:
    """The plan's lines with programme and instrument types; `with_programme_data` also prefetches what
    financing.queries.programme_data reads (legal forms and service areas of the programmes)."""
    from .models import FinancingLine

    lines = FinancingLine.objects.filter(initiative=initiative).select_related(
        "programme__instrument_type", "programme__municipality", "instrument"
    )
    if with_programme_data:
        lines = lines.prefetch_related("programme__eligible_legal_forms", "programme__service_areas")
    return lines.order_by("position", "pk")


def financing_plan_of(initiative: Initiative):
    from .models import FinancingPlan

    return FinancingPlan.objects.filter(initiative=initiative).first()


def concept_line_items(initiative: Initiative) -> QuerySet[ConceptLineItem]:
    return line_items_in_order().filter(concept__initiative=initiative)


def programme_choices(initiative: Initiative) -> QuerySet:
    """Programmes a line may name: the shared catalogue and the initiative's municipality's own programmes."""
    from financing.models import Programme

    return (
        Programme.objects.filter(Q(municipality__isnull=True) | Q(municipality_id=initiative.municipality_id))
        .select_related("instrument_type")
        .order_by("name")
    )


def combination_rules_for(lines) -> list:
    """The catalogue's combination rules whose subject is one of the lines' programmes or instrument types,
    as matching.RuleData (one query)."""
    from financing import matching
    from financing.models import CombinationRule

    programme_ids = {line.programme_id for line in lines if line.programme_id}
    instrument_ids = {line.effective_instrument.pk for line in lines}
    rules = CombinationRule.objects.filter(
        Q(programme_id__in=programme_ids) | Q(instrument_type_id__in=instrument_ids)
    ).select_related("instrument_type", "programme", "other_instrument_type", "other_programme")
    data = []
    for rule in rules:
        subject = ("programme", rule.programme.slug) if rule.programme else ("instrument", rule.instrument_type.slug)
        other = (
            ("programme", rule.other_programme.slug)
            if rule.other_programme
            else ("instrument", rule.other_instrument_type.slug)
        )
        data.append(
            matching.RuleData(
                kind=rule.kind,
                subject=subject,
                other=other,
                subject_name=str(rule.programme or rule.instrument_type),
                other_name=str(rule.other_programme or rule.other_instrument_type),
                explanation=rule.explanation,
            )
        )
    return data


def programme_answers(plan) -> list[dict]:
    """The plan's answers to programmes' own questions, with the question in words (one query, none without
    answers). Answers to questions no programme asks any more are left out."""
    from financing.matching import question_text
    from financing.models import Programme

    answers = (plan.check_answers or {}) if plan is not None else {}
    if not answers:
        return []
    slugs = {key.partition(":")[2] for key in answers}
    programmes = {
        programme["slug"]: programme
        for programme in Programme.objects.filter(slug__in=slugs).values(
            "slug", "name", "area_restriction", "extra_condition"
        )
    }
    rows = []
    for key, value in sorted(answers.items()):
        prefix, _sep, slug = key.partition(":")
        programme = programmes.get(slug)
        text = programme and (programme["area_restriction"] if prefix == "area" else programme["extra_condition"])
        if text:
            rows.append({"key": key, "text": question_text(key, (text, programme["name"])), "value": value})
    return rows
