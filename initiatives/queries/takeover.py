"""Municipal takeovers: the one carrying an initiative now, those of a municipality."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import QuerySet

from ..models import (
    Initiative,
    MunicipalTakeover,
)

ZERO = Decimal("0")


def active_takeover(initiative: Initiative) -> MunicipalTakeover | None:
    return (
        initiative.takeovers.filter(ended_at__isnull=True).select_related("quarter_coordinator", "appointed_by").first()
    )


def takeovers_of(municipality) -> QuerySet[MunicipalTakeover]:
    return (
        MunicipalTakeover.objects.filter(initiative__municipality=municipality, ended_at__isnull=True)
        .select_related("initiative", "quarter_coordinator", "appointed_by")
        .order_by("review_on")
    )
