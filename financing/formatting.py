"""Money in German notation ("1.234 €", "1.234,56 €") and parsing what people type as an amount."""

import re
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

MAX_AMOUNT = Decimal("1000000000")
_GROUPED = re.compile(r"^\d{1,3}(\.\d{3})+$")


def format_euro(value) -> str:
    """1234 -> "1.234 €", 1234.5 -> "1.234,50 €"; None -> "–"."""
    if value is None or value == "":
        return "–"
    amount = Decimal(value)
    whole = amount == amount.to_integral_value()
    text = f"{amount:,.0f}" if whole else f"{amount:,.2f}"
    text = text.replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")
    return f"{text} €"


def format_percent(value) -> str:
    if value is None:
        return "–"
    amount = Decimal(value).normalize()
    text = f"{amount:f}".replace(".", ",")
    return f"{text} %"


class AmountError(ValueError):
    """An amount that cannot be read; the message says why, in words a user understands."""


def parse_amount(text: str) -> Decimal | None:
    """Read an amount as people type it: "1.234,56", "1234,56", "1234.56", "60.000 €", "60000". Empty -> None."""
    value = (text or "").strip().replace("€", "").replace("EUR", "").replace("\u00a0", "").replace(" ", "")
    if not value:
        return None
    if value.startswith("-"):
        raise AmountError(_("The amount must not be negative."))
    if "," in value and "." in value:
        if value.rfind(",") > value.rfind("."):
            value = value.replace(".", "").replace(",", ".")
        else:
            value = value.replace(",", "")
    elif "," in value:
        value = value.replace(",", ".")
    elif _GROUPED.match(value):
        value = value.replace(".", "")
    if not re.fullmatch(r"\d+(\.\d{1,2})?", value):
        raise AmountError(_("Enter an amount in euros, e.g. 60.000 or 1.234,56."))
    try:
        amount = Decimal(value)
    except InvalidOperation as error:  # pragma: no cover - the pattern above admits only valid numbers
        raise AmountError(_("Enter an amount in euros, e.g. 60.000 or 1.234,56.")) from error
    if amount > MAX_AMOUNT:
        raise AmountError(_("The amount is too large (more than one billion euros)."))
    return amount
