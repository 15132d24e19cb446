"""The catalogue the data migration loads: real programmes with sources, legal forms with the law."""

import csv
import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command

from common.demo import Demo
from financing import demo as financing_demo
from financing.elf import elf_codes
from financing.forms import CheckForm
from financing.matching import match
from financing.models import CombinationRule, InstrumentType, LegalForm, Programme, ServiceModel
from financing.queries import catalogue_for_matching
from quarters.models import Municipality

pytestmark = pytest.mark.django_db


def test_the_migration_loads_the_whole_catalogue():
    assert LegalForm.objects.filter(is_founding_option=True).count() == 11
    assert set(LegalForm.objects.filter(is_founding_option=False).values_list("slug", flat=True)) == {
        "kommune",
        "kdoer",
        "andere",
    }
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
        ("ag", 1, Decimal(50000), "6QQB", "§ 7 AktG"),
        ("einzelunternehmen", 1, Decimal(0), "OL20", "§ 1 HGB"),
    ],
)
def test_legal_form_facts_cite_the_law(slug, founders, capital, elf, paragraph):
    form = LegalForm.objects.get(slug=slug)
    assert form.min_founders == founders
    assert form.min_capital == capital
    assert form.elf_code == elf
    assert paragraph in form.sources
    assert form.checked_on in (datetime.date(2026, 11, 25), datetime.date(2026, 12, 8))
    form.full_clean()  # ELF codes are checked against the GLEIF list shipped with the app


def _elf_rows():
    path = Path(__file__).resolve().parents[2] / "financing" / "data" / "elf-codes-germany.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["Entity Legal Form name Local name"]: row["ELF Code"] for row in csv.DictReader(handle)}


@pytest.mark.parametrize(
    ("slug", "elf_name", "founding"),
    [
        ("kdoer", "Körperschaft des öffentlichen Rechts", False),
        ("ag", "Aktiengesellschaft", True),
        ("einzelunternehmen", "Einzelunternehmen, eingetragener Kaufmann, eingetragene Kauffrau", True),
        ("andere", None, False),
    ],
)
def test_the_new_legal_forms_carry_their_elf_codes(slug, elf_name, founding):
    form = LegalForm.objects.get(slug=slug)
    assert form.elf_code == (_elf_rows()[elf_name] if elf_name else "")
    assert form.is_founding_option is founding
    if elf_name:
        assert form.elf_name == elf_name
    form.full_clean()


def test_the_new_legal_forms_cite_their_sources_and_leave_the_rest_empty():
    ag = LegalForm.objects.get(slug="ag")
    assert all(paragraph in ag.sources for paragraph in ("§ 1 AktG", "§ 2 AktG", "§ 7 AktG", "§ 23 AktG"))
    assert (ag.notary_required, ag.personal_liability, ag.can_be_gemeinnuetzig) == (True, False, True)
    assert ag.founding_cost == "" and ag.founding_cost_min is None  # the sources name no cost
    parish = LegalForm.objects.get(slug="kdoer")
    assert "Art. 140 GG" in parish.sources and "Art. 137 WRV" in parish.sources
    assert "Art. 137 Abs. 5 WRV" in parish.governance
    assert parish.can_be_gemeinnuetzig is None and "§ 4 KStG" in parish.gemeinnuetzig_note
    assert (parish.min_founders, parish.min_capital, parish.notary_required, parish.liability) == (None, None, None, "")
    other = LegalForm.objects.get(slug="andere")
    assert other.elf_code == "" and "Ohne ELF-Code" in other.summary
    assert other.can_be_gemeinnuetzig is None and other.min_capital is None
    sole = LegalForm.objects.get(slug="einzelunternehmen")
    assert (sole.can_be_gemeinnuetzig, sole.personal_liability, sole.notary_required) == (False, True, False)
    # The facts the check ranks by, where the sources give them.
    costs = dict(LegalForm.objects.values_list("slug", "founding_cost_min"))
    assert (costs["nev"], costs["ev"], costs["eg"], costs["gmbh"]) == (Decimal(0), Decimal(20), Decimal(1350), None)
    # Programmes that name private-law legal persons take the AG, Heimat-Scheck and the DSEE also the parish.
    heimat = Programme.objects.get(slug="heimat-scheck-nrw").eligible_legal_forms.values_list("slug", flat=True)
    assert {"ag", "kdoer", "einzelunternehmen"} <= set(heimat)
    dsee = Programme.objects.get(slug="dsee-mikrofoerderprogramm").eligible_legal_forms.values_list("slug", flat=True)
    assert {"ag", "kdoer"} <= set(dsee)


def test_the_check_offers_every_legal_form_and_a_parish_closes_the_question():
    form = CheckForm(data={"legal_form": "kdoer", "capital_need": "2.000"})
    slugs = [value for value, _label in form.fields["legal_form"].choices]
    assert {"kdoer", "andere", "kommune", "ag", "einzelunternehmen"} <= set(slugs)
    assert form.is_valid(), form.errors
    profile = form.profile()
    assert profile.legal_form == "kdoer"
    result = match(profile, catalogue_for_matching())
    assert "legal_form" not in {question.key for question in result.questions}


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
