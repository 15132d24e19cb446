"""needs_visible_to(user) and surveys_visible_to(user) return exactly the needs and surveys the user may view
(needs.view_need, needs.view_survey), for every role of the role matrix's world, with a need of every status
(shown and hidden) and a draft, an open and a closed survey in both municipalities.

comments_visible_to(user, need) has no permission of its own (no needs.view_comment) and is not in the grid.
"""

import datetime

import pytest
from django.utils import timezone

from needs.models import Need, Survey
from needs.queries import needs_visible_to, surveys_visible_to
from tests.helpers.visibility import assert_query_matches_permission, person
from tests.role_matrix import ROLES

from .factories import NeedFactory, SurveyFactory

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


def more_surveys(world):
    now = timezone.now()
    for municipality, quarter in ((world.municipality, world.quarter), (world.other_municipality, world.other_quarter)):
        SurveyFactory(municipality=municipality, quarters=[quarter], status=Survey.Status.DRAFT)
        SurveyFactory(municipality=municipality, quarters=[quarter])
        SurveyFactory(
            municipality=municipality,
            quarters=[quarter],
            opens_at=now - datetime.timedelta(days=30),
            closes_at=now - datetime.timedelta(days=2),
        )
        SurveyFactory(municipality=municipality, quarters=[quarter], opens_at=now + datetime.timedelta(days=3))


@pytest.mark.parametrize("role", ROLES)
def test_needs_visible_to_agrees_with_view_need(role, matrix_world):
    more_needs(matrix_world)
    assert_query_matches_permission(needs_visible_to, Need, "needs.view_need", person(matrix_world, role))


@pytest.mark.parametrize("role", ROLES)
def test_surveys_visible_to_agrees_with_view_survey(role, matrix_world):
    more_surveys(matrix_world)
    assert_query_matches_permission(surveys_visible_to, Survey, "needs.view_survey", person(matrix_world, role))
