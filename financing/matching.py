"""The financing check: which programmes and instrument types fit an initiative, and what is missing.

A pure function over plain dataclasses (no database, no request), so the check can be tested by hand and
timed (bench/bench_matching.py): `financing.queries.catalogue_for_matching()` converts model rows, the
initiatives app can build a `Profile` from an initiative without financing importing it.

Each criterion a programme sets is *met*, *missed*, or *unknown* because the profile lacks the fact; a
criterion the programme does not set is not checked. Programmes fall into three groups: fits (all met),
does not fit (one missed), needs information (none missed, some unknown). The result also names the
question whose answer settles the most programmes, what would open more programmes (another legal form,
recognised Gemeinnützigkeit, securities), and the combination rules that apply to the fitting sources.
Sentences are built only when shown (`Criterion.text`), so matching thousands of programmes stays fast.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import NamedTuple

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from common.money import format_euro, format_percent

from .choices import NO_LEGAL_FORM, Profitability, RuleKind, Stage, State

HUNDRED = Decimal(100)
ONE = Decimal(1)


class Verdict(StrEnum):
    MET = "met"
    MISSED = "missed"
    UNKNOWN = "unknown"


class Group(StrEnum):
    FITS = "fits"
    DOES_NOT_FIT = "does_not_fit"
    NEEDS_INFORMATION = "needs_information"


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


# --- inputs -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Profile:
    """What is known about an initiative; None means "not known". All facts are optional."""

    legal_form: str | None = None  # LegalForm.slug, or NO_LEGAL_FORM when there is none yet
    stage: str | None = None  # choices.Stage
    service_areas: frozenset[str] = frozenset()  # ServiceArea slugs
    state: str | None = None  # choices.State (ISO 3166-2 code)
    municipality: str | None = None  # Municipality slug
    capital_need: Decimal | None = None
    own_funds: Decimal | None = None
    profitability: str | None = None  # choices.Profitability
    has_securities: bool | None = None
    is_gemeinnuetzig: bool | None = None
    # Answers to programme-specific questions: {"area:<slug>": True, "condition:<slug>": False}.
    answers: tuple[tuple[str, bool], ...] = ()

    def answer(self, key: str) -> bool | None:
        for answer_key, value in self.answers:
            if answer_key == key:
                return value
        return None


@dataclass(frozen=True)
class LegalFormInfo:
    slug: str
    name: str
    short_name: str
    can_be_gemeinnuetzig: bool | None = None
    is_founding_option: bool = True


@dataclass(frozen=True)
class ProgrammeData:
    """A programme as the matcher needs it. Empty sets and None mean "the programme sets no condition"."""

    id: int
    slug: str
    name: str
    instrument_slug: str
    level: str = ""
    state: str = ""  # empty: all of Germany
    municipality_slug: str | None = None
    municipality_name: str = ""
    area_restriction: str = ""
    extra_condition: str = ""
    legal_forms: frozenset[str] = frozenset()
    open_to_individuals: bool | None = None
    requires_gemeinnuetzig: bool | None = None
    service_areas: frozenset[str] = frozenset()
    profitability: frozenset[str] = frozenset()
    stages: frozenset[str] = frozenset()
    amount_min: Decimal | None = None
    amount_max: Decimal | None = None
    own_share_percent: Decimal | None = None
    requires_securities: bool | None = None
    deadline: datetime.date | None = None
    rolling: bool | None = None
    public_funding: bool = False
    pays_after_spending: bool = False
    # Criteria the programme does not set itself but takes from its instrument type ("securities", …).
    inherited: frozenset[str] = frozenset()
    instrument_name: str = ""


@dataclass(frozen=True)
class InstrumentData:
    slug: str
    name: str
    legal_forms: frozenset[str] = frozenset()
    requires_gemeinnuetzig: bool | None = None
    requires_securities: bool | None = None
    profitability: frozenset[str] = frozenset()
    stages: frozenset[str] = frozenset()
    public_funding: bool = False
    needs_own_funds: bool = False
    pays_after_spending: bool = False
    repayable: bool = False


@dataclass(frozen=True)
class RuleData:
    """A combination rule; each side is ("programme", slug) or ("instrument", slug)."""

    kind: str  # choices.RuleKind
    subject: tuple[str, str]
    other: tuple[str, str]
    subject_name: str
    other_name: str
    explanation: str


@dataclass(frozen=True)
class Catalogue:
    programmes: Sequence[ProgrammeData] = ()
    instruments: Sequence[InstrumentData] = ()
    legal_forms: Sequence[LegalFormInfo] = ()
    rules: Sequence[RuleData] = ()
    service_area_names: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Labels:
    """Names for the sentences: legal forms and service areas by slug."""

    forms: dict[str, LegalFormInfo]
    areas: dict[str, str]

    def form_names(self, slugs) -> str:
        return ", ".join(sorted(self.forms[slug].short_name if slug in self.forms else slug for slug in slugs))

    def area_names(self, slugs) -> str:
        return ", ".join(sorted(self.areas.get(slug, slug) for slug in slugs))


# --- results ------------------------------------------------------------------------------------


class Criterion(NamedTuple):
    """One condition of a programme, judged for a profile (a tuple: thousands are made per check)."""

    kind: Kind
    verdict: Verdict
    question: str | None = None  # key of the question that would settle an unknown criterion
    detail: tuple = ()  # the values the sentence needs

    @property
    def text(self) -> str:
        return criterion_text(self)


class Match:
    """A programme or instrument type judged for a profile.

    The check classifies thousands of programmes with bit masks (`classify_programme`); the criteria in
    words are built only for the matches a page shows.
    """

    __slots__ = ("_context", "_criteria", "group", "item", "missed_mask", "score", "unknown_keys")

    def __init__(self, item, group, score, missed_mask=0, unknown_keys=(), context=None, criteria=None):
        self.item = item
        self.group = group
        self.score = score
        self.missed_mask = missed_mask
        self.unknown_keys = unknown_keys
        self._context = context
        self._criteria = criteria

    def __repr__(self):
        return f"Match({self.item.slug!r}, {self.group}, {self.score})"

    @property
    def criteria(self) -> tuple[Criterion, ...]:
        if self._criteria is None:
            profile, labels, today = self._context
            if isinstance(self.item, ProgrammeData):
                self._criteria = evaluate_programme(self.item, profile, labels, today)
            else:
                self._criteria = evaluate_instrument(self.item, profile, labels)
        return self._criteria

    @property
    def missed(self) -> tuple[Criterion, ...]:
        return tuple(c for c in self.criteria if c.verdict == Verdict.MISSED)

    @property
    def unknown(self) -> tuple[Criterion, ...]:
        return tuple(c for c in self.criteria if c.verdict == Verdict.UNKNOWN)


@dataclass(frozen=True)
class Question:
    key: str
    text: str
    settles: int  # programmes this answer alone would decide
    concerns: int  # programmes waiting for this answer (among others)


@dataclass(frozen=True)
class Lever:
    key: str
    count: int
    text: str


@dataclass
class MatchResult:
    fits: list[Match] = field(default_factory=list)
    does_not_fit: list[Match] = field(default_factory=list)
    needs_information: list[Match] = field(default_factory=list)
    instruments: list[Match] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    levers: list[Lever] = field(default_factory=list)
    combination_notes: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def key_question(self) -> Question | None:
        return self.questions[0] if self.questions else None

    @property
    def programme_count(self) -> int:
        return len(self.fits) + len(self.does_not_fit) + len(self.needs_information)


# --- evaluation ---------------------------------------------------------------------------------


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


def group_of(criteria: Iterable[Criterion]) -> Group:
    unknown = False
    for criterion in criteria:
        if criterion.verdict == Verdict.MISSED:
            return Group.DOES_NOT_FIT
        if criterion.verdict == Verdict.UNKNOWN:
            unknown = True
    return Group.NEEDS_INFORMATION if unknown else Group.FITS


LEVEL_POINTS = {"municipal": 15, "state": 10, "eu": 8, "federal": 8, "foundation": 8}

# Bits of the criteria kinds, for classifying thousands of programmes quickly.
BIT = {kind: 1 << number for number, kind in enumerate(Kind)}
LEGAL_FORM_BIT, GEMEINNUETZIG_BIT, SECURITIES_BIT = BIT[Kind.LEGAL_FORM], BIT[Kind.GEMEINNUETZIG], BIT[Kind.SECURITIES]
SERVICE_AREA_BIT, STAGE_BIT = BIT[Kind.SERVICE_AREA], BIT[Kind.STAGE]
PROFITABILITY_BIT, REGION_BIT, AREA_BIT = BIT[Kind.PROFITABILITY], BIT[Kind.REGION], BIT[Kind.AREA]
CONDITION_BIT, AMOUNT_BIT, OWN_SHARE_BIT = BIT[Kind.CONDITION], BIT[Kind.AMOUNT], BIT[Kind.OWN_SHARE]
DEADLINE_BIT = BIT[Kind.DEADLINE]


def _gemeinnuetzig_status(profile: Profile, forms: dict[str, LegalFormInfo]) -> bool | None:
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


# --- questions, levers, combinations ------------------------------------------------------------


QUESTION_TEXTS = {
    "legal_form": lambda: _("Which legal form does the initiative have?"),
    "gemeinnuetzig": lambda: _("Is the initiative recognised as gemeinnützig?"),
    "region": lambda: _("Where is the project (federal state and municipality)?"),
    "service_areas": lambda: _("Which service areas does the initiative serve?"),
    "stage": lambda: _("At what stage is the initiative?"),
    "profitability": lambda: _("Will the service cover its costs from its own income?"),
    "capital_need": lambda: _("How much money does the initiative need?"),
    "own_funds": lambda: _("How much money of its own can the initiative bring in?"),
    "securities": lambda: _("Can the initiative offer securities, e.g. a land charge or a guarantee?"),
}


def question_text(key: str, detail: tuple = ()) -> str:
    if key in QUESTION_TEXTS:
        return QUESTION_TEXTS[key]()
    text, programme = detail if detail else ("", "")
    if key.startswith("area:"):
        return _("Is the project in this area: %(area)s? (%(programme)s)") % {"area": text, "programme": programme}
    return _("%(programme)s: %(condition)s Does this apply?") % {"programme": programme, "condition": text}


def _question_detail(key: str, by_slug: dict[str, ProgrammeData]) -> tuple:
    prefix, _sep, slug = key.partition(":")
    item = by_slug.get(slug)
    if item is None:
        return ()
    return (item.area_restriction if prefix == "area" else item.extra_condition, item.name)


def _questions(waiting: list[Match]) -> list[Question]:
    settles: Counter = Counter()
    concerns: Counter = Counter()
    for match in waiting:
        keys = set(match.unknown_keys)
        for key in keys:
            concerns[key] += 1
        if len(keys) == 1:
            settles[next(iter(keys))] += 1
    # Questions about the initiative come before questions about one programme when they settle as many.
    ranked = sorted(concerns, key=lambda key: (-settles[key], -concerns[key], ":" in key, key))
    by_slug = {match.item.slug: match.item for match in waiting}
    return [
        Question(
            key, question_text(key, _question_detail(key, by_slug) if ":" in key else ()), settles[key], concerns[key]
        )
        for key in ranked
    ]


# Why programmes do not fit, in general words: the page sums thousands of them up by reason.
MISSED_REASON_TEXTS = {
    Kind.LEGAL_FORM: lambda: _("Not for the initiative's legal form"),
    Kind.GEMEINNUETZIG: lambda: _("Only for organisations recognised as gemeinnützig"),
    Kind.REGION: lambda: _("Only for other regions"),
    Kind.AREA: lambda: _("Only for an area the project is not in"),
    Kind.CONDITION: lambda: _("A condition of the programme is not met"),
    Kind.SERVICE_AREA: lambda: _("Funds other service areas"),
    Kind.STAGE: lambda: _("Not for the initiative's stage"),
    Kind.PROFITABILITY: lambda: _("Not for the initiative's profitability"),
    Kind.AMOUNT: lambda: _("The minimum amount is more than the initiative needs"),
    Kind.OWN_SHARE: lambda: _("The own funds do not cover the own share"),
    Kind.SECURITIES: lambda: _("Securities required"),
    Kind.DEADLINE: lambda: _("The deadline has passed"),
}


@dataclass(frozen=True)
class MissedReason:
    kind: Kind
    text: str
    count: int  # programmes that miss this criterion
    only: int  # of them, programmes that miss nothing else


def missed_reasons(excluded: Iterable[Match]) -> list[MissedReason]:
    """The criteria the programmes that do not fit miss, most common first."""
    masks = Counter(match.missed_mask for match in excluded)  # few distinct masks, however many programmes
    reasons = []
    for kind in Kind:
        bit = BIT[kind]
        count = sum(number for mask, number in masks.items() if mask & bit)
        if count:
            reasons.append(MissedReason(kind, MISSED_REASON_TEXTS[kind](), count, masks.get(bit, 0)))
    return sorted(reasons, key=lambda reason: (-reason.count, -reason.only, list(Kind).index(reason.kind)))


def missing(excluded: Iterable[Match], kind: Kind) -> list[Match]:
    """The programmes that do not fit because they miss this criterion (among others)."""
    bit = BIT[kind]
    return [match for match in excluded if match.missed_mask & bit]


LEVER_MASK = LEGAL_FORM_BIT | GEMEINNUETZIG_BIT


def _levers(profile: Profile, excluded: list[Match], forms: dict[str, LegalFormInfo]) -> list[Lever]:
    """What would open programmes that do not fit now: another legal form, Gemeinnützigkeit, securities."""
    by_missed: list[tuple[int, ProgrammeData]] = []
    for match in excluded:
        if not match.missed_mask & ~(LEVER_MASK | SECURITIES_BIT):
            by_missed.append((match.missed_mask, match.item))
    if not by_missed:
        return []
    levers = []
    without_form = profile.legal_form in (None, NO_LEGAL_FORM)
    for form in forms.values():
        if form.slug == profile.legal_form or not (form.is_founding_option or without_form):
            continue
        count = 0
        for kinds, item in by_missed:
            if kinds & ~LEVER_MASK:
                continue
            if item.legal_forms and form.slug not in item.legal_forms:
                continue
            if item.requires_gemeinnuetzig and form.can_be_gemeinnuetzig is False:
                continue
            count += 1
        if not count:
            continue
        if not form.is_founding_option:
            text = ngettext(
                "With %(form)s as carrier, %(count)s more programme would come into question.",
                "With %(form)s as carrier, %(count)s more programmes would come into question.",
                count,
            )
        elif form.can_be_gemeinnuetzig:
            text = ngettext(
                "With a gemeinnützig %(form)s, %(count)s more programme would come into question.",
                "With a gemeinnützig %(form)s, %(count)s more programmes would come into question.",
                count,
            )
        else:
            text = ngettext(
                "With %(form)s as legal form, %(count)s more programme would come into question.",
                "With %(form)s as legal form, %(count)s more programmes would come into question.",
                count,
            )
        levers.append(Lever(f"legal_form:{form.slug}", count, text % {"form": form.short_name, "count": count}))
    current = forms.get(profile.legal_form) if profile.legal_form else None
    if profile.is_gemeinnuetzig is not True and (current is None or current.can_be_gemeinnuetzig):
        count = sum(1 for kinds, _item in by_missed if kinds == GEMEINNUETZIG_BIT)
        if count and profile.legal_form != NO_LEGAL_FORM:
            text = ngettext(
                "Recognised as gemeinnützig, the initiative would have %(count)s more programme in question.",
                "Recognised as gemeinnützig, the initiative would have %(count)s more programmes in question.",
                count,
            )
            levers.append(Lever("gemeinnuetzig", count, text % {"count": count}))
    if profile.has_securities is False:
        count = sum(1 for kinds, _item in by_missed if kinds == SECURITIES_BIT)
        if count:
            text = ngettext(
                "With securities (or a guarantee), %(count)s more programme would come into question.",
                "With securities (or a guarantee), %(count)s more programmes would come into question.",
                count,
            )
            levers.append(Lever("securities", count, text % {"count": count}))
    return sorted(levers, key=lambda lever: (-lever.count, lever.key))


def _side_present(side: tuple[str, str], programmes: dict[str, ProgrammeData], instruments: set[str]) -> bool:
    kind, slug = side
    return slug in programmes if kind == "programme" else slug in instruments


def combination_conflicts(
    programmes: Sequence[ProgrammeData], rules: Sequence[RuleData], extra_instruments: Iterable[str] = ()
) -> list[str]:
    """Plain sentences on how the given sources combine: double public funding, pre-financing, the rules.

    `programmes` are the sources considered together (the fitting programmes, or the lines of a financing
    plan); `extra_instruments` are instrument types used without a programme (donations, own work, …).
    """
    notes: list[str] = []
    by_slug = {programme.slug: programme for programme in programmes}
    present_instruments = {programme.instrument_slug for programme in programmes} | set(extra_instruments)
    public = [programme for programme in programmes if programme.public_funding]
    if len(public) >= 2:
        names = ", ".join(programme.name for programme in public[:5])
        more = len(public) - 5
        if more > 0:
            names += " " + ngettext("and %(count)s more", "and %(count)s more", more) % {"count": more}
        notes.append(
            _(
                "%(count)s of these sources are public funds (%(names)s): they must not pay for the same costs "
                "(no double funding). Assign each cost to one of them in the financing plan."
            )
            % {"count": len(public), "names": names}
        )
    for programme in programmes:
        if programme.pays_after_spending:
            notes.append(
                _(
                    "%(name)s pays only after the money has been spent: the initiative has to pre-finance the "
                    "costs, e.g. from own funds or with a bridging loan."
                )
                % {"name": programme.name}
            )
    seen = set()
    for rule in rules:
        if not _side_present(rule.subject, by_slug, present_instruments):
            continue
        other_present = _side_present(rule.other, by_slug, present_instruments)
        key = (rule.kind, rule.subject, rule.other)
        if key in seen:
            continue
        seen.add(key)
        values = {"subject": rule.subject_name, "other": rule.other_name, "explanation": rule.explanation}
        if rule.kind == RuleKind.EXCLUDES and other_present:
            notes.append(_("%(subject)s and %(other)s cannot be combined: %(explanation)s") % values)
        elif rule.kind == RuleKind.REQUIRES:
            notes.append(_("%(subject)s needs %(other)s alongside: %(explanation)s") % values)
        elif rule.kind == RuleKind.SUBSIDIARY and other_present:
            notes.append(
                _("%(subject)s pays only what %(other)s does not cover: apply there first. %(explanation)s") % values
            )
    return notes


# --- the check ----------------------------------------------------------------------------------


def match(profile: Profile, catalogue: Catalogue, today: datetime.date | None = None) -> MatchResult:
    """Rank the catalogue's programmes and instrument types for a profile."""
    today = today or datetime.date.today()
    forms = {form.slug: form for form in catalogue.legal_forms}
    labels = Labels(forms, dict(catalogue.service_area_names))
    context = (profile, labels, today)
    gemeinnuetzig = _gemeinnuetzig_status(profile, forms)
    answers = dict(profile.answers)
    need = profile.capital_need
    result = MatchResult()
    fits, waiting, excluded = result.fits, result.needs_information, result.does_not_fit
    fits_per_instrument: Counter = Counter()
    waiting_per_instrument: Counter = Counter()
    for item in catalogue.programmes:
        missed, met, unknown = classify_programme(item, profile, gemeinnuetzig, answers, today)
        if missed:  # most programmes: no score, they are listed by how little they miss
            excluded.append(Match(item, Group.DOES_NOT_FIT, 0, missed, unknown, context))
        elif unknown:
            waiting.append(Match(item, Group.NEEDS_INFORMATION, score_programme(item, met, need), 0, unknown, context))
            waiting_per_instrument[item.instrument_slug] += 1
        else:
            fits.append(Match(item, Group.FITS, score_programme(item, met, need), 0, (), context))
            fits_per_instrument[item.instrument_slug] += 1

    fits.sort(key=lambda m: (-m.score, m.item.name))
    waiting.sort(key=lambda m: (len(set(m.unknown_keys)), -m.score, m.item.name))
    excluded.sort(key=lambda m: (m.missed_mask.bit_count(), m.item.name))

    for instrument in catalogue.instruments:
        criteria = evaluate_instrument(instrument, profile, labels)
        group = group_of(criteria)
        score = 10 * fits_per_instrument[instrument.slug] + 5 * waiting_per_instrument[instrument.slug]
        if profile.profitability and profile.profitability != Profitability.PROFITABLE and not instrument.repayable:
            score += 20  # money that need not be repaid suits weakly and not profitable services
        score += 10 * sum(1 for c in criteria if c.verdict == Verdict.MET)
        unknown = tuple(c.question for c in criteria if c.verdict == Verdict.UNKNOWN)
        result.instruments.append(Match(instrument, group, min(score, 100), 0, unknown, context, criteria))
    order = {Group.FITS: 0, Group.NEEDS_INFORMATION: 1, Group.DOES_NOT_FIT: 2}
    result.instruments.sort(key=lambda m: (order[m.group], -m.score, m.item.name))

    result.questions = _questions(waiting)
    result.levers = _levers(profile, excluded, forms)
    result.combination_notes = combination_conflicts([m.item for m in fits], catalogue.rules)
    if need is not None and need <= 0:
        result.notes.append(
            _("The initiative needs no money: programmes with a minimum amount do not fit; the others are shown.")
        )
    if not catalogue.programmes:
        result.notes.append(_("The catalogue has no programmes yet."))
    return result


# --- sentences ----------------------------------------------------------------------------------


def _names(values: Iterable[str], labels: dict | None = None) -> str:
    labels = labels or {}
    return ", ".join(sorted(str(labels.get(value, value)) for value in values))


def criterion_text(criterion: Criterion) -> str:
    text = _criterion_text(criterion)
    usual = ""
    if criterion.kind in (Kind.STAGE, Kind.PROFITABILITY):
        usual = criterion.detail[2]
    elif criterion.kind == Kind.SECURITIES:
        usual = criterion.detail[0] if criterion.detail else ""
    if usual:
        text = f"{text} " + _("(As usual for %(instrument)s.)") % {"instrument": usual}
    return text


def _criterion_text(criterion: Criterion) -> str:
    kind, verdict, detail = criterion.kind, criterion.verdict, criterion.detail
    if kind == Kind.LEGAL_FORM:
        allowed, individuals, labels = detail
        names = labels.form_names(allowed)
        if individuals:
            names = _("%(forms)s, also without a legal form") % {"forms": names}
        if verdict == Verdict.UNKNOWN:
            return _("Only for these legal forms: %(forms)s. Which one does the initiative have?") % {"forms": names}
        if verdict == Verdict.MET:
            return _("Legal form fits (%(forms)s).") % {"forms": names}
        return _("Only for these legal forms: %(forms)s.") % {"forms": names}
    if kind == Kind.GEMEINNUETZIG:
        if verdict == Verdict.MET:
            return _("Recognised as gemeinnützig, as required.")
        if verdict == Verdict.UNKNOWN:
            return _("Only for organisations recognised as gemeinnützig.")
        if detail and detail[0] == "no_form":
            return _("Only for organisations recognised as gemeinnützig; without a legal form that is not possible.")
        if detail and detail[0] == "form_cannot":
            return _("Only for organisations recognised as gemeinnützig; a %(form)s cannot be.") % {"form": detail[1]}
        return _("Only for organisations recognised as gemeinnützig.")
    if kind == Kind.REGION:
        scope, value = detail
        place = State(value).label if scope == "state" and value in State.values else value
        if verdict == Verdict.MET:
            return _("Available where the project is (%(place)s).") % {"place": place}
        if verdict == Verdict.UNKNOWN:
            return _("Only in %(place)s.") % {"place": place}
        return _("Only in %(place)s, not where the project is.") % {"place": place}
    if kind in (Kind.AREA, Kind.CONDITION):
        text, _programme = detail
        if kind == Kind.AREA:
            if verdict == Verdict.MET:
                return _("The project is in the programme's area (%(area)s).") % {"area": text}
            if verdict == Verdict.MISSED:
                return _("Only in %(area)s; the project is not there.") % {"area": text}
            return _("Only in %(area)s: is the project there?") % {"area": text}
        if verdict == Verdict.MET:
            return _("Condition met: %(condition)s") % {"condition": text}
        if verdict == Verdict.MISSED:
            return _("Condition not met: %(condition)s") % {"condition": text}
        return _("Condition to check: %(condition)s") % {"condition": text}
    if kind == Kind.SERVICE_AREA:
        areas, labels = detail
        names = labels.area_names(areas)
        if verdict == Verdict.MET:
            return _("Funds what the initiative does (%(areas)s).") % {"areas": names}
        if verdict == Verdict.UNKNOWN:
            return _("Funds only certain service areas (%(areas)s).") % {"areas": names}
        return _("Funds other service areas (%(areas)s).") % {"areas": names}
    if kind in (Kind.STAGE, Kind.PROFITABILITY):
        choices = Stage if kind == Kind.STAGE else Profitability
        labels = dict(choices.choices)
        allowed = detail[0]
        names = _names(allowed, labels)
        if verdict == Verdict.MET and kind == Kind.STAGE:
            return _("Suits the stage (%(values)s).") % {"values": names}
        if verdict == Verdict.MET:
            return _("Suits the profitability (%(values)s).") % {"values": names}
        if kind == Kind.STAGE:
            return _("Only for these stages: %(values)s.") % {"values": names}
        return _("Only for this profitability: %(values)s.") % {"values": names}
    if kind == Kind.AMOUNT:
        if verdict == Verdict.UNKNOWN:
            return _("Gives at least %(min)s.") % {"min": format_euro(detail[0])}
        if verdict == Verdict.MET:
            return _("Gives at least %(min)s; the initiative needs %(need)s.") % {
                "min": format_euro(detail[0]),
                "need": format_euro(detail[1]),
            }
        return _("Gives at least %(min)s, more than the initiative needs (%(need)s).") % {
            "min": format_euro(detail[0]),
            "need": format_euro(detail[1]),
        }
    if kind == Kind.OWN_SHARE:
        share = format_percent(detail[0])
        if verdict == Verdict.MET and detail[0] <= 0:
            return _("No own share required.")
        if verdict == Verdict.UNKNOWN and len(detail) == 1:
            return _("Needs an own share of %(share)s.") % {"share": share}
        if verdict == Verdict.UNKNOWN:
            return _("Needs an own share of %(share)s, about %(required)s.") % {
                "share": share,
                "required": format_euro(detail[1]),
            }
        values = {"share": share, "required": format_euro(detail[1]), "own": format_euro(detail[2])}
        if verdict == Verdict.MET:
            return _("Own share of %(share)s (about %(required)s) is covered by %(own)s own funds.") % values
        return _("Needs an own share of %(share)s (about %(required)s); the initiative has %(own)s.") % values
    if kind == Kind.SECURITIES:
        if verdict == Verdict.MET:
            return _("Securities required; the initiative can offer them.")
        if verdict == Verdict.UNKNOWN:
            return _("Securities required.")
        return _("Securities required; the initiative has none.")
    if kind == Kind.DEADLINE:
        deadline = detail[0].strftime("%d.%m.%Y")
        if verdict == Verdict.MET:
            return _("Deadline: %(date)s.") % {"date": deadline}
        return _("The last known deadline (%(date)s) has passed; check for a new round.") % {"date": deadline}
    return ""  # pragma: no cover


def coverage_text(item: ProgrammeData, profile: Profile) -> str:
    """How much of the need the programme can cover, in words ("" when unknown)."""
    need = profile.capital_need
    if item.amount_max is None:
        return ""
    if not need:
        return _("Up to %(max)s.") % {"max": format_euro(item.amount_max)}
    share = min(HUNDRED, item.amount_max * HUNDRED / need)
    shown = "< 1 %" if share < 1 else format_percent(share.quantize(Decimal(1)))
    return _("Up to %(max)s, that is up to %(share)s of the need.") % {
        "max": format_euro(item.amount_max),
        "share": shown,
    }
