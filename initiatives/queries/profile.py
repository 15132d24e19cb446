"""What an initiative's profile shows: the initiative, the needs it answers, its activation figures;
the needs a registration can answer."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from needs.models import Need, Support
from needs.queries import needs_visible_to

from ..models import (
    Initiative,
)
from .visibility import initiatives_visible_to, with_lists

ZERO = Decimal("0")


def initiative_for_detail(slug: str, user) -> Initiative | None:
    # The search vector is for the directory; of the initiative it was copied from the profile shows the name.
    return (
        with_lists(initiatives_visible_to(user))
        .select_related("building", "copied_from", "started_from_model")
        .defer(
            "search_vector",
            "copied_from__search_vector",
            "copied_from__description",
            "copied_from__space",
            "copied_from__target_groups",
        )
        .prefetch_related("photos")
        .filter(slug=slug)
        .first()
    )


def answered_needs_with_support(initiative: Initiative, user) -> QuerySet[Need]:
    """The needs the initiative answers that the user may see, with their support counts as evidence."""
    support_total = Coalesce(
        Subquery(
            Support.objects.filter(need=OuterRef("pk"))
            .order_by()
            .values("need")
            .annotate(total=Count("pk"))
            .values("total"),
            output_field=IntegerField(),
        ),
        Value(0),
    )
    return (
        needs_visible_to(user)
        .filter(initiatives=initiative)
        .select_related("service_area", "quarter")
        .annotate(support_total=support_total)
        .order_by("-support_total", "title")
    )


def need_choices(quarters) -> QuerySet[Need]:
    """Published needs of the given quarters: what a registration can answer."""
    return (
        Need.objects.filter(quarter__in=quarters, status=Need.Status.PUBLISHED, hidden=False)
        .select_related("quarter", "service_area")
        .order_by("quarter__name", "title")
    )
