"""The team of an initiative: invitations by e-mail, roles, leaving the team."""

from __future__ import annotations

import datetime
import hashlib
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from notifications.services import absolute_url, mail_send

from ..models import (
    Initiative,
    Invitation,
    Membership,
)
from ..rules import forget_roles
from ..service_base import CLOSED_STATES, lock_initiative, notify_people, refuse_if_closed

ROLE_RANK = {Membership.Role.SUPPORTER: 0, Membership.Role.CORE: 1, Membership.Role.LEAD: 2}


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def invitation_create(*, initiative: Initiative, email: str, role: str, by) -> tuple[Invitation, str]:
    """Invite someone by e-mail; returns the invitation and the token (only ever sent, never stored)."""
    initiative = lock_initiative(initiative)
    refuse_if_closed(initiative)
    email = (email or "").strip().lower()
    if role not in Membership.Role.values:
        raise ValidationError({"role": _("Choose a role from the list.")})
    if initiative.memberships.filter(user__email__iexact=email).exists():
        raise ValidationError({"email": _("This person is already in the team.")})
    now = timezone.now()
    # A new invitation to the same address replaces the open one: only the newest link works.
    initiative.invitations.filter(email__iexact=email, accepted_at__isnull=True, revoked_at__isnull=True).update(
        revoked_at=now
    )
    token = secrets.token_urlsafe(32)
    invitation = Invitation(
        initiative=initiative,
        email=email,
        role=role,
        token_hash=_token_hash(token),
        invited_by=by,
        expires_at=now + datetime.timedelta(days=settings.INVITATION_VALID_DAYS),
    )
    invitation.full_clean()
    invitation.save()
    link = absolute_url(reverse("initiatives:invitation_accept", kwargs={"token": token}))
    context = {
        "initiative": initiative,
        "invitation": invitation,
        "inviter": by.public_name,
        "role": invitation.get_role_display(),
        "link": link,
        "days": settings.INVITATION_VALID_DAYS,
        "site_url": settings.KUDEQUA_SITE_URL.rstrip("/"),
    }
    # The invitee has no account yet, so no language of their own: the site's language.
    transaction.on_commit(
        lambda: mail_send(
            to=[email],
            subject_template="initiatives/email/invitation_subject.txt",
            text_template="initiatives/email/invitation.txt",
            context=context,
        )
    )
    return invitation, token


def invitation_for_token(token: str) -> Invitation | None:
    return (
        Invitation.objects.select_related("initiative", "invited_by")
        .filter(token_hash=_token_hash(token or ""))
        .first()
    )


def invitation_problem(invitation: Invitation | None) -> str | None:
    """Why the invitation cannot be used, as a message; None when it can."""
    if invitation is None:
        return _("This invitation link is not valid. Please check the link or ask for a new invitation.")
    if invitation.accepted_at is not None:
        return _("This invitation has already been used. Each invitation works only once.")
    if invitation.revoked_at is not None:
        return _("This invitation has been withdrawn. Please ask the initiative for a new one.")
    if invitation.expires_at <= timezone.now():
        return _("This invitation has expired. Please ask the initiative for a new one.")
    if invitation.initiative.status in CLOSED_STATES:
        return _("This initiative is no longer active.")
    return None


@transaction.atomic
def invitation_accept(*, token: str, by) -> Membership:
    invitation = invitation_for_token(token)
    if invitation is not None:
        invitation = Invitation.objects.select_for_update().select_related("initiative").get(pk=invitation.pk)
    problem = invitation_problem(invitation)
    if problem:
        raise ValidationError(problem)
    membership = Membership.objects.filter(initiative=invitation.initiative, user=by).first()
    if membership is None:
        membership = Membership.objects.create(initiative=invitation.initiative, user=by, role=invitation.role)
    elif ROLE_RANK[invitation.role] > ROLE_RANK[membership.role]:
        membership.role = invitation.role
        membership.save(update_fields=["role"])
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = by
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    forget_roles(by)
    notify_people(
        [invitation.invited_by],
        invitation.initiative,
        gettext_lazy("%(person)s has joined “%(name)s”"),
        gettext_lazy("%(person)s accepted your invitation to the team of “%(name)s”."),
        values={"person": by.public_name},
        url=reverse("initiatives:team", kwargs={"slug": invitation.initiative.slug}),
        exclude=by,
    )
    return membership


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, by) -> Invitation:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        raise ValidationError(_("This invitation has already been used."))
    if invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
    return invitation


def _refuse_losing_last_lead(membership: Membership) -> None:
    others = membership.initiative.memberships.filter(role=Membership.Role.LEAD).exclude(pk=membership.pk)
    if membership.role == Membership.Role.LEAD and not others.exists():
        raise ValidationError(_("An initiative needs at least one lead. Make someone else lead first."))


@transaction.atomic
def membership_change_role(*, membership: Membership, role: str, by) -> Membership:
    membership = Membership.objects.select_for_update().select_related("initiative", "user").get(pk=membership.pk)
    refuse_if_closed(membership.initiative)
    if role not in Membership.Role.values:
        raise ValidationError({"role": _("Choose a role from the list.")})
    if role != Membership.Role.LEAD:
        _refuse_losing_last_lead(membership)
    membership.role = role
    membership.save(update_fields=["role"])
    forget_roles(membership.user)
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership, by) -> None:
    membership = Membership.objects.select_for_update().select_related("initiative", "user").get(pk=membership.pk)
    _refuse_losing_last_lead(membership)
    membership.delete()
    forget_roles(membership.user)
