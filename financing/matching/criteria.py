"""The criteria a programme or instrument type sets, judged for a profile: each is met, missed or unknown.

`evaluate_programme` builds the criteria (with what their sentences need); `classify_programme` gives the
same judgement as bit masks, fast enough for thousands of programmes, and `score_programme` ranks them.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from enum import StrEnum
from typing import NamedTuple

from django.utils import translation

from ..choices import NO_LEGAL_FORM
from .profile import InstrumentData, Labels, LegalFormInfo, Profile, ProgrammeData

HUNDRED = Decimal(100)
ONE = Decimal(1)


class Verdict(StrEnum):
    MET = "met"
    MISSED = "missed"
    UNKNOWN = "unknown"


class Kind(StrEnum):
    LEGAL_FORM = "legal_form"
    GEMEINNUETZIG = "gemeinnuetzig"
    REGION = "region"
    AREA = "area"
    CONDITION = "condition"
    SERVICE_AREA = "service_area"
    STAGE = "stage"
    PROFITABILITY = "profitability"
    AMOUNT = "amount"
    OWN_SHARE = "own_share"
    SECURITIES = "securities"
    DEADLINE = "deadline"


DEFINES = "defines:"  # the answer key of a defining condition: "defines:<condition slug>"


def defining_key(slug: str) -> str:
    return DEFINES + slug


def condition_answer(profile: Profile, key: str, flag: str) -> bool | None:
    """The initiative's answer to a defining condition, else what its quarters know (the flag), else None."""
    answer = profile.answer(key)
    if answer is None and flag:
        answer = profile.place_fact(flag)
    return answer


class Criterion(NamedTuple):
    """One condition of a programme, judged for a profile (a tuple: thousands are made per check)."""

    kind: Kind
    verdict: Verdict
    question: str | None = None  # key of the question that would settle an unknown criterion
    detail: tuple = ()  # the values the sentence needs

    @property
    def text(self) -> str:
        from .texts import criterion_text  # the sentences import the kinds and verdicts defined here

        return criterion_text(self)


def _funded_cost(item: ProgrammeData, need: Decimal) -> Decimal:
    """The eligible costs the programme can co-fund: capped where its maximum covers only part of them."""
    share = item.own_share_percent or Decimal(0)
    if item.amount_max is not None and share < HUNDRED:
        cap = item.amount_max * HUNDRED / (HUNDRED - share)
        return min(need, cap)
    return need


def _legal_form_criterion(allowed: frozenset[str], open_to_individuals, profile: Profile, labels: Labels):
    detail = (allowed, open_to_individuals, labels)
    if profile.legal_form is None:
        return Criterion(Kind.LEGAL_FORM, Verdict.UNKNOWN, "legal_form", detail)
    if profile.legal_form == NO_LEGAL_FORM:
        verdict = Verdict.MET if open_to_individuals else Verdict.MISSED
    else:
        verdict = Verdict.MET if profile.legal_form in allowed else Verdict.MISSED
    return Criterion(Kind.LEGAL_FORM, verdict, None, detail)


def _gemeinnuetzig_criterion(profile: Profile, forms: dict[str, LegalFormInfo]) -> Criterion:
    if profile.is_gemeinnuetzig is not None:
        verdict = Verdict.MET if profile.is_gemeinnuetzig else Verdict.MISSED
        return Criterion(Kind.GEMEINNUETZIG, verdict)
    if profile.legal_form == NO_LEGAL_FORM:
        return Criterion(Kind.GEMEINNUETZIG, Verdict.MISSED, None, ("no_form",))
    form = forms.get(profile.legal_form) if profile.legal_form else None
    if form is not None and form.can_be_gemeinnuetzig is False:
        return Criterion(Kind.GEMEINNUETZIG, Verdict.MISSED, None, ("form_cannot", form.short_name))
    return Criterion(Kind.GEMEINNUETZIG, Verdict.UNKNOWN, "gemeinnuetzig")


def _usual_for(item, kind: Kind) -> str:
    """The instrument type's name when the programme takes this criterion from it, else ""."""
    inherited = getattr(item, "inherited", ())
    return item.instrument_name if kind in inherited else ""


def _choice_criterion(kind: Kind, allowed: frozenset[str], value: str | None, question: str, usual: str):
    if value is None:
        return Criterion(kind, Verdict.UNKNOWN, question, (allowed, None, usual))
    return Criterion(kind, Verdict.MET if value in allowed else Verdict.MISSED, None, (allowed, value, usual))


def _common_criteria(item, profile: Profile, labels: Labels) -> list[Criterion]:
    criteria = []
    if item.legal_forms:
        criteria.append(
            _legal_form_criterion(item.legal_forms, getattr(item, "open_to_individuals", None), profile, labels)
        )
    if item.requires_gemeinnuetzig:
        criteria.append(_gemeinnuetzig_criterion(profile, labels.forms))
    if item.profitability:
        usual = _usual_for(item, Kind.PROFITABILITY)
        criteria.append(
            _choice_criterion(Kind.PROFITABILITY, item.profitability, profile.profitability, "profitability", usual)
        )
    if item.stages:
        criteria.append(
            _choice_criterion(Kind.STAGE, item.stages, profile.stage, "stage", _usual_for(item, Kind.STAGE))
        )
    if item.requires_securities:
        detail = (_usual_for(item, Kind.SECURITIES),)
        if profile.has_securities is None:
            criteria.append(Criterion(Kind.SECURITIES, Verdict.UNKNOWN, "securities", detail))
        else:
            verdict = Verdict.MET if profile.has_securities else Verdict.MISSED
            criteria.append(Criterion(Kind.SECURITIES, verdict, None, detail))
    return criteria


def evaluate_programme(
    item: ProgrammeData, profile: Profile, labels: Labels, today: datetime.date
) -> tuple[Criterion, ...]:
    criteria = _common_criteria(item, profile, labels)
    # Where
    if item.municipality_slug:
        place = ("municipality", item.municipality_name or item.municipality_slug)
        if profile.municipality is None:
            criteria.append(Criterion(Kind.REGION, Verdict.UNKNOWN, "region", place))
        else:
            verdict = Verdict.MET if profile.municipality == item.municipality_slug else Verdict.MISSED
            criteria.append(Criterion(Kind.REGION, verdict, None, place))
    elif item.state:
        if profile.state is None:
            criteria.append(Criterion(Kind.REGION, Verdict.UNKNOWN, "region", ("state", item.state)))
        else:
            verdict = Verdict.MET if profile.state == item.state else Verdict.MISSED
            criteria.append(Criterion(Kind.REGION, verdict, None, ("state", item.state)))
    for slug, question_de, question_en, flag in item.conditions:
        key = defining_key(slug)
        question = question_en if translation.get_language() == "en" else question_de
        answer = condition_answer(profile, key, flag)
        if answer is None:
            criteria.append(Criterion(Kind.CONDITION, Verdict.UNKNOWN, key, (question, item.name)))
        else:
            verdict = Verdict.MET if answer else Verdict.MISSED
            criteria.append(Criterion(Kind.CONDITION, verdict, None, (question, item.name)))
    for kind, text, prefix in (
        (Kind.AREA, item.area_restriction, "area"),
        (Kind.CONDITION, item.extra_condition, "condition"),
    ):
        if text:
            key = f"{prefix}:{item.slug}"
            answer = profile.answer(key)
            if answer is None:
                criteria.append(Criterion(kind, Verdict.UNKNOWN, key, (text, item.name)))
            else:
                criteria.append(Criterion(kind, Verdict.MET if answer else Verdict.MISSED, None, (text, item.name)))
    # What for
    if item.service_areas:
        detail = (item.service_areas, labels)
        if not profile.service_areas:
            criteria.append(Criterion(Kind.SERVICE_AREA, Verdict.UNKNOWN, "service_areas", detail))
        else:
            shared = item.service_areas & profile.service_areas
            criteria.append(Criterion(Kind.SERVICE_AREA, Verdict.MET if shared else Verdict.MISSED, None, detail))
    # How much
    if item.amount_min:
        if profile.capital_need is None:
            criteria.append(Criterion(Kind.AMOUNT, Verdict.UNKNOWN, "capital_need", (item.amount_min,)))
        else:
            verdict = Verdict.MET if profile.capital_need >= item.amount_min else Verdict.MISSED
            criteria.append(Criterion(Kind.AMOUNT, verdict, None, (item.amount_min, profile.capital_need)))
    if item.own_share_percent is not None:
        share = item.own_share_percent
        if share <= 0:
            criteria.append(Criterion(Kind.OWN_SHARE, Verdict.MET, None, (share, Decimal(0), profile.own_funds)))
        elif profile.capital_need is None:
            criteria.append(Criterion(Kind.OWN_SHARE, Verdict.UNKNOWN, "capital_need", (share,)))
        else:
            required = (_funded_cost(item, profile.capital_need) * share / HUNDRED).quantize(Decimal(1))
            if profile.own_funds is None:
                criteria.append(Criterion(Kind.OWN_SHARE, Verdict.UNKNOWN, "own_funds", (share, required)))
            else:
                verdict = Verdict.MET if profile.own_funds >= required else Verdict.MISSED
                criteria.append(Criterion(Kind.OWN_SHARE, verdict, None, (share, required, profile.own_funds)))
    if item.deadline is not None and not item.rolling:
        verdict = Verdict.MET if item.deadline >= today else Verdict.MISSED
        criteria.append(Criterion(Kind.DEADLINE, verdict, None, (item.deadline,)))
    return tuple(criteria)


def evaluate_instrument(item: InstrumentData, profile: Profile, labels: Labels) -> tuple[Criterion, ...]:
    return tuple(_common_criteria(item, profile, labels))


LEVEL_POINTS = {"municipal": 15, "state": 10, "eu": 8, "federal": 8, "foundation": 8}

# Bits of the criteria kinds, for classifying thousands of programmes quickly.
BIT = {kind: 1 << number for number, kind in enumerate(Kind)}
LEGAL_FORM_BIT, GEMEINNUETZIG_BIT, SECURITIES_BIT = BIT[Kind.LEGAL_FORM], BIT[Kind.GEMEINNUETZIG], BIT[Kind.SECURITIES]
SERVICE_AREA_BIT, STAGE_BIT = BIT[Kind.SERVICE_AREA], BIT[Kind.STAGE]
PROFITABILITY_BIT, REGION_BIT, AREA_BIT = BIT[Kind.PROFITABILITY], BIT[Kind.REGION], BIT[Kind.AREA]
CONDITION_BIT, AMOUNT_BIT, OWN_SHARE_BIT = BIT[Kind.CONDITION], BIT[Kind.AMOUNT], BIT[Kind.OWN_SHARE]
DEADLINE_BIT = BIT[Kind.DEADLINE]


def gemeinnuetzig_status(profile: Profile, forms: dict[str, LegalFormInfo]) -> bool | None:
    """True/False when settled (by the answer, or because the legal form cannot be), None when unknown."""
    if profile.is_gemeinnuetzig is not None:
        return profile.is_gemeinnuetzig
    if profile.legal_form == NO_LEGAL_FORM:
        return False
    form = forms.get(profile.legal_form) if profile.legal_form else None
    if form is not None and form.can_be_gemeinnuetzig is False:
        return False
    return None


def classify_programme(item: ProgrammeData, profile: Profile, gemeinnuetzig, answers: dict, today):
    """(missed bits, met bits, unknown question keys): the same judgement as `evaluate_programme`, fast."""
    missed = met = 0
    unknown = ()
    legal_form = profile.legal_form
    if item.legal_forms:
        if legal_form is None:
            unknown += ("legal_form",)
        elif item.open_to_individuals if legal_form == NO_LEGAL_FORM else legal_form in item.legal_forms:
            met |= LEGAL_FORM_BIT
        else:
            missed |= LEGAL_FORM_BIT
    if item.requires_gemeinnuetzig:
        if gemeinnuetzig is None:
            unknown += ("gemeinnuetzig",)
        elif gemeinnuetzig:
            met |= GEMEINNUETZIG_BIT
        else:
            missed |= GEMEINNUETZIG_BIT
    if item.profitability:
        if profile.profitability is None:
            unknown += ("profitability",)
        elif profile.profitability not in item.profitability:
            missed |= PROFITABILITY_BIT
    if item.stages:
        if profile.stage is None:
            unknown += ("stage",)
        elif profile.stage in item.stages:
            met |= STAGE_BIT
        else:
            missed |= STAGE_BIT
    if item.requires_securities:
        if profile.has_securities is None:
            unknown += ("securities",)
        elif not profile.has_securities:
            missed |= SECURITIES_BIT
    if item.municipality_slug:
        if profile.municipality is None:
            unknown += ("region",)
        elif profile.municipality != item.municipality_slug:
            missed |= REGION_BIT
    elif item.state:
        if profile.state is None:
            unknown += ("region",)
        elif profile.state != item.state:
            missed |= REGION_BIT
    if item.area_restriction:
        key = "area:" + item.slug
        answer = answers.get(key)
        if answer is None:
            unknown += (key,)
        elif not answer:
            missed |= AREA_BIT
    if item.extra_condition:
        key = "condition:" + item.slug
        answer = answers.get(key)
        if answer is None:
            unknown += (key,)
        elif not answer:
            missed |= CONDITION_BIT
    for slug, _question_de, _question_en, flag in item.conditions:
        key = DEFINES + slug
        answer = answers.get(key)
        if answer is None and flag:
            answer = profile.place_fact(flag)
        if answer is None:
            unknown += (key,)
        elif not answer:
            missed |= CONDITION_BIT
    if item.service_areas:
        if not profile.service_areas:
            unknown += ("service_areas",)
        elif item.service_areas.isdisjoint(profile.service_areas):
            missed |= SERVICE_AREA_BIT
        else:
            met |= SERVICE_AREA_BIT
    need = profile.capital_need
    if item.amount_min:
        if need is None:
            unknown += ("capital_need",)
        elif need < item.amount_min:
            missed |= AMOUNT_BIT
    share = item.own_share_percent
    if share is not None and share > 0:
        if need is None:
            unknown += ("capital_need",)
        elif profile.own_funds is None:
            unknown += ("own_funds",)
        elif profile.own_funds < (_funded_cost(item, need) * share / HUNDRED).quantize(ONE):
            missed |= OWN_SHARE_BIT
    if item.deadline is not None and not item.rolling and item.deadline < today:
        missed |= DEADLINE_BIT
    return missed, met, unknown


def score_programme(item: ProgrammeData, met: int, need: Decimal | None) -> int:
    """0–100: how much of the need it covers (40), how specific it is to the initiative (35), how local (15),
    and whether it asks for no own share (10)."""
    covers = need and item.amount_max is not None
    score = 40.0 * min(1.0, float(item.amount_max) / float(need)) if covers else 10.0
    if met & SERVICE_AREA_BIT:
        score += 20
    if met & STAGE_BIT:
        score += 10
    if met & LEGAL_FORM_BIT:
        score += 5
    score += LEVEL_POINTS.get(item.level, 5)
    if not item.own_share_percent:
        score += 10
    return round(score)


def programme_score(item: ProgrammeData, criteria: tuple[Criterion, ...], profile: Profile) -> int:
    """The score of `score_programme`, from criteria in words."""
    met = 0
    for criterion in criteria:
        if criterion.verdict == Verdict.MET:
            met |= BIT[criterion.kind]
    return score_programme(item, met, profile.capital_need)
