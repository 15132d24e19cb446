"""The network of an initiative: actors and linked initiatives."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import QuerySet

from ..models import (
    Initiative,
    InitiativeActor,
    InitiativeLink,
)
from .visibility import initiatives_visible_to

ZERO = Decimal("0")


def actor_links(initiative: Initiative) -> QuerySet[InitiativeActor]:
    return initiative.actor_links.select_related("actor").order_by("actor__name", "role")


def linked_initiatives(initiative: Initiative, user) -> list[tuple[Initiative, str]]:
    """Initiatives linked either way that the user may see, with the relation text."""
    visible = initiatives_visible_to(user).values("pk")
    # Two queries, not one with OR: the OR turns the visibility subquery into a scan of all initiatives. Of the
    # other initiative only what a link shows.
    out = (
        InitiativeLink.objects.filter(from_initiative=initiative, to_initiative__in=visible)
        .select_related("to_initiative")
        .only("from_initiative_id", "description", "to_initiative__name", "to_initiative__slug")
    )
    incoming = (
        InitiativeLink.objects.filter(to_initiative=initiative, from_initiative__in=visible)
        .select_related("from_initiative")
        .only("to_initiative_id", "description", "from_initiative__name", "from_initiative__slug")
    )
    links = [(link.to_initiative, link.description, link) for link in out]
    links += [(link.from_initiative, link.description, link) for link in incoming]
    return sorted(links, key=lambda item: item[0].name)
