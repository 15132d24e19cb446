"""Template helpers of the initiative registry."""

from django import template

register = template.Library()


@register.filter
def join_attr(items, attribute="name") -> str:
    """The given attribute of each item, separated by commas: {{ initiative.quarters.all|join_attr:"name" }}."""
    return ", ".join(str(getattr(item, attribute)) for item in items)
