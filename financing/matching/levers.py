"""What would open programmes that do not fit now: another legal form, Gemeinnützigkeit, securities.

A programme counts for a lever when it misses nothing but what the lever changes. A legal form that an
initiative founds opens the programmes that list it (or list no form) and, if the form can be gemeinnützig,
those that need Gemeinnützigkeit. A carrier that exists already and is not founded (a municipality, a parish)
is offered only to an initiative without a legal form, and opens only the programmes that name it. A GmbH
with tax-privileged purposes *is* the gGmbH (§ 4 Satz 2 GmbHG): the pair is one lever, shown as the gGmbH
when a programme it opens needs Gemeinnützigkeit, else as the GmbH, and left out when the initiative is
one of the two (becoming gemeinnützig is then the Gemeinnützigkeit lever).

The order. Levers that keep the initiative's legal form (recognised Gemeinnützigkeit, securities) come
first, most programmes first: they are smaller steps than another legal form. The legal forms follow by how
well they fit this initiative (`fit_score`), not by how many programmes they open alone:

- What it opens: 10 points per programme, counted up to three; beyond that the count no longer decides.
  Up to 20 points for the share of the capital need the opened programmes' maximum amounts could cover.
- The money a form takes before it works, against the need: its minimum capital plus the lowest founding
  cost the sources name. From half of the need on -40 (the minimum capital of a GmbH alone is twelve times
  a 2,000 € need), from a fifth -20, from a twentieth -10. A minimum capital the catalogue does not know
  costs 10 points: it cannot be recommended as cheap.
- A small need (under 10,000 €) wants a form that is quick and cheap to found: +20 without a notary and
  with little money known to be needed (a n.e.V., founded by a meeting's decision); a form that takes a
  notary but little money (an e.V.) gets nothing; every other form -10 (founding costs unknown or large).
- A large need (50,000 € or more) wants limited liability: -30 where founders, members or those acting for
  it would be personally liable for loans and contracts of that size (n.e.V., GbR, sole trader), +10 where
  only the organisation's assets are.
- A service that covers its costs from its income (profitability "profitable") is an economic business:
  +10 for a form made for one (eG, GmbH, AG), -20 for a Verein, which may run one only as a side purpose
  (§ 21 BGB, § 54 Abs. 1 Satz 2 BGB).

Ties go to the form that opens more programmes, then to the catalogue's order. A fact the catalogue does
not know scores nothing (except the minimum capital, above), and each lever says what founding would take
from the facts, "unknown" where the catalogue is silent, and names up to three programmes it would open.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from common.money import format_euro

from ..choices import NO_LEGAL_FORM, Profitability
from .criteria import GEMEINNUETZIG_BIT, LEGAL_FORM_BIT, SECURITIES_BIT
from .profile import LegalFormInfo, Profile, ProgrammeData

if TYPE_CHECKING:
    from .groups import Match

LEVER_MASK = LEGAL_FORM_BIT | GEMEINNUETZIG_BIT

SMALL_NEED = Decimal(10000)
LARGE_NEED = Decimal(50000)
PER_PROGRAMME, COUNTED_PROGRAMMES, COVER_POINTS = 10, 3, 20
NAMED_PROGRAMMES = 3
# The plain form and its gemeinnützig variant, one lever (§ 4 Satz 2 GmbHG: the gGmbH is a GmbH).
GEMEINNUETZIG_VARIANTS = {"gmbh": "ggmbh"}


@dataclass(frozen=True)
class Lever:
    key: str
    count: int  # programmes it would open
    text: str
    slug: str = ""  # the legal form, for the link to its guide ("" for levers that keep the form)
    form_name: str = ""
    cost: str = ""  # what founding the form would take, from the catalogue's facts
    programmes: tuple[str, ...] = ()  # names of up to three programmes it would open
    more: int = 0  # programmes it would open beyond those named
    fit: int = 0  # fit_score of a legal form

    @property
    def opens(self) -> str:
        """ "Would open: A, B, C and 2 more." ("" without programmes)."""
        if not self.programmes:
            return ""
        names = ", ".join(self.programmes)
        if self.more:
            names = ngettext("%(names)s and %(count)s more", "%(names)s and %(count)s more", self.more) % {
                "names": names,
                "count": self.more,
            }
        return _("Would open: %(names)s.") % {"names": names}


def levers_for(profile: Profile, excluded: list[Match], forms: dict[str, LegalFormInfo]) -> list[Lever]:
    """What would open programmes that do not fit now, in the order of the module's docstring."""
    by_missed: list[tuple[int, ProgrammeData]] = []
    for match in excluded:
        if not match.missed_mask & ~(LEVER_MASK | SECURITIES_BIT):
            by_missed.append((match.missed_mask, match.item))
    if not by_missed:
        return []
    keeping = sorted(_keeping_levers(profile, by_missed, forms), key=lambda lever: (-lever.count, lever.key))
    order = {slug: position for position, slug in enumerate(forms)}
    changing = sorted(
        _form_levers(profile, by_missed, forms),
        key=lambda lever: (-lever.fit, -lever.count, order.get(lever.slug, len(order)), lever.key),
    )
    return keeping + changing


def _opens(form: LegalFormInfo, kinds: int, item: ProgrammeData) -> bool:
    if kinds & ~LEVER_MASK:  # misses securities as well
        return False
    if form.is_founding_option:
        if item.legal_forms and form.slug not in item.legal_forms:
            return False
    elif form.slug not in item.legal_forms:  # a carrier opens only the programmes that name it
        return False
    return not (item.requires_gemeinnuetzig and form.can_be_gemeinnuetzig is False)


def _opened_by_form(profile: Profile, by_missed, forms) -> dict[str, list[ProgrammeData]]:
    without_form = profile.legal_form in (None, NO_LEGAL_FORM)
    opened: dict[str, list[ProgrammeData]] = {}
    for form in forms.values():
        if form.slug == profile.legal_form or not (form.is_founding_option or without_form):
            continue
        items = [item for kinds, item in by_missed if _opens(form, kinds, item)]
        if items:
            opened[form.slug] = items
    for plain, variant in GEMEINNUETZIG_VARIANTS.items():
        pair = [opened.pop(slug, []) for slug in (plain, variant)]
        if profile.legal_form in (plain, variant) or not (pair[0] or pair[1]):
            continue
        merged = list({item.id: item for item in pair[0] + pair[1]}.values())
        needs_gemeinnuetzig = any(item.requires_gemeinnuetzig for item in merged)
        opened[variant if needs_gemeinnuetzig and variant in forms else plain] = merged
    return opened


def _form_levers(profile: Profile, by_missed, forms: dict[str, LegalFormInfo]) -> list[Lever]:
    levers = []
    for slug, items in _opened_by_form(profile, by_missed, forms).items():
        form = forms[slug]
        count = len(items)
        if not form.is_founding_option:
            text = ngettext(
                "With %(form)s as carrier, %(count)s more programme would come into question.",
                "With %(form)s as carrier, %(count)s more programmes would come into question.",
                count,
            )
        elif form.can_be_gemeinnuetzig and any(item.requires_gemeinnuetzig for item in items):
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
        names, more = _named(items)
        levers.append(
            Lever(
                key=f"legal_form:{slug}",
                count=count,
                text=text % {"form": form.short_name, "count": count},
                slug=slug,
                form_name=form.short_name,
                cost=founding_text(form),
                programmes=names,
                more=more,
                fit=fit_score(form, items, profile),
            )
        )
    return levers


def _keeping_levers(profile: Profile, by_missed, forms: dict[str, LegalFormInfo]) -> list[Lever]:
    levers = []
    current = forms.get(profile.legal_form) if profile.legal_form else None
    if profile.is_gemeinnuetzig is not True and (current is None or current.can_be_gemeinnuetzig):
        items = [item for kinds, item in by_missed if kinds == GEMEINNUETZIG_BIT]
        if items and profile.legal_form != NO_LEGAL_FORM:
            text = ngettext(
                "Recognised as gemeinnützig, the initiative would have %(count)s more programme in question.",
                "Recognised as gemeinnützig, the initiative would have %(count)s more programmes in question.",
                len(items),
            )
            names, more = _named(items)
            levers.append(Lever("gemeinnuetzig", len(items), text % {"count": len(items)}, programmes=names, more=more))
    if profile.has_securities is False:
        items = [item for kinds, item in by_missed if kinds == SECURITIES_BIT]
        if items:
            text = ngettext(
                "With securities (or a guarantee), %(count)s more programme would come into question.",
                "With securities (or a guarantee), %(count)s more programmes would come into question.",
                len(items),
            )
            names, more = _named(items)
            levers.append(Lever("securities", len(items), text % {"count": len(items)}, programmes=names, more=more))
    return levers


def _named(items: list[ProgrammeData]) -> tuple[tuple[str, ...], int]:
    """Up to three programme names, the largest amounts first, and how many more there are."""
    ranked = sorted(items, key=lambda item: (item.amount_max is None, -(item.amount_max or 0), item.name))
    return tuple(item.name for item in ranked[:NAMED_PROGRAMMES]), max(len(items) - NAMED_PROGRAMMES, 0)


def _upfront(form: LegalFormInfo) -> Decimal:
    """The money the form takes before it works, as far as the catalogue knows it (a lower bound)."""
    return (form.min_capital or Decimal(0)) + (form.founding_cost_min or Decimal(0))


def fit_score(form: LegalFormInfo, items: list[ProgrammeData], profile: Profile) -> int:
    """How well the legal form fits the initiative (the rule in the module's docstring); higher is better."""
    score = PER_PROGRAMME * min(len(items), COUNTED_PROGRAMMES)
    need = profile.capital_need
    if need is not None and need > 0:
        covered = sum((item.amount_max for item in items if item.amount_max), Decimal(0))
        score += int(COVER_POINTS * min(Decimal(1), covered / need))
    if not form.is_founding_option:
        return score
    if form.min_capital is None:
        score -= 10
    if need is not None and need > 0:
        share = _upfront(form) / need
        if share >= Decimal("0.5"):
            score -= 40
        elif share >= Decimal("0.2"):
            score -= 20
        elif share >= Decimal("0.05"):
            score -= 10
        if need < SMALL_NEED:
            cheap = form.min_capital is not None and form.founding_cost_min is not None and share < Decimal("0.05")
            if cheap and form.notary_required is False:
                score += 20
            elif not (cheap and form.notary_required):
                score -= 10
        if need >= LARGE_NEED and form.personal_liability is not None:
            score += -30 if form.personal_liability else 10
    if profile.profitability == Profitability.PROFITABLE and form.economic_business is not None:
        score += 10 if form.economic_business else -20
    return score


def founding_text(form: LegalFormInfo) -> str:
    """What founding the form would take, from the catalogue's facts; "unknown" where it is silent."""
    if not form.is_founding_option:
        return _("Nothing to found: the carrier exists already.")
    parts = []
    if form.min_founders and form.min_founders > 1:
        parts.append(
            ngettext("at least %(count)s founder", "at least %(count)s founders", form.min_founders)
            % {"count": form.min_founders}
        )
    if form.notary_required is None:
        parts.append(_("notary unknown"))
    else:
        parts.append(_("a notary") if form.notary_required else _("no notary"))
    if form.min_capital is None:
        parts.append(_("minimum capital unknown"))
    elif form.min_capital:
        parts.append(_("minimum capital %(amount)s") % {"amount": format_euro(form.min_capital)})
    else:
        parts.append(_("no minimum capital"))
    if form.founding_cost_min is None:
        parts.append(_("founding costs unknown"))
    elif form.founding_cost_min:
        parts.append(_("founding costs from %(amount)s") % {"amount": format_euro(form.founding_cost_min)})
    else:
        parts.append(_("no founding fees"))
    if form.personal_liability is None:
        parts.append(_("liability unknown"))
    else:
        parts.append(_("personal liability") if form.personal_liability else _("limited liability"))
    return _("Founding: %(facts)s.") % {"facts": ", ".join(parts)}
