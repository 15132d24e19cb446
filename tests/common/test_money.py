from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from common.money import AmountError, amount_problem, format_euro, format_percent, parse_amount


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (1234, "1.234\u00a0€"),
        (Decimal("1234.5"), "1.234,50\u00a0€"),
        (Decimal("60000.00"), "60.000\u00a0€"),
        (Decimal("1000000000"), "1.000.000.000\u00a0€"),
        (Decimal("-1500.25"), "-1.500,25\u00a0€"),
        (Decimal("0.004"), "0\u00a0€"),
        (None, "–"),
        ("", "–"),
        ("abc", "abc"),
    ],
)
def test_format_euro(value, text):
    assert format_euro(value) == text


def test_format_euro_with_cents_forced_or_dropped():
    assert format_euro(Decimal("7000"), cents=True) == "7.000,00\u00a0€"
    assert format_euro(Decimal("7000.6"), cents=False) == "7.001\u00a0€"


def test_format_percent():
    assert format_percent(Decimal("20.00")) == "20\u00a0%"
    assert format_percent(Decimal("7.5")) == "7,5\u00a0%"
    assert format_percent(None) == "–"


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("1.234,56", "1234.56"),
        ("1234,56", "1234.56"),
        ("1234.56", "1234.56"),
        ("60.000\xa0€", "60000"),
        ("1,234.56", "1234.56"),
        ("60\u00a0000 EUR", "60000"),
        ("0", "0"),
        ("", None),
    ],
)
def test_parse_amount(text, amount):
    assert parse_amount(text) == (Decimal(amount) if amount else None)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("-5", "The amount must not be negative."),
        ("viel", "Enter an amount in euros, e.g. 60.000 or 1.234,56."),
        ("1.2.3", "Enter an amount in euros, e.g. 60.000 or 1.234,56."),
        ("0,001", "Use at most two decimal places (whole cents)."),
        ("5000000000", "The amount is too large: at most 1.000.000.000\u00a0€."),
    ],
)
def test_parse_amount_refuses_with_a_reason(text, message):
    with pytest.raises(AmountError) as refusal:
        parse_amount(text)
    assert str(refusal.value) == message


def test_zero_is_refused_where_an_amount_must_be_positive():
    with pytest.raises(AmountError, match="more than 0"):
        parse_amount("0", allow_zero=False)
    assert amount_problem(Decimal("0"), allow_zero=True) is None


def test_the_template_filters_use_the_one_formatter():
    rendered = Template(
        "{% load money %}{{ a|euro }}|{{ b|percent }}|{% pair low high as amounts %}{{ amounts|euro_range }}|"
        "{% pair None high as up_to %}{{ up_to|euro_range }}"
    ).render(Context({"a": Decimal("1234.5"), "b": Decimal("12.5"), "low": 1000, "high": 10000}))
    assert rendered == "1.234,50\u00a0€|12,5\u00a0%|1.000 – 10.000\u00a0€|up to 10.000\u00a0€"


# Amounts as typed into the financing plan (zero is not an amount there).


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("60.000", Decimal("60000")),
        ("1.234,56\xa0€", Decimal("1234.56")),
        ("1234,5", Decimal("1234.5")),
        ("1234.56", Decimal("1234.56")),
        ("1,234.56", Decimal("1234.56")),
        ("  12.500,50 EUR ", Decimal("12500.50")),
        ("1.000.000.000", Decimal("1000000000")),
        ("", None),
    ],
)
def test_parse_amount_as_people_type_it(text, expected):
    assert parse_amount(text, allow_zero=False) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("-5", "The amount must not be negative."),
        ("−5", "The amount must not be negative."),
        ("0", "The amount must be more than 0 €."),
        ("1,234", "Use at most two decimal places (whole cents)."),
        ("12.3456", "Use at most two decimal places (whole cents)."),
        ("0,001", "Use at most two decimal places (whole cents)."),
        ("1000000000,01", "The amount is too large: at most 1.000.000.000\u00a0€."),
        ("99999999999999", "The amount is too large: at most 1.000.000.000\u00a0€."),
        ("zehn", "Enter an amount in euros, e.g. 60.000 or 1.234,56."),
        ("1e5", "Enter an amount in euros, e.g. 60.000 or 1.234,56."),
    ],
)
def test_parse_amount_refuses_bad_amounts_with_a_reason(text, message):
    with pytest.raises(AmountError) as error:
        parse_amount(text, allow_zero=False)
    assert str(error.value) == message


def test_zero_is_allowed_where_it_means_something():
    assert parse_amount("0", allow_zero=True) == Decimal("0")
    assert amount_problem(Decimal("0"), allow_zero=True) is None
    assert amount_problem(Decimal("10.50")) is None
    assert amount_problem(Decimal("10.500")) is None  # trailing zeros are still whole cents
    assert amount_problem(Decimal("10.505")) == "Use at most two decimal places (whole cents)."
