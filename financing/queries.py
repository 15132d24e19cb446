"""Reads of the financing catalogue: lists, details, the matcher's input, and a quarter's gaps with models."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.text import slugify

from needs.models import Potential, Review, ServiceArea
from needs.queries import gap_ranking
from quarters.models import Municipality, Quarter
from quarters.rules import is_platform_admin, staff_municipality_ids

from .catalogue_cache import cached_catalogue
from .choices import state_code
from .matching.profile import Catalogue, InstrumentData, LegalFormInfo, ProgrammeData, RuleData
from .models import (
    CombinationRule,
    InstrumentType,
    LegalForm,
    Programme,
    ServiceModel,
    ServiceModelFinancing,
    ServiceModelLegalForm,
)
from .suggestions import ModelData, QuarterResources


def legal_forms() -> QuerySet[LegalForm]:
    return LegalForm.objects.order_by("position", "name")


def founding_legal_forms() -> QuerySet[LegalForm]:
    return legal_forms().filter(is_founding_option=True)


def instrument_types() -> QuerySet[InstrumentType]:
    return InstrumentType.objects.annotate(programme_count=Count("programmes")).order_by("position", "slug")


def instrument_detail(slug: str) -> QuerySet[InstrumentType]:
    return InstrumentType.objects.filter(slug=slug).prefetch_related(
        "legal_forms",
        Prefetch("programmes", queryset=Programme.objects.select_related("municipality").order_by("name")),
    )


def programmes_list() -> QuerySet[Programme]:
    return Programme.objects.select_related("instrument_type", "municipality").order_by("name")


def programme_detail() -> QuerySet[Programme]:
    return Programme.objects.select_related("instrument_type", "municipality", "created_by").prefetch_related(
        "eligible_legal_forms",
        "service_areas",
        Prefetch("rules", queryset=CombinationRule.objects.select_related("other_instrument_type", "other_programme")),
    )


def filter_programmes(queryset: QuerySet[Programme], filters: dict) -> QuerySet[Programme]:
    """Apply the list filters (cleaned data of ProgrammeFilterForm); empty values filter nothing."""
    if text := filters.get("q"):
        queryset = queryset.filter(
            Q(name__icontains=text) | Q(provider__icontains=text) | Q(purposes_note__icontains=text)
        )
    if instrument := filters.get("instrument_type"):
        queryset = queryset.filter(instrument_type=instrument)
    if level := filters.get("level"):
        queryset = queryset.filter(level=level)
    if state := filters.get("state"):
        queryset = queryset.filter(Q(state=state) | Q(state="", municipality__isnull=True))
    if municipality := filters.get("municipality"):
        queryset = queryset.filter(Q(municipality=municipality) | Q(municipality__isnull=True))
    if legal_form := filters.get("legal_form"):
        queryset = queryset.filter(Q(eligible_legal_forms=legal_form) | Q(eligible_legal_forms__isnull=True))
    if area := filters.get("service_area"):
        queryset = queryset.filter(Q(service_areas=area) | Q(service_areas__isnull=True))
    return queryset.distinct()


def programmes_editable_by(user) -> QuerySet[Programme]:
    """The programmes this user may change: all for platform admins, their municipalities' own for coordinators."""
    if is_platform_admin(user):
        return Programme.objects.all()
    return Programme.objects.filter(municipality_id__in=staff_municipality_ids(user, "coordinator"))


def municipalities_for_programmes(user) -> QuerySet[Municipality]:
    """Where this user may create programmes (coordinators: their own municipalities)."""
    if is_platform_admin(user):
        return Municipality.objects.all()
    return Municipality.objects.filter(pk__in=staff_municipality_ids(user, "coordinator"))


def service_models_list() -> QuerySet[ServiceModel]:
    return ServiceModel.objects.prefetch_related("service_areas").order_by("name")


def service_model_detail() -> QuerySet[ServiceModel]:
    return ServiceModel.objects.prefetch_related(
        "service_areas",
        Prefetch("legal_form_lines", queryset=ServiceModelLegalForm.objects.select_related("legal_form")),
        Prefetch("financing_lines", queryset=ServiceModelFinancing.objects.select_related("instrument_type")),
    )


# --- the matcher's input ------------------------------------------------------------------------


def _decimal(value) -> Decimal | None:
    return None if value is None else Decimal(value)


def programme_data(programme: Programme) -> ProgrammeData:
    """Needs `eligible_legal_forms`, `service_areas` and `defining_conditions` prefetched and
    `instrument_type`, `municipality` selected."""
    instrument = programme.instrument_type
    municipality = programme.municipality
    pays_after = programme.pays_after_spending
    # Where the programme sets no profitability, stage or securities, those of its instrument type apply.
    inherited = set()
    profitability = programme.profitability or ()
    if not profitability and instrument.profitability:
        profitability, inherited = instrument.profitability, inherited | {"profitability"}
    stages = programme.stages or ()
    if not stages and instrument.stages:
        stages, inherited = instrument.stages, inherited | {"stage"}
    securities = programme.requires_securities
    if securities is None and instrument.requires_securities:
        securities, inherited = True, inherited | {"securities"}
    return ProgrammeData(
        id=programme.pk,
        slug=programme.slug,
        name=programme.name,
        instrument_slug=instrument.slug,
        level=programme.level,
        state=programme.state,
        municipality_slug=municipality.slug if municipality else (slugify(programme.municipality_name) or None),
        municipality_name=municipality.name if municipality else programme.municipality_name,
        area_restriction=programme.area_restriction,
        extra_condition=programme.extra_condition,
        conditions=tuple(
            (condition.slug, condition.question_de, condition.question_en, condition.quarter_flag)
            for condition in programme.defining_conditions.all()
        ),
        legal_forms=frozenset(form.slug for form in programme.eligible_legal_forms.all()),
        open_to_individuals=programme.open_to_individuals,
        requires_gemeinnuetzig=programme.requires_gemeinnuetzig,
        service_areas=frozenset(area.slug for area in programme.service_areas.all()),
        profitability=frozenset(profitability),
        stages=frozenset(stages),
        amount_min=_decimal(programme.amount_min),
        amount_max=_decimal(programme.amount_max),
        own_share_percent=_decimal(programme.own_share_percent),
        requires_securities=securities,
        deadline=programme.deadline,
        rolling=programme.rolling,
        public_funding=instrument.public_funding and programme.level in {"eu", "federal", "state", "municipal"},
        pays_after_spending=instrument.pays_after_spending if pays_after is None else pays_after,
        inherited=frozenset(inherited),
        instrument_name=instrument.name,
    )


def _programmes_for_matching(queryset: QuerySet[Programme] | None = None) -> list[ProgrammeData]:
    queryset = queryset if queryset is not None else Programme.objects.all()
    queryset = queryset.select_related("instrument_type", "municipality").prefetch_related(
        Prefetch("eligible_legal_forms", queryset=LegalForm.objects.only("slug")),
        "service_areas",
        "defining_conditions",
    )
    return [programme_data(programme) for programme in queryset]


def catalogue_for_matching(programmes: QuerySet[Programme] | None = None) -> Catalogue:
    """The whole catalogue as plain data, in a constant number of queries (nine)."""
    forms = [
        LegalFormInfo(
            slug=form.slug,
            name=form.name,
            short_name=form.short_name,
            can_be_gemeinnuetzig=form.can_be_gemeinnuetzig,
            is_founding_option=form.is_founding_option,
            min_founders=form.min_founders,
            min_capital=form.min_capital,
            founding_cost_min=form.founding_cost_min,
            notary_required=form.notary_required,
            personal_liability=form.personal_liability,
            economic_business=form.economic_business,
        )
        for form in legal_forms()
    ]
    instruments = [
        InstrumentData(
            slug=instrument.slug,
            name=instrument.name,
            legal_forms=frozenset(form.slug for form in instrument.legal_forms.all()),
            requires_gemeinnuetzig=instrument.requires_gemeinnuetzig,
            requires_securities=instrument.requires_securities,
            profitability=frozenset(instrument.profitability or ()),
            stages=frozenset(instrument.stages or ()),
            public_funding=instrument.public_funding,
            needs_own_funds=instrument.needs_own_funds,
            pays_after_spending=instrument.pays_after_spending,
            repayable=instrument.repayable,
        )
        for instrument in InstrumentType.objects.prefetch_related("legal_forms").order_by("position", "slug")
    ]
    rules = []
    for rule in CombinationRule.objects.select_related(
        "instrument_type", "programme", "other_instrument_type", "other_programme"
    ):
        subject = ("programme", rule.programme.slug) if rule.programme else ("instrument", rule.instrument_type.slug)
        other = (
            ("programme", rule.other_programme.slug)
            if rule.other_programme
            else ("instrument", rule.other_instrument_type.slug)
        )
        rules.append(
            RuleData(
                kind=rule.kind,
                subject=subject,
                other=other,
                subject_name=str(rule.programme or rule.instrument_type),
                other_name=str(rule.other_programme or rule.other_instrument_type),
                explanation=rule.explanation,
            )
        )
    areas = {area.slug: area.name for area in ServiceArea.objects.all()}
    return Catalogue(
        programmes=_programmes_for_matching(programmes),
        instruments=instruments,
        legal_forms=forms,
        rules=rules,
        service_area_names=areas,
    )


def matching_catalogue() -> Catalogue:
    """The whole catalogue for the check, from the cache while no write changed it (catalogue_cache)."""
    return cached_catalogue(catalogue_for_matching)


def profile_region_for(municipality: Municipality | None) -> tuple[str | None, str | None]:
    """(state code, municipality slug) of a municipality, for building a profile elsewhere."""
    if municipality is None:
        return None, None
    return state_code(municipality.state), municipality.slug


# --- from gaps to models ------------------------------------------------------------------------


def quarter_gaps(quarter: Quarter) -> list:
    """The quarter's gaps from the needs app, largest first."""
    return gap_ranking(quarter)


def quarter_resources(quarter: Quarter) -> QuarterResources:
    """What the quarter already has (confirmed potentials), counted by kind and service area, in one query."""
    rows = (
        Potential.objects.filter(quarter=quarter, review=Review.CONFIRMED)
        .values("kind", "service_area__slug")
        .annotate(count=Count("pk"))
        .order_by()
    )
    totals: dict[str, int] = {}
    by_area: dict[tuple[str, str], int] = {}
    for row in rows:
        totals[row["kind"]] = totals.get(row["kind"], 0) + row["count"]
        if row["service_area__slug"]:
            key = (row["kind"], row["service_area__slug"])
            by_area[key] = by_area.get(key, 0) + row["count"]
    return QuarterResources(
        buildings=totals.get("building", 0),
        skills=totals.get("skill", 0),
        actors=totals.get("actor", 0),
        funds=totals.get("fund", 0),
        by_area=by_area,
    )


def service_models_for_matching() -> list[ModelData]:
    return [
        ModelData(
            slug=model.slug,
            name=model.name,
            summary=model.summary,
            service_areas=frozenset(area.slug for area in model.service_areas.all()),
            needs_space=model.needs_space,
            needs_volunteers=model.needs_volunteers,
            needs_paid_coordinator=model.needs_paid_coordinator,
        )
        for model in ServiceModel.objects.prefetch_related("service_areas").order_by("name")
    ]
