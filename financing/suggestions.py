"""From a quarter's gaps to service models: which typical ways to run a service answer each gap.

Pure: the gaps come from `needs.queries.gap_ranking` (objects with service_area_id, service_area_slug,
score and reasons), the models and the quarter's resources from `financing.queries`. A model that needs
space ranks higher where the quarter has a vacant building; one that needs volunteers, where residents
offer their time; actors and local funds help every model; a paid coordinator is running money to find.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

BASE_SCORE = 40


@dataclass(frozen=True)
class ModelData:
    slug: str
    name: str
    summary: str = ""
    service_areas: frozenset[str] = frozenset()
    needs_space: bool | None = None
    needs_volunteers: bool | None = None
    needs_paid_coordinator: bool | None = None


@dataclass(frozen=True)
class QuarterResources:
    """Confirmed potentials of a quarter by kind, and by (kind, service area slug)."""

    buildings: int = 0
    skills: int = 0
    actors: int = 0
    funds: int = 0
    by_area: dict[tuple[str, str], int] = field(default_factory=dict)


@dataclass(frozen=True)
class ModelSuggestion:
    model: ModelData
    score: int
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class GapSuggestion:
    gap: object  # needs.gaps.GapScore
    area_name: str
    models: tuple[ModelSuggestion, ...]


def _count(n: int, singular: str, plural: str) -> str:
    return ngettext(singular, plural, n) % {"count": n}


def rank_model(
    model: ModelData, area_slug: str, resources: QuarterResources | None, gap_slugs: frozenset[str]
) -> ModelSuggestion:
    score = BASE_SCORE
    reasons: list[str] = []
    others = (model.service_areas & gap_slugs) - {area_slug}
    if others:
        score += 10
        reasons.append(_count(len(others), "also answers %(count)s other gap", "also answers %(count)s other gaps"))
    if resources is not None:
        if model.needs_space:
            if resources.buildings:
                score += 20
                reasons.append(
                    _count(
                        resources.buildings,
                        "needs space: the quarter has %(count)s vacant or threatened building",
                        "needs space: the quarter has %(count)s vacant or threatened buildings",
                    )
                )
            else:
                score -= 10
                reasons.append(_("needs space: no vacant building is on record"))
        if model.needs_volunteers:
            if resources.skills:
                score += 15
                reasons.append(
                    _count(
                        resources.skills,
                        "needs volunteers: %(count)s offer of skills and time",
                        "needs volunteers: %(count)s offers of skills and time",
                    )
                )
            else:
                score -= 5
                reasons.append(_("needs volunteers: no offers of time are on record yet"))
        if resources.actors:
            score += 10
            reasons.append(
                _count(
                    resources.actors, "%(count)s local actor could carry it", "%(count)s local actors could carry it"
                )
            )
        if resources.funds:
            score += 5
            reasons.append(_count(resources.funds, "%(count)s local fund", "%(count)s local funds"))
    if model.needs_paid_coordinator:
        score -= 10
        reasons.append(_("needs a paid coordinator: running costs to finance"))
    return ModelSuggestion(model, max(0, min(100, score)), tuple(reasons))


def suggest(
    gaps: Sequence,
    models: Sequence[ModelData],
    resources: QuarterResources | None,
    *,
    area_names: dict[str, str] | None = None,
    limit: int = 5,
) -> list[GapSuggestion]:
    """The top gaps (score above 0), each with the models that answer its service area, best first."""
    top = [gap for gap in gaps if gap.score > 0][:limit]
    gap_slugs = frozenset(gap.service_area_slug for gap in top)
    suggestions = []
    for gap in top:
        answering = [model for model in models if gap.service_area_slug in model.service_areas]
        ranked = sorted(
            (rank_model(model, gap.service_area_slug, resources, gap_slugs) for model in answering),
            key=lambda suggestion: (-suggestion.score, suggestion.model.name),
        )
        name = getattr(gap, "service_area_name", "") or (area_names or {}).get(gap.service_area_slug, "")
        suggestions.append(GapSuggestion(gap, name or gap.service_area_slug, tuple(ranked)))
    return suggestions
