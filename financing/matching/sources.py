"""The sources of a financing plan judged by the check: a plan must not count money from a programme the
check rejects, or from two sources the combination rules forbid together, without saying so."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

from ..choices import RuleKind
from .criteria import Verdict, evaluate_programme
from .groups import Group, group_of
from .profile import Labels, Profile, ProgrammeData, RuleData


@dataclass(frozen=True)
class SourceVerdict:
    """What the check says about one source of a plan. `warnings` question the money (the programme does
    not fit, or a rule forbids it together with another source); `open_questions` say what the check still
    needs to know before it can say the programme fits."""

    group: Group | None  # None for a source without a programme (donations, own funds, ...)
    warnings: tuple[str, ...] = ()
    open_questions: tuple[str, ...] = ()
    judged_for: str = ""  # the organisation of the initiative the programme was judged for ("" for the lead)

    @property
    def questioned(self) -> bool:
        return bool(self.warnings)


def _excluded_together(programmes: Sequence[ProgrammeData], rules: Sequence[RuleData]) -> dict[str, list[str]]:
    """slug -> the names of the other sources of the plan that a rule forbids it to be combined with."""
    by_slug = {programme.slug: programme for programme in programmes}
    instruments: dict[str, list[ProgrammeData]] = {}
    for programme in programmes:
        instruments.setdefault(programme.instrument_slug, []).append(programme)

    def present(side: tuple[str, str]) -> list[ProgrammeData]:
        kind, slug = side
        if kind == "programme":
            return [by_slug[slug]] if slug in by_slug else []
        return instruments.get(slug, [])

    excluded: dict[str, list[str]] = {}
    for rule in rules:
        if rule.kind != RuleKind.EXCLUDES:
            continue
        for subject in present(rule.subject):
            for other in present(rule.other):
                if other.slug == subject.slug:
                    continue
                for one, another in ((subject, other), (other, subject)):
                    names = excluded.setdefault(one.slug, [])
                    if another.name not in names:
                        names.append(another.name)
    return excluded


def judge_sources(
    programmes: Sequence[ProgrammeData],
    profile: Profile,
    labels: Labels,
    rules: Sequence[RuleData],
    today: datetime.date,
    applicants: dict[str, tuple[Profile, str]] | None = None,
) -> dict[str, SourceVerdict]:
    """A verdict per source (by ProgrammeData.slug). Sources without a programme (id 0) are judged by the
    combination rules only: the check judges programmes, not an initiative's own money. `applicants` names,
    per slug, another organisation of the initiative that would apply (its profile and its label, e.g.
    "eG"); the others are judged for `profile`, the lead organisation."""
    excluded = _excluded_together(programmes, rules)
    applicants = applicants or {}
    verdicts = {}
    for item in programmes:
        warnings: list[str] = []
        open_questions: tuple[str, ...] = ()
        group = None
        applicant, judged_for = applicants.get(item.slug, (profile, ""))
        if item.id:
            criteria = evaluate_programme(item, applicant, labels, today)
            group = group_of(criteria)
            if group == Group.DOES_NOT_FIT:
                missed = "; ".join(c.text for c in criteria if c.verdict == Verdict.MISSED)
                warnings.append(
                    _("The financing check says this programme does not fit: %(reasons)s") % {"reasons": missed}
                )
            elif group == Group.NEEDS_INFORMATION:
                open_questions = tuple(c.text for c in criteria if c.verdict == Verdict.UNKNOWN)
        for other in excluded.get(item.slug, []):
            warnings.append(
                _("The combination rules forbid this source together with %(other)s: only one of them can be counted.")
                % {"other": other}
            )
        verdicts[item.slug] = SourceVerdict(group, tuple(warnings), open_questions, judged_for)
    return verdicts
