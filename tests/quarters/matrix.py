"""Role-matrix cases for the quarters app: the list of quarters, the place filter's quarter select (htmx), a
municipality's public page, its staff area and the statistics import. (The public quarter page "needs:quarter"
lives in the needs app: see tests/needs/matrix.py.)"""

from django.urls import reverse

from tests.role_matrix import COORDINATOR_OF_MUNICIPALITY, PUBLIC, STAFF_OF_MUNICIPALITY, Case

CASES = [
    Case("quarters:list", lambda w: reverse("quarters:list"), PUBLIC),
    Case(
        "quarters:quarter_options",
        lambda w: reverse("quarters:quarter_options") + f"?municipality={w.municipality.slug}",
        PUBLIC,
    ),
    Case(
        "quarters:staff_area",
        lambda w: reverse("quarters:staff_area", args=[w.municipality.slug]),
        STAFF_OF_MUNICIPALITY,
    ),
    Case("quarters:municipality", lambda w: reverse("quarters:municipality", args=[w.municipality.slug]), PUBLIC),
    Case(
        "quarters:statistics_import",
        lambda w: reverse("quarters:statistics_import", args=[w.municipality.slug]),
        COORDINATOR_OF_MUNICIPALITY,
    ),
    Case(
        "quarters:funding_areas",
        lambda w: reverse("quarters:funding_areas", args=[w.municipality.slug]),
        COORDINATOR_OF_MUNICIPALITY,
    ),
]
