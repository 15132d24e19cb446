"""needs_visible_to(user) returns exactly the needs the user may view (needs.view_need), for every role of the
role matrix's world, with a need of every status (shown and hidden) in both municipalities.

comments_visible_to(user, need) has no permission of its own (no needs.view_comment) and is not in the grid.
"""

import pytest

from needs.models import Need
from needs.queries import needs_visible_to
from tests.helpers.visibility import assert_query_matches_permission, person
from tests.role_matrix import ROLES

from .factories import NeedFactory

pytestmark = pytest.mark.django_db


def more_needs(world):
    """Every status, shown and hidden, in both municipalities: the resident's here, the member's there."""
    for quarter, author in ((world.quarter, world.users["resident"]), (world.other_quarter, world.users["member"])):
        published = NeedFactory(quarter=quarter, author=author)
        for status in Need.Status.values:
            for hidden in (False, True):
                NeedFactory(
                    quarter=quarter,
                    author=author,
                    status=status,
                    hidden=hidden,
                    merged_into=published if status == Need.Status.MERGED else None,
                    rejection_reason="Betrifft die Verkehrsplanung." if status == Need.Status.REJECTED else "",
                )


@pytest.mark.parametrize("role", ROLES)
def test_needs_visible_to_agrees_with_view_need(role, matrix_world):
    more_needs(matrix_world)
    assert_query_matches_permission(needs_visible_to, Need, "needs.view_need", person(matrix_world, role))
