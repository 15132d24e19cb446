"""The viability check of an initiative against its plan: pure, no database, no request.

`check(plan)` compares what supporters pledged with what the initiative needs: founders for its legal form
(the minimum comes from the financing catalogue, LegalForm.min_founders), capital (own funds, pledged shares,
loans and donations against the capital need) and volunteer hours (the team's own and the pledged hours against
the concept's need). Every line says whether it is met, short, or cannot be judged yet.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from common.money import format_euro

MET, SHORT, UNKNOWN = "met", "short", "unknown"


@dataclass(frozen=True)
class Plan:
    legal_form_name: str | None = None
    min_founders: int | None = None
    founders: int = 0  # lead and core team
    capital_need: Decimal | None = None
    own_funds: Decimal = Decimal("0")
    shares: Decimal = Decimal("0")
    loans: Decimal = Decimal("0")
    donations: Decimal = Decimal("0")
    hours_needed: int | None = None
    own_hours: int = 0
    hours_pledged: int = 0


@dataclass(frozen=True)
class Line:
    key: str
    label: str
    status: str
    have: str
    need: str
    explanation: str


@dataclass(frozen=True)
class Result:
    lines: list[Line] = field(default_factory=list)

    @property
    def all_met(self) -> bool:
        return bool(self.lines) and all(line.status == MET for line in self.lines)


def capital_available(plan: Plan) -> Decimal:
    return plan.own_funds + plan.shares + plan.loans + plan.donations


def _money(value: Decimal) -> str:
    return format_euro(value)


def _founders(plan: Plan) -> Line:
    label = _("Founders for the legal form")
    if not plan.legal_form_name:
        return Line("founders", label, UNKNOWN, str(plan.founders), "–", _("No legal form chosen yet."))
    if plan.min_founders is None:
        return Line(
            "founders",
            label,
            UNKNOWN,
            str(plan.founders),
            "–",
            _("The catalogue names no minimum number of founders for %(form)s.") % {"form": plan.legal_form_name},
        )
    met = plan.founders >= plan.min_founders
    explanation = (
        _("Enough people in the lead and core team to found %(form)s.")
        if met
        else _("%(form)s needs at least %(min)s founders; the lead and core team are %(have)s so far.")
    ) % {"form": plan.legal_form_name, "min": plan.min_founders, "have": plan.founders}
    return Line("founders", label, MET if met else SHORT, str(plan.founders), str(plan.min_founders), explanation)


def _capital(plan: Plan) -> Line:
    label = _("Capital")
    available = capital_available(plan)
    if plan.capital_need is None:
        return Line("capital", label, UNKNOWN, _money(available), "–", _("No capital need given yet."))
    gap = plan.capital_need - available
    if gap <= 0:
        explanation = _("Own funds and pledges cover the capital need.")
    else:
        explanation = _("%(gap)s are still missing (own funds, shares, loans and donations count).") % {
            "gap": _money(gap)
        }
    return Line("capital", label, MET if gap <= 0 else SHORT, _money(available), _money(plan.capital_need), explanation)


def _hours(plan: Plan) -> Line:
    label = _("Volunteer hours per month")
    have = plan.own_hours + plan.hours_pledged
    if not plan.hours_needed:
        return Line("hours", label, UNKNOWN, str(have), "–", _("The concept names no volunteer hours needed yet."))
    gap = plan.hours_needed - have
    explanation = (
        _("The team's hours and pledged hours cover the concept's need.")
        if gap <= 0
        else _("%(gap)s hours per month are still missing.") % {"gap": gap}
    )
    return Line("hours", label, MET if gap <= 0 else SHORT, str(have), str(plan.hours_needed), explanation)


def check(plan: Plan) -> Result:
    return Result(lines=[_founders(plan), _capital(plan), _hours(plan)])
