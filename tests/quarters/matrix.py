"""Role-matrix cases for the quarters URLs added later: the public municipality page and the statistics import."""

from django.urls import reverse

from tests.role_matrix import COORDINATOR_OF_MUNICIPALITY, PUBLIC, Case

CASES = [
    Case("quarters:municipality", lambda w: reverse("quarters:municipality", args=[w.municipality.slug]), PUBLIC),
    Case(
        "quarters:statistics_import",
        lambda w: reverse("quarters:statistics_import", args=[w.municipality.slug]),
        COORDINATOR_OF_MUNICIPALITY,
    ),
]
