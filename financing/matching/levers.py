"""What would open programmes that do not fit now: another legal form, Gemeinnützigkeit, securities."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import ngettext

from ..choices import NO_LEGAL_FORM
from .criteria import GEMEINNUETZIG_BIT, LEGAL_FORM_BIT, SECURITIES_BIT
from .profile import LegalFormInfo, Profile, ProgrammeData

if TYPE_CHECKING:
    from .groups import Match


@dataclass(frozen=True)
class Lever:
    key: str
    count: int
    text: str


LEVER_MASK = LEGAL_FORM_BIT | GEMEINNUETZIG_BIT


def levers_for(profile: Profile, excluded: list[Match], forms: dict[str, LegalFormInfo]) -> list[Lever]:
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
