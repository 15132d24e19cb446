"""Cases: open, edit, link, assign, move through the phases, pause and resume."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from initiatives.models import Initiative
from notifications.models import Kind
from notifications.services import notify
from quarters.models import StaffRole

from ..models import Case, Phase, PhaseChange
from .people import check_advisor


@transaction.atomic
def case_open(
    *,
    municipality,
    quarter,
    by,
    initiative: Initiative | None = None,
    name: str = "",
    contact_name: str = "",
    contact_email: str = "",
    contact_phone: str = "",
    advisor=None,
    opened_on: datetime.date | None = None,
) -> Case:
    """Open a case for an initiative or an unregistered group. An advisor who opens a case takes it on."""
    if initiative is not None and Case.objects.filter(initiative=initiative).exists():
        raise ValidationError({"initiative": _("This initiative already has an advisory case.")})
    if (
        advisor is None
        and StaffRole.objects.filter(user=by, municipality=municipality, role=StaffRole.Role.ADVISOR).exists()
    ):
        advisor = by
    check_advisor(municipality, advisor)
    case = Case(
        municipality=municipality,
        quarter=quarter,
        initiative=initiative,
        name=name or (initiative.name if initiative else ""),
        contact_name=contact_name,
        contact_email=contact_email,
        contact_phone=contact_phone,
        advisor=advisor,
        opened_on=opened_on or timezone.localdate(),
        created_by=by,
    )
    case.full_clean()
    case.save()
    PhaseChange.objects.create(
        case=case, from_phase="", to_phase=case.phase, changed_by=by, changed_at=_moment(case.opened_on, "00:00")
    )
    if advisor is not None and advisor != by:
        _notify_case_assigned(case, advisor)
    return case


@transaction.atomic
def case_update(
    *,
    case: Case,
    by,
    name: str,
    quarter,
    initiative: Initiative | None = None,
    contact_name: str = "",
    contact_email: str = "",
    contact_phone: str = "",
) -> Case:
    """Change the case's details; linking a group's case to its newly registered initiative happens here."""
    if (
        initiative is not None
        and initiative.pk != case.initiative_id
        and Case.objects.filter(initiative=initiative).exclude(pk=case.pk).exists()
    ):
        raise ValidationError({"initiative": _("This initiative already has an advisory case.")})
    case.name = name
    case.quarter = quarter
    case.initiative = initiative
    case.contact_name = contact_name
    case.contact_email = contact_email
    case.contact_phone = contact_phone
    case.full_clean()
    case.save()
    return case


def case_link_initiative(*, case: Case, initiative: Initiative, by) -> Case:
    """Link a group's case to the initiative the group has registered meanwhile."""
    return case_update(
        case=case,
        by=by,
        name=case.name,
        quarter=case.quarter,
        initiative=initiative,
        contact_name=case.contact_name,
        contact_email=case.contact_email,
        contact_phone=case.contact_phone,
    )


@transaction.atomic
def case_assign(*, case: Case, advisor, by) -> Case:
    """A coordinator assigns the case to an advisor (None: unassigned)."""
    check_advisor(case, advisor)
    previous = case.advisor_id
    case.advisor = advisor
    case.save(update_fields=["advisor", "updated_at"])
    if advisor is not None and advisor.pk != previous and advisor != by:
        _notify_case_assigned(case, advisor)
    return case


def _notify_case_assigned(case: Case, advisor) -> None:
    with translation.override(advisor.preferred_language):
        notify(
            recipient=advisor,
            kind=Kind.ADVISORY,
            subject=_("You advise %(case)s") % {"case": case.display_name},
            body=_("The advisory case %(case)s has been assigned to you.") % {"case": case.display_name},
            url=case.get_absolute_url(),
        )


def _moment(day: datetime.date, time_of_day: str) -> datetime.datetime:
    """Now for today; a fixed time of that day for a change recorded afterwards."""
    if day == timezone.localdate():
        return timezone.now()
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.fromisoformat(time_of_day)))


@transaction.atomic
def case_move_phase(*, case: Case, phase: str, by, on: datetime.date | None = None) -> PhaseChange | None:
    """Move the case to a phase. Closing closes it with a date; leaving "closed" opens it again."""
    if phase not in Phase.values:
        raise ValidationError({"phase": _("Choose a phase from the list.")})
    if phase == case.phase:
        return None
    on = on or timezone.localdate()
    if on > timezone.localdate() or on < case.opened_on:
        raise ValidationError({"on": _("The date must lie between the case's opening and today.")})
    previous = case.phase
    case.phase = phase
    if phase == Phase.CLOSED:
        case.status = Case.Status.CLOSED
        case.closed_on = on
        case.paused_on = None
    elif case.status == Case.Status.CLOSED:
        case.status = Case.Status.OPEN
        case.closed_on = None
    case.full_clean()
    case.save()
    return PhaseChange.objects.create(
        case=case, from_phase=previous, to_phase=phase, changed_by=by, changed_at=_moment(on, "12:00")
    )


@transaction.atomic
def case_pause(*, case: Case, by, on: datetime.date | None = None) -> Case:
    if case.status != Case.Status.OPEN:
        raise ValidationError(_("Only an open case can be paused."))
    case.status = Case.Status.PAUSED
    case.paused_on = on or timezone.localdate()
    case.full_clean()
    case.save(update_fields=["status", "paused_on", "updated_at"])
    return case


@transaction.atomic
def case_resume(*, case: Case, by) -> Case:
    if case.status != Case.Status.PAUSED:
        raise ValidationError(_("Only a paused case can be resumed."))
    case.status = Case.Status.OPEN
    case.paused_on = None
    case.full_clean()
    case.save(update_fields=["status", "paused_on", "updated_at"])
    return case
