"""The advisor's dashboard and the coordinator's overview: a few aggregates each."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from ..models import Case, Consultation, ConsultationTopic, Phase, Task, Topic
from .cases import by_urgency, hours, staff_choices, with_figures
from .tasks import overdue_tasks_of_advisor

# The dashboard shows the first rows of each list and links to the full, paged list.
DASHBOARD_LIMIT = 20


@dataclass
class MonthRow:
    month: datetime.date
    consultations: int
    minutes: int

    @property
    def hours(self):
        return hours(self.minutes)


def _month_starts(last: datetime.date, count: int) -> list[datetime.date]:
    months, year, month = [], last.year, last.month
    for _index in range(count):
        months.append(datetime.date(year, month, 1))
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return list(reversed(months))


def _months(consultations: QuerySet[Consultation], months: list[datetime.date]) -> list[MonthRow]:
    rows = {
        (row["month"].date() if isinstance(row["month"], datetime.datetime) else row["month"]): row
        for row in consultations.filter(held_on__gte=months[0])
        .annotate(month=TruncMonth("held_on"))
        .order_by()
        .values("month")
        .annotate(total=Count("pk"), minutes=Sum("duration_minutes"))
    }
    return [
        MonthRow(month, rows.get(month, {}).get("total", 0), rows.get(month, {}).get("minutes", 0) or 0)
        for month in months
    ]


def topic_counts(topic_rows: QuerySet[ConsultationTopic]) -> list[tuple[str, int]]:
    counts = dict(topic_rows.order_by().values("topic").annotate(total=Count("pk")).values_list("topic", "total"))
    return [(str(label), counts.get(value, 0)) for value, label in Topic.choices]


def _phases(cases: QuerySet[Case]) -> list[tuple[str, int]]:
    counts = dict(cases.order_by().values("phase").annotate(total=Count("pk")).values_list("phase", "total"))
    return [(str(label), counts.get(value, 0)) for value, label in Phase.choices if value != Phase.CLOSED]


@dataclass
class AdvisorDashboard:
    caseload: list[tuple[str, int]]
    months: list[MonthRow]
    topics: list[tuple[str, int]]
    overdue_tasks: list[Task]  # the most overdue DASHBOARD_LIMIT of overdue_count
    overdue_count: int
    cases: list[Case]  # the most urgent DASHBOARD_LIMIT of open_cases

    @property
    def open_cases(self):
        return sum(count for _label, count in self.caseload)

    @property
    def more_cases(self):
        return self.open_cases > len(self.cases)

    @property
    def more_overdue_tasks(self):
        return self.overdue_count > len(self.overdue_tasks)

    @property
    def total_minutes(self):
        return sum(row.minutes for row in self.months)

    @property
    def total_hours(self):
        return hours(self.total_minutes)

    @property
    def total_consultations(self):
        return sum(row.consultations for row in self.months)


def advisor_dashboard(municipality, advisor, *, today=None, months: int = 12) -> AdvisorDashboard:
    """The advisor's own work in the municipality: six queries, whatever the caseload. The lists stop after
    DASHBOARD_LIMIT rows; the counts are complete (the open cases from the caseload by phase)."""
    today = today or timezone.localdate()
    month_starts = _month_starts(today, months)
    own_cases = Case.objects.filter(municipality=municipality, advisor=advisor).exclude(status=Case.Status.CLOSED)
    own_consultations = Consultation.objects.filter(case__municipality=municipality, advisor=advisor)
    overdue = overdue_tasks_of_advisor(municipality, advisor, today=today)
    return AdvisorDashboard(
        caseload=_phases(own_cases),
        months=_months(own_consultations, month_starts),
        topics=topic_counts(
            ConsultationTopic.objects.filter(consultation__in=own_consultations.filter(held_on__gte=month_starts[0]))
        ),
        overdue_tasks=list(overdue[:DASHBOARD_LIMIT]),
        overdue_count=overdue.count(),
        cases=list(
            by_urgency(with_figures(own_cases, today).select_related("initiative", "quarter"))[:DASHBOARD_LIMIT]
        ),
    )


@dataclass
class AdvisorRow:
    person: object
    open_cases: int = 0
    closed_cases: int = 0
    consultations: int = 0
    minutes: int = 0
    overdue_tasks: int = 0

    @property
    def hours(self):
        return hours(self.minutes)


@dataclass
class CoordinatorOverview:
    year: int
    advisors: list[AdvisorRow]
    caseload: list[tuple[str, int]]
    months: list[MonthRow]
    unassigned: list[Case]
    paused: int

    @property
    def open_cases(self):
        return sum(count for _label, count in self.caseload)


def coordinator_overview(municipality, year: int, *, today=None) -> CoordinatorOverview:
    """Every advisor's caseload and work in the year: seven queries."""
    today = today or timezone.localdate()
    cases = Case.objects.filter(municipality=municipality)
    staff = list(staff_choices(municipality))
    rows = {person.pk: AdvisorRow(person) for person in staff}
    for row in (
        cases.filter(advisor__isnull=False)
        .order_by()
        .values("advisor")
        .annotate(
            open=Count("pk", filter=~Q(status=Case.Status.CLOSED)),
            closed=Count("pk", filter=Q(status=Case.Status.CLOSED, closed_on__year=year)),
        )
    ):
        if row["advisor"] in rows:
            rows[row["advisor"]].open_cases = row["open"]
            rows[row["advisor"]].closed_cases = row["closed"]
    year_consultations = Consultation.objects.filter(case__municipality=municipality, held_on__year=year)
    for row in (
        year_consultations.filter(advisor__isnull=False)
        .order_by()
        .values("advisor")
        .annotate(total=Count("pk"), minutes=Sum("duration_minutes"))
    ):
        if row["advisor"] in rows:
            rows[row["advisor"]].consultations = row["total"]
            rows[row["advisor"]].minutes = row["minutes"] or 0
    for row in (
        Task.objects.filter(case__municipality=municipality, done_at__isnull=True, due_on__lt=today)
        .filter(case__advisor__isnull=False)
        .order_by()
        .values("case__advisor")
        .annotate(total=Count("pk"))
    ):
        if row["case__advisor"] in rows:
            rows[row["case__advisor"]].overdue_tasks = row["total"]
    open_cases = cases.exclude(status=Case.Status.CLOSED)
    last_month = datetime.date(year, 12, 1) if year < today.year else today
    return CoordinatorOverview(
        year=year,
        advisors=list(rows.values()),
        caseload=_phases(open_cases),
        months=_months(year_consultations, _month_starts(last_month, last_month.month)),
        unassigned=list(open_cases.filter(advisor__isnull=True).select_related("initiative", "quarter")),
        paused=open_cases.filter(status=Case.Status.PAUSED).count(),
    )
