"""The role matrix (see tests/role_matrix.py): every URL of ours has a case, and the project's own pages.

The apps' cases run in tests/<app>/test_role_matrix.py. The security tests walk all cases in a world of their
own: they import `CASES`, `_our_url_names` and the function-scoped `world` fixture from here.
"""

import pytest

from tests import matrix
from tests.role_matrix import THIRD_PARTY_PREFIXES, all_cases, build_world, case_ids, check_case, our_url_names

CASES = all_cases()
_our_url_names = our_url_names


@pytest.fixture
def world(
    municipality,
    other_municipality,
    quarter,
    other_quarter,
    resident,
    advisor,
    coordinator,
    other_advisor,
    other_coordinator,
    admin_user,
):
    """The role matrix's world, built for one test (the matrix itself builds it once per module)."""
    return build_world(
        municipality=municipality,
        other_municipality=other_municipality,
        quarter=quarter,
        other_quarter=other_quarter,
        resident=resident,
        advisor=advisor,
        coordinator=coordinator,
        other_advisor=other_advisor,
        other_coordinator=other_coordinator,
        admin=admin_user,
    )


def test_every_url_of_ours_has_a_case():
    covered = {case.name for case in CASES}
    ours = {name for name in our_url_names() if not name.startswith(THIRD_PARTY_PREFIXES)}
    missing = sorted(ours - covered)
    assert not missing, f"URLs without a role-matrix case: {missing}"


@pytest.mark.django_db
@pytest.mark.parametrize("case", matrix.CASES, ids=case_ids(matrix.CASES))
def test_role_matrix(case, matrix_world, client_for):
    check_case(case, matrix_world, client_for)
