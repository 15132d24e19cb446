"""The pure part of the financing plan: amounts, payments, the monthly timeline, totals and mix, by hand."""

import datetime
from decimal import Decimal

import pytest
from django.utils import translation

from initiatives.plan.financing_plan import (
    Budget,
    Source,
    add_months,
    balance_chart,
    bridging_note,
    mix,
    months_between,
    payments,
    split,
    timeline,
    totals,
)

D = Decimal
MARCH = datetime.date(2026, 3, 1)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def test_split_into_whole_cents_with_the_rest_in_the_last_payment():
    assert split(D("100"), 3) == [D("33.33"), D("33.33"), D("33.34")]
    assert split(D("1000"), 12) == [D("83.33")] * 11 + [D("83.37")]
    assert sum(split(D("1000"), 12)) == D("1000")
    assert split(D("50"), 1) == [D("50")]


def test_months():
    assert add_months(datetime.date(2026, 11, 15), 3) == datetime.date(2027, 2, 1)
    assert add_months(MARCH, -3) == datetime.date(2025, 12, 1)
    assert months_between(MARCH, datetime.date(2027, 8, 31)) == 17


# --- Payments ------------------------------------------------------------------------------------


def test_a_source_pays_on_its_date_in_monthly_tranches():
    source = Source("Zuschuss", D("9000"), expected_on=datetime.date(2026, 4, 15), tranches=3)
    assert [(p.month, p.amount, p.number, p.of) for p in payments(source, MARCH)] == [
        (datetime.date(2026, 4, 1), D("3000"), 1, 3),
        (datetime.date(2026, 5, 1), D("3000"), 2, 3),
        (datetime.date(2026, 6, 1), D("3000"), 3, 3),
    ]


def test_without_a_date_a_source_pays_at_the_start_and_early_money_counts_at_the_start():
    assert payments(Source("Spende", D("500")), MARCH)[0].month == MARCH
    early = Source("Rücklage", D("500"), expected_on=datetime.date(2025, 11, 1))
    assert payments(early, MARCH)[0].month == MARCH


def test_a_source_paying_after_spending_pays_no_earlier_than_the_month_after_the_start():
    undated = Source("EFRE", D("1200"), pays_after_spending=True)
    assert [(p.month, p.delayed) for p in payments(undated, MARCH)] == [(datetime.date(2026, 4, 1), False)]
    too_early = Source("EFRE", D("1200"), expected_on=MARCH, pays_after_spending=True)
    assert [(p.month, p.delayed) for p in payments(too_early, MARCH)] == [(datetime.date(2026, 4, 1), True)]
    later = Source("EFRE", D("1200"), expected_on=datetime.date(2026, 7, 20), pays_after_spending=True)
    assert payments(later, MARCH)[0].month == datetime.date(2026, 7, 1)


# --- Timeline ------------------------------------------------------------------------------------


def test_timeline_by_hand():
    """One-off costs 10.000\xa0€ in March, 100\xa0€ costs and 50\xa0€ revenues a month; a donation of 4.000\xa0€ at the
    start; a grant of 9.000\xa0€ paying after spending in three tranches from April:

        month   costs   revenues  sources  balance
        03/26  10.100        50    4.000   -6.050   bridging 6.050
        04/26     100        50    3.000   -3.100   bridging 3.100
        05/26     100        50    3.000     -150   bridging   150
        06/26     100        50    3.000    2.800
        07/26 … 02/27: 50\xa0€ less each month, ending at 2.400
    """
    budget = Budget(one_off_costs=D("10000"), annual_costs=D("1200"), annual_revenues=D("600"))
    sources = [
        Source("Spende", D("4000"), instrument="Spenden"),
        Source(
            "Zuschuss",
            D("9000"),
            instrument="Zuschuss",
            expected_on=datetime.date(2026, 4, 15),
            tranches=3,
            pays_after_spending=True,
        ),
    ]
    plan = timeline(budget, sources, datetime.date(2026, 3, 17))
    assert len(plan.months) == 12
    assert plan.start == MARCH
    first = plan.months[0]
    assert (first.costs, first.revenues, first.sources, first.balance) == (D("10100"), D("50"), D("4000"), D("-6050"))
    assert [payment.source for payment in first.payments] == ["Spende"]
    assert first.money_in == D("4050") and first.net == D("-6050")
    assert [row.balance for row in plan.months] == [
        D("-6050"),
        D("-3100"),
        D("-150"),
        D("2800"),
        D("2750"),
        D("2700"),
        D("2650"),
        D("2600"),
        D("2550"),
        D("2500"),
        D("2450"),
        D("2400"),
    ]
    assert [row.bridging for row in plan.bridging_months] == [D("6050"), D("3100"), D("150")]
    assert plan.peak_bridging == D("6050")
    assert plan.first_shortfall == MARCH
    assert plan.end_balance == D("2400")
    assert plan.later == ()
    assert bridging_note(plan) == (
        "From 03/2026 the money runs short: bridging finance of up to 6.050\xa0€ is needed until the sources pay."
    )


def test_annual_amounts_add_up_exactly_over_a_year():
    budget = Budget(annual_costs=D("1000"), annual_revenues=D("100"))
    plan = timeline(budget, [], MARCH)
    assert sum(row.costs for row in plan.months) == D("1000")
    assert sum(row.revenues for row in plan.months) == D("100")
    assert plan.end_balance == D("-900")
    assert plan.months[0].costs == D("83.33") and plan.months[11].costs == D("83.37")


def test_the_timeline_grows_with_late_payments_up_to_three_years():
    late = Source("Spätzahler", D("1000"), expected_on=datetime.date(2027, 8, 1))
    assert len(timeline(Budget(), [late], MARCH).months) == 18
    very_late = Source("Sehr spät", D("1000"), expected_on=datetime.date(2030, 1, 1))
    plan = timeline(Budget(), [very_late], MARCH)
    assert len(plan.months) == 36
    assert [(p.source, p.month) for p in plan.later] == [("Sehr spät", datetime.date(2030, 1, 1))]
    assert plan.end_balance == D("0")


def test_no_bridging_when_the_balance_never_drops_below_zero():
    plan = timeline(Budget(one_off_costs=D("1000")), [Source("Spende", D("1000"))], MARCH)
    assert plan.first_shortfall is None and plan.peak_bridging == D("0")
    assert bridging_note(plan) is None


def test_balance_chart_draws_shortfalls_below_the_zero_line():
    budget = Budget(one_off_costs=D("10000"), annual_costs=D("1200"), annual_revenues=D("600"))
    sources = [Source("Spende", D("4000")), Source("Zuschuss", D("9000"), expected_on=MARCH, tranches=3)]
    chart = balance_chart(timeline(budget, sources, MARCH))
    assert len(chart.bars) == 12
    first, last = chart.bars[0], chart.bars[-1]
    assert first.negative and first.y == chart.zero_y and first.height > 0
    assert not last.negative and last.y + last.height == pytest.approx(chart.zero_y, abs=0.2)
    assert first.label == "03/26"
    assert chart.top_label.endswith("€") and chart.bottom_label.startswith("-")


# --- Totals and mix ------------------------------------------------------------------------------


def test_totals_against_the_capital_need():
    sources = [
        Source("A", D("4000"), status="received"),
        Source("B", D("9000"), status="applied"),
        Source("C", D("1000"), status="approved"),
    ]
    result = totals(sources, D("20000"))
    assert result.total == D("14000")
    assert result.gap == D("6000") and result.surplus == D("0")
    assert result.secured == D("5000")
    assert result.covered_percent == D("70")
    over = totals(sources, D("10000"))
    assert over.gap == D("0") and over.surplus == D("4000")
    unknown = totals(sources, None)
    assert unknown.gap is None and unknown.covered_percent is None


def test_mix_by_instrument_type_largest_first():
    rows = mix(
        [
            Source("Spende A", D("4000"), instrument="Spenden"),
            Source("Zuschuss", D("9000"), instrument="Zuschuss"),
            Source("Spende B", D("1000"), instrument="Spenden"),
        ]
    )
    assert [(row.instrument, row.amount, row.share) for row in rows] == [
        ("Zuschuss", D("9000"), D("64.3")),
        ("Spenden", D("5000"), D("35.7")),
    ]
    assert mix([]) == []
