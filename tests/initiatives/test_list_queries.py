"""Query counts of the initiative directory: exact, and the same when the directory grows (tests/querycount.py)."""

import pytest
from django.urls import reverse

from tests.conftest import verified_user
from tests.factories import QuarterFactory
from tests.initiatives.factories import InitiativeFactory, MembershipFactory, PledgeFactory
from tests.querycount import assert_constant_queries

pytestmark = pytest.mark.django_db


def more_initiatives(quarter, count=6):
    """Initiatives in the quarter and in a second one of the town, each with a lead, a supporter and a pledge."""
    eving = QuarterFactory(municipality=quarter.municipality)
    for index in range(count):
        initiative = InitiativeFactory(quarter=quarter if index % 2 else eving, lead=verified_user())
        MembershipFactory(initiative=initiative, role="supporter")
        PledgeFactory(initiative=initiative)


def test_the_directory_for_a_visitor(client, quarter):
    InitiativeFactory(quarter=quarter)
    assert_constant_queries(client, reverse("initiatives:list"), lambda: more_initiatives(quarter), expected=6)


def test_the_directory_filtered_by_town(client, quarter):
    InitiativeFactory(quarter=quarter)
    assert_constant_queries(
        client,
        reverse("initiatives:list"),
        lambda: more_initiatives(quarter),
        expected=7,
        data={"municipality": quarter.municipality.slug, "q": "Initiative"},
    )


def test_the_directory_for_a_resident(client_for, resident, quarter):
    InitiativeFactory(quarter=quarter)
    assert_constant_queries(
        client_for(resident), reverse("initiatives:list"), lambda: more_initiatives(quarter), expected=10
    )
