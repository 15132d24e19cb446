"""Survey results: counts and shares per question, the importance-performance matrix, free texts, CSV.

Only aggregates leave this module. Free texts are listed in alphabetical order, without date or channel,
so no result reveals who answered or when.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Avg, Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from quarters.models import Quarter

from .models import Answer, Question, Response, ServiceArea, Survey
from .opendata import csv_safe

SCALE_MIDPOINT = 3.0


class Quadrant:
    CONCENTRATE = "concentrate"
    KEEP_UP = "keep_up"
    LOW_PRIORITY = "low_priority"
    OVERKILL = "overkill"

    LABELS = {
        CONCENTRATE: gettext_lazy("Concentrate here"),
        KEEP_UP: gettext_lazy("Keep up the good work"),
        LOW_PRIORITY: gettext_lazy("Low priority"),
        OVERKILL: gettext_lazy("Possible overkill"),
    }


def quadrant(importance: float, satisfaction: float, importance_cut: float, satisfaction_cut: float) -> str:
    """Importance-performance analysis (Martilla & James): important but unsatisfying means "concentrate here"."""
    if importance >= importance_cut:
        return Quadrant.CONCENTRATE if satisfaction < satisfaction_cut else Quadrant.KEEP_UP
    return Quadrant.LOW_PRIORITY if satisfaction < satisfaction_cut else Quadrant.OVERKILL


@dataclass
class OptionResult:
    label: str
    count: int
    share: float  # per cent of the people who answered the question


@dataclass
class GridRow:
    area: ServiceArea
    importance: float | None
    satisfaction: float | None
    answers: int
    quadrant: str = ""

    @property
    def quadrant_label(self):
        return Quadrant.LABELS.get(self.quadrant, "")


@dataclass
class Matrix:
    """The importance-performance matrix of one grid question: cut lines at the means of the area means."""

    rows: list[GridRow]
    importance_cut: float
    satisfaction_cut: float

    @property
    def concentrate(self) -> list[GridRow]:
        return [row for row in self.rows if row.quadrant == Quadrant.CONCENTRATE]


@dataclass
class QuestionResult:
    question: Question
    respondents: int
    options: list[OptionResult] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    matrix: Matrix | None = None


@dataclass
class SurveyResults:
    survey: Survey
    quarter: Quarter | None
    responses: int
    by_channel: list[tuple[str, int]]
    questions: list[QuestionResult]


def _share(count: int, total: int) -> float:
    return round(100 * count / total, 1) if total else 0.0


def build_matrix(rows: list[GridRow]) -> Matrix:
    rated = [row for row in rows if row.importance is not None and row.satisfaction is not None]
    if rated:
        importance_cut = sum(row.importance for row in rated) / len(rated)
        satisfaction_cut = sum(row.satisfaction for row in rated) / len(rated)
    else:
        importance_cut = satisfaction_cut = SCALE_MIDPOINT
    for row in rated:
        row.quadrant = quadrant(row.importance, row.satisfaction, importance_cut, satisfaction_cut)
    return Matrix(rows=rows, importance_cut=round(importance_cut, 2), satisfaction_cut=round(satisfaction_cut, 2))


def survey_results(survey: Survey, quarter: Quarter | None = None) -> SurveyResults:
    """All results of a survey (or of its answers from one quarter) with a fixed number of queries."""
    responses = Response.objects.filter(survey=survey)
    answers = Answer.objects.filter(response__survey=survey)
    if quarter is not None:
        responses = responses.filter(quarter=quarter)
        answers = answers.filter(response__quarter=quarter)

    channel_counts = dict(responses.values_list("channel").annotate(total=Count("id")).order_by())
    by_channel = [(label, channel_counts.get(value, 0)) for value, label in Response.Channel.choices]
    total = sum(channel_counts.values())

    questions = list(survey.questions.prefetch_related("choices"))
    respondents = dict(
        answers.values_list("question_id").annotate(total=Count("response_id", distinct=True)).order_by()
    )
    choice_counts = dict(
        answers.filter(choice__isnull=False).values_list("choice_id").annotate(total=Count("id")).order_by()
    )
    grid = defaultdict(dict)
    for row in (
        answers.filter(service_area__isnull=False)
        .filter(Q(importance__isnull=False) | Q(satisfaction__isnull=False))
        .values("question_id", "service_area_id")
        .annotate(importance=Avg("importance"), satisfaction=Avg("satisfaction"), total=Count("id"))
        .order_by()
    ):
        grid[row["question_id"]][row["service_area_id"]] = row
    texts = defaultdict(list)
    for question_id, text in (
        answers.filter(question__kind=Question.Kind.TEXT).exclude(text="").values_list("question_id", "text")
    ):
        texts[question_id].append(text)
    areas = (
        list(ServiceArea.objects.order_by("position", "slug"))
        if grid or any(q.kind == Question.Kind.GRID for q in questions)
        else []
    )

    results = []
    for question in questions:
        answered = respondents.get(question.pk, 0)
        result = QuestionResult(question=question, respondents=answered)
        if question.has_choices:
            result.options = [
                OptionResult(
                    choice.text_display,
                    choice_counts.get(choice.pk, 0),
                    _share(choice_counts.get(choice.pk, 0), answered),
                )
                for choice in question.choices.all()
            ]
        elif question.kind == Question.Kind.TEXT:
            result.texts = sorted(texts[question.pk], key=str.casefold)
        else:
            rows = []
            for area in areas:
                data = grid[question.pk].get(area.pk)
                rows.append(
                    GridRow(
                        area=area,
                        importance=round(data["importance"], 2) if data and data["importance"] is not None else None,
                        satisfaction=round(data["satisfaction"], 2)
                        if data and data["satisfaction"] is not None
                        else None,
                        answers=data["total"] if data else 0,
                    )
                )
            result.matrix = build_matrix(rows)
        results.append(result)
    return SurveyResults(survey=survey, quarter=quarter, responses=total, by_channel=by_channel, questions=results)


class _SafeWriter:
    def __init__(self, writer):
        self.writer = writer

    def writerow(self, row):
        self.writer.writerow([csv_safe(value) for value in row])


def results_csv(results: SurveyResults) -> str:
    """Aggregates only: one row per option, per service area, per free text."""
    buffer = io.StringIO()
    writer = _SafeWriter(csv.writer(buffer))
    writer.writerow(
        [
            _("question"),
            _("kind"),
            _("option or service area"),
            _("count"),
            _("share (%)"),
            _("importance (mean)"),
            _("satisfaction (mean)"),
            _("quadrant"),
            _("free text"),
        ]
    )
    writer.writerow([_("all questions"), "", _("responses"), results.responses, "", "", "", "", ""])
    for label, count in results.by_channel:
        writer.writerow([_("all questions"), "", str(label), count, _share(count, results.responses), "", "", "", ""])
    for result in results.questions:
        question = result.question
        kind = question.get_kind_display()
        writer.writerow([question.text_display, kind, _("respondents"), result.respondents, "", "", "", "", ""])
        for option in result.options:
            writer.writerow([question.text_display, kind, option.label, option.count, option.share, "", "", "", ""])
        if result.matrix:
            for row in result.matrix.rows:
                writer.writerow(
                    [
                        question.text_display,
                        kind,
                        row.area.name,
                        row.answers,
                        "",
                        "" if row.importance is None else row.importance,
                        "" if row.satisfaction is None else row.satisfaction,
                        str(row.quadrant_label),
                        "",
                    ]
                )
        for text in result.texts:
            writer.writerow([question.text_display, kind, "", "", "", "", "", "", text])
    return buffer.getvalue()
