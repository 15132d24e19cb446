"""Who may see which initiatives, and the directory of them with its search and map.

`initiatives_visible_to(user)` is the list counterpart of the rule "initiatives.view_initiative".
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, Prefetch, Q, QuerySet

from quarters.models import Quarter
from quarters.rules import staff_municipality_ids

from ..models import (
    Initiative,
    Membership,
    MunicipalTakeover,
)

ZERO = Decimal("0")


# --- Visibility ----------------------------------------------------------------------------------


def public_initiatives() -> QuerySet[Initiative]:
    return Initiative.objects.filter(status=Initiative.Status.PUBLISHED)


def initiatives_visible_to(user) -> QuerySet[Initiative]:
    """Published initiatives for everyone; one's own in any state; all of a municipality for its staff."""
    if user.is_authenticated and user.is_superuser:
        return Initiative.objects.all()
    condition = Q(status=Initiative.Status.PUBLISHED)
    if user.is_authenticated:
        condition |= (
            Q(pk__in=Membership.objects.filter(user=user).values("initiative_id"))
            | Q(
                pk__in=MunicipalTakeover.objects.filter(quarter_coordinator=user, ended_at__isnull=True).values(
                    "initiative_id"
                )
            )
            | Q(municipality_id__in=staff_municipality_ids(user))
        )
    return Initiative.objects.filter(condition)


def initiatives_of_member(user) -> QuerySet[Initiative]:
    if not user.is_authenticated:
        return Initiative.objects.none()
    return (
        Initiative.objects.filter(memberships__user=user)
        .annotate(my_role=F("memberships__role"))
        .select_related("municipality")
        .order_by("name")
    )


# --- Directory -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class DirectoryFilter:
    q: str = ""
    municipality: int | None = None
    quarter: int | None = None
    motive: str = ""
    service_area: int | None = None
    stage: str = ""
    legal_form: int | None = None


def with_lists(initiatives: QuerySet[Initiative]) -> QuerySet[Initiative]:
    # Cards and profile show the quarters' names and links (the map their centres), never their boundaries.
    quarters = Quarter.objects.defer("description", "boundary")
    return initiatives.select_related("municipality", "legal_form").prefetch_related(
        Prefetch("quarters", queryset=quarters), "service_areas"
    )


def search(initiatives: QuerySet[Initiative], text: str) -> QuerySet[Initiative]:
    """Full text on PostgreSQL (stored German search vector, GIN index, ranked); icontains elsewhere."""
    text = (text or "").strip()
    if not text:
        return initiatives
    if connection.vendor == "postgresql":
        query = SearchQuery(text, config="german", search_type="websearch")
        return (
            initiatives.filter(search_vector=query)
            .annotate(rank=SearchRank(F("search_vector"), query))
            .order_by("-rank", "name")
        )
    return initiatives.filter(
        Q(name__icontains=text) | Q(short_description__icontains=text) | Q(description__icontains=text)
    )


def directory(filters: DirectoryFilter) -> QuerySet[Initiative]:
    initiatives = public_initiatives()
    if filters.municipality:
        initiatives = initiatives.filter(municipality_id=filters.municipality)
    if filters.quarter:
        initiatives = initiatives.filter(quarters__id=filters.quarter)
    if filters.motive:
        # JSON "contains" is not portable to SQLite; the motive list is short, so a LIKE on the JSON text is exact
        # enough: motive values are distinct words wrapped in quotes.
        initiatives = initiatives.filter(motives__icontains=f'"{filters.motive}"')
    if filters.service_area:
        initiatives = initiatives.filter(service_areas__id=filters.service_area)
    if filters.stage:
        initiatives = initiatives.filter(stage=filters.stage)
    if filters.legal_form:
        initiatives = initiatives.filter(legal_form_id=filters.legal_form)
    if filters.quarter or filters.service_area:
        initiatives = initiatives.distinct()
    initiatives = initiatives.order_by("name")
    return with_lists(search(initiatives, filters.q))


def map_points(initiatives) -> list[dict]:
    """Marker data for the directory map: the initiative's own point, or the centre of its first quarter."""
    points = []
    for initiative in initiatives:
        lat, lon = initiative.latitude, initiative.longitude
        if lat is None:
            quarter = next(iter(initiative.quarters.all()), None)
            if quarter is not None and quarter.centre_lat is not None:
                lat, lon = quarter.centre_lat, quarter.centre_lon
        if lat is not None and lon is not None:
            points.append(
                {"name": initiative.name, "url": initiative.get_absolute_url(), "lat": float(lat), "lon": float(lon)}
            )
    return points
