"""cases_visible_to(user) returns exactly the cases the user may view (advisory.view_case), for every role of the
role matrix's world, with a case in each municipality."""

import pytest

from advisory import services
from advisory.models import Case
from advisory.queries import cases_visible_to
from tests.helpers.visibility import assert_query_matches_permission, person
from tests.role_matrix import ROLES

pytestmark = pytest.mark.django_db


def more_cases(world):
    """A case of the other municipality, and a second one of the first without an initiative."""
    services.case_open(
        municipality=world.other_municipality,
        quarter=world.other_quarter,
        name="Gruppe Ückendorf",
        advisor=world.users["other_advisor"],
        by=world.users["other_coordinator"],
    )
    services.case_open(
        municipality=world.municipality, quarter=world.quarter, name="Gruppe Marten", by=world.users["advisor"]
    )


@pytest.mark.parametrize("role", ROLES)
def test_cases_visible_to_agrees_with_view_case(role, matrix_world):
    more_cases(matrix_world)
    assert_query_matches_permission(cases_visible_to, Case, "advisory.view_case", person(matrix_world, role))
