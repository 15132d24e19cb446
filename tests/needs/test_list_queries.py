"""Query counts of the needs list of a quarter: exact, and the same when the list grows (tests/querycount.py)."""

import pytest
from django.urls import reverse

from tests.querycount import assert_constant_queries

from .factories import CommentFactory, NeedFactory, SupportFactory

pytestmark = pytest.mark.django_db


def more_needs(quarter, count=10):
    """Needs with supports and comments: the counts on the list must not cost a query per need."""
    for need in NeedFactory.create_batch(count, quarter=quarter):
        SupportFactory(need=need)
        CommentFactory(need=need)


def test_the_needs_of_a_quarter_for_a_visitor(client, quarter):
    NeedFactory(quarter=quarter)
    assert_constant_queries(
        client, reverse("needs:list"), lambda: more_needs(quarter), expected=4, data={"quarter": quarter.slug}
    )


def test_the_needs_of_a_quarter_for_a_resident(client_for, resident, quarter):
    NeedFactory(quarter=quarter)
    assert_constant_queries(
        client_for(resident),
        reverse("needs:list"),
        lambda: more_needs(quarter),
        expected=8,
        data={"quarter": quarter.slug, "sort": "newest"},
    )
