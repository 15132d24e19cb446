"""The role matrix's cases for needs (tests/needs/matrix.py): each URL as every role, in the world
(tests/role_matrix.py) built once for this module."""

import pytest

from tests.needs.matrix import CASES
from tests.role_matrix import case_ids, check_case


@pytest.mark.django_db
@pytest.mark.parametrize("case", CASES, ids=case_ids(CASES))
def test_role_matrix(case, matrix_world, client_for):
    check_case(case, matrix_world, client_for)
