"""initiatives_visible_to(user) returns exactly the initiatives the user may view (initiatives.view_initiative),
for every role of the role matrix's world, with an initiative of every status in both municipalities."""

import pytest

from initiatives.models import Initiative, Membership
from initiatives.queries import initiatives_visible_to
from tests.helpers.visibility import assert_query_matches_permission, person
from tests.initiatives.factories import InitiativeFactory, MembershipFactory, TakeoverFactory
from tests.role_matrix import ROLES

pytestmark = pytest.mark.django_db


def more_initiatives(world):
    """Every status in both municipalities; the member supports a draft elsewhere; the resident carries a draft
    (an active takeover), the other lead once carried one (an ended takeover)."""
    drafts = []
    for quarter in (world.quarter, world.other_quarter):
        for status in Initiative.Status.values:
            initiative = InitiativeFactory(quarter=quarter, status=status)
            if status == Initiative.Status.DRAFT:
                drafts.append(initiative)
    MembershipFactory(initiative=drafts[1], user=world.users["member"], role=Membership.Role.SUPPORTER)
    TakeoverFactory(initiative=drafts[0], quarter_coordinator=world.users["resident"])
    TakeoverFactory(
        initiative=InitiativeFactory(quarter=world.other_quarter, status=Initiative.Status.SUBMITTED),
        quarter_coordinator=world.users["other_lead"],
        ended_at=drafts[0].created_at,
    )


@pytest.mark.parametrize("role", ROLES)
def test_initiatives_visible_to_agrees_with_view_initiative(role, matrix_world):
    more_initiatives(matrix_world)
    assert_query_matches_permission(
        initiatives_visible_to, Initiative, "initiatives.view_initiative", person(matrix_world, role)
    )
