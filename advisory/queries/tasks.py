"""Tasks across cases: "my tasks" and the advisor's overdue tasks."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils import timezone

from initiatives.models import Membership
from initiatives.rules import CORE_ROLES
from quarters.rules import staff_municipality_ids

from ..models import Task


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
