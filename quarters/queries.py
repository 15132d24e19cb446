from django.db.models import Count, OuterRef, Prefetch, QuerySet, Subquery

from .models import Municipality, Quarter, QuarterStatistics, StaffRole


def latest_statistics_subquery(field: str):
    return Subquery(
        QuarterStatistics.objects.filter(quarter=OuterRef("pk")).order_by("-reference_date").values(field)[:1]
    )


def quarters_with_population() -> QuerySet[Quarter]:
    return Quarter.objects.select_related("municipality").annotate(population=latest_statistics_subquery("population"))


def municipalities_with_quarters() -> QuerySet[Municipality]:
    return Municipality.objects.annotate(quarter_count=Count("quarters")).prefetch_related(
        Prefetch("quarters", queryset=quarters_with_population().order_by("name"))
    )


def latest_statistics(quarter: Quarter) -> QuarterStatistics | None:
    return quarter.statistics.order_by("-reference_date").first()


def staff_of(municipality: Municipality) -> QuerySet[StaffRole]:
    return municipality.staff_roles.select_related("user").order_by("role", "user__email")


def municipalities_of_staff(user) -> QuerySet[Municipality]:
    if user.is_superuser:
        return Municipality.objects.all()
    return Municipality.objects.filter(staff_roles__user=user).distinct()
