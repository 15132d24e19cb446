"""The gap score: where a quarter's supply falls short of its demand, service area by service area.

A pure function over plain dataclasses, no database in sight: `needs.queries` gathers the inputs with a
few aggregate queries, this module turns them into a score from 0 to 100 with its components and the
reasons in words. The formula is documented, with hand-computed examples, in docs/gap-analysis.md;
change both together.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

# Per-1,000 figures need a population; a quarter without statistics is assumed to have this many residents.
REFERENCE_POPULATION = 10_000
# Half-saturation points: the raw figure at which a signal reaches 0.5 (signal = x / (x + half)).
NEEDS_HALF = 3.0  # published needs
SUPPORTS_PER_1000_HALF = 5.0  # supports per 1,000 residents
OFFERS_PER_1000_HALF = 0.2  # effective offers per 1,000 residents (2 offers for 10,000 residents)
AT_RISK_OFFER_WEIGHT = 0.5  # an offer at risk counts half
MIN_SURVEY_ANSWERS = 3  # fewer grid answers than this and the survey components are left out
WEIGHTS = {"needs": 0.2, "supports": 0.3, "importance": 0.2, "dissatisfaction": 0.3}
DEMOGRAPHY_FACTOR_RANGE = (0.75, 1.5)


@dataclass(frozen=True)
class DemographicWeight:
    """Demand in a service area is weighted by the share of the group that depends on it most."""

    attribute: str  # attribute of Demography holding the share in per cent
    reference_share: float  # the share (per cent) at which the factor is 1 (roughly the German average)
    label: str  # English message id naming the share; translated when the reason is written


DEMOGRAPHIC_WEIGHTS = {
    "gesundheit-pflege": DemographicWeight("share_65_plus", 22.0, gettext_noop("share aged 65 and over")),
    "mobilitaet": DemographicWeight("share_65_plus", 22.0, gettext_noop("share aged 65 and over")),
    "bildung-betreuung": DemographicWeight("share_under_18", 16.5, gettext_noop("share aged under 18")),
}


@dataclass(frozen=True)
class Demography:
    """The latest statistics of a quarter, as far as the gap score needs them."""

    population: int
    share_under_18: float
    share_65_plus: float
    share_without_german_citizenship: float
    reference_date: datetime.date | None = None


@dataclass(frozen=True)
class AreaInputs:
    """Demand and supply of one service area in one quarter."""

    service_area_id: int
    service_area_slug: str
    service_area_name: str = ""
    needs: int = 0  # published, visible needs
    supports: int = 0  # supports of those needs
    importance: float | None = None  # mean importance 1–5 from survey grids
    satisfaction: float | None = None  # mean satisfaction 1–5 from survey grids
    survey_answers: int = 0  # grid answers behind the means
    active_offers: int = 0
    at_risk_offers: int = 0


@dataclass(frozen=True)
class GapScore:
    """The gap of one service area in one quarter: 0 (no gap) to 100 (large, unmet demand)."""

    service_area_id: int
    service_area_slug: str
    score: float
    reasons: list[str] = field(default_factory=list)
    components: dict[str, float] = field(default_factory=dict)
    service_area_name: str = ""


def saturate(value: float, half: float) -> float:
    """0 for 0, 0.5 at `half`, approaching 1: diminishing returns without a hard cap."""
    if value <= 0:
        return 0.0
    return value / (value + half)


def clamp(value: float, low: float, high: float) -> float:
    return max(low, min(high, value))


def _number(value: float, decimals: int = 1) -> str:
    return number_format(round(value, decimals), decimal_pos=decimals, force_grouping=True)


def _integer(value: int) -> str:
    return number_format(value, force_grouping=True)


def demography_factor(slug: str, demography: Demography | None) -> tuple[float, DemographicWeight | None]:
    weight = DEMOGRAPHIC_WEIGHTS.get(slug)
    if weight is None or demography is None or not demography.population:
        return 1.0, None
    share = float(getattr(demography, weight.attribute))
    return clamp(share / weight.reference_share, *DEMOGRAPHY_FACTOR_RANGE), weight


def score_area(area: AreaInputs, demography: Demography | None) -> GapScore:
    population = demography.population if demography and demography.population else REFERENCE_POPULATION
    per_1000 = 1000 / population

    signals = {
        "needs": saturate(area.needs, NEEDS_HALF),
        "supports": saturate(area.supports * per_1000, SUPPORTS_PER_1000_HALF),
    }
    survey_used = (
        area.survey_answers >= MIN_SURVEY_ANSWERS and area.importance is not None and area.satisfaction is not None
    )
    if survey_used:
        signals["importance"] = clamp((area.importance - 1) / 4, 0, 1)
        signals["dissatisfaction"] = clamp((5 - area.satisfaction) / 4, 0, 1)
    weight_total = sum(WEIGHTS[name] for name in signals)
    demand = sum(WEIGHTS[name] * value for name, value in signals.items()) / weight_total

    factor, weight = demography_factor(area.service_area_slug, demography)
    weighted_demand = min(1.0, demand * factor)

    effective_offers = area.active_offers + AT_RISK_OFFER_WEIGHT * area.at_risk_offers
    offers_per_1000 = effective_offers * per_1000
    coverage = saturate(offers_per_1000, OFFERS_PER_1000_HALF)

    score = round(100 * weighted_demand * (1 - coverage), 1)

    components = {
        "population": float(population),
        "needs": float(area.needs),
        "supports": float(area.supports),
        "supports_per_1000": round(area.supports * per_1000, 2),
        "needs_signal": round(signals["needs"], 4),
        "supports_signal": round(signals["supports"], 4),
        "demand": round(demand, 4),
        "demography_factor": round(factor, 4),
        "weighted_demand": round(weighted_demand, 4),
        "active_offers": float(area.active_offers),
        "at_risk_offers": float(area.at_risk_offers),
        "offers_per_1000": round(offers_per_1000, 4),
        "supply_coverage": round(coverage, 4),
        "survey_answers": float(area.survey_answers),
        "score": score,
    }
    if survey_used:
        components.update(
            importance=round(area.importance, 2),
            satisfaction=round(area.satisfaction, 2),
            importance_signal=round(signals["importance"], 4),
            dissatisfaction_signal=round(signals["dissatisfaction"], 4),
        )

    return GapScore(
        service_area_id=area.service_area_id,
        service_area_slug=area.service_area_slug,
        service_area_name=area.service_area_name,
        score=score,
        reasons=_reasons(area, demography, survey_used, factor, weight, per_1000),
        components=components,
    )


def _reasons(area, demography, survey_used, factor, weight, per_1000) -> list[str]:
    reasons = [ngettext("%(count)s need", "%(count)s needs", area.needs) % {"count": _integer(area.needs)}]
    supports = ngettext("%(count)s support", "%(count)s supports", area.supports) % {"count": _integer(area.supports)}
    if area.supports:
        supports += " " + _("(%(value)s per 1,000 residents)") % {"value": _number(area.supports * per_1000)}
    reasons.append(supports)
    if survey_used:
        reasons.append(_("importance %(value)s of 5") % {"value": _number(area.importance)})
        reasons.append(_("satisfaction %(value)s of 5") % {"value": _number(area.satisfaction)})
    elif area.survey_answers:
        reasons.append(
            ngettext(
                "only %(count)s survey answer (too few to count)",
                "only %(count)s survey answers (too few to count)",
                area.survey_answers,
            )
            % {"count": area.survey_answers}
        )
    else:
        reasons.append(_("no survey answers"))
    if area.active_offers:
        reasons.append(
            ngettext("%(count)s active offer", "%(count)s active offers", area.active_offers)
            % {"count": area.active_offers}
        )
    else:
        reasons.append(_("no active offer"))
    if area.at_risk_offers:
        reasons.append(
            ngettext("%(count)s offer at risk", "%(count)s offers at risk", area.at_risk_offers)
            % {"count": area.at_risk_offers}
        )
    if weight is not None and factor != 1:
        reasons.append(
            _("%(label)s %(share)s %% (demand weighted ×%(factor)s)")
            % {
                "label": _(weight.label),
                "share": _number(float(getattr(demography, weight.attribute))),
                "factor": _number(factor, 2),
            }
        )
    if demography is None or not demography.population:
        reasons.append(
            _("no statistics for the quarter: %(population)s residents assumed")
            % {"population": _integer(REFERENCE_POPULATION)}
        )
    return reasons


def rank(areas: Iterable[AreaInputs], demography: Demography | None) -> list[GapScore]:
    """Scores for all areas, the largest gap first; ties keep the order of `areas`."""
    scores = [score_area(area, demography) for area in areas]
    return sorted(scores, key=lambda gap: -gap.score)
