"""Reads of the financing plan: its lines, facts and programmes, and the viability check of the pledges."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q, QuerySet
from django.utils import timezone

from financing import matching
from financing.choices import NO_LEGAL_FORM, OWN_FUNDS_INSTRUMENTS
from financing.matching import combination_conflicts, judge_sources, question_text
from financing.models import Condition, Programme
from financing.queries import catalogue_for_matching, matching_catalogue, profile_region_for, programme_data

from ..models import (
    ConceptLineItem,
    Entity,
    FinancingLine,
    FinancingPlan,
    Initiative,
)
from ..queries.concept import concept_totals, line_items_in_order
from .financing_plan import Budget, Overview, Source, Totals, amount_text, mix, month_start, timeline, totals

ZERO = Decimal("0")
SECURED = (FinancingLine.Status.APPROVED, FinancingLine.Status.RECEIVED)


def financing_lines(initiative: Initiative, *, with_programme_data: bool = False) -> QuerySet:
    """The plan's lines with programme and instrument types; `with_programme_data` also prefetches what
    financing.queries.programme_data reads (legal forms and service areas of the programmes)."""
    lines = FinancingLine.objects.filter(initiative=initiative).select_related(
        "programme__instrument_type", "programme__municipality", "instrument"
    )
    if with_programme_data:
        lines = lines.prefetch_related(
            "programme__eligible_legal_forms", "programme__service_areas", "programme__defining_conditions"
        )
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


def programme_answers(plan) -> list[dict]:
    """The plan's answers to programmes' own questions and to defining conditions ("defines:<slug>"), with
    the question in words (a query for each kind answered, none without answers). Answers to questions no
    programme asks any more are left out."""
    answers = (plan.check_answers or {}) if plan is not None else {}
    if not answers:
        return []
    keys = [key.partition(":") for key in answers]
    slugs = {slug for prefix, _sep, slug in keys if prefix != "defines"}
    condition_slugs = {slug for prefix, _sep, slug in keys if prefix == "defines"}
    programmes = (
        {
            programme["slug"]: programme
            for programme in Programme.objects.filter(slug__in=slugs).values(
                "slug", "name", "area_restriction", "extra_condition"
            )
        }
        if slugs
        else {}
    )
    conditions = (
        {condition.slug: condition for condition in Condition.objects.filter(slug__in=condition_slugs)}
        if condition_slugs
        else {}
    )
    rows = []
    for key, value in sorted(answers.items()):
        prefix, _sep, slug = key.partition(":")
        text = ""
        if prefix == "defines":
            condition = conditions.get(slug)
            text = condition.question if condition is not None else ""
        elif programme := programmes.get(slug):
            restriction = programme["area_restriction"] if prefix == "area" else programme["extra_condition"]
            text = question_text(key, (restriction, programme["name"])) if restriction else ""
        if text:
            rows.append({"key": key, "text": text, "value": value})
    return rows


# --- The plan of an initiative, read for the pure part ------------------------------------------


def source_of(line, verdict=None) -> Source:
    """A FinancingLine (programme and instruments selected) as the pure Source; `verdict` is the check's
    matching.SourceVerdict on it."""
    instrument = line.effective_instrument
    return Source(
        name=line.source,
        amount=line.amount,
        instrument=instrument.name,
        status=line.status,
        expected_on=line.expected_on,
        tranches=line.tranches,
        pays_after_spending=line.pays_after_spending,
        own_funds=instrument.slug in OWN_FUNDS_INSTRUMENTS,
        questioned=bool(verdict and verdict.questioned),
        repayable=instrument.repayable,
        loan=line.loan_terms if instrument.repayable else None,
    )


def _line_slug(line) -> str:
    # The key under which plan_programmes lists a line: its programme, or the line itself.
    return line.programme.slug if line.programme_id and line.programme is not None else f"line-{line.pk}"


def own_funds_sources(lines) -> list:
    """The plan's lines whose money counts as own funds (own money, donations, member fees, cooperative shares)."""
    return [line for line in lines if line.effective_instrument.slug in OWN_FUNDS_INSTRUMENTS]


def _receives(line, entity) -> bool:
    # A line without an organisation goes to the lead organisation (or the initiative without organisations).
    if entity is None:
        return True
    return line.entity_id == entity.pk or (line.entity_id is None and entity.is_lead)


def own_funds_of(initiative, lines, entity=None) -> Decimal | None:
    """The own funds the check counts: the plan's secured own-funds sources (of `entity`, when given) once the
    plan has such a source (whatever their status); before that, the organisation's or the profile's answer."""
    own = [line for line in own_funds_sources(lines) if _receives(line, entity)]
    if not own:
        if entity is not None and (entity.own_funds is not None or not entity.is_lead):
            return entity.own_funds
        return initiative.own_funds
    return sum((line.amount for line in own if line.status in SECURED), ZERO)


def entities_of(initiative) -> list:
    """The initiative's organisations, the lead first (one query)."""
    return list(Entity.objects.filter(initiative=initiative).select_related("legal_form"))


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
    """The plan of an initiative: lines (each with the check's verdict as `line.verdict`), totals, mix,
    operating budget, timeline, conflicts.

    Queries: the lines with their programmes and instrument types (1), the plan's settings (1), the concept's
    line items (1), the initiative's service areas (1, only with lines); the catalogue comes from the cache.
    """
    today = today or timezone.localdate()
    lines = list(financing_lines(initiative))
    plan = financing_plan_of(initiative)
    items = list(concept_line_items(initiative))
    concept_sums = concept_totals(items)
    budget = Budget(
        one_off_costs=concept_sums.one_off_costs,
        annual_costs=concept_sums.annual_costs,
        annual_revenues=concept_sums.annual_revenues,
    )
    catalogue = catalogue if catalogue is not None else matching_catalogue()
    rules = catalogue.rules
    verdicts, profile = {}, None
    if lines:
        slugs = list(initiative.service_areas.values_list("slug", flat=True))
        organisations = organisations_of(initiative, plan, slugs, lines)
        profile = organisations.profile()
        # A programme is judged for the organisation that receives it (the first line naming it decides).
        others = {entity.pk: entity for entity in organisations.others}
        applicants = {}
        for line in lines:
            entity = others.get(line.entity_id)
            slug = _line_slug(line)
            if entity is not None and slug not in applicants:
                applicants[slug] = (organisations.profile(entity), entity.short_label)
        verdicts = judge_sources(
            plan_programmes(lines, catalogue), profile, labels_of(catalogue), rules, today, applicants
        )
    for line in lines:
        line.verdict = verdicts.get(_line_slug(line))
    sources = [source_of(line, line.verdict) for line in lines]
    start = plan.start_month if plan and plan.start_month else month_start(today)
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
        profile=profile,
    )


@dataclass
class Organisations:
    """An initiative's organisations and what the check needs to judge for each of them, read once: the
    organisations (one query) and what the quarters know (one query); profiles are built once per organisation."""

    initiative: Initiative
    plan: FinancingPlan | None
    service_area_slugs: list
    lines: list
    entities: list
    place_facts: tuple
    _profiles: dict = field(default_factory=dict)

    @property
    def lead(self):
        return next((entity for entity in self.entities if entity.is_lead), None)

    @property
    def others(self) -> list:
        return [entity for entity in self.entities if not entity.is_lead]

    def profile(self, entity=None) -> matching.Profile:
        """The check's profile of `entity` (the lead organisation when None)."""
        entity = entity or self.lead
        key = entity.pk if entity is not None else None
        if key not in self._profiles:
            self._profiles[key] = profile_for(
                self.initiative,
                self.plan,
                self.service_area_slugs,
                lines=self.lines,
                entity=entity,
                place_facts=self.place_facts,
            )
        return self._profiles[key]


def organisations_of(initiative, plan, service_area_slugs, lines) -> Organisations:
    return Organisations(
        initiative, plan, list(service_area_slugs), lines, entities_of(initiative), place_facts_of(initiative)
    )


def fits_for_other_organisations(organisations: Organisations, lead_result) -> list:
    """[(organisation, [matches])]: the programmes that fit another organisation of the initiative (the eG of
    an e.V.) and not the lead one, so the check can say "fits for the eG". No queries: the catalogue is cached."""
    if lead_result is None:
        return []
    lead_fits = {found.item.slug for found in lead_result.fits}
    catalogue, today = matching_catalogue(), timezone.localdate()
    rows = []
    for entity in organisations.others:
        result = matching.match(organisations.profile(entity), catalogue, today)
        rows.append((entity, [found for found in result.fits if found.item.slug not in lead_fits]))
    return rows


def labels_of(catalogue) -> matching.Labels:
    return matching.Labels({form.slug: form for form in catalogue.legal_forms}, dict(catalogue.service_area_names))


def totals_of(initiative, lines) -> Totals:
    """The plan's totals without the check's verdicts (Totals.questioned stays zero), for pages that show
    what is secured, applied for and planned but not the sources one by one."""
    return totals([source_of(line) for line in lines], initiative.capital_need)


def plan_totals(initiative) -> Totals:
    return totals_of(initiative, financing_lines(initiative))


def place_facts_of(initiative) -> tuple:
    """What the initiative's quarters know for the check's defining conditions: a quarter flag answers when
    all of the initiative's quarters say the same (one query)."""
    flags = set(initiative.quarters.values_list("urban_development_area", flat=True))
    flag = Condition.QuarterFlag.URBAN_DEVELOPMENT_AREA.value
    return ((flag, flags.pop()),) if len(flags) == 1 and None not in flags else ()


def profile_for(
    initiative, plan=None, service_area_slugs: Iterable[str] = (), *, lines=None, entity=None, place_facts=None
):
    """The financing check's profile of an initiative (a plain matching.Profile; financing never sees the model).

    Needs the initiative's municipality and legal form (selected) and its service-area slugs; `lines` (the
    plan's lines, read when not given) give the own funds (own_funds_of). With `entity`, the profile is that
    organisation's: its legal form, Gemeinnützigkeit and own funds.
    """
    if lines is None:
        lines = list(financing_lines(initiative))
    if place_facts is None:
        place_facts = place_facts_of(initiative)
    legal_form = initiative.legal_form.slug if initiative.legal_form_id else NO_LEGAL_FORM
    gemeinnuetzig = plan.is_gemeinnuetzig if plan is not None else None
    if entity is not None:
        legal_form = entity.legal_form.slug if entity.legal_form_id else NO_LEGAL_FORM
        if entity.is_gemeinnuetzig is not None or not entity.is_lead:
            gemeinnuetzig = entity.is_gemeinnuetzig
    state, municipality = profile_region_for(initiative.municipality)
    answers = tuple(sorted((plan.check_answers or {}).items())) if plan is not None else ()
    return matching.Profile(
        legal_form=legal_form,
        stage=initiative.stage or None,
        service_areas=frozenset(service_area_slugs),
        state=state,
        municipality=municipality,
        capital_need=initiative.capital_need,
        own_funds=own_funds_of(initiative, lines, entity),
        profitability=(plan.profitability or None) if plan is not None else None,
        has_securities=plan.has_securities if plan is not None else None,
        is_gemeinnuetzig=gemeinnuetzig,
        answers=answers,
        place_facts=place_facts,
    )


def report_section(initiative) -> dict:
    """The financing section of the concept report (templates/reports/components/financing_section.html).

    Constant queries: the whole catalogue for the check (9), the lines (1), the plan (1), the concept's line
    items (1), the initiative's service areas (1), the fitting programmes' providers (1), and the initiative's
    municipality and legal form when they are not loaded yet.
    """
    catalogue = catalogue_for_matching()
    plan_view = overview(initiative, catalogue=catalogue)
    profile = plan_view.profile
    if profile is None:  # no lines: the overview did not need the profile
        slugs = initiative.service_areas.values_list("slug", flat=True)
        profile = profile_for(initiative, plan_view.plan, slugs, lines=plan_view.lines)
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
                "warnings": line.verdict.warnings if line.verdict else (),
                "loan": source.loan_schedule,  # loans.Schedule of a loan with terms
                "terms_missing": source.terms_missing,
            }
            for line, source in plan_view.line_rows
        ],
        "loans": bool(plan_view.loans),
        "loan_budget": plan_view.loan_budget,
        "totals": plan_view.totals,
        "plan_lines": plan_view.lines,
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
