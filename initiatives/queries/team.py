"""The team of an initiative and its open invitations."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import QuerySet
from django.utils import timezone

from ..models import (
    Initiative,
    Membership,
)

ZERO = Decimal("0")


def team_members(initiative: Initiative) -> QuerySet[Membership]:
    return initiative.memberships.select_related("user").order_by("role", "created_at")


def open_invitations(initiative: Initiative):
    return initiative.invitations.filter(
        accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
    ).select_related("invited_by")
