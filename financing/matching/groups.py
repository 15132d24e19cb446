"""The check itself: `match` sorts the programmes into three groups (fits, does not fit, needs information),
ranks the instrument types, and sums up why the programmes that do not fit miss."""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..choices import FEDERAL_FUNDING_DATABASE_URL, Profitability, State
from .combinations import combination_conflicts
from .criteria import (
    BIT,
    Criterion,
    Kind,
    Verdict,
    classify_programme,
    evaluate_instrument,
    evaluate_programme,
    gemeinnuetzig_status,
    score_programme,
)
from .levers import Lever, levers_for
from .profile import Catalogue, Labels, Profile, ProgrammeData
from .questions import Question, questions_for


class Group(StrEnum):
    FITS = "fits"
    DOES_NOT_FIT = "does_not_fit"
    NEEDS_INFORMATION = "needs_information"


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
class Coverage:
    """How much of the catalogue is regional for the profile: programmes of its state and its municipality
    (None where the profile does not say where it is) and nationwide ones."""

    state: str | None
    state_programmes: int | None
    municipality: str | None
    municipality_programmes: int | None
    nationwide_programmes: int

    database_url = FEDERAL_FUNDING_DATABASE_URL

    @property
    def state_name(self) -> str:
        return str(State(self.state).label) if self.state in State.values else (self.state or "")

    @property
    def text(self) -> str:
        """The counts in one sentence ("" when the profile does not say where it is)."""
        if self.state_programmes is None:
            return ""
        parts = [
            ngettext("%(count)s programme of %(state)s", "%(count)s programmes of %(state)s", self.state_programmes)
            % {"count": self.state_programmes, "state": self.state_name}
        ]
        if self.municipality_programmes is not None:
            parts.append(
                ngettext("%(count)s of the municipality", "%(count)s of the municipality", self.municipality_programmes)
                % {"count": self.municipality_programmes}
            )
        parts.append(
            ngettext("%(count)s nationwide", "%(count)s nationwide", self.nationwide_programmes)
            % {"count": self.nationwide_programmes}
        )
        return _("The catalogue holds %(parts)s.") % {"parts": ", ".join(parts)}

    @property
    def no_regional(self) -> bool:
        """The profile's state is known and the catalogue has nothing of it or of the municipality."""
        return self.state_programmes == 0 and not self.municipality_programmes


def coverage_of(profile: Profile, programmes) -> Coverage:
    state_count = municipality_count = nationwide = 0
    for item in programmes:
        if item.municipality_slug:
            municipality_count += item.municipality_slug == profile.municipality
        elif item.state:
            state_count += item.state == profile.state
        else:
            nationwide += 1
    return Coverage(
        state=profile.state,
        state_programmes=state_count if profile.state else None,
        municipality=profile.municipality,
        municipality_programmes=municipality_count if profile.municipality else None,
        nationwide_programmes=nationwide,
    )


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
    coverage: Coverage | None = None

    @property
    def key_question(self) -> Question | None:
        return self.questions[0] if self.questions else None

    @property
    def programme_count(self) -> int:
        return len(self.fits) + len(self.does_not_fit) + len(self.needs_information)


def group_of(criteria: Iterable[Criterion]) -> Group:
    unknown = False
    for criterion in criteria:
        if criterion.verdict == Verdict.MISSED:
            return Group.DOES_NOT_FIT
        if criterion.verdict == Verdict.UNKNOWN:
            unknown = True
    return Group.NEEDS_INFORMATION if unknown else Group.FITS


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


def match(profile: Profile, catalogue: Catalogue, today: datetime.date | None = None) -> MatchResult:
    """Rank the catalogue's programmes and instrument types for a profile."""
    today = today or datetime.date.today()
    forms = {form.slug: form for form in catalogue.legal_forms}
    labels = Labels(forms, dict(catalogue.service_area_names))
    context = (profile, labels, today)
    gemeinnuetzig = gemeinnuetzig_status(profile, forms)
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

    result.questions = questions_for(waiting, need)
    result.coverage = coverage_of(profile, catalogue.programmes)
    result.levers = levers_for(profile, excluded, forms)
    result.combination_notes = combination_conflicts([m.item for m in fits], catalogue.rules)
    if need is not None and need <= 0:
        result.notes.append(
            _("The initiative needs no money: programmes with a minimum amount do not fit; the others are shown.")
        )
    if not catalogue.programmes:
        result.notes.append(_("The catalogue has no programmes yet."))
    return result
