"""The place filter of the lists (quarters.forms.PlaceFilterForm): a municipality and one of its quarters by slug,
only the chosen town's quarters offered, a quarter of another town dropped, a quarter alone choosing its town;
the htmx view that reloads the quarter select, and the pages that use the filter (needs list, initiative
directory) with and without JavaScript."""

import re

import pytest
from django import forms
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from common.widgets import PlainSelect
from quarters import queries
from quarters.forms import PlaceFilterForm, chosen_place
from tests.factories import MunicipalityFactory, QuarterFactory

pytestmark = pytest.mark.django_db
LISTS = ["needs:list", "initiatives:list"]


@pytest.fixture(autouse=True)
def english(settings, client):
    settings.LANGUAGE_CODE = "en"
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def eving(quarter):
    return QuarterFactory(municipality=quarter.municipality, name="Eving", slug="dortmund-eving")


def options(html: str, name: str) -> list[tuple[str, str, bool]]:
    """(value, label, selected) of the select `name`."""
    select = re.search(rf'<select[^>]*name="{name}"[^>]*>(.*?)</select>', html, re.S).group(1)
    return [
        (value, label, bool(selected))
        for value, selected, label in re.findall(r'<option value="([^"]*)"( selected)?>([^<]*)</option>', select)
    ]


def chosen(html: str, name: str) -> list[str]:
    """The chosen values of the select `name`, the empty one ("All") left out."""
    return [value for value, _label, selected in options(html, name) if selected and value]


# --- The form ------------------------------------------------------------------------------------


def test_the_chosen_town_offers_its_own_quarters_only(quarter, eving, other_quarter):
    form = PlaceFilterForm({"municipality": "dortmund"})
    html = str(form["quarter"])
    assert [label for _value, label, _selected in options(html, "quarter")] == ["All", "Eving", "Marten"]
    assert form.is_valid()
    assert form.cleaned_data == {"municipality": quarter.municipality, "quarter": None}


def test_without_a_town_no_quarter_is_offered(quarter):
    for form in (PlaceFilterForm(), PlaceFilterForm({})):
        assert [label for _value, label, _selected in options(str(form["quarter"]), "quarter")] == [
            "Choose a municipality first"
        ]
        assert form["quarter"].help_text == "The quarters of the chosen municipality are offered here."


def test_a_quarter_of_another_town_is_dropped(quarter, other_quarter):
    form = PlaceFilterForm({"municipality": other_quarter.municipality.slug, "quarter": quarter.slug})
    assert form.is_valid()  # dropped, not refused
    assert form.cleaned_data == {"municipality": other_quarter.municipality, "quarter": None}
    assert chosen(str(form["quarter"]), "quarter") == []


def test_a_quarter_alone_chooses_its_town(quarter, eving):
    form = PlaceFilterForm({"quarter": eving.slug})
    assert form.is_valid()
    assert form.cleaned_data == {"municipality": quarter.municipality, "quarter": eving}
    assert chosen(str(form["municipality"]), "municipality") == ["dortmund"]
    assert chosen(str(form["quarter"]), "quarter") == ["dortmund-eving"]


def test_unknown_slugs_are_dropped(quarter):
    form = PlaceFilterForm({"municipality": "atlantis", "quarter": "atlantis-mitte"})
    assert form.is_valid()
    assert form.cleaned_data == {"municipality": None, "quarter": None}
    # a town that does not exist does not hide the quarter's own town
    assert chosen_place("atlantis", quarter.slug) == (quarter.municipality, quarter)


def test_the_town_comes_from_the_cache(quarter, django_assert_num_queries):
    queries.municipality_choices()  # fills the cache
    with django_assert_num_queries(0):
        municipality, _quarter = chosen_place("dortmund", "")
        town = quarter.municipality
        assert (municipality.pk, municipality.slug, municipality.name) == (town.pk, "dortmund", "Dortmund")
    with django_assert_num_queries(1):  # any other field is read when asked for
        assert municipality.state == quarter.municipality.state


def test_a_renamed_town_is_offered_under_its_new_slug(quarter):
    assert ("dortmund", "Dortmund") in queries.municipality_choices()
    town = quarter.municipality
    town.slug = "stadt-dortmund"
    town.save()  # the signal renews the cached choices
    assert ("stadt-dortmund", "Dortmund") in queries.municipality_choices()
    assert queries.municipality_by_slug("dortmund") is None
    assert queries.municipality_by_slug("stadt-dortmund") == town


def test_the_municipality_select_reloads_the_quarter_select_through_htmx(quarter):
    attrs = str(PlaceFilterForm()["municipality"])
    assert 'hx-get="/quartiere/quartierauswahl/"' in attrs
    assert 'hx-include="closest form"' in attrs
    assert 'hx-target="#div_id_quarter"' in attrs and 'hx-swap="outerHTML"' in attrs


def test_plain_select_writes_escaped_options_and_the_chosen_one():
    class Form(forms.Form):
        town = forms.ChoiceField(choices=[("", "All"), ("a&b", 'Ober<b>"dorf"</b>'), ("c", "C")], widget=PlainSelect)

    html = str(Form({"town": "a&b"})["town"])
    assert '<option value="a&amp;b" selected>Ober&lt;b&gt;&quot;dorf&quot;&lt;/b&gt;</option>' in html
    assert '<option value="c">C</option>' in html


# --- The htmx view -------------------------------------------------------------------------------


def test_the_quarter_options_are_those_of_the_chosen_town(client, quarter, eving, other_quarter):
    queries.municipality_choices()  # the towns are cached
    with CaptureQueriesContext(connection) as asked:
        response = client.get(
            reverse("quarters:quarter_options"),
            # hx-include="closest form": the other filters come along and are ignored
            {"municipality": "dortmund", "quarter": other_quarter.slug, "q": "Café", "sort": "newest"},
            headers={"HX-Request": "true"},
        )
    assert response.status_code == 200
    assert len(asked) <= 2  # the quarter that came along, the town's quarters
    html = response.content.decode()
    assert html.strip().startswith('<div id="div_id_quarter"')
    assert re.search(r'<label\s+for="id_quarter"', html)
    assert options(html, "quarter") == [
        ("", "All", False),
        ("dortmund-eving", "Eving", False),
        ("dortmund-marten", "Marten", False),
    ]
    assert "Ückendorf" not in html and "<html" not in html


def test_the_quarter_options_without_a_town(client, quarter):
    response = client.get(reverse("quarters:quarter_options"), {"municipality": ""})
    assert response.status_code == 200
    assert options(response.content.decode(), "quarter") == [("", "Choose a municipality first", True)]


# --- The lists that use it -----------------------------------------------------------------------


@pytest.mark.parametrize("name", LISTS)
def test_without_javascript_the_show_button_brings_the_towns_quarters(client, name, quarter, eving, other_quarter):
    """The town was chosen and "Show" pressed: the page comes back with that town's quarters to choose from."""
    html = client.get(reverse(name), {"municipality": other_quarter.municipality.slug}).content.decode()
    assert chosen(html, "municipality") == [other_quarter.municipality.slug]
    assert [value for value, _label, _selected in options(html, "quarter")] == ["", other_quarter.slug]
    assert re.search(r'<form method="get"[^>]*>.*?<button[^>]*type="submit"', html, re.S)  # "Show"


@pytest.mark.parametrize("name", LISTS)
def test_a_link_with_a_quarter_alone_chooses_its_town(client, name, quarter, eving):
    html = client.get(reverse(name), {"quarter": eving.slug}).content.decode()
    assert chosen(html, "municipality") == ["dortmund"]
    assert chosen(html, "quarter") == ["dortmund-eving"]


@pytest.mark.parametrize("name", LISTS)
def test_a_quarter_of_another_town_is_dropped_from_the_list(client, name, quarter, other_quarter):
    response = client.get(reverse(name), {"municipality": other_quarter.municipality.slug, "quarter": quarter.slug})
    assert response.status_code == 200
    html = response.content.decode()
    assert chosen(html, "municipality") == [other_quarter.municipality.slug]
    assert chosen(html, "quarter") == []


@pytest.mark.parametrize("name", [*LISTS, "quarters:quarter_options"])
def test_the_old_german_parameters_are_ignored(client, name, quarter):
    old = {"gemeinde": "dortmund", "quartier": quarter.slug, "bereich": "mobilitaet", "sortierung": "neueste"}
    response = client.get(reverse(name), old)
    assert response.status_code == 200
    assert chosen(response.content.decode(), "quarter") == []


@pytest.mark.parametrize("name", LISTS)
def test_many_towns_offer_no_foreign_quarter(client, name, quarter):
    for n in range(30):
        QuarterFactory(municipality=MunicipalityFactory(), name=f"Fernes Quartier {n}")
    html = client.get(reverse(name), {"municipality": "dortmund"}).content.decode()
    assert "Fernes Quartier" not in html
    assert len(options(html, "municipality")) == 32  # all, Dortmund and the 30 others
