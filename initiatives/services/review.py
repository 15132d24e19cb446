"""Submitting an initiative and the municipality's review decisions."""

from __future__ import annotations

from dataclasses import dataclass

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


@dataclass(frozen=True)
class Transition:
    """What a review decision does: from which states, to which state, what it needs and whom it tells."""

    sources: frozenset[str]
    target: str
    wrong_state: str  # the refusal when the initiative is in another state (may name its %(status)s)
    reason_missing: str = ""  # the refusal when the decision needs a reason the initiative can read and has none
    subject: str = ""  # the team's notification (none without a subject); %(name)s and %(comment)s
    body: str = ""
    to_members_area: bool = False  # the notification links the members' area instead of the profile


Status, Decision = Initiative.Status, ReviewDecision.Decision
TRANSITIONS = {
    Decision.PUBLISH: Transition(
        sources=frozenset({Status.SUBMITTED}),
        target=Status.PUBLISHED,
        wrong_state=gettext_lazy("Only submitted initiatives can be published; this one is “%(status)s”."),
        subject=gettext_lazy("Your initiative “%(name)s” has been published"),
        body=gettext_lazy("The municipality has published “%(name)s”. Its profile is now public."),
    ),
    Decision.REQUEST_CHANGES: Transition(
        sources=frozenset({Status.SUBMITTED}),
        target=Status.CHANGES_REQUESTED,
        wrong_state=gettext_lazy("Changes can only be requested for submitted initiatives."),
        reason_missing=gettext_lazy("Please tell the initiative what to change."),
        subject=gettext_lazy("Please revise your initiative “%(name)s”"),
        body=gettext_lazy("The municipality asks for changes to “%(name)s” before publishing it:\n\n%(comment)s"),
        to_members_area=True,
    ),
    Decision.REJECT: Transition(
        sources=frozenset({Status.SUBMITTED, Status.CHANGES_REQUESTED}),
        target=Status.REJECTED,
        wrong_state=gettext_lazy("Only initiatives under review can be rejected."),
        reason_missing=gettext_lazy("Please give a reason the initiative can read."),
        subject=gettext_lazy("Your initiative “%(name)s” has not been published"),
        body=gettext_lazy("The municipality has not published “%(name)s”. The reason:\n\n%(comment)s"),
        to_members_area=True,
    ),
    Decision.ARCHIVE: Transition(
        sources=frozenset({Status.PUBLISHED}),
        target=Status.ARCHIVED,
        wrong_state=gettext_lazy("Only published initiatives can be archived."),
    ),
}


@transaction.atomic
def initiative_decide(*, initiative: Initiative, decision: str, by, reason: str = "") -> Initiative:
    """A reviewer's decision (publish, request changes, reject, archive) with the reason the team reads.

    The reason is stored as the decision's comment (ReviewDecision.comment); refusals name that field.
    """
    transition = TRANSITIONS.get(decision)
    if transition is None:
        raise ValidationError(_("Choose a value from the list."))
    initiative = lock_initiative(initiative)
    if initiative.status not in transition.sources:
        raise ValidationError(str(transition.wrong_state) % {"status": initiative.get_status_display()})
    reason = (reason or "").strip()
    if transition.reason_missing and not reason:
        raise ValidationError({"comment": str(transition.reason_missing)})
    initiative.status = transition.target
    update_fields = ["status", "updated_at"]
    if transition.target == Status.PUBLISHED:
        initiative.published_at = initiative.published_at or timezone.now()
        update_fields.insert(1, "published_at")
    initiative.save(update_fields=update_fields)
    record = ReviewDecision(initiative=initiative, decision=decision, comment=reason, decided_by=by)
    record.full_clean()
    record.save()
    if transition.subject:
        notify_people(
            team_users(initiative),
            initiative,
            transition.subject,
            transition.body,
            values={"comment": record.comment},
            url=reverse("initiatives:members_area", kwargs={"slug": initiative.slug})
            if transition.to_members_area
            else "",
            exclude=by,
        )
    return initiative


def initiative_publish(*, initiative: Initiative, by, comment: str = "") -> Initiative:
    """Publish a submitted initiative (kept for the end-to-end journeys that publish directly)."""
    return initiative_decide(initiative=initiative, decision=Decision.PUBLISH, by=by, reason=comment)
