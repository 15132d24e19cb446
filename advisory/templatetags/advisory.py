from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def hours(minutes) -> str:
    """Minutes as hours with one decimal, formatted for the active language ("1,5" in German)."""
    return number_format(round((minutes or 0) / 60, 1), decimal_pos=1, force_grouping=True)
