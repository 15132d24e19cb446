"""Permission predicates of advisory casework: the one place that decides who may do what.

- Advisors and coordinators of the case's municipality see its cases; the platform admin sees everything.
- The assigned advisor edits a case; coordinators of the municipality edit every case and assign advisors.
- Confidential notes: staff of the municipality and the platform admin read them, and every read is logged
  (the views call services.confidential_notes_read before showing one). Coordinators see that record.
- The initiative's lead and core team (and a quarter coordinator who carries the initiative) see the
  initiative's own view: phase, consultation summaries, tasks. Supporters see nothing of the case.
- A task's owner completes it while they still belong to the case (staff or lead/core).
"""

import rules

from initiatives.rules import core_team
from quarters.rules import is_coordinator_of, is_platform_admin, is_staff_of

from .models import Case, ConfidentialNote, Consultation, Task, Workshop


def case_of(obj) -> Case | None:
    if isinstance(obj, Case):
        return obj
    if isinstance(obj, ConfidentialNote):
        return obj.consultation.case
    if isinstance(obj, Consultation | Task):
        return obj.case
    return getattr(obj, "case", None)


def municipality_of(obj):
    """The municipality deciding about obj: a case's, a workshop's, or the municipality itself."""
    case = case_of(obj)
    if case is not None:
        return case.municipality
    if isinstance(obj, Workshop):
        return obj.municipality
    return obj


@rules.predicate
def is_staff_of_municipality(user, obj):
    """Advisor or coordinator of the municipality of obj (case, consultation, task, workshop, municipality)."""
    return obj is not None and is_staff_of(user, municipality_of(obj))


@rules.predicate
def is_coordinator_of_municipality(user, obj):
    return obj is not None and is_coordinator_of(user, municipality_of(obj))


@rules.predicate
def is_assigned_advisor(user, obj):
    case = case_of(obj)
    return (
        case is not None
        and user.is_authenticated
        and case.advisor_id == user.pk
        and is_staff_of(user, case.municipality)
    )


@rules.predicate
def is_initiative_core_team(user, obj):
    """Lead or core team of the case's initiative, or the quarter coordinator carrying it."""
    case = case_of(obj)
    if case is None or case.initiative_id is None:
        return False
    return core_team(user, case.initiative)


@rules.predicate
def is_task_owner(user, task):
    return task is not None and user.is_authenticated and task.owner_id == user.pk


@rules.predicate
def initiative_core_team(user, initiative):
    """For the initiative's own view, whose object is the initiative."""
    return initiative is not None and core_team(user, initiative)


@rules.predicate
def is_staff_of_initiative(user, initiative):
    return initiative is not None and is_staff_of(user, initiative.municipality)


staff = is_staff_of_municipality | is_platform_admin
coordinates = is_coordinator_of_municipality | is_platform_admin
edits = is_assigned_advisor | is_coordinator_of_municipality | is_platform_admin

# Municipality-wide pages (object: municipality)
rules.add_perm("advisory.view_dashboard", staff)
rules.add_perm("advisory.view_cases", staff)
rules.add_perm("advisory.add_case", staff)
rules.add_perm("advisory.view_coordination", coordinates)
rules.add_perm("advisory.view_yearly_report", coordinates)

# A case (object: case)
rules.add_perm("advisory.view_case", staff)
rules.add_perm("advisory.change_case", edits)
rules.add_perm("advisory.assign_case", coordinates)

# Confidential notes (object: case, consultation or note). Reading is always logged, for the admin too.
rules.add_perm("advisory.view_confidential_note", staff)
rules.add_perm("advisory.view_note_reads", coordinates)  # object: case or municipality

# The initiative's own view (object: initiative); supporters are not in core_team, so they see nothing.
rules.add_perm("advisory.view_initiative_advice", initiative_core_team | is_staff_of_initiative | is_platform_admin)

# Tasks (object: task): the owner while still part of the case, or whoever edits the case.
rules.add_perm("advisory.complete_task", (is_task_owner & (is_staff_of_municipality | is_initiative_core_team)) | edits)

# Workshops (object: workshop or municipality)
rules.add_perm("advisory.view_workshop", staff)
rules.add_perm("advisory.change_workshop", staff)

# "My tasks" is everyone's page; the query decides what is on it.
rules.add_perm("advisory.view_own_tasks", rules.is_authenticated)
