from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count, OuterRef, QuerySet, Subquery

from common import cache_versions

from .models import Municipality, Quarter, QuarterStatistics, StaffRole

# The overview of municipalities (and the list of their names) changes only when a municipality or quarter is
# added, renamed or removed: both are cached under a version that quarters.services.overview_changed replaces
# (post_save/post_delete signals).
OVERVIEW_VERSION_KEY = "quarters:overview-version"
OVERVIEW_TIMEOUT = 60 * 60  # a safety net for bulk writes that bypass the signals (seed_scale)
# The home page names this many municipalities; beyond them a search and the paged list of all lead on.
OVERVIEW_LIMIT = 24


def latest_statistics_subquery(field: str):
    return Subquery(
        QuarterStatistics.objects.filter(quarter=OuterRef("pk")).order_by("-reference_date").values(field)[:1]
    )


def quarters_with_population() -> QuerySet[Quarter]:
    return Quarter.objects.select_related("municipality").annotate(population=latest_statistics_subquery("population"))


def municipalities_with_quarter_counts() -> QuerySet[Municipality]:
    return Municipality.objects.only("name", "slug").annotate(quarter_count=Count("quarters")).order_by("name")


@dataclass(frozen=True)
class MunicipalityEntry:
    name: str
    slug: str
    quarter_count: int


@dataclass(frozen=True)
class Overview:
    municipalities: list[MunicipalityEntry]
    total: int

    @property
    def is_complete(self) -> bool:
        return len(self.municipalities) == self.total


def overview_version() -> int:
    return cache_versions.current(OVERVIEW_VERSION_KEY)


def municipality_overview(limit: int = OVERVIEW_LIMIT) -> Overview:
    """The first `limit` municipalities by name with their quarter counts, and how many there are (cached)."""
    key = f"quarters:overview:{overview_version()}:{limit}"
    overview = cache.get(key)
    if overview is None:
        entries = [
            MunicipalityEntry(name=m.name, slug=m.slug, quarter_count=m.quarter_count)
            for m in municipalities_with_quarter_counts()[:limit]
        ]
        total = len(entries) if len(entries) < limit else Municipality.objects.count()
        overview = Overview(municipalities=entries, total=total)
        cache.set(key, overview, OVERVIEW_TIMEOUT)
    return overview


def _municipality_rows() -> list[tuple[int, str, str]]:
    """(id, slug, name) of every municipality by name (cached like the overview)."""
    key = f"quarters:municipality-rows:{overview_version()}"
    rows = cache.get(key)
    if rows is None:
        rows = list(Municipality.objects.order_by("name").values_list("pk", "slug", "name"))
        cache.set(key, rows, OVERVIEW_TIMEOUT)
    return rows


def municipality_choices() -> list[tuple[str, str]]:
    """(slug, name) of every municipality by name, for the place filter's select (from the cache)."""
    return [(slug, name) for _pk, slug, name in _municipality_rows()]


def municipality_by_slug(slug: str) -> Municipality | None:
    """The municipality a filter names, from the cache: id, slug and name are loaded, any other field is read
    from the database when it is asked for (a deferred field)."""
    for pk, row_slug, name in _municipality_rows():
        if row_slug == slug:
            loaded = {"id": pk, "slug": row_slug, "name": name}
            attnames = [field.attname for field in Municipality._meta.concrete_fields if field.attname in loaded]
            return Municipality.from_db(None, attnames, [loaded[attname] for attname in attnames])  # model's order
    return None


def quarters_of(municipality: Municipality) -> QuerySet[Quarter]:
    """The quarters of one municipality with their latest population, for its public page."""
    return (
        Quarter.objects.filter(municipality=municipality)
        .only("name", "slug")
        .annotate(population=latest_statistics_subquery("population"))
        .order_by("name")
    )


def latest_statistics(quarter: Quarter) -> QuarterStatistics | None:
    return quarter.statistics.order_by("-reference_date").first()


def staff_of(municipality: Municipality) -> QuerySet[StaffRole]:
    return municipality.staff_roles.select_related("user").order_by("role", "user__email")


def municipalities_of_staff(user) -> QuerySet[Municipality]:
    if user.is_superuser:
        return Municipality.objects.all()
    return Municipality.objects.filter(staff_roles__user=user).distinct()
