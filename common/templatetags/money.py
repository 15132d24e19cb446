"""Money in templates: `{% load money %}` then `{{ amount|euro }}`, `{{ share|percent }}`,
`{{ programme.amount_range|euro_range }}`."""

from django import template
from django.utils.translation import gettext as _

from common.money import format_euro, format_percent

register = template.Library()


@register.filter
def euro(value) -> str:
    """1234 -> "1.234 €", 1234.5 -> "1.234,50 €"."""
    return format_euro(value)


@register.filter
def percent(value) -> str:
    return format_percent(value)


@register.filter
def euro_range(pair) -> str:
    """A (low, high) pair: "1.000 – 10.000 €", "up to 300.000 €", "from 35.000 €" or "–"."""
    low, high = pair
    if low is None and high is None:
        return "–"
    if low is not None and high is not None:
        if low == high:
            return format_euro(low)
        return f"{format_euro(low)[:-2]} – {format_euro(high)}"
    if high is not None:
        return _("up to %(amount)s") % {"amount": format_euro(high)}
    return _("from %(amount)s") % {"amount": format_euro(low)}


@register.simple_tag
def pair(low, high):
    """{% pair programme.amount_min programme.amount_max as amounts %}{{ amounts|euro_range }}"""
    return (low, high)
