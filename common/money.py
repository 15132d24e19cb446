"""Money the German way: one formatter ("1.234 €", "1.234,50 €", a no-break space before the sign), one
parser for what people type, one upper bound. Pure: no database, no templates."""

import re
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.translation import gettext as _

MAX_AMOUNT = Decimal("1000000000")  # one billion euros: anything above is a typing error
CENT = Decimal("0.01")
NO_BREAK_SPACE = "\u00a0"

_GROUPED = re.compile(r"^\d{1,3}(\.\d{3})+$")
_NUMBER = re.compile(r"^\d+(\.\d+)?$")


def _group(digits: str) -> str:
    groups = []
    while len(digits) > 3:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    groups.insert(0, digits)
    return ".".join(groups)


def format_number(value, *, cents: bool | None = None) -> str:
    """1234 -> "1.234", 1234.5 -> "1.234,50"; `cents` forces (True) or drops (False) the decimals."""
    amount = Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)
    if cents is None:
        cents = amount != amount.to_integral_value()
    if not cents:
        amount = amount.quantize(Decimal(1), rounding=ROUND_HALF_UP)
    sign = "-" if amount < 0 else ""
    whole, _dot, fraction = f"{abs(amount):f}".partition(".")
    return f"{sign}{_group(whole)}" + (f",{fraction}" if cents else "")


def format_euro(value, *, cents: bool | None = None) -> str:
    """1234 -> "1.234 €", 1234.5 -> "1.234,50 €" (German notation whatever the interface language; the
    platform counts in euros); None or "" -> "–"; what is not a number is shown as it is."""
    if value is None or value == "":
        return "–"
    try:
        return f"{format_number(value, cents=cents)}{NO_BREAK_SPACE}€"
    except (InvalidOperation, TypeError, ValueError):
        return str(value)


def format_percent(value) -> str:
    """12.5 -> "12,5 %"; None -> "–"."""
    if value is None:
        return "–"
    text = f"{Decimal(value).normalize():f}".replace(".", ",")
    return f"{text}{NO_BREAK_SPACE}%"


class AmountError(ValueError):
    """An amount that cannot be used; the message says why in words a person understands."""


def amount_problem(amount: Decimal, *, allow_zero: bool = False) -> str | None:
    """Why an amount cannot be used (negative, zero where not allowed, below a cent, too large), or None."""
    if amount < 0:
        return _("The amount must not be negative.")
    if amount == 0 and not allow_zero:
        return _("The amount must be more than 0 €.")
    if amount != amount.quantize(CENT, rounding=ROUND_DOWN):
        return _("Use at most two decimal places (whole cents).")
    if amount > MAX_AMOUNT:
        return _("The amount is too large: at most %(max)s.") % {"max": format_euro(MAX_AMOUNT)}
    return None


def parse_amount(text: str, *, allow_zero: bool = True) -> Decimal | None:
    """An amount as people type it in Germany: "60.000", "1.234,56 €", "1234,5" or "1234.56". Empty: None.

    A dot followed by groups of three digits separates thousands ("60.000" is sixty thousand); a comma, or a
    single dot followed by other than three digits, separates the cents.
    """
    value = (text or "").strip()
    for noise in ("€", "EUR", "Euro", NO_BREAK_SPACE, "\u202f", " "):
        value = value.replace(noise, "")
    if not value:
        return None
    if value.startswith("-") or value.startswith("−"):
        raise AmountError(_("The amount must not be negative."))
    value = value.removeprefix("+")
    if "," in value and "." in value:
        decimal_mark = "," if value.rfind(",") > value.rfind(".") else "."
        grouping = "." if decimal_mark == "," else ","
        value = value.replace(grouping, "").replace(decimal_mark, ".")
    elif "," in value:
        value = value.replace(",", ".")
    elif _GROUPED.match(value):
        value = value.replace(".", "")
    if not _NUMBER.match(value):
        raise AmountError(_("Enter an amount in euros, e.g. 60.000 or 1.234,56."))
    if "." in value and len(value.split(".", 1)[1]) > 2:
        raise AmountError(_("Use at most two decimal places (whole cents)."))
    try:
        amount = Decimal(value)
    except InvalidOperation as error:  # pragma: no cover - the pattern admits only numbers
        raise AmountError(_("Enter an amount in euros, e.g. 60.000 or 1.234,56.")) from error
    problem = amount_problem(amount, allow_zero=allow_zero)
    if problem:
        raise AmountError(problem)
    return amount
