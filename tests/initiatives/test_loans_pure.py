"""The pure loan schedule (initiatives/plan/loans.py) and how it enters the timeline and the operating budget,
every figure by hand."""

import datetime
from decimal import Decimal

import pytest
from django.utils import translation

from initiatives.plan.financing_plan import Budget, Source, loan_service, timeline
from initiatives.plan.loans import (
    ANNUITY,
    BULLET,
    INTEREST_FREE,
    LINEAR,
    LoanTerms,
    annuity_payment,
    loan_budget,
    schedule,
    terms_text,
)

D = Decimal
MARCH = datetime.date(2026, 3, 1)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


# --- The annuity -----------------------------------------------------------------------------------


def test_the_annuity_payment_follows_the_formula():
    """10.000 € at 3 % a year over 60 months: r = 0,0025, A = 10.000 · r / (1 − 1,0025^−60) = 179,686… €."""
    by_formula = 10000 * 0.0025 / (1 - 1.0025**-60)
    assert round(by_formula, 2) == 179.69
    assert annuity_payment(D("10000"), D("0.0025"), 60) == D("179.69")
    assert annuity_payment(D("1000"), D("0"), 3) == D("333.33")  # no interest: the principal in equal parts


def test_an_annuity_loan_month_by_month():
    """Payment 1: interest 10.000 × 0,0025 = 25,00, repayment 154,69, owed 9.845,31.
    Payment 2: interest 9.845,31 × 0,0025 = 24,613… → 24,61, repayment 155,08, owed 9.690,23."""
    plan = schedule(D("10000"), LoanTerms(D("3"), 60, 0, ANNUITY))
    first, second = plan.payments[:2]
    assert (first.offset, first.interest, first.repayment, first.owed) == (1, D("25.00"), D("154.69"), D("9845.31"))
    assert (second.offset, second.interest, second.repayment, second.owed) == (
        2,
        D("24.61"),
        D("155.08"),
        D("9690.23"),
    )
    assert len(plan.payments) == 60 and plan.payments[-1].offset == 60
    assert all(payment.total == D("179.69") for payment in plan.payments[:-1])
    # The last payment repays what is left: the payment rounded up by 0,0036 € pays 60 × 0,0036 ≈ 0,20 € ahead.
    last = plan.payments[-1]
    assert last.repayment == plan.payments[-2].owed and last.interest == (last.repayment * D("0.0025")).quantize(
        D("0.01")
    )
    assert last.total == D("179.49")
    assert plan.total_repayment == D("10000") and plan.payments[-1].owed == 0
    assert plan.regular_payment == D("179.69")
    assert plan.first_year == plan.repayment_year == D("179.69") * 12


# --- Linear, with and without grace ----------------------------------------------------------------


def test_linear_repayment_by_hand():
    """12.000 € at 6 % (0,5 % a month) over 12 months: 1.000 € repaid each month, interest on what is owed:
    60, 55, 50 … 5 €, in all 5 · (12 + 11 + … + 1) = 390 €."""
    plan = schedule(D("12000"), LoanTerms(D("6"), 12, 0, LINEAR))
    assert [payment.repayment for payment in plan.payments] == [D("1000")] * 12
    assert [payment.interest for payment in plan.payments] == [D(60 - 5 * month) for month in range(12)]
    assert plan.total_interest == D("390") and plan.total_repayment == D("12000")
    assert plan.first_year == D("12390")


def test_linear_repayment_after_months_of_grace_the_eving_loan():
    """10.000 € at 1,5 % (0,125 % a month) over 120 months, the first 24 without repayment:
    - months 1–24: interest 12,50 € each, nothing repaid; the first year costs 12 × 12,50 = 150 €;
    - months 25–120: 96 repayments of 10.000 / 96 = 104,166… → 104,16 €, the last 10.000 − 95 × 104,16 = 104,80 €;
    - interest in month 25 + k: (10.000 − 104,16 k) × 0,00125 = 12,50 − 0,1302 k, rounded: 12,50 12,37 12,24
      12,11 11,98 11,85 11,72 11,59 11,46 11,33 11,20 11,07, in all 141,42 € in the first year of repayment,
      which costs 12 × 104,16 + 141,42 = 1.391,34 €."""
    plan = schedule(D("10000"), LoanTerms(D("1.5"), 120, 24, LINEAR))
    grace = plan.payments[:24]
    assert all((payment.interest, payment.repayment) == (D("12.50"), D("0")) for payment in grace)
    repaying = plan.payments[24:]
    assert [payment.repayment for payment in repaying] == [D("104.16")] * 95 + [D("104.80")]
    first_year_interest = ["12.50", "12.37", "12.24", "12.11", "11.98", "11.85"]
    first_year_interest += ["11.72", "11.59", "11.46", "11.33", "11.20", "11.07"]
    assert [payment.interest for payment in repaying[:12]] == [D(text) for text in first_year_interest]
    assert plan.first_year == D("150.00")
    assert plan.repayment_year == D("1391.34")
    assert plan.total_repayment == D("10000") and plan.last_offset == 120
    assert terms_text(plan.terms) == (
        "1,5\xa0% a year, 120 months, the first 24 without repayment; linear repayment (equal repayments)"
    )
    # Interest in all: 24 × 12,50 = 300 € of grace, and 96 × 12,50 − 0,1302 × (0 + 1 + … + 95) = 606,288 €,
    # 606,30 € as rounded month by month.
    assert plan.total_interest == D("906.30")
    assert plan.service_text == (
        "Loan service: 150\xa0€ in the first year, 1.391,34\xa0€ in the first year of repayment; "
        "906,30\xa0€ interest in all."
    )


# --- Bullet and interest-free ----------------------------------------------------------------------


def test_a_bullet_loan_pays_interest_monthly_and_the_principal_at_the_end():
    """5.000 € at 4 % over 24 months: 5.000 × 0,04 / 12 = 16,666… → 16,67 € a month; in all 24 × 16,67 = 400,08 €."""
    plan = schedule(D("5000"), LoanTerms(D("4"), 24, 0, BULLET))
    assert [payment.interest for payment in plan.payments] == [D("16.67")] * 24
    assert [payment.repayment for payment in plan.payments] == [D("0")] * 23 + [D("5000")]
    assert plan.total_interest == D("400.08") and plan.first_year == plan.repayment_year == D("200.04")


def test_an_interest_free_subordinated_loan_is_repaid_in_one_at_the_end():
    plan = schedule(D("6000"), LoanTerms(D("0"), 36, 0, INTEREST_FREE))
    assert [(payment.offset, payment.interest, payment.repayment) for payment in plan.payments] == [
        (36, D("0"), D("6000"))
    ]
    assert plan.first_year == 0 and plan.total == D("6000")
    # Its rate does not count even if one were given: interest-free is interest-free.
    assert schedule(D("6000"), LoanTerms(D("5"), 36, 0, INTEREST_FREE)).total_interest == 0
    assert terms_text(LoanTerms(D("0"), 36, 0, INTEREST_FREE)) == "36 months; interest-free subordinated loan"


def test_a_loan_paid_out_in_tranches_costs_interest_on_what_has_been_paid_out():
    """12.000 € at 6 % in three tranches of 4.000 €: interest 20 € (on 4.000) after the first month, 40 € (on
    8.000) after the second; the schedule of the whole loan starts after the third."""
    plan = schedule(D("12000"), LoanTerms(D("6"), 12, 0, LINEAR), [D("4000")] * 3)
    assert plan.payout == 2
    assert [(payment.offset, payment.interest, payment.repayment) for payment in plan.payments[:3]] == [
        (1, D("20"), D("0")),
        (2, D("40"), D("0")),
        (3, D("60"), D("1000")),
    ]
    assert plan.last_offset == 14 and plan.payments[-1].offset == 14
    assert plan.first_year == D("12390")  # the twelve months after the payout, as without tranches


@pytest.mark.parametrize("repayment", [ANNUITY, LINEAR, BULLET, INTEREST_FREE])
@pytest.mark.parametrize(
    ("principal", "rate", "term", "grace"),
    [
        ("0.01", "20", 480, 0),
        ("1.50", "3", 480, 12),
        ("999.99", "0", 7, 3),
        ("10000", "1.25", 1, 0),
        ("123456.78", "7.49", 360, 36),
        ("1000000000", "20", 480, 479),
    ],
)
def test_the_repayments_add_up_to_the_principal_to_the_cent(principal, rate, term, grace, repayment):
    grace = 0 if repayment in (BULLET, INTEREST_FREE) else grace
    plan = schedule(D(principal), LoanTerms(D(rate), term, grace, repayment))
    assert plan.total_repayment == D(principal)
    assert all(payment.repayment >= 0 and payment.interest >= 0 and payment.owed >= 0 for payment in plan.payments)
    # Paid off with the last month of the term (a loan of cents may be paid off earlier by rounded payments).
    assert plan.payments[-1].owed == 0 and plan.payments[-1].offset <= term
    if D(principal) >= 100:
        assert plan.payments[-1].offset == term
    assert all(payment.interest == payment.interest.quantize(D("0.01")) for payment in plan.payments)


# --- In the timeline and the operating budget ------------------------------------------------------


LOAN = Source(
    "Darlehen",
    D("12000"),
    instrument="Darlehen",
    status="approved",
    repayable=True,
    loan=LoanTerms(D("6"), 12, 0, LINEAR),
)


def test_the_timeline_pays_the_loan_service_from_the_month_after_the_payout():
    """The loan of test_linear_repayment_by_hand, paid out at the start in March: the balance is 12.000 € in
    March, then falls by 1.060, 1.055 … 1.010 € in April to February, to 12.000 − 11.385 = 615 €; the last
    payment (1.005 € in March 2027) lies after the twelve months shown."""
    plan = timeline(Budget(), [LOAN], MARCH)
    assert len(plan.months) == 12
    assert [row.loan_service for row in plan.months] == [D("0")] + [D(1060 - 5 * month) for month in range(11)]
    april = plan.months[1]
    assert [(item.source, item.interest, item.repayment) for item in april.loan_payments] == [
        ("Darlehen", D("60"), D("1000"))
    ]
    assert april.money_out == D("1060") and april.net == D("-1060") and april.balance == D("10940")
    assert plan.end_balance == D("615") and plan.loan_service == D("11385")
    assert plan.later == ()  # the loan's payments are not source payments
    later = loan_service(LOAN, MARCH)[-1]
    assert (later.month, later.total) == (datetime.date(2027, 3, 1), D("1005"))


def test_a_loan_paid_later_or_in_tranches_starts_its_service_later():
    dated = Source("Darlehen", D("12000"), expected_on=datetime.date(2026, 5, 10), repayable=True, loan=LOAN.loan)
    assert loan_service(dated, MARCH)[0].month == datetime.date(2026, 6, 1)
    in_tranches = Source("Darlehen", D("12000"), tranches=3, repayable=True, loan=LOAN.loan)
    months = [(item.month, item.total) for item in loan_service(in_tranches, MARCH)[:3]]
    assert months == [
        (datetime.date(2026, 4, 1), D("20")),
        (datetime.date(2026, 5, 1), D("40")),
        (datetime.date(2026, 6, 1), D("1060")),
    ]


def test_a_loan_without_terms_costs_nothing_and_says_so():
    bare = Source("Darlehen", D("12000"), repayable=True)
    assert bare.terms_missing and bare.loan_schedule is None
    assert timeline(Budget(), [bare], MARCH).loan_service == 0
    grant = Source("Zuschuss", D("12000"), loan=LOAN.loan)  # terms on a grant are no loan
    assert not grant.terms_missing and grant.loan_schedule is None
    assert LOAN.loan_schedule.first_year == D("12390") and not LOAN.terms_missing


def test_the_operating_budget_after_loan_service():
    """Annual result −3.600 € (revenues 12.000 €, costs 15.600 €); Eving's loan costs 150 € in its first year
    and 1.391,34 € in its first year of repayment; the 12.000 € loan 12.390 € in its first year."""
    eving = Source("Nachrangdarlehen", D("10000"), repayable=True, loan=LoanTerms(D("1.5"), 120, 24, LINEAR))
    budget = Budget(annual_costs=D("15600"), annual_revenues=D("12000"))
    result = loan_budget(budget.annual_result, [eving.loan_schedule, None])
    assert (result.first_year, result.repayment_year) == (D("150"), D("1391.34"))
    assert (result.result_first_year, result.result_repayment_year) == (D("-3750"), D("-4991.34"))
    assert result.grace_differs
    both = loan_budget(D("0"), [eving.loan_schedule, LOAN.loan_schedule])
    assert (both.first_year, both.repayment_year) == (D("12540"), D("13781.34"))
    assert not loan_budget(D("100"), []).grace_differs and loan_budget(D("100"), []).result_first_year == D("100")
