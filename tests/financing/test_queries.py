"""Reads: the matcher's input in a constant number of queries, filters, what a quarter already has."""

import pytest

from financing import queries
from financing.models import Programme
from needs.models import Potential, Review
from tests.financing.factories import ProgrammeFactory, legal_form

pytestmark = pytest.mark.django_db


def test_catalogue_for_matching_in_constant_queries(django_assert_num_queries):
    # legal forms, instruments + their legal forms, rules, service areas, programmes + legal forms + areas +
    # defining conditions
    with django_assert_num_queries(9):
        catalogue = queries.catalogue_for_matching()
    assert len(catalogue.programmes) == 29
    for number in range(20):
        ProgrammeFactory(slug=f"mehr-{number}").eligible_legal_forms.set([legal_form("ev")])
    with django_assert_num_queries(9):
        catalogue = queries.catalogue_for_matching()
    assert len(catalogue.programmes) == 49


def test_programme_data_takes_loan_conditions_from_the_instrument():
    catalogue = queries.catalogue_for_matching(
        Programme.objects.filter(slug__in=["kfw-134-genossenschaftliches-wohnen"])
    )
    kfw = catalogue.programmes[0]
    assert kfw.requires_securities is True
    assert kfw.profitability == frozenset({"profitable", "weakly"})
    assert kfw.inherited == frozenset({"profitability", "securities"})
    assert kfw.legal_forms == frozenset({"eg"}) and kfw.service_areas == frozenset({"wohnen"})
    efre = queries.catalogue_for_matching(Programme.objects.filter(slug="efre-wohnviertel-im-wandel")).programmes[0]
    assert efre.pays_after_spending is True and efre.public_funding is True


def test_programme_data_falls_back_to_the_municipality_name():
    nachbarschaft = queries.programme_data(
        Programme.objects.select_related("instrument_type", "municipality").get(slug="dortmund-nachbarschaftsprogramm")
    )
    assert nachbarschaft.municipality_slug == "dortmund"


def test_programmes_editable_by(coordinator, admin_user, municipality):
    own = ProgrammeFactory(municipality=municipality)
    editable = set(queries.programmes_editable_by(coordinator))
    assert own in editable
    assert Programme.objects.get(slug="startnext") not in editable
    assert queries.programmes_editable_by(admin_user).count() == Programme.objects.count()


def test_quarter_resources_count_confirmed_potentials(quarter):
    Potential.objects.create(
        quarter=quarter, kind="building", title="Laden", building_status="vacant", review=Review.CONFIRMED
    )
    Potential.objects.create(quarter=quarter, kind="skill", title="Zeit", review=Review.CONFIRMED)
    Potential.objects.create(quarter=quarter, kind="actor", title="Kirche", review=Review.SUGGESTED)
    resources = queries.quarter_resources(quarter)
    assert (resources.buildings, resources.skills, resources.actors, resources.funds) == (1, 1, 0, 0)


def test_profile_region_for(municipality):
    assert queries.profile_region_for(municipality) == ("DE-NW", "dortmund")
    assert queries.profile_region_for(None) == (None, None)
