"""The matcher's inputs: what is known about an initiative (`Profile`) and the catalogue it is matched
against, as plain frozen dataclasses (`financing.queries.catalogue_for_matching` converts the model rows)."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal


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
    # What the initiative's quarters know (financing.Condition.quarter_flag -> True/False), for the defining
    # conditions a quarter answers; an answer of the initiative itself comes first.
    place_facts: tuple[tuple[str, bool], ...] = ()

    def answer(self, key: str) -> bool | None:
        for answer_key, value in self.answers:
            if answer_key == key:
                return value
        return None

    def place_fact(self, flag: str) -> bool | None:
        for fact, value in self.place_facts:
            if fact == flag:
                return value
        return None


@dataclass(frozen=True)
class LegalFormInfo:
    """A legal form with the facts the levers rank by (financing.LegalForm); None means the catalogue is silent."""

    slug: str
    name: str
    short_name: str
    can_be_gemeinnuetzig: bool | None = None
    is_founding_option: bool = True
    min_founders: int | None = None
    min_capital: Decimal | None = None
    founding_cost_min: Decimal | None = None  # the lowest founding cost the sources name
    notary_required: bool | None = None
    personal_liability: bool | None = None  # founders, members or those who act for it liable with their own assets
    economic_business: bool | None = None  # its main purpose may be an economic business


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
    # Defining conditions (financing.Condition): (slug, question in German, question in English, the quarter
    # flag that answers it or "") each; the answer "defines:<slug>" serves every programme with the condition.
    conditions: tuple[tuple[str, str, str, str], ...] = ()
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
