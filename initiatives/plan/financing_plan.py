"""The financing plan of an initiative: totals against the capital need, the mix by instrument type, the
operating budget and a cash-flow timeline by month that shows where bridging finance is needed.

The first part is pure (plain dataclasses and Decimals, no database, no request), so every number can be
checked by hand in tests/initiatives/test_financing_plan_pure.py. initiatives/plan/queries.py reads an
initiative's plan from the database and feeds it: `overview(initiative)` for the plan page, `report_section`
for the concept report (reports/content.py), `profile_for` for the financing check.

Timing rules of the timeline (said on the plan page too):
- The concept's one-off costs fall due in the start month; its annual costs and revenues are spread evenly
  over the months from the start month on (a twelfth each, the cents rounded so a year adds up exactly).
- A source pays on its expected date, in 1 to 12 equal monthly payments; without a date it pays in the
  start month. Money expected before the start month counts in the start month.
- A source that pays only after the money has been spent (a property of its instrument type or programme)
  pays no earlier than the month after the start month: the costs must be pre-financed.
- A loan with its terms (interest rate, term, months without repayment, way of repayment) costs interest and
  repayment every month from the month after it is paid out (initiatives/plan/loans.py has the schedule): the
  timeline shows them as the loan service, and the operating budget the loan service of a year. A loan without
  terms costs nothing here, and the plan page says so.
- A month whose running balance is below zero needs bridging finance of that amount.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, Decimal
from functools import cached_property

from django.utils.translation import gettext as _

from common.charts import horizontal_bars
from common.money import CENT, format_euro

from .loans import LoanBudget, LoanTerms, Schedule, loan_budget, schedule

ZERO = Decimal("0")
HUNDRED = Decimal("100")
MAX_TRANCHES = 12
HORIZON_MIN = 12  # months the timeline shows at least
HORIZON_MAX = 36  # and at most; later payments are listed below it


def split(amount: Decimal, parts: int) -> list[Decimal]:
    """`amount` in `parts` equal payments of whole cents; the last one takes what rounding left over."""
    parts = max(1, parts)
    share = (amount / parts).quantize(CENT, rounding=ROUND_DOWN)
    return [share] * (parts - 1) + [amount - share * (parts - 1)]


# --- Months --------------------------------------------------------------------------------------


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def add_months(day: datetime.date, months: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def months_between(first: datetime.date, last: datetime.date) -> int:
    """Whole months from the month of `first` to the month of `last` (0 for the same month)."""
    return (last.year - first.year) * 12 + last.month - first.month


# --- Inputs --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    """A line of the plan as the timeline needs it."""

    name: str
    amount: Decimal
    instrument: str = ""
    status: str = ""
    expected_on: datetime.date | None = None
    tranches: int = 1
    pays_after_spending: bool = False
    own_funds: bool = False  # counts as the initiative's own funds for a programme's own share
    questioned: bool = False  # the check rejects it or a combination rule forbids it (the plan says why)
    repayable: bool = False  # a loan: its instrument type must be repaid
    loan: LoanTerms | None = None  # a loan's interest and repayment, when given

    @property
    def terms_missing(self) -> bool:
        """A loan without interest and repayment: the timeline would show it as free money."""
        return self.repayable and self.loan is None

    @cached_property
    def loan_schedule(self) -> Schedule | None:
        """Interest and repayment month by month (loans.schedule), or None for other sources and loans
        without terms."""
        if not self.repayable or self.loan is None:
            return None
        return schedule(self.amount, self.loan, split(self.amount, self.tranches))


@dataclass(frozen=True)
class Budget:
    """The concept's costs and revenues: one-off costs, annual costs, annual revenues."""

    one_off_costs: Decimal = ZERO
    annual_costs: Decimal = ZERO
    annual_revenues: Decimal = ZERO

    @property
    def annual_result(self) -> Decimal:
        return self.annual_revenues - self.annual_costs

    @property
    def monthly_costs(self) -> Decimal:
        return (self.annual_costs / 12).quantize(CENT)

    @property
    def monthly_revenues(self) -> Decimal:
        return (self.annual_revenues / 12).quantize(CENT)

    @property
    def monthly_result(self) -> Decimal:
        return (self.annual_result / 12).quantize(CENT)


# --- Totals and mix ------------------------------------------------------------------------------


SECURED_STATUSES = ("approved", "received")


@dataclass(frozen=True)
class Totals:
    """The plan's money as every page shows it: secured (received or approved), applied for, planned, the
    gap against the capital need, the own funds among the secured money, and what the check questions."""

    total: Decimal
    capital_need: Decimal | None
    by_status: dict[str, Decimal] = field(default_factory=dict)
    own_funds: Decimal = ZERO  # secured sources that count as own funds
    questioned: Decimal = ZERO  # sources the check rejects or a combination rule forbids

    @property
    def gap(self) -> Decimal | None:
        """What the plan still lacks against the capital need (never below zero); None without a need."""
        if self.capital_need is None:
            return None
        return max(self.capital_need - self.total, ZERO)

    @property
    def surplus(self) -> Decimal:
        if self.capital_need is None:
            return ZERO
        return max(self.total - self.capital_need, ZERO)

    @property
    def secured(self) -> Decimal:
        """Approved or received."""
        return sum((self.by_status.get(status, ZERO) for status in SECURED_STATUSES), ZERO)

    @property
    def applied(self) -> Decimal:
        return self.by_status.get("applied", ZERO)

    @property
    def planned(self) -> Decimal:
        return self.by_status.get("planned", ZERO)

    @property
    def to_secure(self) -> Decimal | None:
        """What is not secured yet against the capital need (never below zero); None without a need."""
        if self.capital_need is None:
            return None
        return max(self.capital_need - self.secured, ZERO)

    @property
    def covered_percent(self) -> Decimal | None:
        if not self.capital_need:
            return None
        return (self.total * HUNDRED / self.capital_need).quantize(Decimal("1"))


def totals(sources: Iterable[Source], capital_need: Decimal | None) -> Totals:
    by_status: dict[str, Decimal] = {}
    total = own_funds = questioned = ZERO
    for source in sources:
        total += source.amount
        by_status[source.status] = by_status.get(source.status, ZERO) + source.amount
        if source.own_funds and source.status in SECURED_STATUSES:
            own_funds += source.amount
        if source.questioned:
            questioned += source.amount
    return Totals(
        total=total, capital_need=capital_need, by_status=by_status, own_funds=own_funds, questioned=questioned
    )


@dataclass(frozen=True)
class MixRow:
    instrument: str
    amount: Decimal
    share: Decimal  # percent of the plan's total, one decimal


def mix(sources: Iterable[Source]) -> list[MixRow]:
    """The plan's money by instrument type, largest first."""
    amounts: dict[str, Decimal] = {}
    for source in sources:
        amounts[source.instrument] = amounts.get(source.instrument, ZERO) + source.amount
    total = sum(amounts.values(), ZERO)
    rows = [
        MixRow(name, amount, (amount * HUNDRED / total).quantize(Decimal("0.1")) if total else ZERO)
        for name, amount in amounts.items()
    ]
    return sorted(rows, key=lambda row: (-row.amount, row.instrument))


def mix_chart(rows: Sequence[MixRow]):
    """The mix as horizontal bars (common.charts), or None for an empty plan."""
    if not rows:
        return None
    # Instrument names are long ("Crowdinvesting und Bürgerdarlehen …"): more room for the labels.
    return horizontal_bars([(row.instrument, float(row.amount)) for row in rows], label_width=260)


# --- Cash-flow timeline --------------------------------------------------------------------------


@dataclass(frozen=True)
class Payment:
    month: datetime.date
    source: str
    amount: Decimal
    number: int  # 1-based number of the payment
    of: int  # number of payments of the source
    delayed: bool = False  # moved to after the spending


def payments(source: Source, start: datetime.date) -> list[Payment]:
    """When a source pays (see the module's timing rules)."""
    start = month_start(start)
    earliest = add_months(start, 1) if source.pays_after_spending else start
    first = month_start(source.expected_on) if source.expected_on else earliest
    delayed = source.pays_after_spending and first < earliest
    first = max(first, earliest)
    parts = split(source.amount, source.tranches)
    return [
        Payment(add_months(first, index), source.name, part, index + 1, len(parts), delayed)
        for index, part in enumerate(parts)
    ]


@dataclass(frozen=True)
class LoanService:
    """A loan's interest and repayment due in a month."""

    month: datetime.date
    source: str
    interest: Decimal
    repayment: Decimal

    @property
    def total(self) -> Decimal:
        return self.interest + self.repayment


def loan_service(source: Source, start: datetime.date) -> list[LoanService]:
    """When a loan with terms costs interest and repayment: its schedule from the month of its first payout."""
    plan = source.loan_schedule
    if plan is None:
        return []
    first = payments(source, start)[0].month
    return [
        LoanService(add_months(first, payment.offset), source.name, payment.interest, payment.repayment)
        for payment in plan.payments
    ]


@dataclass(frozen=True)
class MonthRow:
    month: datetime.date
    costs: Decimal  # money needed: one-off costs and the month's share of the annual costs
    revenues: Decimal  # the month's share of the annual revenues
    sources: Decimal  # money from the plan's sources
    balance: Decimal  # running balance at the end of the month
    payments: tuple[Payment, ...] = ()
    loan_service: Decimal = ZERO  # interest and repayment of the plan's loans
    loan_payments: tuple[LoanService, ...] = ()

    @property
    def money_in(self) -> Decimal:
        return self.revenues + self.sources

    @property
    def money_out(self) -> Decimal:
        return self.costs + self.loan_service

    @property
    def net(self) -> Decimal:
        return self.money_in - self.money_out

    @property
    def needs_bridging(self) -> bool:
        return self.balance < 0

    @property
    def bridging(self) -> Decimal:
        return -self.balance if self.balance < 0 else ZERO


@dataclass(frozen=True)
class Timeline:
    start: datetime.date
    months: tuple[MonthRow, ...]
    later: tuple[Payment, ...] = ()  # payments after the last month shown

    @property
    def peak_bridging(self) -> Decimal:
        """The most bridging finance needed at any one time."""
        return max((row.bridging for row in self.months), default=ZERO)

    @property
    def bridging_months(self) -> list[MonthRow]:
        return [row for row in self.months if row.needs_bridging]

    @property
    def first_shortfall(self) -> datetime.date | None:
        return next((row.month for row in self.months if row.needs_bridging), None)

    @property
    def end_balance(self) -> Decimal:
        return self.months[-1].balance if self.months else ZERO

    @property
    def loan_service(self) -> Decimal:
        """Interest and repayment of the plan's loans in the months shown."""
        return sum((row.loan_service for row in self.months), ZERO)


def timeline(budget: Budget, sources: Iterable[Source], start: datetime.date, *, months: int | None = None) -> Timeline:
    """Money needed, money in and the running balance per month from the start month on.

    Shows at least HORIZON_MIN months, more when a source pays later (up to HORIZON_MAX), or exactly `months`.
    """
    start = month_start(start)
    sources = list(sources)
    scheduled = [payment for source in sources for payment in payments(source, start)]
    services: dict[datetime.date, list[LoanService]] = {}
    for service in (service for source in sources for service in loan_service(source, start)):
        services.setdefault(service.month, []).append(service)
    if months is None:
        last = max((payment.month for payment in scheduled), default=start)
        months = min(max(HORIZON_MIN, months_between(start, last) + 1), HORIZON_MAX)
    costs_per_month = split(budget.annual_costs, 12)
    revenues_per_month = split(budget.annual_revenues, 12)
    by_month: dict[datetime.date, list[Payment]] = {}
    for payment in scheduled:
        by_month.setdefault(payment.month, []).append(payment)
    rows, balance = [], ZERO
    for index in range(months):
        month = add_months(start, index)
        paid = tuple(by_month.get(month, ()))
        costs = costs_per_month[index % 12] + (budget.one_off_costs if index == 0 else ZERO)
        revenues = revenues_per_month[index % 12]
        incoming = sum((payment.amount for payment in paid), ZERO)
        serviced = tuple(services.get(month, ()))
        service = sum((item.total for item in serviced), ZERO)
        balance += revenues + incoming - costs - service
        rows.append(MonthRow(month, costs, revenues, incoming, balance, paid, service, serviced))
    end = add_months(start, months)
    later = tuple(sorted((p for p in scheduled if p.month >= end), key=lambda p: (p.month, p.source)))
    return Timeline(start=start, months=tuple(rows), later=later)


def bridging_note(plan: Timeline) -> str | None:
    """One sentence on the bridging finance the timeline needs, or None."""
    if plan.first_shortfall is None:
        return None
    return _(
        "From %(month)s the money runs short: bridging finance of up to %(amount)s is needed until the sources pay."
    ) % {"month": f"{plan.first_shortfall:%m/%Y}", "amount": format_euro(plan.peak_bridging)}


# --- The timeline as a chart ---------------------------------------------------------------------


@dataclass(frozen=True)
class BalanceBar:
    month: datetime.date
    value: Decimal
    x: float
    y: float
    width: float
    height: float
    negative: bool
    label: str  # the month, shown under every few bars ("" for the others)

    @property
    def centre(self) -> float:
        return round(self.x + self.width / 2, 1)


@dataclass(frozen=True)
class BalanceChart:
    width: int
    height: int
    zero_y: float
    label_y: float
    left: int
    bars: tuple[BalanceBar, ...]
    top_label: str
    bottom_label: str
    bottom_y: float = 0.0  # where the lowest value's label sits

    @property
    def scale_x(self) -> int:
        return self.left - 6


def balance_chart(plan: Timeline, *, width: int = 640, plot_height: int = 180) -> BalanceChart:
    """Columns of the running balance per month: above the zero line in credit, below it short of money."""
    left, top_margin = 100, 10
    values = [row.balance for row in plan.months]
    high = max([*values, ZERO])
    low = min([*values, ZERO])
    span = float(high - low) or 1.0
    zero_y = round(top_margin + plot_height * float(high) / span, 1)
    count = max(1, len(values))
    slot = (width - left) / count
    bar_width = round(slot * 0.7, 1)
    every = max(1, -(-count // 12))  # label at most twelve months
    bars = []
    for index, row in enumerate(plan.months):
        size = round(plot_height * abs(float(row.balance)) / span, 1)
        negative = row.balance < 0
        bars.append(
            BalanceBar(
                month=row.month,
                value=row.balance,
                x=round(left + index * slot + (slot - bar_width) / 2, 1),
                y=zero_y if negative else round(zero_y - size, 1),
                width=bar_width,
                height=size,
                negative=negative,
                label=f"{row.month:%m/%y}" if index % every == 0 else "",
            )
        )
    return BalanceChart(
        width=width,
        height=top_margin + plot_height + 30,
        zero_y=zero_y,
        label_y=top_margin + plot_height + 20,
        left=left,
        bars=tuple(bars),
        top_label=format_euro(high.quantize(Decimal("1"))),
        bottom_label=format_euro(low.quantize(Decimal("1"))),
        bottom_y=top_margin + plot_height,
    )


# --- What the plan page shows ---------------------------------------------------------------------


@dataclass
class Overview:
    """Everything the plan page shows, read in a constant number of queries."""

    lines: list
    sources: list[Source]
    totals: Totals
    mix: list[MixRow]
    budget: Budget
    timeline: Timeline
    start_month: datetime.date
    start_month_set: bool
    conflicts: list[str]
    plan: object | None = None
    budget_items: list = field(default_factory=list)  # the concept's ConceptLineItems
    profile: object | None = None  # the financing check's matching.Profile, read when the plan has lines

    @property
    def annual_costs_items(self) -> list[tuple]:
        """(item, its monthly share) of the concept's annual costs."""
        return [
            (item, (item.amount / 12).quantize(CENT)) for item in self.budget_items if item.category == "annual_cost"
        ]

    @property
    def annual_revenue_items(self) -> list[tuple]:
        return [
            (item, (item.amount / 12).quantize(CENT)) for item in self.budget_items if item.category == "annual_revenue"
        ]

    @property
    def mix_chart(self):
        return mix_chart(self.mix)

    @property
    def balance_chart(self) -> BalanceChart:
        return balance_chart(self.timeline)

    @property
    def bridging_note(self) -> str | None:
        return bridging_note(self.timeline)

    @property
    def line_rows(self) -> list[tuple]:
        """(line, its Source) for the plan page."""
        return list(zip(self.lines, self.sources, strict=True))

    @property
    def loans(self) -> list[Source]:
        """The sources that must be repaid, with terms or without."""
        return [source for source in self.sources if source.repayable]

    @property
    def loans_without_terms(self) -> list[Source]:
        return [source for source in self.sources if source.terms_missing]

    @property
    def loan_budget(self) -> LoanBudget:
        return loan_budget(self.budget.annual_result, [source.loan_schedule for source in self.sources])


def amount_text(item) -> str:
    """What a programme gives, in short words: "up to 5.000 €", "10.000 € – 50.000 €", "from 1.000 €" or ""."""
    low, high = item.amount_min, item.amount_max
    if low and high:
        return f"{format_euro(low)} – {format_euro(high)}"
    if high:
        return _("up to %(amount)s") % {"amount": format_euro(high)}
    if low:
        return _("from %(amount)s") % {"amount": format_euro(low)}
    return ""
