"""Reads of the financing plan: its lines, facts and programmes, and the viability check of the pledges."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal

from django.db.models import Q, QuerySet
from django.utils import timezone

from financing import matching
from financing.choices import NO_LEGAL_FORM
from financing.matching import combination_conflicts, question_text
from financing.models import CombinationRule, Programme
from financing.queries import catalogue_for_matching, profile_region_for, programme_data

from ..models import (
    ConceptLineItem,
    FinancingLine,
    FinancingPlan,
    Initiative,
)
from ..queries.concept import concept_totals, line_items_in_order
from .financing_plan import Budget, Overview, Source, amount_text, mix, month_start, timeline, totals

ZERO = Decimal("0")


def financing_lines(initiative: Initiative, *, with_programme_data: bool = False) -> QuerySet:
    """The plan's lines with programme and instrument types; `with_programme_data` also prefetches what
    financing.queries.programme_data reads (legal forms and service areas of the programmes)."""
    lines = FinancingLine.objects.filter(initiative=initiative).select_related(
        "programme__instrument_type", "programme__municipality", "instrument"
    )
    if with_programme_data:
        lines = lines.prefetch_related("programme__eligible_legal_forms", "programme__service_areas")
    return lines.order_by("position", "pk")


def financing_plan_of(initiative: Initiative):
    return FinancingPlan.objects.filter(initiative=initiative).first()


def concept_line_items(initiative: Initiative) -> QuerySet[ConceptLineItem]:
    return line_items_in_order().filter(concept__initiative=initiative)


def programme_choices(initiative: Initiative) -> QuerySet:
    """Programmes a line may name: the shared catalogue and the initiative's municipality's own programmes."""
    return (
        Programme.objects.filter(Q(municipality__isnull=True) | Q(municipality_id=initiative.municipality_id))
        .select_related("instrument_type")
        .order_by("name")
    )


def combination_rules_for(lines) -> list:
    """The catalogue's combination rules whose subject is one of the lines' programmes or instrument types,
    as matching.RuleData (one query)."""
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


# --- The plan of an initiative, read for the pure part ------------------------------------------


def source_of(line) -> Source:
    """A FinancingLine (programme and instruments selected) as the pure Source."""
    instrument = line.effective_instrument
    return Source(
        name=line.source,
        amount=line.amount,
        instrument=instrument.name,
        status=line.status,
        expected_on=line.expected_on,
        tranches=line.tranches,
        pays_after_spending=line.pays_after_spending,
    )


def plan_programmes(lines, catalogue=None) -> list:
    """The lines as matching.ProgrammeData for the combination check, one per programme or free source.

    A free source (no programme) stands in with its instrument type, so rules on instrument types, double
    public funding and pre-financing apply to it as well.
    """
    known = {item.id: item for item in catalogue.programmes} if catalogue is not None else {}
    items, seen = [], set()
    for line in lines:
        if line.programme_id and line.programme is not None:
            if line.programme_id in seen:
                continue
            seen.add(line.programme_id)
            items.append(known.get(line.programme_id) or programme_data(line.programme))
        else:
            instrument = line.instrument
            items.append(
                matching.ProgrammeData(
                    id=0,
                    slug=f"line-{line.pk}",
                    name=line.source_name,
                    instrument_slug=instrument.slug,
                    public_funding=instrument.public_funding,
                    pays_after_spending=instrument.pays_after_spending,
                    instrument_name=instrument.name,
                )
            )
    return items


def conflicts_of(lines, rules, catalogue=None) -> list[str]:
    """The combination rules of the catalogue applied to the plan's sources, as sentences."""
    if not lines:
        return []
    return combination_conflicts(plan_programmes(lines, catalogue), rules)


def overview(initiative, *, today: datetime.date | None = None, catalogue=None) -> Overview:
    """The plan of an initiative: lines, totals, mix, operating budget, timeline, conflicts.

    Queries: the lines with their programmes and instrument types (1, plus 2 prefetches when a line has a
    programme and no catalogue is given), the plan's settings (1), the concept's line items (1), and the
    combination rules concerning the plan's sources (1, only when there are lines and no catalogue).
    """
    lines = list(financing_lines(initiative, with_programme_data=catalogue is None))
    plan = financing_plan_of(initiative)
    items = list(concept_line_items(initiative))
    concept_sums = concept_totals(items)
    budget = Budget(
        one_off_costs=concept_sums.one_off_costs,
        annual_costs=concept_sums.annual_costs,
        annual_revenues=concept_sums.annual_revenues,
    )
    sources = [source_of(line) for line in lines]
    start = plan.start_month if plan and plan.start_month else month_start(today or timezone.localdate())
    if catalogue is not None:
        rules = catalogue.rules
    elif lines:
        rules = combination_rules_for(lines)
    else:
        rules = []
    return Overview(
        lines=lines,
        sources=sources,
        totals=totals(sources, initiative.capital_need),
        mix=mix(sources),
        budget=budget,
        timeline=timeline(budget, sources, start),
        start_month=start,
        start_month_set=bool(plan and plan.start_month),
        conflicts=conflicts_of(lines, rules, catalogue),
        plan=plan,
        budget_items=items,
    )


def profile_for(initiative, plan=None, service_area_slugs: Iterable[str] = ()):
    """The financing check's profile of an initiative (a plain matching.Profile; financing never sees the model).

    Needs the initiative's municipality and legal form (selected) and its service-area slugs.
    """
    state, municipality = profile_region_for(initiative.municipality)
    answers = tuple(sorted((plan.check_answers or {}).items())) if plan is not None else ()
    return matching.Profile(
        legal_form=initiative.legal_form.slug if initiative.legal_form_id else NO_LEGAL_FORM,
        stage=initiative.stage or None,
        service_areas=frozenset(service_area_slugs),
        state=state,
        municipality=municipality,
        capital_need=initiative.capital_need,
        own_funds=initiative.own_funds,
        profitability=(plan.profitability or None) if plan is not None else None,
        has_securities=plan.has_securities if plan is not None else None,
        is_gemeinnuetzig=plan.is_gemeinnuetzig if plan is not None else None,
        answers=answers,
    )


def report_section(initiative) -> dict:
    """The financing section of the concept report (templates/reports/components/financing_section.html).

    Constant queries: the whole catalogue for the check (8), the lines (1), the plan (1), the concept's line
    items (1), the initiative's service areas (1), the fitting programmes' providers (1), and the initiative's
    municipality and legal form when they are not loaded yet.
    """
    catalogue = catalogue_for_matching()
    plan_view = overview(initiative, catalogue=catalogue)
    slugs = initiative.service_areas.values_list("slug", flat=True)
    profile = profile_for(initiative, plan_view.plan, slugs)
    result = matching.match(profile, catalogue, timezone.localdate())
    fitting = [found.item for found in result.fits]
    providers = dict(Programme.objects.filter(pk__in=[item.id for item in fitting]).values_list("pk", "provider"))
    conflicts = list(plan_view.conflicts)
    if plan_view.lines and (note := plan_view.bridging_note):
        conflicts.append(note)
    labels = dict(_status_choices())
    return {
        "lines": [
            {
                "source": line.source,
                "instrument": line.effective_instrument.name,
                "status": labels.get(line.status, line.status),
                "amount": line.amount,
            }
            for line in plan_view.lines
        ],
        "total": plan_view.totals.total,
        "capital_need": plan_view.totals.capital_need,
        "gap": plan_view.totals.gap,
        "mix_chart": plan_view.mix_chart,
        "conflicts": conflicts,
        "matched": [
            {"name": item.name, "provider": providers.get(item.id, ""), "amount_text": amount_text(item)}
            for item in fitting
        ],
    }


def _status_choices():
    return FinancingLine.Status.choices
