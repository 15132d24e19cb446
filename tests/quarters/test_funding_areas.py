"""Coordinators keep which quarters are Städtebauförderung areas; the financing check answers the funding-area
condition of the programmes for such areas from there."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from initiatives.plan import queries as plan_queries
from quarters import services
from quarters.models import Quarter
from tests.factories import QuarterFactory
from tests.initiatives.factories import InitiativeFactory

pytestmark = pytest.mark.django_db

CONDITION = "defines:foerdergebiet-staedtebaufoerderung"


def url(municipality):
    return reverse("quarters:funding_areas", args=[municipality.slug])


def test_a_coordinator_marks_quarters_on_the_page(client_for, coordinator, quarter):
    other = QuarterFactory(municipality=quarter.municipality, name="Westerfilde")
    client = client_for(coordinator)
    page = client.get(url(quarter.municipality))
    assert page.status_code == 200
    text = page.content.decode()
    assert f'name="area-{quarter.pk}"' in text and f'name="area-{other.pk}"' in text
    response = client.post(
        url(quarter.municipality) + "?page=1", {f"area-{quarter.pk}": "yes", f"area-{other.pk}": "no"}
    )
    assert response.status_code == 302 and response.url.endswith("?page=1")
    flags = dict(
        Quarter.objects.filter(municipality=quarter.municipality).values_list("name", "urban_development_area")
    )
    assert flags == {quarter.name: True, "Westerfilde": False}
    client.post(url(quarter.municipality) + "?page=1", {f"area-{quarter.pk}": "", f"area-{other.pk}": "no"})
    quarter.refresh_from_db()
    assert quarter.urban_development_area is None  # "not known" again


def test_quarters_of_another_municipality_are_refused(coordinator, quarter):
    foreign = QuarterFactory()
    with pytest.raises(ValidationError):
        services.funding_areas_update(municipality=quarter.municipality, values={foreign: True}, by=coordinator)
    foreign.refresh_from_db()
    assert foreign.urban_development_area is None


def test_an_advisor_cannot_change_them(client_for, advisor, quarter):
    assert client_for(advisor).get(url(quarter.municipality)).status_code == 403


def test_the_check_takes_the_answer_from_the_initiatives_quarters(quarter):
    initiative = InitiativeFactory(quarter=quarter)
    profile = plan_queries.profile_for(initiative, None, [])
    assert profile.place_facts == () and profile.answer(CONDITION) is None
    quarter.urban_development_area = True
    quarter.save()
    profile = plan_queries.profile_for(initiative, None, [])
    assert profile.place_facts == (("urban_development_area", True),)
    # With two quarters that disagree, the quarters do not answer.
    second = QuarterFactory(municipality=quarter.municipality, urban_development_area=False)
    initiative.quarters.add(second)
    assert plan_queries.profile_for(initiative, None, []).place_facts == ()


def test_the_verfuegungsfonds_fits_once_the_quarter_and_the_initiative_answer(quarter):
    from django.utils import timezone

    from financing import matching
    from financing.queries import catalogue_for_matching

    initiative = InitiativeFactory(quarter=quarter, capital_need=Decimal("3000"))
    catalogue = catalogue_for_matching()

    def group(profile):
        result = matching.match(profile, catalogue, timezone.localdate())
        for name in ("fits", "needs_information", "does_not_fit"):
            if any(m.item.slug == "verfuegungsfonds-staedtebaufoerderung" for m in getattr(result, name)):
                return name, result
        raise AssertionError("not matched")

    found, result = group(plan_queries.profile_for(initiative, None, []))
    waiting = next(m for m in result.needs_information if m.item.slug == "verfuegungsfonds-staedtebaufoerderung")
    assert found == "needs_information" and CONDITION in waiting.unknown_keys
    quarter.urban_development_area = False
    quarter.save()
    found, _result = group(plan_queries.profile_for(initiative, None, []))
    assert found == "does_not_fit"  # the quarter is no funding area: the programme is not for it
