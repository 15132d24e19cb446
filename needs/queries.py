"""Reads of the needs assessment: what a user may see, lists with their counts, the inputs of the gap score.

`gap_ranking(quarter)` is the entry point other apps (financing, reports) use; keep its signature.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Avg, Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone

from quarters.models import Municipality, Quarter, QuarterStatistics
from quarters.rules import staff_municipality_ids

from . import caching, gaps
from .models import (
    AbuseReport,
    Answer,
    Comment,
    Need,
    Offer,
    PostingBlock,
    Potential,
    Question,
    Response,
    Review,
    ServiceArea,
    Support,
    Survey,
)

# --- Visibility ----------------------------------------------------------------------------------


def public_needs() -> QuerySet[Need]:
    return Need.objects.filter(status=Need.Status.PUBLISHED, hidden=False)


def needs_visible_to(user) -> QuerySet[Need]:
    """Published needs for everyone; one's own in any state; all of a municipality for its staff."""
    if user.is_authenticated and user.is_superuser:
        return Need.objects.all()
    condition = Q(status=Need.Status.PUBLISHED, hidden=False)
    if user.is_authenticated:
        condition |= Q(author=user) | Q(quarter__municipality_id__in=staff_municipality_ids(user))
    return Need.objects.filter(condition)


def comments_visible_to(user, need: Need) -> QuerySet[Comment]:
    comments = need.comments.select_related("author").order_by("created_at")
    if user.is_authenticated and (user.is_superuser or need.quarter.municipality_id in staff_municipality_ids(user)):
        return comments
    if user.is_authenticated:
        return comments.filter(Q(hidden=False) | Q(author=user))
    return comments.filter(hidden=False)


# --- Needs lists ---------------------------------------------------------------------------------


def _count_of(model, link: str, **filters):
    """A correlated COUNT subquery: one number per need without multiplying rows like two JOINs would."""
    subquery = (
        model.objects.filter(**{link: OuterRef("pk")}, **filters)
        .order_by()
        .values(link)
        .annotate(total=Count("pk"))
        .values("total")
    )
    return Coalesce(Subquery(subquery, output_field=IntegerField()), Value(0))


# Supports are counted on the need (Need.support_count), so the default sort walks an index
# (need_public_by_support) instead of counting millions of supports first.
SORTS = {
    "support": ["-support_count", "-created_at"],
    "newest": ["-created_at"],
    "area": ["service_area__position", "-support_count", "-created_at"],
}


def with_counts(needs: QuerySet[Need], user=None) -> QuerySet[Need]:
    """Comment counts and whether the user supports each need; computed only for the rows fetched."""
    needs = needs.select_related("quarter__municipality", "service_area", "author").annotate(
        comment_total=_count_of(Comment, "need", hidden=False),
    )
    if user is not None and user.is_authenticated:
        needs = needs.annotate(supported_by_me=Exists(Support.objects.filter(need=OuterRef("pk"), user=user)))
    else:
        needs = needs.annotate(supported_by_me=Value(False))
    return needs


def need_list(
    *,
    quarter: Quarter | None = None,
    municipality: Municipality | None = None,
    service_area=None,
    sort: str = "support",
    user=None,
):
    needs = public_needs()
    if quarter is not None:
        needs = needs.filter(quarter=quarter)
    elif municipality is not None:
        needs = needs.filter(quarter__municipality=municipality)
    if service_area is not None:
        needs = needs.filter(service_area=service_area)
    return with_counts(needs, user).order_by(*SORTS.get(sort, SORTS["support"]))


def needs_of_author(user) -> QuerySet[Need]:
    return with_counts(Need.objects.filter(author=user), user).select_related("merged_into").order_by("-created_at")


def need_for_detail(pk: int, user) -> Need | None:
    return with_counts(needs_visible_to(user), user).select_related("merged_into", "moderated_by").filter(pk=pk).first()


def support_total(need: Need) -> int:
    """Kept for callers of the old name: the stored count (see services.recount_supports)."""
    return need.support_count


def merge_targets(need: Need) -> QuerySet[Need]:
    """Needs another need can be merged into: published needs of the same quarter."""
    return (
        Need.objects.filter(quarter_id=need.quarter_id, status=Need.Status.PUBLISHED)
        .exclude(pk=need.pk)
        .select_related("service_area")
        .order_by("service_area__position", "title")
    )


# --- Moderation ----------------------------------------------------------------------------------


def moderation_queue(municipality: Municipality) -> dict:
    submitted = (
        Need.objects.filter(quarter__municipality=municipality, status=Need.Status.SUBMITTED)
        .select_related("quarter", "service_area", "author")
        .order_by("created_at")
    )
    reports = (
        AbuseReport.objects.filter(decision=AbuseReport.Decision.OPEN)
        .filter(Q(need__quarter__municipality=municipality) | Q(comment__need__quarter__municipality=municipality))
        .select_related("need__quarter", "comment__need__quarter", "comment__author", "need__author", "reporter")
        .order_by("created_at")
    )
    suggested_offers = (
        Offer.objects.filter(quarter__municipality=municipality, review=Review.SUGGESTED)
        .select_related("quarter", "service_area")
        .order_by("created_at")
    )
    suggested_potentials = (
        Potential.objects.filter(quarter__municipality=municipality, review=Review.SUGGESTED)
        .select_related("quarter", "service_area")
        .order_by("created_at")
    )
    return {
        "submitted": submitted,
        "reports": reports,
        "suggested_offers": suggested_offers,
        "suggested_potentials": suggested_potentials,
    }


def open_moderation_count(quarter: Quarter) -> dict[str, int]:
    return {
        "submitted": Need.objects.filter(quarter=quarter, status=Need.Status.SUBMITTED).count(),
        "reports": AbuseReport.objects.filter(decision=AbuseReport.Decision.OPEN)
        .filter(Q(need__quarter=quarter) | Q(comment__need__quarter=quarter))
        .count(),
    }


def blocks_of(municipality: Municipality) -> QuerySet[PostingBlock]:
    return municipality.posting_blocks.select_related("user", "created_by").order_by("-created_at")


# --- Supply --------------------------------------------------------------------------------------


def confirmed_offers(quarter: Quarter) -> QuerySet[Offer]:
    return (
        Offer.objects.filter(quarter=quarter, review=Review.CONFIRMED)
        .select_related("service_area")
        .order_by("service_area__position", "name")
    )


def confirmed_potentials(quarter: Quarter) -> QuerySet[Potential]:
    return (
        Potential.objects.filter(quarter=quarter, review=Review.CONFIRMED)
        .select_related("service_area")
        .order_by("kind", "title")
    )


def suggestions_of(quarter: Quarter) -> dict:
    return {
        "offers": Offer.objects.filter(quarter=quarter, review=Review.SUGGESTED).select_related("service_area"),
        "potentials": Potential.objects.filter(quarter=quarter, review=Review.SUGGESTED).select_related("service_area"),
    }


# --- Demography and the gap analysis -------------------------------------------------------------


def demography_from(statistics: QuarterStatistics | None) -> gaps.Demography | None:
    if statistics is None:
        return None
    return gaps.Demography(
        population=statistics.population,
        share_under_18=float(statistics.share_under_18),
        share_65_plus=float(statistics.share_65_plus),
        share_without_german_citizenship=float(statistics.share_without_german_citizenship),
        reference_date=statistics.reference_date,
    )


def latest_statistics_of(quarter_ids: Iterable[int]) -> dict[int, QuarterStatistics]:
    """The latest statistics per quarter, in one query."""
    latest = {}
    for statistics in QuarterStatistics.objects.filter(quarter_id__in=quarter_ids).order_by(
        "quarter_id", "-reference_date"
    ):
        latest.setdefault(statistics.quarter_id, statistics)
    return latest


@dataclass
class GapInputs:
    quarter_id: int
    statistics: QuarterStatistics | None
    demography: gaps.Demography | None
    areas: list[gaps.AreaInputs]


def gap_inputs(quarters: Iterable[Quarter | int]) -> dict[int, GapInputs]:
    """Demand and supply per quarter and service area: five aggregate queries, however many quarters."""
    quarter_ids = [q if isinstance(q, int) else q.pk for q in quarters]
    service_areas = list(ServiceArea.objects.order_by("position", "slug"))  # 1
    statistics = latest_statistics_of(quarter_ids)  # 2

    needs = defaultdict(int)  # 3: published, visible needs and their supports (the stored counts)
    supports = defaultdict(int)
    for row in (
        public_needs()
        .filter(quarter_id__in=quarter_ids)
        .values("quarter_id", "service_area_id")
        .annotate(total=Count("id"), supports=Sum("support_count"))
        .order_by()
    ):
        needs[row["quarter_id"], row["service_area_id"]] = row["total"]
        supports[row["quarter_id"], row["service_area_id"]] = row["supports"] or 0

    survey = {}  # 4: importance and satisfaction from the grids of published surveys
    for row in (
        Answer.objects.filter(
            question__kind=Question.Kind.GRID,
            question__survey__status=Survey.Status.PUBLISHED,
            response__quarter_id__in=quarter_ids,
            service_area__isnull=False,
        )
        .filter(Q(importance__isnull=False) | Q(satisfaction__isnull=False))
        .values("response__quarter_id", "service_area_id")
        .annotate(importance=Avg("importance"), satisfaction=Avg("satisfaction"), total=Count("id"))
        .order_by()
    ):
        survey[row["response__quarter_id"], row["service_area_id"]] = row

    offers = {}  # 5: confirmed offers, active and at risk
    for row in (
        Offer.objects.filter(quarter_id__in=quarter_ids, review=Review.CONFIRMED)
        .values("quarter_id", "service_area_id")
        .annotate(
            active=Count("id", filter=Q(status=Offer.Status.ACTIVE)),
            at_risk=Count("id", filter=Q(status=Offer.Status.AT_RISK)),
        )
        .order_by()
    ):
        offers[row["quarter_id"], row["service_area_id"]] = row

    result = {}
    for quarter_id in quarter_ids:
        areas = []
        for area in service_areas:
            key = (quarter_id, area.pk)
            answers = survey.get(key, {})
            offer = offers.get(key, {})
            areas.append(
                gaps.AreaInputs(
                    service_area_id=area.pk,
                    service_area_slug=area.slug,
                    service_area_name=area.name,
                    needs=needs[key],
                    supports=supports[key],
                    importance=answers.get("importance"),
                    satisfaction=answers.get("satisfaction"),
                    survey_answers=answers.get("total", 0),
                    active_offers=offer.get("active", 0),
                    at_risk_offers=offer.get("at_risk", 0),
                )
            )
        quarter_statistics = statistics.get(quarter_id)
        result[quarter_id] = GapInputs(quarter_id, quarter_statistics, demography_from(quarter_statistics), areas)
    return result


def gap_rankings(quarters: Iterable[Quarter | int]) -> dict[int, list[gaps.GapScore]]:
    """The ranked gaps of many quarters with the same five queries as for one."""
    return {
        quarter_id: gaps.rank(inputs.areas, inputs.demography) for quarter_id, inputs in gap_inputs(quarters).items()
    }


def gap_ranking(quarter: Quarter) -> list[gaps.GapScore]:
    """The quarter's service areas, the largest gap first (see docs/gap-analysis.md)."""
    return gap_rankings([quarter])[quarter.pk]


# --- Dashboard figures ---------------------------------------------------------------------------


def needs_by_area_and_status(quarter: Quarter) -> list[dict]:
    """One row per service area: counts per status (hidden needs counted apart)."""
    counts = defaultdict(dict)
    for row in (
        Need.objects.filter(quarter=quarter)
        .values("service_area_id", "status", "hidden")
        .annotate(total=Count("id"))
        .order_by()
    ):
        key = "hidden" if row["hidden"] else row["status"]
        counts[row["service_area_id"]][key] = counts[row["service_area_id"]].get(key, 0) + row["total"]
    rows = []
    for area in ServiceArea.objects.order_by("position", "slug"):
        row = {"area": area, **{status: counts[area.pk].get(status, 0) for status in [*Need.Status.values, "hidden"]}}
        row["total"] = sum(counts[area.pk].values())
        rows.append(row)
    return rows


def supports_by_month(quarter: Quarter, *, months: int = 12, today: datetime.date | None = None) -> list[tuple]:
    """(first day of month, supports given that month) for the last `months` months, empty months included."""
    today = today or timezone.localdate()
    first = today.replace(day=1)
    starts = []
    year, month = first.year, first.month
    for _ in range(months):
        starts.append(datetime.date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    starts.reverse()
    since = timezone.make_aware(datetime.datetime.combine(starts[0], datetime.time.min))
    totals = {}
    for row in (
        Support.objects.filter(need__quarter=quarter, created_at__gte=since)
        .annotate(month=TruncMonth("created_at"))
        .values("month")
        .annotate(total=Count("id"))
        .order_by()
    ):
        month_value = row["month"]
        if isinstance(month_value, datetime.datetime):
            month_value = (
                timezone.localtime(month_value).date() if timezone.is_aware(month_value) else month_value.date()
            )
        totals[month_value.replace(day=1)] = row["total"]
    return [(start, totals.get(start, 0)) for start in starts]


def participation(quarter: Quarter) -> dict[str, int]:
    """People, not actions: each account once, however often it took part; each answer without account once."""
    accounts = (
        Need.objects.filter(quarter=quarter, author__isnull=False, source=Need.Source.ONLINE)
        .order_by()
        .values_list("author_id")
        .union(
            Support.objects.filter(need__quarter=quarter).order_by().values_list("user_id"),
            Comment.objects.filter(need__quarter=quarter, author__isnull=False).order_by().values_list("author_id"),
            Response.objects.filter(quarter=quarter, user__isnull=False).order_by().values_list("user_id"),
        )
        .count()
    )
    without_account = Response.objects.filter(quarter=quarter, user__isnull=True).count()
    offline_needs = Need.objects.filter(quarter=quarter).exclude(source=Need.Source.ONLINE).count()
    return {
        "accounts": accounts,
        "responses_without_account": without_account,
        "people": accounts + without_account,
        "offline_needs": offline_needs,
    }


def surveys_of_quarter(quarter: Quarter) -> QuerySet[Survey]:
    return (
        Survey.objects.filter(quarters=quarter)
        .annotate(response_total=Count("responses", filter=Q(responses__quarter=quarter)))
        .order_by("-opens_at")
    )


# --- Cached figures of a quarter -----------------------------------------------------------------


def quarter_gap_inputs(quarter: Quarter) -> GapInputs:
    """The quarter's gap inputs from the cache (see needs.caching), computed when missing."""
    return caching.quarter_figures(quarter.pk, {"gap_inputs": lambda: gap_inputs([quarter.pk])[quarter.pk]})[
        "gap_inputs"
    ]


def dashboard_figures(quarter: Quarter) -> dict:
    """The dashboard's aggregates over all of the quarter's supports, from the cache when possible.

    Keys: gap_inputs, participation, months.
    """
    today = timezone.localdate()
    # The month in the name: a new month starts a new chart instead of reading the last one's.
    months = f"months-{today:%Y-%m}"
    figures = caching.quarter_figures(
        quarter.pk,
        {
            "gap_inputs": lambda: gap_inputs([quarter.pk])[quarter.pk],
            "participation": lambda: participation(quarter),
            months: lambda: supports_by_month(quarter, today=today),
        },
    )
    figures["months"] = figures.pop(months)
    return figures
