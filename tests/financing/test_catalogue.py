"""The catalogue the data migration loads: real programmes with sources, legal forms with the law."""

import datetime
from decimal import Decimal

import pytest
from django.core.management import call_command

from common.demo import Demo
from financing import demo as financing_demo
from financing.elf import elf_codes
from financing.models import CombinationRule, InstrumentType, LegalForm, Programme, ServiceModel
from quarters.models import Municipality

pytestmark = pytest.mark.django_db


def test_the_migration_loads_the_whole_catalogue():
    assert LegalForm.objects.filter(is_founding_option=True).count() == 9
    assert InstrumentType.objects.count() == 16
    assert Programme.objects.count() == 29
    assert ServiceModel.objects.count() == 9
    assert CombinationRule.objects.count() == 10


@pytest.mark.parametrize(
    ("slug", "founders", "capital", "elf", "paragraph"),
    [
        ("ev", 7, Decimal(0), "QZ3L", "§ 56 BGB"),
        ("eg", 3, Decimal(0), "AZFE", "§ 4 GenG"),
        ("gmbh", 1, Decimal(25000), "2HBR", "§ 5 GmbHG"),
        ("ug", 1, Decimal(1), "63KS", "§ 5a GmbHG"),
        ("ggmbh", 1, Decimal(25000), "SCE1", "§ 4 GmbHG"),
        ("gbr", 2, Decimal(0), "FR3V", "§ 705 BGB"),
        ("nev", None, Decimal(0), "79H0", "§ 54 BGB"),
        ("stiftung", 1, None, "V2YH", "§ 80 BGB"),
        ("treuhandstiftung", 1, None, "", "§ 516 BGB"),
    ],
)
def test_legal_form_facts_cite_the_law(slug, founders, capital, elf, paragraph):
    form = LegalForm.objects.get(slug=slug)
    assert form.min_founders == founders
    assert form.min_capital == capital
    assert form.elf_code == elf
    assert paragraph in form.sources
    assert form.checked_on == datetime.date(2026, 11, 25)
    form.full_clean()  # ELF codes are checked against the GLEIF list shipped with the app


def test_elf_list_ships_with_the_app():
    assert elf_codes()["AZFE"] == "Eingetragene Genossenschaft"
    form = LegalForm.objects.get(slug="ev")
    form.elf_code = "XXXX"
    with pytest.raises(Exception, match="ELF"):
        form.full_clean()


def test_programmes_keep_their_source_text_and_date():
    for programme in Programme.objects.all():
        assert programme.sources.startswith("[1] http"), programme.slug
        assert programme.checked_on == datetime.date(2026, 11, 25)
        assert programme.note.startswith("Art laut Quelle:")
    scheck = Programme.objects.get(slug="heimat-scheck-nrw")
    assert (scheck.amount_min, scheck.amount_max, scheck.own_share_percent) == (Decimal(2000), Decimal(2000), 0)
    assert scheck.eligibility_note.startswith("natürliche Personen")
    assert "Die Fördersumme beträgt 2.000 Euro" in scheck.source_excerpt


def test_structured_fields_only_where_the_text_says_so():
    # "u. a." lists leave the purposes open; a fund's co-funding rule is not the applicant's own share.
    assert not Programme.objects.get(slug="kfw-iku-148").service_areas.exists()
    assert Programme.objects.get(slug="verfuegungsfonds-staedtebaufoerderung").own_share_percent is None
    assert Programme.objects.get(slug="heimat-fonds-nrw").own_share_percent == 50
    startnext = Programme.objects.get(slug="startnext")
    assert startnext.requires_gemeinnuetzig is None and not startnext.eligible_legal_forms.exists()


def test_dortmund_programmes_wait_for_dortmund(municipality):
    # Creating Dortmund (the fixture) links its own funds to it.
    dortmund_programmes = Programme.objects.filter(municipality=municipality)
    assert set(dortmund_programmes.values_list("slug", flat=True)) == {
        "dortmund-foerderfonds-engagement",
        "dortmund-quartiersfonds-nordstadt",
        "dortmund-stadtteilfonds-westerfilde-bodelschwingh",
        "dortmund-nachbarschaftsprogramm",
    }


def test_dortmund_programmes_without_dortmund_are_shared_but_named():
    programme = Programme.objects.get(slug="dortmund-nachbarschaftsprogramm")
    assert programme.municipality is None
    assert programme.municipality_name == "Dortmund"


def test_service_models_have_sources_and_no_invented_costs():
    for model in ServiceModel.objects.all():
        assert model.sources.startswith("[1] http"), model.slug
        assert model.one_off_cost_min is None and model.running_cost_max is None
        assert all(line.share_percent is None for line in model.financing_lines.all())
    room = ServiceModel.objects.get(slug="quartierstreff")
    assert set(room.service_areas.values_list("slug", flat=True)) == {"begegnung-kultur", "beratung-soziales"}
    assert room.needs_paid_coordinator is True


def test_reloading_the_catalogue_changes_nothing():
    before = (Programme.objects.count(), ServiceModel.objects.count(), CombinationRule.objects.count())
    call_command("load_financing_catalogue", verbosity=0)
    assert (Programme.objects.count(), ServiceModel.objects.count(), CombinationRule.objects.count()) == before


def test_demo_links_dortmund_programmes():
    Municipality.objects.bulk_create([Municipality(name="Dortmund", slug="dortmund", state="Nordrhein-Westfalen")])
    demo = Demo()
    financing_demo.seed(demo)  # bulk_create sends no signal: the demo links them
    assert Programme.objects.filter(municipality__slug="dortmund").count() == 4
    assert demo.log == ["Finanzierung: 4 Programme mit ihrer Kommune verknüpft."]
    financing_demo.seed(Demo())  # idempotent
    assert Programme.objects.filter(municipality__slug="dortmund").count() == 4
