"""The viability check of an initiative against its plan: pure, no database, no request.

`check(plan)` compares what the initiative has with what it needs: founders for its legal form (the minimum
comes from the financing catalogue, LegalForm.min_founders), capital (the money the financing plan counts as
secured against the capital need: the same totals as the plan page, financing_plan.Totals) and volunteer
hours (the team's own and the pledged hours against the concept's need). Every line says whether it is met,
short, or cannot be judged yet.
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
    secured: Decimal = Decimal("0")  # the financing plan's received and approved sources
    applied: Decimal = Decimal("0")
    planned: Decimal = Decimal("0")
    pledged_beyond_plan: Decimal = Decimal("0")  # shares, loans and donations pledged but not in the plan
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
    label = _("Capital secured")
    secured = plan.secured
    parts = []
    if plan.capital_need is None:
        status, need = UNKNOWN, "–"
        parts.append(_("No capital need given yet."))
    else:
        gap = plan.capital_need - secured
        status, need = (MET, _money(plan.capital_need)) if gap <= 0 else (SHORT, _money(plan.capital_need))
        if gap <= 0:
            parts.append(_("The money secured in the financing plan (received or approved) covers the capital need."))
        else:
            parts.append(
                _("%(gap)s are not secured yet: the financing plan counts what is received or approved.")
                % {"gap": _money(gap)}
            )
    if plan.applied or plan.planned:
        parts.append(
            _("Applied for: %(applied)s, planned: %(planned)s.")
            % {"applied": _money(plan.applied), "planned": _money(plan.planned)}
        )
    if plan.pledged_beyond_plan:
        parts.append(
            _(
                "Supporters pledged %(pledged)s more in shares, loans and donations than the plan holds: "
                "add them as sources to count them."
            )
            % {"pledged": _money(plan.pledged_beyond_plan)}
        )
    return Line("capital", label, status, _money(secured), need, " ".join(parts))


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
