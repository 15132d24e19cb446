"""Who may take part in a case: staff of the municipality, the initiative's lead and core team."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from initiatives.models import Membership
from initiatives.rules import CORE_ROLES
from quarters.models import StaffRole

from ..models import Case


def staff_user_ids(municipality) -> set[int]:
    return set(StaffRole.objects.filter(municipality=municipality).values_list("user_id", flat=True))


def core_team_user_ids(initiative) -> set[int]:
    if initiative is None:
        return set()
    return set(Membership.objects.filter(initiative=initiative, role__in=CORE_ROLES).values_list("user_id", flat=True))


def member_user_ids(initiative) -> set[int]:
    if initiative is None:
        return set()
    return set(Membership.objects.filter(initiative=initiative).values_list("user_id", flat=True))


def check_advisor(case_or_municipality, advisor) -> None:
    municipality = getattr(case_or_municipality, "municipality", case_or_municipality)
    if advisor is not None and advisor.pk not in staff_user_ids(municipality):
        raise ValidationError({"advisor": _("The advisor must be staff of the municipality.")})


def check_task_owner(case: Case, owner) -> None:
    if owner is None:
        return
    if owner.pk not in staff_user_ids(case.municipality) | core_team_user_ids(case.initiative):
        raise ValidationError(
            {"owner": _("A task belongs to staff of the municipality or to the initiative's lead or core team.")}
        )
