"""Simple server-side SVG bar charts for the advisory dashboards.

This module computes the coordinates; templates/advisory/components/bar_chart.html draws them and puts the
same numbers in a table below. No JavaScript, no inline styles (CSP): colours are SVG attributes.
Coordinates are plain floats printed with `{% localize off %}`, so no decimal comma reaches an attribute.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.formats import number_format

BAR_HEIGHT = 20
BAR_GAP = 8
VALUE_SPACE = 56


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    value_label: str
    y: float
    width: float
    label_width: int

    @property
    def text_y(self):
        return self.y + BAR_HEIGHT * 0.72

    @property
    def label_x(self):
        return self.label_width - 8

    @property
    def value_x(self):
        return self.label_width + self.width + 6


@dataclass(frozen=True)
class BarChart:
    title: str
    value_heading: str
    width: int
    height: int
    bar_height: int
    label_width: int
    bars: list[Bar]

    @property
    def is_empty(self):
        return not any(bar.value for bar in self.bars)


def format_value(value: float) -> str:
    if float(value).is_integer():
        return number_format(int(value), force_grouping=True)
    return number_format(round(value, 1), decimal_pos=1, force_grouping=True)


def bar_chart(
    items: list[tuple[str, float]], *, title: str, value_heading: str, width: int = 560, label_width: int = 200
) -> BarChart:
    """Horizontal bars, one per (label, value), scaled to the largest value."""
    plot = width - label_width - VALUE_SPACE
    top = max([value for _label, value in items] or [0]) or 1
    bars = [
        Bar(
            label=str(label),
            value=value,
            value_label=format_value(value),
            y=index * (BAR_HEIGHT + BAR_GAP),
            width=round(plot * value / top, 1),
            label_width=label_width,
        )
        for index, (label, value) in enumerate(items)
    ]
    height = max(1, len(items) * (BAR_HEIGHT + BAR_GAP))
    return BarChart(str(title), str(value_heading), width, height, BAR_HEIGHT, label_width, bars)
