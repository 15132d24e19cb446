"""Reads of advisory casework: visibility as queries, lists with annotations, dashboards in a few aggregates.

Confidential notes are read only by `confidential_notes_of_case` and `confidential_note_for`; callers log
every display through services.confidential_notes_read. Nothing here searches or exports a note.

For the reports app: `consultation_summaries_for_initiative`, `activity_for_quarter` and
`activity_for_municipality` return plain data without personal data or confidential notes.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db import models
from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from initiatives.models import Membership
from quarters.models import StaffRole
from quarters.rules import staff_municipality_ids

from .models import (
    Case,
    ConfidentialNote,
    ConfidentialNoteRead,
    Consultation,
    ConsultationTopic,
    Phase,
    PhaseChange,
    Referral,
    Task,
    Topic,
    Workshop,
)

CORE_ROLES = (Membership.Role.LEAD, Membership.Role.CORE)
PAGE_SIZE = 25
# The dashboard shows the first rows of each list and links to the full, paged list.
DASHBOARD_LIMIT = 20
# The case page shows the latest consultations; older ones are a page further.
CONSULTATIONS_PER_PAGE = 20
NOTES_PER_PAGE = 20


def hours(minutes) -> float:
    return round((minutes or 0) / 60, 1)


# --- Visibility --------------------------------------------------------------------------------------


def cases_visible_to(user) -> QuerySet[Case]:
    """Staff see the cases of their municipalities, the platform admin all; nobody else any."""
    if not user.is_authenticated:
        return Case.objects.none()
    if user.is_superuser:
        return Case.objects.all()
    return Case.objects.filter(municipality_id__in=staff_municipality_ids(user))


def _count(queryset, column="pk") -> Subquery:
    """A correlated COUNT as a subquery: several of them on one list do not multiply each other's rows."""
    return Coalesce(
        Subquery(
            queryset.order_by().values("case").annotate(total=Count(column)).values("total"),
            output_field=IntegerField(),
        ),
        Value(0),
    )


def _with_figures(cases: QuerySet[Case], today: datetime.date) -> QuerySet[Case]:
    consultations = Consultation.objects.filter(case=OuterRef("pk"))
    open_tasks = Task.objects.filter(case=OuterRef("pk"), done_at__isnull=True)
    return cases.annotate(
        consultation_count=_count(consultations),
        minutes=Coalesce(
            Subquery(
                consultations.order_by().values("case").annotate(total=Sum("duration_minutes")).values("total"),
                output_field=IntegerField(),
            ),
            Value(0),
        ),
        last_consultation=Subquery(
            consultations.order_by().values("case").annotate(last=Max("held_on")).values("last")
        ),
        open_task_count=_count(open_tasks),
        overdue_task_count=_count(open_tasks.filter(due_on__lt=today)),
    )


def by_urgency(cases: QuerySet[Case]) -> QuerySet[Case]:
    """Most urgent first: the most overdue tasks, open before paused, then the longest without a consultation
    (never consulted first). Needs the figures of `_with_figures`."""
    paused_last = models.Case(When(status=Case.Status.PAUSED, then=Value(1)), default=Value(0))
    return cases.order_by(
        "-overdue_task_count", paused_last, F("last_consultation").asc(nulls_first=True), "name", "pk"
    )


# A status filter beyond Case.Status: every case still in the caseload (open or paused).
ACTIVE = "active"
SORT_URGENCY = "urgency"


@dataclass(frozen=True)
class CaseFilter:
    q: str = ""
    phase: str = ""
    status: str = ""
    advisor: int | None = None
    unassigned: bool = False
    sort: str = ""


def case_list(municipality, filters: CaseFilter | None = None, *, today=None) -> QuerySet[Case]:
    """A municipality's cases with their figures. The text search covers names and consultation summaries,
    never confidential notes."""
    filters = filters or CaseFilter()
    today = today or timezone.localdate()
    cases = Case.objects.filter(municipality=municipality)
    if filters.phase:
        cases = cases.filter(phase=filters.phase)
    if filters.status == ACTIVE:
        cases = cases.exclude(status=Case.Status.CLOSED)
    elif filters.status:
        cases = cases.filter(status=filters.status)
    if filters.advisor:
        cases = cases.filter(advisor_id=filters.advisor)
    if filters.unassigned:
        cases = cases.filter(advisor__isnull=True)
    text = (filters.q or "").strip()
    if text:
        in_summaries = Consultation.objects.filter(summary__icontains=text).values("case_id")
        cases = cases.filter(Q(name__icontains=text) | Q(initiative__name__icontains=text) | Q(pk__in=in_summaries))
    cases = _with_figures(cases, today).select_related("initiative", "quarter", "advisor")
    if filters.sort == SORT_URGENCY:
        return by_urgency(cases)
    return cases.order_by("phase", "name", "pk")


def case_for_detail(pk: int) -> Case | None:
    return Case.objects.select_related("municipality", "quarter", "initiative", "advisor").filter(pk=pk).first()


def consultations_of_case(case: Case) -> QuerySet[Consultation]:
    """For staff: the consultations with topics and linked participants, and whether a note exists (not the
    note itself)."""
    return (
        case.consultations.select_related("advisor")
        .prefetch_related("topics", "participants")
        .annotate(has_note=Exists(ConfidentialNote.objects.filter(consultation=OuterRef("pk"))))
        .order_by("-held_on", "-pk")
    )


def tasks_of_case(case: Case) -> QuerySet[Task]:
    return case.tasks.select_related("owner", "consultation")


def referrals_of_case(case: Case) -> QuerySet[Referral]:
    return case.referrals.all()


def workshops_of_case(case: Case) -> QuerySet[Workshop]:
    return case.workshops.order_by("-held_on")


def phase_history(case: Case) -> QuerySet[PhaseChange]:
    return case.phase_changes.select_related("changed_by")


def initiatives_without_case(municipality, current=None):
    """Initiatives of the municipality a case could be linked to."""
    from initiatives.models import Initiative

    taken = Case.objects.filter(initiative__isnull=False).values("initiative_id")
    initiatives = Initiative.objects.filter(municipality=municipality).exclude(status=Initiative.Status.DRAFT)
    condition = ~Q(pk__in=taken)
    if current is not None:
        condition |= Q(pk=current.pk)
    return initiatives.filter(condition).order_by("name")


def staff_choices(municipality) -> QuerySet:
    """Advisors and coordinators of the municipality: who can be assigned a case."""
    from accounts.models import User

    return User.objects.filter(
        is_active=True, pk__in=StaffRole.objects.filter(municipality=municipality).values("user_id")
    ).order_by("display_name", "email")


def owner_choices(case: Case) -> QuerySet:
    """Staff of the municipality and the initiative's lead and core team: who can own a task."""
    from accounts.models import User

    condition = Q(pk__in=StaffRole.objects.filter(municipality=case.municipality_id).values("user_id"))
    if case.initiative_id:
        condition |= Q(
            pk__in=Membership.objects.filter(initiative=case.initiative_id, role__in=CORE_ROLES).values("user_id")
        )
    return User.objects.filter(condition, is_active=True).order_by("display_name", "email")


def participant_choices(case: Case) -> QuerySet:
    """Staff of the municipality and all members of the initiative: who can be linked to a consultation."""
    from accounts.models import User

    condition = Q(pk__in=StaffRole.objects.filter(municipality=case.municipality_id).values("user_id"))
    if case.initiative_id:
        condition |= Q(pk__in=Membership.objects.filter(initiative=case.initiative_id).values("user_id"))
    return User.objects.filter(condition, is_active=True).order_by("display_name", "email")


# --- Confidential notes (callers log every display) ---------------------------------------------------


def confidential_notes_of_case(case: Case) -> QuerySet[ConfidentialNote]:
    return (
        ConfidentialNote.objects.filter(consultation__case=case)
        .select_related("consultation", "written_by")
        .order_by("-consultation__held_on", "-pk")
    )


def confidential_note_for(consultation: Consultation) -> ConfidentialNote | None:
    return ConfidentialNote.objects.filter(consultation=consultation).select_related("written_by").first()


def note_reads_of_case(case: Case) -> QuerySet[ConfidentialNoteRead]:
    return case.note_reads.select_related("reader", "note__consultation")


def note_reads_of_municipality(municipality) -> QuerySet[ConfidentialNoteRead]:
    return ConfidentialNoteRead.objects.filter(case__municipality=municipality).select_related(
        "reader", "case__initiative", "note__consultation"
    )


# --- The initiative's own view and "my tasks" ---------------------------------------------------------


@dataclass(frozen=True)
class ConsultationSummary:
    """A consultation as the initiative and the concept report may see it: no note, no participants."""

    held_on: datetime.date
    format: str
    format_label: str
    duration_minutes: int
    topics: list[str]
    summary: str
    outcomes: str
    next_steps: str


def _summaries(consultations) -> list[ConsultationSummary]:
    return [
        ConsultationSummary(
            held_on=c.held_on,
            format=c.format,
            format_label=str(c.get_format_display()),
            duration_minutes=c.duration_minutes,
            topics=[str(label) for label in c.topic_labels()],
            summary=c.summary,
            outcomes=c.outcomes,
            next_steps=c.next_steps,
        )
        for c in consultations
    ]


def consultation_summaries_for_initiative(initiative) -> list[ConsultationSummary]:
    """The consultations of the initiative's case, newest first, with their non-confidential summary only.

    For the concept report (reports app) and the initiative's own view. Two queries.
    """
    consultations = (
        Consultation.objects.filter(case__initiative=initiative)
        .only("held_on", "format", "duration_minutes", "summary", "outcomes", "next_steps")
        .prefetch_related("topics")
        .order_by("-held_on", "-pk")
    )
    return _summaries(consultations)


def case_of_initiative(initiative) -> Case | None:
    return Case.objects.select_related("advisor", "quarter").filter(initiative=initiative).first()


def tasks_of_user(user) -> QuerySet[Task]:
    """'My tasks': the user's tasks in cases they still belong to (as staff, or as lead or core team)."""
    if not user.is_authenticated:
        return Task.objects.none()
    belongs = Q(case__municipality_id__in=staff_municipality_ids(user)) | Q(
        case__initiative_id__in=Membership.objects.filter(user=user, role__in=CORE_ROLES).values("initiative_id")
    )
    if user.is_superuser:
        belongs = Q()
    return Task.objects.filter(belongs, owner=user).select_related("owner", "case__initiative", "case__municipality")


# --- Dashboards -------------------------------------------------------------------------------------


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


def _topics(topic_rows: QuerySet[ConsultationTopic]) -> list[tuple[str, int]]:
    counts = dict(topic_rows.order_by().values("topic").annotate(total=Count("pk")).values_list("topic", "total"))
    return [(str(label), counts.get(value, 0)) for value, label in Topic.choices]


def _phases(cases: QuerySet[Case]) -> list[tuple[str, int]]:
    counts = dict(cases.order_by().values("phase").annotate(total=Count("pk")).values_list("phase", "total"))
    return [(str(label), counts.get(value, 0)) for value, label in Phase.choices if value != Phase.CLOSED]


def overdue_tasks_of_advisor(municipality, advisor, *, today=None) -> QuerySet[Task]:
    """Open tasks past their due date in the municipality that the advisor owns or that belong to the advisor's
    cases, the longest overdue first.

    The two ways in are a UNION of ids, so each is served by its own index (task_owner_open_due; the advisor's
    cases, then the tasks by case): an OR across the join to the case made PostgreSQL scan every task."""
    today = today or timezone.localdate()
    overdue = Task.objects.filter(done_at__isnull=True, due_on__lt=today).order_by()
    ids = overdue.filter(owner=advisor).values("pk").union(overdue.filter(case__advisor=advisor).values("pk"))
    return (
        Task.objects.filter(pk__in=ids, case__municipality=municipality)
        .select_related("case__initiative", "case__municipality", "owner")
        .order_by("due_on", "pk")
    )


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
        topics=_topics(
            ConsultationTopic.objects.filter(consultation__in=own_consultations.filter(held_on__gte=month_starts[0]))
        ),
        overdue_tasks=list(overdue[:DASHBOARD_LIMIT]),
        overdue_count=overdue.count(),
        cases=list(
            by_urgency(_with_figures(own_cases, today).select_related("initiative", "quarter"))[:DASHBOARD_LIMIT]
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


# --- The yearly report (no personal data: counts only) -----------------------------------------------


@dataclass
class YearlyReport:
    year: int
    cases_active: int
    cases_opened: int
    cases_closed: int
    consultations: int
    minutes: int
    formats: list[tuple[str, int]]
    topics: list[tuple[str, int]]
    referrals: list[tuple[str, int, int, int]]  # actor type, made, successful, unsuccessful
    phases_reached: list[tuple[str, int]]
    workshops: int
    workshop_attendees: int
    referral_statuses: list[tuple[str, int]] = field(default_factory=list)

    @property
    def hours(self):
        return hours(self.minutes)

    @property
    def referrals_total(self):
        return sum(row[1] for row in self.referrals)

    def csv_rows(self) -> list[tuple[str, str, str, str]]:
        """(section, key, label, value): figures only, no names, no text written by anyone. The key stays the
        same in every language; the label is for people."""
        rows = [
            ("cases", "active", _("Cases active in the year"), self.cases_active),
            ("cases", "opened", _("Cases opened"), self.cases_opened),
            ("cases", "closed", _("Cases closed"), self.cases_closed),
            ("consultations", "count", _("Consultations"), self.consultations),
            ("consultations", "hours", _("Hours of consultation"), self.hours),
        ]
        rows += [
            ("consultation_format", key, label, count)
            for key, (label, count) in zip(Consultation.Format.values, self.formats, strict=True)
        ]
        rows += [("topics", key, label, count) for key, (label, count) in zip(Topic.values, self.topics, strict=True)]
        for key, (label, made, successful, unsuccessful) in zip(Referral.ActorType.values, self.referrals, strict=True):
            rows += [
                ("referrals_made", key, label, made),
                ("referrals_successful", key, label, successful),
                ("referrals_unsuccessful", key, label, unsuccessful),
            ]
        rows += [
            ("referral_status", key, label, count)
            for key, (label, count) in zip(Referral.Status.values, self.referral_statuses, strict=True)
        ]
        reached_keys = [value for value in Phase.values if value != Phase.FIRST_CONTACT]
        rows += [
            ("outcomes_phase_reached", key, label, count)
            for key, (label, count) in zip(reached_keys, self.phases_reached, strict=True)
        ]
        rows += [
            ("workshops", "count", _("Workshops"), self.workshops),
            ("workshops", "attendees", _("Workshop attendees"), self.workshop_attendees),
        ]
        return [(section, key, str(label), str(value)) for section, key, label, value in rows]


def _year_bounds(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def _active_in(year: int) -> Q:
    start, end = _year_bounds(year)
    return Q(opened_on__lte=end) & (Q(closed_on__isnull=True) | Q(closed_on__gte=start))


def yearly_report(municipality, year: int) -> YearlyReport:
    """The figures for funders and council: seven aggregate queries, no personal data."""
    cases = Case.objects.filter(municipality=municipality)
    start, end = _year_bounds(year)
    case_figures = cases.aggregate(
        active=Count("pk", filter=_active_in(year)),
        opened=Count("pk", filter=Q(opened_on__year=year)),
        closed=Count("pk", filter=Q(closed_on__year=year)),
    )
    consultations = Consultation.objects.filter(case__municipality=municipality, held_on__year=year)
    formats = {
        row["format"]: row
        for row in consultations.order_by()
        .values("format")
        .annotate(total=Count("pk"), minutes=Sum("duration_minutes"))
    }
    referral_rows = list(
        Referral.objects.filter(case__municipality=municipality, referred_on__year=year)
        .order_by()
        .values("actor_type", "status")
        .annotate(total=Count("pk"))
    )
    by_actor, by_status = {}, Counter()
    for row in referral_rows:
        made, successful, unsuccessful = by_actor.get(row["actor_type"], (0, 0, 0))
        made += row["total"]
        if row["status"] == Referral.Status.SUCCESSFUL:
            successful += row["total"]
        elif row["status"] == Referral.Status.UNSUCCESSFUL:
            unsuccessful += row["total"]
        by_actor[row["actor_type"]] = (made, successful, unsuccessful)
        by_status[row["status"]] += row["total"]
    reached = dict(
        PhaseChange.objects.filter(case__municipality=municipality, changed_at__date__range=(start, end))
        .exclude(from_phase="")
        .order_by()
        .values("to_phase")
        .annotate(total=Count("case", distinct=True))
        .values_list("to_phase", "total")
    )
    workshops = Workshop.objects.filter(municipality=municipality, held_on__year=year).aggregate(
        total=Count("pk"), attendees=Coalesce(Sum("attendees"), Value(0))
    )
    return YearlyReport(
        year=year,
        cases_active=case_figures["active"],
        cases_opened=case_figures["opened"],
        cases_closed=case_figures["closed"],
        consultations=sum(row["total"] for row in formats.values()),
        minutes=sum(row["minutes"] or 0 for row in formats.values()),
        formats=[(str(label), formats.get(value, {}).get("total", 0)) for value, label in Consultation.Format.choices],
        topics=_topics(ConsultationTopic.objects.filter(consultation__in=consultations)),
        referrals=[(str(label), *by_actor.get(value, (0, 0, 0))) for value, label in Referral.ActorType.choices],
        referral_statuses=[(str(label), by_status.get(value, 0)) for value, label in Referral.Status.choices],
        phases_reached=[
            (str(label), reached.get(value, 0)) for value, label in Phase.choices if value != Phase.FIRST_CONTACT
        ],
        workshops=workshops["total"],
        workshop_attendees=workshops["attendees"],
    )


def report_years(municipality, today=None) -> list[int]:
    """The years with any case, newest first (at least the current year)."""
    today = today or timezone.localdate()
    first = Case.objects.filter(municipality=municipality).order_by("opened_on").values_list("opened_on", flat=True)
    first_year = first[0].year if first else today.year
    return list(range(today.year, min(first_year, today.year) - 1, -1))


# --- Activity counts for the reports app --------------------------------------------------------------


@dataclass(frozen=True)
class Activity:
    """Advisory activity in counts: for the quarter and municipality reports. No names, no notes."""

    cases_open: int
    cases_total: int
    consultations: int
    minutes: int
    referrals: int
    workshops: int
    topics: dict[str, int]

    @property
    def hours(self):
        return hours(self.minutes)


def _activity(cases: QuerySet[Case], consultations: QuerySet[Consultation], referrals, workshops) -> Activity:
    case_figures = cases.aggregate(total=Count("pk"), open=Count("pk", filter=~Q(status=Case.Status.CLOSED)))
    consultation_figures = consultations.aggregate(
        total=Count("pk"), minutes=Coalesce(Sum("duration_minutes"), Value(0))
    )
    topic_counts = dict(
        ConsultationTopic.objects.filter(consultation__in=consultations)
        .order_by()
        .values("topic")
        .annotate(total=Count("pk"))
        .values_list("topic", "total")
    )
    return Activity(
        cases_open=case_figures["open"],
        cases_total=case_figures["total"],
        consultations=consultation_figures["total"],
        minutes=consultation_figures["minutes"],
        referrals=referrals.count(),
        workshops=workshops.count(),
        topics={value: topic_counts.get(value, 0) for value in Topic.values},
    )


def activity_for_quarter(quarter, year: int | None = None) -> Activity:
    """Advisory activity in a quarter (all years, or one): cases, consultations, hours, referrals, workshops,
    topics. Five queries."""
    cases = Case.objects.filter(quarter=quarter)
    consultations = Consultation.objects.filter(case__quarter=quarter)
    referrals = Referral.objects.filter(case__quarter=quarter)
    workshops = Workshop.objects.filter(cases__quarter=quarter).distinct()
    if year is not None:
        cases = cases.filter(_active_in(year))
        consultations = consultations.filter(held_on__year=year)
        referrals = referrals.filter(referred_on__year=year)
        workshops = workshops.filter(held_on__year=year)
    return _activity(cases, consultations, referrals, workshops)


def activity_for_municipality(municipality, year: int) -> Activity:
    """Advisory activity of a municipality in a year (cases active in that year). Five queries."""
    cases = Case.objects.filter(municipality=municipality)
    return _activity(
        cases.filter(_active_in(year)),
        Consultation.objects.filter(case__municipality=municipality, held_on__year=year),
        Referral.objects.filter(case__municipality=municipality, referred_on__year=year),
        Workshop.objects.filter(municipality=municipality, held_on__year=year),
    )


# --- Workshops --------------------------------------------------------------------------------------


def workshops_of(municipality) -> QuerySet[Workshop]:
    return (
        Workshop.objects.filter(municipality=municipality)
        .annotate(case_count=Count("cases"))
        .order_by("-held_on", "title")
    )


def workshop_for_detail(pk: int) -> Workshop | None:
    return Workshop.objects.select_related("municipality", "created_by").filter(pk=pk).first()


def workshop_cases(workshop: Workshop) -> QuerySet[Case]:
    return workshop.cases.select_related("initiative", "quarter").order_by("name")


def open_cases_of(municipality) -> QuerySet[Case]:
    return Case.objects.filter(municipality=municipality).select_related("initiative").order_by("name")
