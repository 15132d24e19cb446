"""The criteria and the coverage in words, built only for the matches a page shows."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django.utils.translation import gettext as _

from common.money import format_euro, format_percent

from ..choices import Profitability, Stage, State
from .criteria import HUNDRED, Criterion, Kind, Verdict
from .profile import Profile, ProgrammeData


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
