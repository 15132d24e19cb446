"""Loans of the financing plan: their terms and the schedule of interest and repayment, month by month.

Pure (plain dataclasses and Decimals, no database, no request), so every figure can be checked by hand in
tests/initiatives/test_loans_pure.py. financing_plan.py puts the schedule into the cash-flow timeline and the
operating budget.

The rules of the schedule (the plan page says them too):
- Interest and repayment fall due monthly from the month after the loan is paid out. A loan paid out in several
  monthly tranches counts as paid out with its last tranche; until then each month costs the interest on the
  tranches already paid out.
- The term counts the months of the schedule, the months without repayment (grace) included. In the grace
  months only the interest is paid.
- Annuity loan: equal monthly payments A = P·r / (1 − (1 + r)^−n) over the n = term − grace months of
  repayment (P the principal, r the annual rate / 12 / 100), rounded to the cent.
- Linear repayment (Ratentilgung): equal repayments P / n (cents cut down), and the interest on what is owed.
- Bullet (endfällig): the interest every month, the whole principal with the last payment.
- Interest-free subordinated loan: no interest; the whole principal in one payment at the end of the term.
- Cents: a month's interest is what is owed × r, rounded half up to the cent; the last payment repays what is
  left, so the repayments add up to the principal exactly.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.money import CENT, format_euro, format_percent

ZERO = Decimal("0")
MAX_RATE = Decimal("20")  # percent a year: anything above is a typing error
MAX_TERM_MONTHS = 480  # forty years
MONTHS_A_YEAR = 12

ANNUITY, LINEAR, BULLET, INTEREST_FREE = "annuity", "linear", "bullet", "interest_free"
REPAYMENT_LABELS = {
    ANNUITY: gettext_lazy("annuity loan (equal monthly payments)"),
    LINEAR: gettext_lazy("linear repayment (equal repayments)"),
    BULLET: gettext_lazy("repaid at the end (bullet)"),
    INTEREST_FREE: gettext_lazy("interest-free subordinated loan"),
}


@dataclass(frozen=True)
class LoanTerms:
    rate: Decimal  # percent a year
    term_months: int  # the months of the schedule, grace included
    grace_months: int = 0  # months without repayment at the beginning
    repayment: str = ANNUITY

    @property
    def monthly_rate(self) -> Decimal:
        return ZERO if self.repayment == INTEREST_FREE else self.rate / 100 / MONTHS_A_YEAR

    @property
    def repayment_months(self) -> int:
        """The months in which principal is repaid (one for a loan repaid at the end)."""
        if self.repayment in (BULLET, INTEREST_FREE):
            return 1
        return self.term_months - self.grace_months

    @property
    def first_repayment(self) -> int:
        """The number of the first payment that repays principal (1 for the month after the payout)."""
        if self.repayment in (BULLET, INTEREST_FREE):
            return self.term_months
        return self.grace_months + 1


def interest(owed: Decimal, monthly_rate: Decimal) -> Decimal:
    return (owed * monthly_rate).quantize(CENT, rounding=ROUND_HALF_UP)


def annuity_payment(principal: Decimal, monthly_rate: Decimal, months: int) -> Decimal:
    """The monthly payment of an annuity loan, to the cent: P·r / (1 − (1 + r)^−n); P / n without interest."""
    months = max(1, months)
    if not monthly_rate:
        return (principal / months).quantize(CENT, rounding=ROUND_HALF_UP)
    return (principal * monthly_rate / (1 - (1 + monthly_rate) ** -months)).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class LoanPayment:
    offset: int  # months after the month of the (first) payout
    interest: Decimal
    repayment: Decimal
    owed: Decimal  # what is still owed after the payment

    @property
    def total(self) -> Decimal:
        return self.interest + self.repayment


@dataclass(frozen=True)
class Schedule:
    principal: Decimal
    terms: LoanTerms
    payments: tuple[LoanPayment, ...]
    payout: int = 0  # the offset of the month the loan is paid out in full (its last tranche)

    @property
    def total_interest(self) -> Decimal:
        return sum((payment.interest for payment in self.payments), ZERO)

    @property
    def total_repayment(self) -> Decimal:
        return sum((payment.repayment for payment in self.payments), ZERO)

    @property
    def total(self) -> Decimal:
        return self.total_interest + self.total_repayment

    @property
    def last_offset(self) -> int:
        return self.payout + self.terms.term_months

    def service(self, first: int, months: int = MONTHS_A_YEAR) -> Decimal:
        """Interest and repayment of the payments `first` … `first + months − 1` after the payout."""
        low, high = self.payout + first, self.payout + first + months
        return sum((payment.total for payment in self.payments if low <= payment.offset < high), ZERO)

    @property
    def first_year(self) -> Decimal:
        """Interest and repayment in the twelve months after the payout."""
        return self.service(1)

    @property
    def repayment_year(self) -> Decimal:
        """Interest and repayment in the first twelve months of repayment, after the months of grace (a loan
        repaid at the end: the first year)."""
        if self.terms.repayment in (BULLET, INTEREST_FREE):
            return self.first_year
        return self.service(self.terms.grace_months + 1)

    @property
    def terms_text(self) -> str:
        return terms_text(self.terms)

    @property
    def service_text(self) -> str:
        return service_text(self)

    @property
    def regular_payment(self) -> Decimal:
        """The payment of the first month of repayment (annuity: the constant payment; bullet: the interest)."""
        number = min(self.terms.grace_months + 1, self.terms.term_months)
        offset = self.payout + number
        return next((payment.total for payment in self.payments if payment.offset == offset), ZERO)


def schedule(principal: Decimal, terms: LoanTerms, tranches: Sequence[Decimal] = ()) -> Schedule:
    """Interest and repayment month by month (see the module's rules). `tranches` are the monthly payouts
    (adding up to the principal); none: paid out in one."""
    tranches = list(tranches) or [principal]
    rate = terms.monthly_rate
    rows = []
    paid_out = ZERO
    for offset, tranche in enumerate(tranches[:-1], start=1):  # interest on the tranches paid out so far
        paid_out += tranche
        rows.append(LoanPayment(offset, interest(paid_out, rate), ZERO, paid_out))
    payout = len(tranches) - 1
    owed = principal
    months = terms.repayment_months
    payment = annuity_payment(principal, rate, months) if terms.repayment == ANNUITY else ZERO
    share = (principal / months).quantize(CENT, rounding=ROUND_DOWN)
    for number in range(1, terms.term_months + 1):
        due = interest(owed, rate)
        if number == terms.term_months:
            repaid = owed
        elif number < terms.first_repayment:
            repaid = ZERO
        elif terms.repayment == ANNUITY:
            repaid = min(max(payment - due, ZERO), owed)
        else:  # linear (bullet and interest-free repay only with the last payment)
            repaid = min(share, owed)
        owed -= repaid
        rows.append(LoanPayment(payout + number, due, repaid, owed))
    return Schedule(
        principal=principal,
        terms=terms,
        payments=tuple(row for row in rows if row.total),
        payout=payout,
    )


@dataclass(frozen=True)
class LoanBudget:
    """The operating budget with the plan's loans: their service (interest and repayment) in a year and the
    annual result after it. The first year counts each loan's twelve months after its payout; the year of
    repayment its first twelve months after the months without repayment (the same for a loan without
    grace)."""

    annual_result: Decimal
    first_year: Decimal = ZERO
    repayment_year: Decimal = ZERO

    @property
    def result_first_year(self) -> Decimal:
        return self.annual_result - self.first_year

    @property
    def result_repayment_year(self) -> Decimal:
        return self.annual_result - self.repayment_year

    @property
    def grace_differs(self) -> bool:
        return self.first_year != self.repayment_year


def loan_budget(annual_result: Decimal, schedules: Sequence[Schedule | None]) -> LoanBudget:
    """The loan service of a year of the loans with a schedule (None: a loan without terms, or no loan)."""
    plans = [plan for plan in schedules if plan is not None]
    return LoanBudget(
        annual_result=annual_result,
        first_year=sum((plan.first_year for plan in plans), ZERO),
        repayment_year=sum((plan.repayment_year for plan in plans), ZERO),
    )


def terms_text(terms: LoanTerms) -> str:
    """The terms in a few words: "1,5 % a year, 120 months, the first 24 without repayment; linear …"."""
    parts = []
    if terms.repayment != INTEREST_FREE:
        parts.append(_("%(rate)s a year") % {"rate": format_percent(terms.rate)})
    parts.append(_("%(months)s months") % {"months": terms.term_months})
    text = ", ".join(parts)
    if terms.grace_months:
        text = _("%(terms)s, the first %(grace)s without repayment") % {"terms": text, "grace": terms.grace_months}
    return f"{text}; {REPAYMENT_LABELS.get(terms.repayment, terms.repayment)}"


def service_text(plan: Schedule) -> str:
    """What the loan costs a year, in words."""
    if plan.repayment_year != plan.first_year:
        return _(
            "Loan service: %(first)s in the first year, %(repaying)s in the first year of repayment; "
            "%(interest)s interest in all."
        ) % {
            "first": format_euro(plan.first_year),
            "repaying": format_euro(plan.repayment_year),
            "interest": format_euro(plan.total_interest),
        }
    return _("Loan service: %(first)s in the first year; %(interest)s interest in all.") % {
        "first": format_euro(plan.first_year),
        "interest": format_euro(plan.total_interest),
    }
