from decimal import Decimal

import pytest

from financing.formatting import AmountError, format_euro, format_percent, parse_amount
from financing.sources import parse_sources


@pytest.mark.parametrize(
    ("value", "text"),
    [(1234, "1.234 €"), (Decimal("1234.5"), "1.234,50 €"), (Decimal("60000.00"), "60.000 €"), (None, "–")],
)
def test_format_euro(value, text):
    assert format_euro(value) == text


def test_format_percent():
    assert format_percent(Decimal("20.00")) == "20 %"
    assert format_percent(Decimal("7.5")) == "7,5 %"


@pytest.mark.parametrize(
    ("text", "amount"),
    [("1.234,56", "1234.56"), ("1234,56", "1234.56"), ("1234.56", "1234.56"), ("60.000 €", "60000"), ("", None)],
)
def test_parse_amount(text, amount):
    assert parse_amount(text) == (Decimal(amount) if amount else None)


@pytest.mark.parametrize("text", ["-5", "viel", "1.2.3", "5000000000"])
def test_parse_amount_refuses(text):
    with pytest.raises(AmountError):
        parse_amount(text)


def test_parse_sources():
    sources = parse_sources("[1] https://a.example | § 56 BGB: https://b.example/__56.html | Seed")
    assert [(s.tag, s.label, s.url) for s in sources] == [
        ("1", "", "https://a.example"),
        ("", "§ 56 BGB", "https://b.example/__56.html"),
        ("", "Seed", ""),
    ]
