"""The SVG charts: their geometry, and coordinates that stay machine-readable in German."""

import re

from django.template.loader import render_to_string
from django.utils import translation

from needs import charts


def test_svg_coordinates_never_get_a_german_decimal_comma():
    with translation.override("de"):
        chart = charts.horizontal_bars([("Begegnung & Kultur", 53.6), ("Wohnen", 12.25)], max_value=100)
        svg = render_to_string("needs/charts/bars.html", {"chart": chart, "chart_id": "c", "title": "Lücken"})
    attributes = re.findall(r'(?:x|y|width|height)="([^"]*)"', svg)
    assert attributes and all("," not in value for value in attributes)
    assert "53,6" in svg  # the labels are German
    assert "Begegnung &amp; Kultur" in svg


def test_chart_geometry():
    bars = charts.horizontal_bars([("a", 50), ("b", 100)], width=400, label_width=100)
    assert [row.width for row in bars.rows] == [120.0, 240.0]
    columns = charts.columns([("1", 0), ("2", 4)], width=200, plot_height=100)
    assert [column.height for column in columns.columns] == [0, 100]
    stacked = charts.stacked_bars([("x", [("a", 1), ("b", 3)])], width=400, label_width=100)
    assert [segment.width for segment in stacked.rows[0].segments] == [60.0, 180.0]
