from django import template

from financing.formatting import format_euro, format_percent

register = template.Library()


@register.filter
def euro(value):
    """1234 -> "1.234 €" (German notation, whatever the interface language)."""
    return format_euro(value)


@register.filter
def percent(value):
    return format_percent(value)


@register.filter
def euro_range(programme_or_pair):
    """ "1.000 – 10.000 €", "up to 300.000 €", "from 35.000 €" or "–" for a (min, max) pair."""
    low, high = programme_or_pair
    if low is None and high is None:
        return "–"
    if low is not None and high is not None:
        if low == high:
            return format_euro(low)
        return f"{format_euro(low)[:-2]} – {format_euro(high)}"
    from django.utils.translation import gettext as _

    if high is not None:
        return _("up to %(amount)s") % {"amount": format_euro(high)}
    return _("from %(amount)s") % {"amount": format_euro(low)}


@register.simple_tag
def pair(low, high):
    return (low, high)
