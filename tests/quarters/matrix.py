"""Role-matrix cases for the quarters URLs added with the needs assessment (the statistics import)."""

from django.urls import reverse

from tests.role_matrix import COORDINATOR_OF_MUNICIPALITY, Case

CASES = [
    Case(
        "quarters:statistics_import",
        lambda w: reverse("quarters:statistics_import", args=[w.municipality.slug]),
        COORDINATOR_OF_MUNICIPALITY,
    ),
]
