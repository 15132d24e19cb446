"""The SVG charts of common/charts.py: geometry, numbers in the active language, and the templates drawing them."""

import re
from types import SimpleNamespace

from django.template.loader import render_to_string
from django.utils import translation

from common import charts


def _attributes(svg: str) -> list[str]:
    return re.findall(r'(?:x|y|width|height)="([^"]*)"', svg)


def test_svg_coordinates_never_get_a_german_decimal_comma():
    with translation.override("de"):
        chart = charts.horizontal_bars([("Begegnung & Kultur", 53.6), ("Wohnen", 12.25)], max_value=100)
        svg = render_to_string("components/charts/bars.html", {"chart": chart, "chart_id": "c", "title": "Lücken"})
    attributes = _attributes(svg)
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


def test_horizontal_bars_scale_to_the_largest_value_or_a_larger_maximum():
    # plot width: 640 - 220 - 60 = 360
    assert [row.width for row in charts.horizontal_bars([("a", 1), ("b", 4)]).rows] == [90.0, 360.0]
    assert [row.width for row in charts.horizontal_bars([("a", 25)], max_value=100).rows] == [90.0]
    # a maximum below the largest value does not cut a bar off
    assert [row.width for row in charts.horizontal_bars([("a", 200)], max_value=100).rows] == [360.0]


def test_bars_stand_one_step_apart_with_their_text_on_the_bar():
    chart = charts.horizontal_bars([("a", 1), ("b", 2), ("c", 3)])
    assert [row.y for row in chart.rows] == [0, 32, 64]
    assert chart.height == 96 and chart.bar_height == 22
    row = chart.rows[1]
    assert row.text_y == 32 + 22 * 0.7
    assert (row.label_x, row.value_x) == (212, 220 + row.width + 6)


def test_the_compact_layout_of_the_dashboards():
    chart = charts.horizontal_bars(
        [("Phase", 2), ("Andere", 4)], width=560, label_width=200, layout=charts.COMPACT, title="T", value_heading="H"
    )
    # plot width: 560 - 200 - 56 = 304; bars of 20 with a gap of 8
    assert [(row.y, row.width) for row in chart.rows] == [(0, 152.0), (28, 304.0)]
    assert chart.height == 56 and chart.bar_height == 20
    assert chart.rows[0].text_y == 20 * 0.72
    assert (chart.title, chart.value_heading) == ("T", "H")


def test_an_empty_chart_has_a_height_and_says_it_is_empty():
    chart = charts.horizontal_bars([])
    assert chart.rows == [] and chart.height == 1 and chart.is_empty
    assert charts.horizontal_bars([("a", 0)]).is_empty
    assert not charts.horizontal_bars([("a", 0), ("b", 1)]).is_empty


def test_stacked_bars_leave_out_empty_segments_and_label_the_total():
    chart = charts.stacked_bars([("x", [("open", 2), ("done", 0), ("late", 2)])], width=400, label_width=100)
    row = chart.rows[0]
    assert [segment.css_class for segment in row.segments] == ["open", "late"]
    assert [segment.x for segment in row.segments] == [100.0, 220.0]
    assert (row.value, row.value_label, row.width) == (4, "4", 240.0)


def test_columns_stand_on_the_baseline():
    chart = charts.columns([("01/26", 2), ("02/26", 4)], width=200, plot_height=100)
    assert chart.baseline == 120 and chart.label_y == 138 and chart.height == 150
    first, second = chart.columns
    assert (first.y, first.height, second.y, second.height) == (70.0, 50.0, 20.0, 100.0)
    assert first.width == 70.0 and first.x == 15.0 and first.centre == 50.0


def test_values_are_grouped_with_one_decimal_at_most():
    with translation.override("de"):
        assert charts.format_value(1234) == "1.234"
        assert charts.format_value(12.25) == "12,2"
        assert charts.format_value(3.0) == "3"
    with translation.override("en"):
        assert charts.format_value(1234.56) == "1,234.6"


def test_the_importance_performance_matrix():
    rows = [
        SimpleNamespace(area=SimpleNamespace(name="Wohnen"), importance=5, satisfaction=1, quadrant="concentrate"),
        SimpleNamespace(area=SimpleNamespace(name="Kultur"), importance=None, satisfaction=3, quadrant="keep"),
    ]
    chart = charts.importance_performance(rows, importance_cut=3, satisfaction_cut=3, size=400)
    assert [(point.label, point.x, point.y, point.css_class) for point in chart.points] == [
        ("Wohnen", 60.0, 20.0, "chart-point-concentrate")
    ]
    assert (chart.cut_x, chart.cut_y) == (260.0, 220.0)
    assert chart.x_ticks[0] == (1, 60.0) and chart.y_ticks[0] == (1, 420.0)


def test_every_chart_template_keeps_its_coordinates_free_of_decimal_commas():
    with translation.override("de"):
        bars = charts.horizontal_bars([("a", 1.5), ("b", 2.25)])
        stacked = charts.stacked_bars([("a", [("x", 1.5), ("y", 2.25)])])
        columns = charts.columns([("1", 1.5), ("2", 2.25)])
        scatter = charts.importance_performance(
            [SimpleNamespace(area=SimpleNamespace(name="A"), importance=3.3, satisfaction=2.7, quadrant="q")],
            importance_cut=3.1,
            satisfaction_cut=2.9,
        )
        figure = charts.horizontal_bars(
            [("a", 1.5)], title="Stunden", value_heading="Stunden", layout=charts.COMPACT, width=560, label_width=200
        )
        rendered = [
            render_to_string("components/charts/bars.html", {"chart": bars, "chart_id": "b", "title": "B"}),
            render_to_string("components/charts/stacked.html", {"chart": stacked, "chart_id": "s", "title": "S"}),
            render_to_string("components/charts/columns.html", {"chart": columns, "chart_id": "c", "title": "C"}),
            render_to_string("components/charts/scatter.html", {"chart": scatter, "chart_id": "p", "title": "P"}),
            render_to_string("components/charts/figure.html", {"chart": figure}),
            render_to_string("reports/components/bars.html", {"chart": bars, "title": "B"}),
        ]
    for svg in rendered:
        attributes = _attributes(svg)
        assert attributes and all("," not in value for value in attributes), svg


def test_the_figure_shows_a_caption_and_a_table_of_the_numbers():
    with translation.override("de"):
        chart = charts.horizontal_bars([("Finanzierung", 2.5)], title="Themen", value_heading="Stunden")
        html = render_to_string("components/charts/figure.html", {"chart": chart})
        without_table = render_to_string("components/charts/figure.html", {"chart": chart, "no_table": True})
        empty = render_to_string("components/charts/figure.html", {"chart": charts.horizontal_bars([], title="Leer")})
    assert "<figcaption" in html and "Themen" in html and "<table" in html and "2,5" in html
    assert "<table" not in without_table and "<svg" in without_table
    assert "<svg" not in empty and "Leer" in empty
