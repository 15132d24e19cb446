"""Cases: who sees which, the case list with its figures and filters, the parts of a case page, form choices."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.db.models import Count, Exists, F, IntegerField, Max, OuterRef, Q, QuerySet, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.models import User
from initiatives.models import Actor, Initiative, Membership
from initiatives.rules import CORE_ROLES
from quarters.models import StaffRole
from quarters.rules import staff_municipality_ids

from ..models import Case, ConfidentialNote, Consultation, PhaseChange, Referral, Task, Workshop

# The page sizes of settings.PAGE_SIZES the views use (common.web.paginate), named for the tests.
PAGE_SIZE = settings.PAGE_SIZES["cases"]
# The case page shows the latest consultations; older ones are a page further.
CONSULTATIONS_PER_PAGE = settings.PAGE_SIZES["default"]
NOTES_PER_PAGE = settings.PAGE_SIZES["default"]


def hours(minutes) -> float:
    return round((minutes or 0) / 60, 1)


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


def with_figures(cases: QuerySet[Case], today: datetime.date) -> QuerySet[Case]:
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
    (never consulted first). Needs the figures of `with_figures`."""
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
    cases = with_figures(cases, today).select_related("initiative", "quarter", "advisor")
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
    return case.referrals.select_related("actor")


def referral_actor_choices(case: Case) -> QuerySet[Actor]:
    """The actors of the directory a case can be referred to: its municipality's and those working across
    municipalities."""
    return Actor.objects.filter(Q(municipality_id=case.municipality_id) | Q(municipality__isnull=True)).order_by(
        "name", "pk"
    )


def workshops_of_case(case: Case) -> QuerySet[Workshop]:
    return case.workshops.order_by("-held_on")


def phase_history(case: Case) -> QuerySet[PhaseChange]:
    return case.phase_changes.select_related("changed_by")


def initiatives_without_case(municipality, current=None):
    """Initiatives of the municipality a case could be linked to."""
    taken = Case.objects.filter(initiative__isnull=False).values("initiative_id")
    initiatives = Initiative.objects.filter(municipality=municipality).exclude(status=Initiative.Status.DRAFT)
    condition = ~Q(pk__in=taken)
    if current is not None:
        condition |= Q(pk=current.pk)
    return initiatives.filter(condition).order_by("name")


def staff_choices(municipality) -> QuerySet:
    """Advisors and coordinators of the municipality: who can be assigned a case."""
    return User.objects.filter(
        is_active=True, pk__in=StaffRole.objects.filter(municipality=municipality).values("user_id")
    ).order_by("display_name", "email")


def owner_choices(case: Case) -> QuerySet:
    """Staff of the municipality and the initiative's lead and core team: who can own a task."""
    condition = Q(pk__in=StaffRole.objects.filter(municipality=case.municipality_id).values("user_id"))
    if case.initiative_id:
        condition |= Q(
            pk__in=Membership.objects.filter(initiative=case.initiative_id, role__in=CORE_ROLES).values("user_id")
        )
    return User.objects.filter(condition, is_active=True).order_by("display_name", "email")


def participant_choices(case: Case) -> QuerySet:
    """Staff of the municipality and all members of the initiative: who can be linked to a consultation."""
    condition = Q(pk__in=StaffRole.objects.filter(municipality=case.municipality_id).values("user_id"))
    if case.initiative_id:
        condition |= Q(pk__in=Membership.objects.filter(initiative=case.initiative_id).values("user_id"))
    return User.objects.filter(condition, is_active=True).order_by("display_name", "email")
