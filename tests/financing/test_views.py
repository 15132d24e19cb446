"""Pages of the financing catalogue, the check and gaps-to-models, with their query counts."""

from decimal import Decimal

import pytest
from django.urls import reverse

from financing.models import Programme, ServiceModel
from needs.models import Potential, Review, ServiceArea
from tests.financing.factories import ProgrammeFactory, ServiceModelFactory, instrument, legal_form
from tests.needs.factories import NeedFactory, SupportFactory, area

pytestmark = pytest.mark.django_db


def test_catalogue_pages_show_sources_and_date(client):
    response = client.get(reverse("financing:programme_detail", args=["heimat-scheck-nrw"]))
    content = response.content.decode()
    assert "https://www.engagiert-in-nrw.de/heimat-scheck" in content
    assert "25.11.2026" in content  # "Stand" with the date the source was checked
    assert "2.000\xa0€" in content
    response = client.get(reverse("financing:service_model_detail", args=["quartierstreff"]))
    assert "25.11.2026" in response.content.decode()
    assert "https://www.tag-der-staedtebaufoerderung.de" in response.content.decode()


def test_legal_form_pages(client, django_assert_num_queries):
    with django_assert_num_queries(1):  # the legal forms
        response = client.get(reverse("financing:legal_form_list"))
    assert "QZ3L" in response.content.decode()
    with django_assert_num_queries(1):  # the founding options, every fact in one row
        response = client.get(reverse("financing:legal_form_comparison"))
    content = response.content.decode()
    assert "25.000\xa0€" in content and "§ 56 BGB" in content
    assert "Kommune als Träger" not in content  # not something an initiative founds
    with django_assert_num_queries(2):  # the legal form, the service models naming it
        response = client.get(reverse("financing:legal_form_detail", args=["eg"]))
    content = response.content.decode()
    assert "AZFE" in content and "Prüfungsverband" in content and "Bürgerladen" in content


def test_instrument_pages(client, django_assert_num_queries):
    with django_assert_num_queries(1):  # instrument types with their programme counts
        client.get(reverse("financing:instrument_list"))
    with django_assert_num_queries(3):  # the instrument, its legal forms, its programmes with municipality
        response = client.get(reverse("financing:instrument_detail", args=["genossenschaftsanteile"]))
    content = response.content.decode()
    assert "What financiers require" in content
    assert "eG" in content


def test_programme_list_filters_and_pages(client, django_assert_num_queries):
    # 6 queries whatever the page: count, page of programmes (instrument and municipality joined),
    # and the choices of the four filter selects (instruments, municipalities, legal forms, service areas).
    with django_assert_num_queries(6):
        response = client.get(reverse("financing:programme_list"))
    assert response.context["page_obj"].paginator.count == 29
    assert len(response.context["page_obj"].object_list) == 20
    response = client.get(reverse("financing:programme_list"), {"page": 2})
    assert len(response.context["page_obj"].object_list) == 9
    response = client.get(reverse("financing:programme_list"), {"service_area": "mobilitaet", "level": "state"})
    names = {p.slug for p in response.context["page_obj"].object_list}
    # Both Bürgerbus programmes fund mobility; state programmes without purposes stay in (open purposes).
    assert {"buergerbus-nrw-fahrzeug", "buergerbus-nrw-organisationspauschale"} <= names
    assert "heimat-scheck-nrw" not in names  # funds Begegnung & Kultur only
    response = client.get(reverse("financing:programme_list"), {"q": "Startnext"})
    assert {p.slug for p in response.context["page_obj"].object_list} >= {"startnext"}
    response = client.get(reverse("financing:programme_list"), {"legal_form": "kommune"})
    assert "heimat-scheck-nrw" not in {p.slug for p in response.context["page_obj"].object_list}


def test_programme_list_links_keep_the_filters(client, admin_user):
    """The page links and the export links keep the filters and drop the page number."""
    for number in range(25):
        ProgrammeFactory(slug=f"mehr-{number}")
    client.force_login(admin_user)
    content = client.get(reverse("financing:programme_list"), {"level": "state", "page": 1}).content.decode()
    export = reverse("financing:programme_export_csv")
    assert f'href="{export}?level=state"' in content
    assert 'href="?level=state&amp;page=2"' in content
    content = client.get(reverse("financing:programme_list")).content.decode()
    assert f'href="{export}"' in content
    assert 'href="?page=2"' in content


def test_programme_list_query_count_does_not_grow(client, django_assert_num_queries):
    for number in range(25):
        ProgrammeFactory(slug=f"mehr-{number}")
    with django_assert_num_queries(6):  # same six queries with 54 programmes
        client.get(reverse("financing:programme_list"), {"page": 2})


def test_programme_detail(client, django_assert_num_queries):
    # The programme (instrument, municipality, creator joined), its legal forms, service areas and rules.
    with django_assert_num_queries(4):
        response = client.get(reverse("financing:programme_detail", args=["aktion-mensch-wohnen-2-8"]))
    content = response.content.decode()
    assert "nachrangig gegenüber öffentlichen Mitteln" in content
    assert "300.000\xa0€" in content


def test_service_model_pages(client, django_assert_num_queries):
    with django_assert_num_queries(2):  # models, their service areas
        response = client.get(reverse("financing:service_model_list"))
    assert "Bürgerbus" in response.content.decode()
    with django_assert_num_queries(4):  # model, service areas, legal-form lines, financing lines
        response = client.get(reverse("financing:service_model_detail", args=["ambulant-betreute-wohngemeinschaft"]))
    content = response.content.decode()
    assert "§ 45e SGB XI" in content
    assert "The sources give no cost ranges" in content


def test_index(client, quarter, django_assert_num_queries):
    with django_assert_num_queries(5):  # four counts and the quarters
        response = client.get(reverse("financing:index"))
    assert reverse("financing:quarter_models", args=[quarter.slug]) in response.content.decode()


# --- the check ----------------------------------------------------------------------------------


def test_check_form_alone(client):
    response = client.get(reverse("financing:check"))
    assert response.status_code == 200
    assert response.context["result"] is None


def test_check_for_eving(client, municipality):
    params = {
        "legal_form": "ev",
        "stage": "founding",
        "service_areas": ["wohnen", "gesundheit-pflege"],
        "municipality": "dortmund",
        "capital_need": "450.000",
        "own_funds": "10.000",
        "profitability": "not_profitable",
        "has_securities": "no",
    }
    response = client.get(reverse("financing:check"), params)
    result = response.context["result"]
    profile = response.context["profile"]
    assert profile.state == "DE-NW"  # taken from Dortmund
    assert profile.capital_need == Decimal(450000)
    assert result.key_question.key == "gemeinnuetzig"
    content = response.content.decode()
    assert "Is the initiative recognised as gemeinnützig?" in content
    # The question is asked in place, keeping everything typed so far.
    assert 'name="capital_need" value="450.000"' in content
    assert 'name="is_gemeinnuetzig"' in content
    # Each instrument links to its guide.
    assert reverse("financing:instrument_detail", args=["stiftungsmittel"]) in content
    aktion = next(m for m in result.does_not_fit if m.item.slug == "aktion-mensch-wohnen-2-8")
    assert "the initiative has 10.000\xa0€" in " ".join(c.text for c in aktion.criteria)


def test_check_for_marten_shows_levers_and_keeps_answers(client, municipality):
    params = {
        "legal_form": "keine",
        "stage": "concept",
        "service_areas": "begegnung-kultur",
        "municipality": "dortmund",
        "capital_need": "60.000",
        "profitability": "weakly",
    }
    response = client.get(reverse("financing:check"), params)
    result = response.context["result"]
    assert "heimat-scheck-nrw" in {m.item.slug for m in result.fits}
    assert any(lever.key == "legal_form:ev" for lever in result.levers)
    response = client.get(reverse("financing:check"), {**params, "answer": "area:dortmund-quartiersfonds-nordstadt:no"})
    result = response.context["result"]
    assert "dortmund-quartiersfonds-nordstadt" in {m.item.slug for m in result.does_not_fit}
    assert 'value="area:dortmund-quartiersfonds-nordstadt:no"' in response.content.decode()


def test_check_ranks_the_legal_forms_for_a_small_group_and_links_their_guides(client, municipality):
    params = {
        "legal_form": "keine",
        "service_areas": "beratung-soziales",
        "municipality": "dortmund",
        "capital_need": "2.000",
        "profitability": "not_profitable",
    }
    response = client.get(reverse("financing:check"), params)
    levers = [lever for lever in response.context["result"].levers if lever.slug]
    assert [lever.slug for lever in levers[:2]] == ["nev", "ev"]  # quick and cheap to found; the eG is not
    assert levers.index(next(lever for lever in levers if lever.slug == "eg")) > 1
    assert len({lever.slug for lever in levers}) == len(levers)
    assert not {"gmbh", "ggmbh"} <= {lever.slug for lever in levers}
    content = response.content.decode()
    assert reverse("financing:legal_form_detail", args=["nev"]) in content
    assert reverse("financing:legal_form_detail", args=["ev"]) in content
    assert levers[1].cost in content.replace("&nbsp;", "\xa0")


def test_check_refuses_bad_amounts_and_keeps_the_input(client):
    response = client.get(reverse("financing:check"), {"capital_need": "-5", "own_funds": "viel"})
    form = response.context["form"]
    assert form.errors["capital_need"] == ["The amount must not be negative."]
    assert form.errors["own_funds"] == ["Enter an amount in euros, e.g. 60.000 or 1.234,56."]
    assert response.context["result"] is None
    assert 'value="viel"' in response.content.decode()


def test_check_query_count_does_not_grow_with_the_catalogue(client, municipality, django_assert_num_queries):
    params = {"legal_form": "ev", "municipality": "dortmund", "capital_need": "60000"}
    # Form: legal-form choices, the municipality; catalogue: legal forms, instruments + their legal forms,
    # rules, service-area names, programmes + legal forms + service areas + defining conditions; rendering:
    # the municipality choices of the form (the deciding question, gemeinnützig, is answered with buttons).
    with django_assert_num_queries(13):
        response = client.get(reverse("financing:check"), params)
    assert response.context["result"].key_question.key == "gemeinnuetzig"
    for number in range(30):
        ProgrammeFactory(slug=f"mehr-{number}")
    with django_assert_num_queries(13):
        client.get(reverse("financing:check"), params)


# --- gaps to models ---------------------------------------------------------------------------


def test_quarter_models_from_real_needs_data(client, quarter, django_assert_num_queries):
    need = NeedFactory(quarter=quarter, service_area=area("begegnung-kultur"))
    for _ in range(5):
        SupportFactory(need=need)
    Potential.objects.create(
        quarter=quarter, kind="building", title="Leeres Ladenlokal", building_status="vacant", review=Review.CONFIRMED
    )
    # Gap ranking (5, see needs.queries.gap_rankings), the quarter, its potentials, the service models with
    # their service areas, the service-area names.
    with django_assert_num_queries(10):
        response = client.get(reverse("financing:quarter_models", args=[quarter.slug]))
    results = response.context["results"]
    assert results[0].gap.service_area_slug == "begegnung-kultur"
    ranked = [suggestion.model.slug for suggestion in results[0].models]
    assert "quartierstreff" in ranked and "repair-cafe" in ranked
    room = next(s for s in results[0].models if s.model.slug == "quartierstreff")
    assert "needs space: the quarter has 1 vacant or threatened building" in room.reasons
    content = response.content.decode()
    assert "once the initiative registry is available" in content  # the marked place, no dead link


def test_quarter_models_without_gaps(client, other_quarter):
    response = client.get(reverse("financing:quarter_models", args=[other_quarter.slug]))
    assert response.status_code == 200
    assert response.context["has_gaps"] is False
    assert "No gap has been found" in response.content.decode()


def test_quarter_models_unknown_quarter(client):
    assert client.get(reverse("financing:quarter_models", args=["nirgendwo"])).status_code == 404


# --- writing ------------------------------------------------------------------------------------


def _programme_post(**overrides):
    data = {
        "name": "Kiezkasse Marten",
        "provider": "Stadt Dortmund",
        "instrument_type": instrument("kommunale-zuschuesse").pk,
        "level": "municipal",
        "state": "DE-NW",
        "amount_min": "500",
        "amount_max": "5.000",
        "own_share_percent": "",
        "service_areas": [],
        "eligible_legal_forms": [legal_form("ev").pk],
        "sources": "[1] https://example.org/kiezkasse",
        "checked_on": "2026-11-25",
    }
    data.update(overrides)
    return data


def test_coordinator_adds_a_programme_of_their_municipality(english_client_for, coordinator, municipality):
    client = english_client_for(coordinator)
    response = client.post(reverse("financing:programme_create"), _programme_post(municipality=municipality.pk))
    programme = Programme.objects.get(name="Kiezkasse Marten")
    assert response.status_code == 302
    assert programme.municipality == municipality
    assert programme.amount_max == Decimal(5000)
    assert programme.created_by == coordinator
    assert list(programme.eligible_legal_forms.values_list("slug", flat=True)) == ["ev"]


def test_coordinator_cannot_add_to_another_municipality(english_client_for, coordinator, other_municipality):
    client = english_client_for(coordinator)
    response = client.post(reverse("financing:programme_create"), _programme_post(municipality=other_municipality.pk))
    assert response.status_code == 200
    assert "municipality" in response.context["form"].errors
    assert not Programme.objects.filter(name="Kiezkasse Marten").exists()


def test_bad_amounts_are_refused_with_clear_messages(english_client_for, coordinator, municipality):
    client = english_client_for(coordinator)
    response = client.post(
        reverse("financing:programme_create"),
        _programme_post(municipality=municipality.pk, amount_min="10.000", amount_max="5.000", own_share_percent="120"),
    )
    errors = response.context["form"].errors
    assert errors["amount_max"] == ["The maximum amount must not be below the minimum amount."]
    assert errors["own_share_percent"] == ["The value must not be more than 100."]
    response = client.post(
        reverse("financing:programme_create"), _programme_post(municipality=municipality.pk, amount_min="-1")
    )
    assert response.context["form"].errors["amount_min"] == ["The amount must not be negative."]
    assert 'value="-1"' in response.content.decode()  # the form keeps what was typed


def test_coordinator_edits_and_deletes_own_programme(english_client_for, coordinator, municipality):
    client = english_client_for(coordinator)
    programme = Programme.objects.get(slug="dortmund-nachbarschaftsprogramm")
    data = _programme_post(name=programme.name, amount_max="2.500")
    response = client.post(reverse("financing:programme_update", args=[programme.slug]), data)
    assert response.status_code == 302
    programme.refresh_from_db()
    assert programme.amount_max == Decimal(2500) and programme.municipality == municipality
    response = client.get(reverse("financing:programme_delete", args=[programme.slug]))
    assert "This cannot be undone" in response.content.decode()
    client.post(reverse("financing:programme_delete", args=[programme.slug]))
    assert not Programme.objects.filter(slug="dortmund-nachbarschaftsprogramm").exists()


def test_admin_adds_to_the_shared_catalogue(english_client_for, admin_user):
    client = english_client_for(admin_user)
    response = client.post(reverse("financing:programme_create"), _programme_post(level="state"))
    assert response.status_code == 302
    assert Programme.objects.get(name="Kiezkasse Marten").municipality is None


def test_coordinator_keeps_service_models(english_client_for, coordinator):
    client = english_client_for(coordinator)
    data = {
        "name": "Dorfauto",
        "summary": "Ein gemeinsam genutztes Auto.",
        "service_areas": [str(ServiceArea.objects.get(slug="mobilitaet").pk)],
        "needs_volunteers": "yes",
        "one_off_cost_min": "20.000",
        "one_off_cost_max": "10.000",
        "legal-TOTAL_FORMS": "1",
        "legal-INITIAL_FORMS": "0",
        "legal-0-legal_form": legal_form("ev").pk,
        "legal-0-reason": "Verein der Nutzerinnen und Nutzer.",
        "financing-TOTAL_FORMS": "2",
        "financing-INITIAL_FORMS": "0",
        "financing-0-instrument_type": instrument("spenden").pk,
        "financing-0-share_percent": "70",
        "financing-1-instrument_type": instrument("erloese").pk,
        "financing-1-share_percent": "40",
    }
    response = client.post(reverse("financing:service_model_create"), data)
    assert response.status_code == 200
    assert response.context["form"].errors["one_off_cost_max"]
    assert "add up to 110" in str(response.context["financing"].non_form_errors())
    data.update({"one_off_cost_max": "30.000", "financing-1-share_percent": "30"})
    response = client.post(reverse("financing:service_model_create"), data)
    assert response.status_code == 302
    model = ServiceModel.objects.get(name="Dorfauto")
    assert model.needs_volunteers is True and model.updated_by == coordinator
    assert [(line.instrument_type.slug, line.share_percent) for line in model.financing_lines.all()] == [
        ("spenden", 70),
        ("erloese", 30),
    ]
    assert model.legal_form_lines.get().reason == "Verein der Nutzerinnen und Nutzer."


def test_service_model_edit_keeps_lines(english_client_for, coordinator):
    model = ServiceModelFactory(name="Tauschring")
    client = english_client_for(coordinator)
    response = client.get(reverse("financing:service_model_update", args=[model.slug]))
    assert response.status_code == 200


def test_the_check_says_when_the_catalogue_has_nothing_regional(client):
    """Hamburg has no programme in the shipped catalogue: the check says so and links the federal database."""
    from tests.factories import MunicipalityFactory

    MunicipalityFactory(name="Hamburg", slug="hamburg", state="Hamburg")
    response = client.get(reverse("financing:check"), {"legal_form": "ev", "municipality": "hamburg"})
    text = response.content.decode()
    assert "The catalogue holds 0 programmes of Hamburg" in text
    assert "https://www.foerderdatenbank.de/" in text and "alert-warning" in text
    dortmund = client.get(reverse("financing:check"), {"legal_form": "ev", "municipality": "dortmund"})
    assert "https://www.foerderdatenbank.de/" not in dortmund.content.decode()
