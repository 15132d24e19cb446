"""The directory's filter form offers the quarters of the chosen municipality only (htmx reloads them when the
town changes; without JavaScript the "Show" button does), and the profile's cheaper reads."""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import translation

from initiatives import queries
from initiatives.models import InitiativeLink, Pledge
from tests.factories import MunicipalityFactory, QuarterFactory
from tests.initiatives.factories import HelpOfferFactory, InitiativeFactory, PledgeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english(settings, client):
    settings.LANGUAGE_CODE = "en"
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


def quarter_options(html: str) -> list[str]:
    select = re.search(r'<select[^>]*name="quarter"[^>]*>(.*?)</select>', html, re.S).group(1)
    return re.findall(r"<option[^>]*>([^<]*)</option>", select)


def directory(client, **params) -> str:
    response = client.get(reverse("initiatives:list"), params)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def eving(quarter):
    return QuarterFactory(municipality=quarter.municipality, name="Eving", slug="dortmund-eving")


def test_without_a_town_no_quarter_is_offered(client, quarter, other_quarter):
    html = directory(client)
    assert quarter_options(html) == ["Choose a municipality first"]
    assert "The quarters of the chosen municipality are offered here." in html


def test_the_quarters_of_the_chosen_town_are_offered(client, quarter, eving, other_quarter):
    html = directory(client, municipality=quarter.municipality.slug)
    assert quarter_options(html) == ["All", "Eving", "Marten"]
    assert f'<option value="{quarter.municipality.slug}" selected>Dortmund</option>' in html


def test_a_quarter_of_another_town_is_ignored(client, quarter, other_quarter):
    """Without JavaScript the town was changed while the old quarter stayed selected: filter by the town."""
    InitiativeFactory(quarter=quarter, name="Bürgerbus")
    InitiativeFactory(quarter=other_quarter, name="Gemeinschaftsgarten")
    html = directory(client, municipality=other_quarter.municipality.slug, quarter=quarter.slug)
    assert "Gemeinschaftsgarten" in html and "Bürgerbus" not in html
    assert quarter_options(html) == ["All", "Ückendorf"]


def test_a_quarter_without_a_town_still_filters(client, quarter, eving):
    InitiativeFactory(quarter=quarter, name="Bürgerbus")
    InitiativeFactory(quarter=eving, name="Repair-Café")
    html = directory(client, quarter=eving.slug)
    assert "Repair-Café" in html and "Bürgerbus" not in html
    assert quarter_options(html) == ["All", "Eving", "Marten"]
    assert f'<option value="{eving.slug}" selected>Eving</option>' in html
    assert f'<option value="{eving.municipality.slug}" selected>Dortmund</option>' in html  # the town is chosen


def test_htmx_reloads_the_quarter_field_for_the_chosen_town(client, quarter, eving, other_quarter):
    response = client.get(
        reverse("quarters:quarter_options"),
        {"municipality": quarter.municipality.slug, "q": "Café", "motive": "community"},  # hx-include="closest form"
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.strip().startswith('<div id="div_id_quarter"')
    assert re.search(r'<label\s+for="id_quarter"', html)
    assert quarter_options(html) == ["All", "Eving", "Marten"]
    page = directory(client)
    assert 'hx-get="/quartiere/quartierauswahl/"' in page and 'hx-target="#div_id_quarter"' in page
    assert 'hx-include="closest form"' in page


def test_a_new_town_appears_in_the_filter(client, quarter):
    directory(client)  # the town choices are now cached
    MunicipalityFactory(name="Bochum", slug="bochum")
    assert ">Bochum</option>" in directory(client)


def test_town_names_are_escaped(client, db):
    MunicipalityFactory(name='Ober<b>"dorf"</b> & Co', slug="oberdorf")
    html = directory(client)
    assert ">Ober&lt;b&gt;&quot;dorf&quot;&lt;/b&gt; &amp; Co</option>" in html


def test_the_filter_form_stays_small_with_many_quarters(client, quarter, django_assert_max_num_queries):
    for n in range(40):
        QuarterFactory(municipality=MunicipalityFactory(), name=f"Fernes Quartier {n}")
    html = directory(client)
    assert "Fernes Quartier" not in html
    # the count, the page (empty: no initiatives), service areas and legal forms; the towns from the cache
    with django_assert_max_num_queries(4):
        directory(client)


# --- Profile -------------------------------------------------------------------------------------


def test_activation_takes_the_pledged_hours_from_the_totals(initiative):
    PledgeFactory(initiative=initiative, kind=Pledge.Kind.HOURS, hours_per_month=4, amount=None)
    HelpOfferFactory(initiative=initiative, status="accepted", hours_per_month=3)
    totals = queries.pledge_totals(initiative)
    assert queries.activation(initiative, totals=totals) == queries.activation(initiative)
    assert queries.activation(initiative, totals=totals).hours_pledged == 7


def test_profile_lists_links_both_ways_but_only_visible_ones(client, initiative, quarter):
    partner = InitiativeFactory(quarter=quarter, name="Repair-Café")
    helper = InitiativeFactory(quarter=quarter, name="Bürgerbus")
    hidden = InitiativeFactory(quarter=quarter, name="Geheimer Entwurf", status="draft")
    InitiativeLink.objects.create(from_initiative=initiative, to_initiative=partner, description="teilt Räume")
    InitiativeLink.objects.create(from_initiative=helper, to_initiative=initiative, description="fährt Gäste")
    InitiativeLink.objects.create(from_initiative=initiative, to_initiative=hidden)
    links = queries.linked_initiatives(initiative, AnonymousUser())
    assert [(other.name, description) for other, description, _link in links] == [
        ("Bürgerbus", "fährt Gäste"),
        ("Repair-Café", "teilt Räume"),
    ]
    html = client.get(initiative.get_absolute_url()).content.decode()
    assert "Repair-Café" in html and "teilt Räume" in html and "Bürgerbus" in html
    assert "Geheimer Entwurf" not in html
