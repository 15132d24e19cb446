"""What goes into each document: plain data gathered with a few queries, ready for the print templates."""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from quarters.queries import latest_statistics


def quarter_report_context(quarter) -> dict:
    statistics = latest_statistics(quarter)
    return {
        "title": format_lazy(_("Quarter report {name}"), name=quarter.name),
        "quarter": quarter,
        "municipality": quarter.municipality,
        "statistics": statistics,
    }
