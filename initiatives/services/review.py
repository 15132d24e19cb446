"""Submitting an initiative and the municipality's review decisions."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import (
    Initiative,
    ReviewDecision,
)
from ..service_base import (
    coordinators_of,
    lock_initiative,
    notify_people,
    team_users,
)
from .registration import WIZARD_STEPS


@transaction.atomic
def initiative_submit(*, initiative: Initiative, by) -> Initiative:
    """Send the registration to the municipality's coordinators for review."""
    initiative = lock_initiative(initiative)
    if initiative.status not in {Initiative.Status.DRAFT, Initiative.Status.CHANGES_REQUESTED}:
        raise ValidationError(
            _("Only drafts and initiatives asked for changes can be submitted; this one is “%(status)s”.")
            % {"status": initiative.get_status_display()}
        )
    missing = []
    if not initiative.quarters.exists():
        missing.append(_("a quarter"))
    if not initiative.short_description:
        missing.append(_("a short description"))
    if not initiative.motives:
        missing.append(_("at least one motive"))
    if missing:
        raise ValidationError(_("Before submitting, please add %(missing)s.") % {"missing": ", ".join(missing)})
    initiative.status = Initiative.Status.SUBMITTED
    initiative.submitted_at = timezone.now()
    initiative.wizard_step = WIZARD_STEPS
    initiative.save(update_fields=["status", "submitted_at", "wizard_step", "updated_at"])
    notify_people(
        coordinators_of(initiative.municipality),
        initiative,
        gettext_lazy("New initiative to review: %(name)s"),
        gettext_lazy("The initiative “%(name)s” has been submitted and waits for your review."),
        url=reverse("initiatives:review", kwargs={"slug": initiative.slug}),
        exclude=by,
    )
    return initiative


def _decide(initiative: Initiative, decision: str, comment: str, by) -> ReviewDecision:
    record = ReviewDecision(initiative=initiative, decision=decision, comment=(comment or "").strip(), decided_by=by)
    record.full_clean()
    record.save()
    return record


@transaction.atomic
def initiative_publish(*, initiative: Initiative, by, comment: str = "") -> Initiative:
    initiative = lock_initiative(initiative)
    if initiative.status != Initiative.Status.SUBMITTED:
        raise ValidationError(
            _("Only submitted initiatives can be published; this one is “%(status)s”.")
            % {"status": initiative.get_status_display()}
        )
    initiative.status = Initiative.Status.PUBLISHED
    initiative.published_at = initiative.published_at or timezone.now()
    initiative.save(update_fields=["status", "published_at", "updated_at"])
    _decide(initiative, ReviewDecision.Decision.PUBLISH, comment, by)
    notify_people(
        team_users(initiative),
        initiative,
        gettext_lazy("Your initiative “%(name)s” has been published"),
        gettext_lazy("The municipality has published “%(name)s”. Its profile is now public."),
        exclude=by,
    )
    return initiative


@transaction.atomic
def initiative_request_changes(*, initiative: Initiative, comment: str, by) -> Initiative:
    initiative = lock_initiative(initiative)
    if initiative.status != Initiative.Status.SUBMITTED:
        raise ValidationError(_("Changes can only be requested for submitted initiatives."))
    if not (comment or "").strip():
        raise ValidationError({"comment": _("Please tell the initiative what to change.")})
    initiative.status = Initiative.Status.CHANGES_REQUESTED
    initiative.save(update_fields=["status", "updated_at"])
    decision = _decide(initiative, ReviewDecision.Decision.REQUEST_CHANGES, comment, by)
    notify_people(
        team_users(initiative),
        initiative,
        gettext_lazy("Please revise your initiative “%(name)s”"),
        gettext_lazy("The municipality asks for changes to “%(name)s” before publishing it:\n\n%(comment)s"),
        values={"comment": decision.comment},
        url=reverse("initiatives:members_area", kwargs={"slug": initiative.slug}),
        exclude=by,
    )
    return initiative


@transaction.atomic
def initiative_reject(*, initiative: Initiative, reason: str, by) -> Initiative:
    initiative = lock_initiative(initiative)
    if initiative.status not in {Initiative.Status.SUBMITTED, Initiative.Status.CHANGES_REQUESTED}:
        raise ValidationError(_("Only initiatives under review can be rejected."))
    if not (reason or "").strip():
        raise ValidationError({"comment": _("Please give a reason the initiative can read.")})
    initiative.status = Initiative.Status.REJECTED
    initiative.save(update_fields=["status", "updated_at"])
    decision = _decide(initiative, ReviewDecision.Decision.REJECT, reason, by)
    notify_people(
        team_users(initiative),
        initiative,
        gettext_lazy("Your initiative “%(name)s” has not been published"),
        gettext_lazy("The municipality has not published “%(name)s”. The reason:\n\n%(comment)s"),
        values={"comment": decision.comment},
        url=reverse("initiatives:members_area", kwargs={"slug": initiative.slug}),
        exclude=by,
    )
    return initiative


@transaction.atomic
def initiative_archive(*, initiative: Initiative, by, comment: str = "") -> Initiative:
    initiative = lock_initiative(initiative)
    if initiative.status != Initiative.Status.PUBLISHED:
        raise ValidationError(_("Only published initiatives can be archived."))
    initiative.status = Initiative.Status.ARCHIVED
    initiative.save(update_fields=["status", "updated_at"])
    _decide(initiative, ReviewDecision.Decision.ARCHIVE, comment, by)
    return initiative
