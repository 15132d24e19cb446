"""Server-side SVG charts: this module computes every coordinate, templates/components/charts/ only draws them.

Pure: plain dataclasses from plain (label, value) pairs, no database, no request. No JavaScript, so the same
chart serves the page and a printed report (templates/reports/components/bars.html), and every chart is
followed by a table of the same numbers on the page. Coordinates are plain floats; the templates print them
with `{% localize off %}` so a German decimal comma never ends up in an SVG attribute.

- `horizontal_bars`: one bar per (label, value), scaled to the largest value (or a fixed `max_value`).
- `stacked_bars`: one row of coloured segments per (label, [(css_class, value), ...]).
- `columns`: vertical columns over a baseline, e.g. one per month.
- `importance_performance`: the importance/satisfaction matrix of a survey.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.formats import number_format


@dataclass(frozen=True)
class BarLayout:
    """The vertical rhythm of horizontal bars: bar height, the gap between bars, the room right of the
    longest bar for its value, and where the text sits on a bar (a share of its height)."""

    bar_height: int
    gap: int
    value_space: int
    text_baseline: float

    @property
    def step(self) -> int:
        return self.bar_height + self.gap


# The needs pages and the printed reports.
STANDARD = BarLayout(bar_height=22, gap=10, value_space=60, text_baseline=0.7)
# The advisory dashboards: several charts side by side.
COMPACT = BarLayout(bar_height=20, gap=8, value_space=56, text_baseline=0.72)


def format_value(value: float) -> str:
    """A chart's number as people read it: grouped, at most one decimal place, in the active language."""
    if float(value).is_integer():
        return number_format(int(value), force_grouping=True)
    return number_format(round(value, 1), decimal_pos=1, force_grouping=True)


@dataclass
class Segment:
    x: float
    width: float
    css_class: str
    value: float


@dataclass
class Row:
    label: str
    value: float
    y: float
    bar_x: float
    width: float
    value_label: str
    text_y: float
    segments: list[Segment] = field(default_factory=list)

    @property
    def label_x(self):
        return self.bar_x - 8

    @property
    def value_x(self):
        return self.bar_x + self.width + 6


@dataclass
class HorizontalBars:
    width: int
    height: int
    bar_height: int
    rows: list[Row]
    title: str = ""
    value_heading: str = ""  # the heading of the values' column in the table below the chart

    @property
    def is_empty(self):
        return not any(row.value for row in self.rows)


def _height(count: int, layout: BarLayout) -> int:
    return max(1, count * layout.step)


def _row(label, value: float, index: int, *, bar_x: float, width: float, layout: BarLayout, **extra) -> Row:
    y = index * layout.step
    return Row(
        label=str(label),
        value=value,
        y=y,
        bar_x=bar_x,
        width=width,
        value_label=format_value(value),
        text_y=y + layout.bar_height * layout.text_baseline,
        **extra,
    )


def horizontal_bars(
    items: list[tuple[str, float]],
    *,
    width: int = 640,
    label_width: int = 220,
    max_value: float | None = None,
    layout: BarLayout = STANDARD,
    title: str = "",
    value_heading: str = "",
) -> HorizontalBars:
    """One bar per (label, value), scaled to the largest value, or to `max_value` when that is larger."""
    plot = width - label_width - layout.value_space
    top = max([max_value or 0, *(value for _, value in items)]) or 1
    rows = [
        _row(label, value, index, bar_x=label_width, width=round(plot * value / top, 1), layout=layout)
        for index, (label, value) in enumerate(items)
    ]
    return HorizontalBars(width, _height(len(items), layout), layout.bar_height, rows, str(title), str(value_heading))


def stacked_bars(
    items: list[tuple[str, list[tuple[str, float]]]],
    *,
    width: int = 640,
    label_width: int = 220,
    layout: BarLayout = STANDARD,
) -> HorizontalBars:
    """Rows of segments: (label, [(css_class, value), ...])."""
    plot = width - label_width - layout.value_space
    top = max([sum(value for _, value in parts) for _, parts in items] or [0]) or 1
    rows = []
    for index, (label, parts) in enumerate(items):
        x, segments = float(label_width), []
        for css_class, value in parts:
            segment_width = round(plot * value / top, 1)
            if value:
                segments.append(Segment(x=round(x, 1), width=segment_width, css_class=css_class, value=value))
            x += segment_width
        total = sum(value for _, value in parts)
        rows.append(
            _row(
                label,
                total,
                index,
                bar_x=label_width,
                width=round(x - label_width, 1),
                layout=layout,
                segments=segments,
            )
        )
    return HorizontalBars(width, _height(len(items), layout), layout.bar_height, rows)


@dataclass
class Column:
    label: str
    value: float
    x: float
    y: float
    width: float
    height: float
    value_label: str

    @property
    def centre(self):
        return round(self.x + self.width / 2, 1)

    @property
    def value_y(self):
        return round(self.y - 4, 1)


@dataclass
class Columns:
    width: int
    height: int
    baseline: int
    label_y: int
    columns: list[Column]


def columns(items: list[tuple[str, float]], *, width: int = 640, plot_height: int = 160) -> Columns:
    count = max(1, len(items))
    slot = width / count
    column_width = round(slot * 0.7, 1)
    top = max([value for _, value in items] or [0]) or 1
    baseline = 20 + plot_height
    result = []
    for index, (label, value) in enumerate(items):
        height = round(plot_height * value / top, 1)
        result.append(
            Column(
                label=label,
                value=value,
                x=round(index * slot + (slot - column_width) / 2, 1),
                y=round(baseline - height, 1),
                width=column_width,
                height=height,
                value_label=format_value(value),
            )
        )
    return Columns(width=width, height=baseline + 30, baseline=baseline, label_y=baseline + 18, columns=result)


@dataclass
class Point:
    label: str
    x: float
    y: float
    css_class: str

    @property
    def label_x(self):
        return round(self.x + 8, 1)

    @property
    def label_y(self):
        return round(self.y + 4, 1)


@dataclass
class Scatter:
    """Importance (up) against satisfaction (right), both 1–5, with the cut lines of the matrix."""

    width: int
    height: int
    left: int
    top: int
    right: int
    bottom: int
    points: list[Point]
    cut_x: float
    cut_y: float
    x_ticks: list[tuple[int, float]]
    y_ticks: list[tuple[int, float]]

    @property
    def centre_x(self):
        return (self.left + self.right) / 2

    @property
    def centre_y(self):
        return (self.top + self.bottom) / 2


def importance_performance(rows, *, importance_cut: float, satisfaction_cut: float, size: int = 360) -> Scatter:
    """`rows` have `area.name`, `importance`, `satisfaction` (1–5 or None) and `quadrant` (the point's class)."""
    left, top = 60, 20
    right, bottom = left + size, top + size

    def to_x(satisfaction):
        return round(left + size * (satisfaction - 1) / 4, 1)

    def to_y(importance):
        return round(top + size * (5 - importance) / 4, 1)

    points = [
        Point(
            label=row.area.name,
            x=to_x(row.satisfaction),
            y=to_y(row.importance),
            css_class=f"chart-point-{row.quadrant}",
        )
        for row in rows
        if row.importance is not None and row.satisfaction is not None
    ]
    return Scatter(
        width=right + 180,
        height=bottom + 50,
        left=left,
        top=top,
        right=right,
        bottom=bottom,
        points=points,
        cut_x=to_x(satisfaction_cut),
        cut_y=to_y(importance_cut),
        x_ticks=[(value, to_x(value)) for value in range(1, 6)],
        y_ticks=[(value, to_y(value)) for value in range(1, 6)],
    )
