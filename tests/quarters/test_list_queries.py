"""Query counts of the municipality list: exact, and the same when the list grows (tests/querycount.py)."""

import pytest
from django.urls import reverse

from tests.factories import MunicipalityFactory, QuarterFactory, QuarterStatisticsFactory
from tests.querycount import assert_constant_queries

pytestmark = pytest.mark.django_db


def more_municipalities(count=8):
    """Municipalities with quarters (and statistics): the quarter counts must not cost a query per town."""
    for _ in range(count):
        municipality = MunicipalityFactory()
        for _ in range(2):
            QuarterStatisticsFactory(quarter=QuarterFactory(municipality=municipality))


def test_the_municipality_list_for_a_visitor(client, quarter):
    assert_constant_queries(client, reverse("quarters:list"), more_municipalities, expected=2)


def test_the_municipality_list_searched(client, quarter):
    # "t" finds Dortmund, and after growing the list the "Stadt" municipalities too.
    assert_constant_queries(client, reverse("quarters:list"), more_municipalities, expected=2, data={"q": "t"})


def test_the_municipality_list_for_a_resident(client_for, resident, quarter):
    assert_constant_queries(client_for(resident), reverse("quarters:list"), more_municipalities, expected=6)
