"""How sources combine: double public funding, pre-financing and the catalogue's combination rules."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..choices import RuleKind
from .profile import ProgrammeData, RuleData


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
