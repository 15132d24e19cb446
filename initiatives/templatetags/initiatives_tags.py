"""Template helpers of the initiative registry: German money format."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template

register = template.Library()


@register.filter
def euro(value) -> str:
    """1234.5 -> "1.234,50 €" (German format, whatever the active language; the platform counts in euros)."""
    if value is None or value == "":
        return "–"
    try:
        amount = Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    except (InvalidOperation, TypeError, ValueError):
        return str(value)
    sign = "-" if amount < 0 else ""
    whole, cents = f"{abs(amount):.2f}".split(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return f"{sign}{'.'.join(groups)},{cents}\u00a0€"


@register.filter
def join_attr(items, attribute="name") -> str:
    """The given attribute of each item, separated by commas: {{ initiative.quarters.all|join_attr:"name" }}."""
    return ", ".join(str(getattr(item, attribute)) for item in items)
