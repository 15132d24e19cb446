"""The network of an initiative: links to other initiatives and the actors around it."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import (
    Actor,
    Initiative,
    InitiativeActor,
    InitiativeLink,
)


@transaction.atomic
def link_add(*, initiative: Initiative, other: Initiative, description: str = "", by) -> InitiativeLink:
    if other.pk == initiative.pk:
        raise ValidationError(_("An initiative cannot be linked to itself."))
    if other.status != Initiative.Status.PUBLISHED:
        raise ValidationError(_("Only published initiatives can be linked."))
    pair = InitiativeLink.objects.filter(
        from_initiative=initiative, to_initiative=other
    ) | InitiativeLink.objects.filter(from_initiative=other, to_initiative=initiative)
    if pair.exists():
        raise ValidationError(_("These initiatives are already linked."))
    link = InitiativeLink(
        from_initiative=initiative, to_initiative=other, description=(description or "").strip(), created_by=by
    )
    link.full_clean()
    link.save()
    return link


@transaction.atomic
def link_remove(*, link: InitiativeLink, by) -> None:
    link.delete()


@transaction.atomic
def actor_link_add(
    *,
    initiative: Initiative,
    role: str,
    by,
    actor: Actor | None = None,
    actor_name: str = "",
    actor_kind: str = Actor.Kind.OTHER,
    actor_website: str = "",
    note: str = "",
) -> InitiativeActor:
    """Link an actor with its role; a new actor (by name) is added to the initiative's municipality."""
    if actor is None:
        actor_name = (actor_name or "").strip()
        if not actor_name:
            raise ValidationError({"actor_name": _("Choose an actor or give the name of a new one.")})
        actor = Actor.objects.filter(municipality=initiative.municipality, name__iexact=actor_name).first()
        if actor is None:
            actor = Actor(name=actor_name, kind=actor_kind, website=actor_website, municipality=initiative.municipality)
            actor.full_clean()
            actor.save()
    elif actor.municipality_id not in (None, initiative.municipality_id):
        raise ValidationError({"actor": _("This actor belongs to another municipality.")})
    if InitiativeActor.objects.filter(initiative=initiative, actor=actor, role=role).exists():
        raise ValidationError(_("This actor already has this role."))
    link = InitiativeActor(initiative=initiative, actor=actor, role=role, note=(note or "").strip())
    link.full_clean()
    link.save()
    return link


@transaction.atomic
def actor_link_remove(*, link: InitiativeActor, by) -> None:
    link.delete()
