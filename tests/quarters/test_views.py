"""The public way to the quarters: home page (cached overview of the municipalities), the paged list of all
municipalities and a municipality's page with its quarters."""

import pytest
from django.urls import reverse
from django.utils import translation

from quarters import queries
from quarters.models import Municipality
from tests.factories import MunicipalityFactory, QuarterFactory, QuarterStatisticsFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english(settings, client):
    settings.LANGUAGE_CODE = "en"
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


def page(client, url, **params) -> str:
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def test_a_visitor_reaches_a_quarter_in_two_clicks(client, quarter):
    QuarterFactory(municipality=quarter.municipality, name="Eving", slug="dortmund-eving")
    home = page(client, reverse("home"))
    town_url = reverse("quarters:municipality", args=["dortmund"])
    assert f'href="{town_url}">Dortmund</a>' in home
    assert "(2 quarters)" in home
    assert "Marten" not in home  # the quarters are one click further

    town = page(client, town_url)
    assert f'href="{quarter.get_absolute_url()}">Marten</a>' in town
    assert "Eving" in town
    assert client.get(quarter.get_absolute_url()).status_code == 200


def test_municipality_page_shows_the_latest_population(client, quarter):
    QuarterStatisticsFactory(quarter=quarter, population=12345, age_under_18=2345, age_18_to_64=10000)
    assert "12,345" in page(client, reverse("quarters:municipality", args=["dortmund"]))


def test_municipality_page_404_for_an_unknown_town(client, db):
    assert client.get(reverse("quarters:municipality", args=["atlantis"])).status_code == 404


def test_home_overview_is_cached_and_renewed_when_quarters_change(
    client, quarter, django_assert_num_queries, django_capture_on_commit_callbacks
):
    page(client, reverse("home"))
    with django_assert_num_queries(0):  # the overview comes from the cache
        home = page(client, reverse("home"))
    assert "(1 quarter)" in home

    with django_capture_on_commit_callbacks(execute=True):
        eving = QuarterFactory(municipality=quarter.municipality, name="Eving", slug="dortmund-eving")
    assert "(2 quarters)" in page(client, reverse("home"))

    eving.delete()
    assert "(1 quarter)" in page(client, reverse("home"))

    MunicipalityFactory(name="Bochum", slug="bochum")
    assert "Bochum" in page(client, reverse("home"))

    Municipality.objects.filter(slug="bochum").get().delete()
    municipality = quarter.municipality
    municipality.name = "Dortmund-Stadt"
    municipality.save()
    home = page(client, reverse("home"))
    assert "Bochum" not in home and "Dortmund-Stadt" in home


def test_home_names_the_first_towns_and_leads_to_all(client, db):
    for n in range(queries.OVERVIEW_LIMIT + 1):
        MunicipalityFactory(name=f"Stadt {n:02}", slug=f"stadt-{n:02}")
    home = page(client, reverse("home"))
    assert "Stadt 00" in home and f"Stadt {queries.OVERVIEW_LIMIT - 1:02}" in home
    assert f"Stadt {queries.OVERVIEW_LIMIT:02}" not in home
    assert f"All {queries.OVERVIEW_LIMIT + 1} municipalities" in home
    assert f'action="{reverse("quarters:list")}"' in home  # the search for the others


def test_home_without_municipalities(client, db):
    assert "No municipality takes part yet" in page(client, reverse("home"))


def test_list_of_all_municipalities_is_paged_and_searchable(client, db):
    for n in range(55):
        MunicipalityFactory(name=f"Stadt {n:02}", slug=f"stadt-{n:02}")
    QuarterFactory(municipality=Municipality.objects.get(slug="stadt-00"))
    first = page(client, reverse("quarters:list"))
    assert "55 municipalities" in first and "Stadt 49" in first and "Stadt 50" not in first
    second = page(client, reverse("quarters:list"), page=2)
    assert "Stadt 54" in second and "Stadt 00" not in second
    found = page(client, reverse("quarters:list"), q="stadt 0")
    assert "10 municipalities" in found and "Stadt 10" not in found
    assert 'href="/quartiere/stadt-00/"' in found


def test_municipality_pages_ask_a_constant_number_of_queries(client, municipality, django_assert_num_queries):
    for _ in range(12):
        QuarterStatisticsFactory(quarter=QuarterFactory(municipality=municipality))
    # the municipality, its quarters with the latest population
    with django_assert_num_queries(2):
        page(client, reverse("quarters:municipality", args=[municipality.slug]))
    # the count and the page of municipalities with their quarter counts
    with django_assert_num_queries(2):
        page(client, reverse("quarters:list"))


def test_overview_counts_quarters(db, municipality):
    QuarterFactory.create_batch(3, municipality=municipality)
    MunicipalityFactory(name="Bochum", slug="bochum")
    overview = queries.municipality_overview()
    assert [(m.name, m.quarter_count) for m in overview.municipalities] == [("Bochum", 0), ("Dortmund", 3)]
    assert overview.total == 2 and overview.is_complete
