"""Server-side SVG charts: this module computes every coordinate, templates/needs/charts/ only draws them.

No JavaScript, so the same chart serves the page and a printed report. Every chart is followed by a
table of the same numbers on the page. Coordinates are plain floats; the templates print them with
`{% localize off %}` so a German decimal comma never ends up in an SVG attribute.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.formats import number_format

BAR_HEIGHT = 22
BAR_GAP = 10
VALUE_SPACE = 60


def _label(value: float) -> str:
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
    segments: list[Segment] = field(default_factory=list)

    @property
    def text_y(self):
        return self.y + BAR_HEIGHT * 0.7

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


def _bars_layout(count: int) -> int:
    return max(1, count * (BAR_HEIGHT + BAR_GAP))


def horizontal_bars(
    items: list[tuple[str, float]], *, width: int = 640, label_width: int = 220, max_value: float | None = None
) -> HorizontalBars:
    plot = width - label_width - VALUE_SPACE
    top = max([max_value or 0, *(value for _, value in items)]) or 1
    rows = [
        Row(
            label=label,
            value=value,
            y=index * (BAR_HEIGHT + BAR_GAP),
            bar_x=label_width,
            width=round(plot * value / top, 1),
            value_label=_label(value),
        )
        for index, (label, value) in enumerate(items)
    ]
    return HorizontalBars(width, _bars_layout(len(items)), BAR_HEIGHT, rows)


def stacked_bars(
    items: list[tuple[str, list[tuple[str, float]]]], *, width: int = 640, label_width: int = 220
) -> HorizontalBars:
    """Rows of segments: (label, [(css_class, value), ...])."""
    plot = width - label_width - VALUE_SPACE
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
            Row(
                label=label,
                value=total,
                y=index * (BAR_HEIGHT + BAR_GAP),
                bar_x=label_width,
                width=round(x - label_width, 1),
                value_label=_label(total),
                segments=segments,
            )
        )
    return HorizontalBars(width, _bars_layout(len(items)), BAR_HEIGHT, rows)


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
                value_label=_label(value),
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
