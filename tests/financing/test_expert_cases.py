"""The expert table: twelve initiative profiles and, for each shipped programme, the group an expert expects.

Written by hand from the programmes' conditions as their sources state them (financing/data/programmes.csv,
programme_fields.json, conditions.json; the table in docs/financing.md), not from the matcher's output. Every
Dortmund profile answers the two area questions of the city's quarter funds for its quarter (a group in Marten
is in neither the Nordstadt nor Westerfilde/Bodelschwingh). Programmes not listed under "fits" or "needs
information" are expected not to fit; "deciding" is the question the check should ask first.
"""

import datetime
from decimal import Decimal

import pytest

from financing.choices import NO_LEGAL_FORM
from financing.matching import Profile, match
from financing.queries import catalogue_for_matching

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 12, 8)
D = Decimal
OUTSIDE_QUARTER_FUNDS = (
    ("area:dortmund-quartiersfonds-nordstadt", False),
    ("area:dortmund-stadtteilfonds-westerfilde-bodelschwingh", False),
)


def dortmund(**facts) -> Profile:
    return Profile(state="DE-NW", municipality="dortmund", **facts)


CASES = {
    "Kita-Elterninitiative e.V.": (
        dortmund(
            legal_form="ev",
            is_gemeinnuetzig=True,
            service_areas=frozenset({"bildung-betreuung"}),
            stage="operating",
            profitability="weakly",
            capital_need=D("40000"),
            own_funds=D("5000"),
            answers=OUTSIDE_QUARTER_FUNDS,
        ),
        # Fernsehlotterie: 20 % own share of 40.000 € is 8.000 €, more than the 5.000 € own funds.
        {
            "dortmund-nachbarschaftsprogramm",
            "dortmund-foerderfonds-engagement",
            "gls-crowd",
            "startnext",
            "betterplace",
        },
        {
            "dsee-mikrofoerderprogramm",  # rural or structurally weak area?
            "gls-schenkgemeinschaft",
            "kfw-iku-148",  # securities not known
            "montag-stiftung-initialkapital",
            "sozialstiftung-nrw",  # the programme's own condition
            "verfuegungsfonds-staedtebaufoerderung",  # funding area not known
        },
        "securities",  # KfW IKU lends up to the whole 40.000 € to gemeinnützige bodies: the most money waits
    ),
    "Seniorentreff einer Kirchengemeinde (KdöR)": (
        dortmund(
            legal_form="kdoer",
            service_areas=frozenset({"begegnung-kultur"}),
            stage="operating",
            profitability="not_profitable",
            has_securities=False,
            capital_need=D("15000"),
            own_funds=D("3000"),
            answers=OUTSIDE_QUARTER_FUNDS,
        ),
        # A parish is a public body: whether it counts as gemeinnützig for a funder is not settled by its form,
        # so the programmes for gemeinnützige organisations wait for that answer. Heimat-Scheck and DSEE name
        # churches among their applicants; Heimat-Werkstatt: 10 % of 11.111 € (its maximum of 10.000 € covers
        # 90 %) = 1.111 € own share, covered.
        {"dortmund-foerderfonds-engagement", "heimat-scheck-nrw", "heimat-werkstatt-nrw", "startnext"},
        {
            "aktion-mensch-inklusion-einfach-machen",
            "dsee-mikrofoerderprogramm",
            "deutsche-fernsehlotterie",
            "dortmund-nachbarschaftsprogramm",
            "montag-stiftung-initialkapital",
            "sozialstiftung-nrw",
            "verfuegungsfonds-staedtebaufoerderung",
            "betterplace",
        },
        "gemeinnuetzig",
    ),
    "Gemeinschaftsgarten e.V.": (
        dortmund(
            legal_form="ev",
            is_gemeinnuetzig=True,
            service_areas=frozenset({"begegnung-kultur", "sport-freizeit"}),
            stage="founding",
            profitability="not_profitable",
            has_securities=False,
            capital_need=D("8000"),
            own_funds=D("1000"),
            answers=OUTSIDE_QUARTER_FUNDS,
        ),
        # Heimat-Werkstatt: 10 % of 8.000 € = 800 € own share, covered; Fernsehlotterie: 1.600 €, not covered.
        {
            "dortmund-nachbarschaftsprogramm",
            "dortmund-foerderfonds-engagement",
            "heimat-scheck-nrw",
            "heimat-werkstatt-nrw",
            "startnext",
            "betterplace",
        },
        {
            "aktion-mensch-inklusion-einfach-machen",  # inclusion is its defining condition: not asked yet
            "dsee-mikrofoerderprogramm",
            "montag-stiftung-initialkapital",
            "sozialstiftung-nrw",
            "verfuegungsfonds-staedtebaufoerderung",
        },
        "defines:inklusives-angebot",  # Aktion Mensch could give all 8.000 €: is the garden inclusive?
    ),
    "Flüchtlingshilfe ohne Rechtsform (Nordstadt)": (
        dortmund(
            legal_form=NO_LEGAL_FORM,
            service_areas=frozenset({"beratung-soziales"}),
            stage="idea",
            profitability="not_profitable",
            has_securities=False,
            capital_need=D("2000"),
            own_funds=D("0"),
            answers=(
                ("area:dortmund-quartiersfonds-nordstadt", True),
                ("area:dortmund-stadtteilfonds-westerfilde-bodelschwingh", False),
            ),
        ),
        # Without a legal form: no Gemeinnützigkeit, so neither the foundations nor betterplace; the microcredit
        # is not for the idea stage.
        {"dortmund-foerderfonds-engagement", "dortmund-quartiersfonds-nordstadt", "startnext"},
        {"montag-stiftung-initialkapital", "verfuegungsfonds-staedtebaufoerderung"},
        "condition:verfuegungsfonds-staedtebaufoerderung",
    ),
    "Inklusives Wohnen Eving (e.V., gründet eine eG)": (
        dortmund(
            legal_form="ev",
            is_gemeinnuetzig=True,
            service_areas=frozenset({"wohnen"}),
            stage="founding",
            profitability="weakly",
            capital_need=D("180000"),
            own_funds=D("38500"),
            answers=(*OUTSIDE_QUARTER_FUNDS, ("defines:wohnen-menschen-mit-behinderung", True)),
        ),
        # Aktion Mensch and the Fernsehlotterie: 20 % of 180.000 € = 36.000 € own share, covered by 38.500 €.
        # KfW 134 is for the eG (its members), not for the e.V. that leads.
        {
            "aktion-mensch-wohnen-2-8",
            "deutsche-fernsehlotterie",
            "dortmund-foerderfonds-engagement",
            "gls-crowd",
            "startnext",
            "stiftung-trias",
            "betterplace",
        },
        {
            "dsee-mikrofoerderprogramm",
            "gls-schenkgemeinschaft",
            "kfw-iku-148",
            "montag-stiftung-initialkapital",
            "sozialstiftung-nrw",
            "verfuegungsfonds-staedtebaufoerderung",
            "nrw-wohnraumfoerderung-gruppenwohnungen",
        },
        "securities",
    ),
    "Bürgerbus e.V.": (
        dortmund(
            legal_form="ev",
            is_gemeinnuetzig=True,
            service_areas=frozenset({"mobilitaet"}),
            stage="building_up",
            profitability="weakly",
            has_securities=False,
            capital_need=D("90000"),
            own_funds=D("5000"),
            answers=OUTSIDE_QUARTER_FUNDS,
        ),
        {"dortmund-foerderfonds-engagement", "gls-crowd", "startnext", "betterplace"},
        {
            "buergerbus-nrw-fahrzeug",
            "buergerbus-nrw-organisationspauschale",  # who applies (their condition)
            "dsee-mikrofoerderprogramm",
            "montag-stiftung-initialkapital",
            "sozialstiftung-nrw",
            "verfuegungsfonds-staedtebaufoerderung",
        },
        "condition:buergerbus-nrw-fahrzeug",  # up to 84.000 € for the vehicle
    ),
    "Bürgerladen eG": (
        dortmund(
            legal_form="eg",
            is_gemeinnuetzig=False,
            service_areas=frozenset({"nahversorgung"}),
            stage="founding",
            profitability="weakly",
            has_securities=True,
            capital_need=D("120000"),
            own_funds=D("30000"),
            answers=OUTSIDE_QUARTER_FUNDS,
        ),
        {"dortmund-foerderfonds-engagement", "gls-schenkgemeinschaft", "gls-crowd", "startnext"},
        {"montag-stiftung-initialkapital", "verfuegungsfonds-staedtebaufoerderung"},
        "condition:verfuegungsfonds-staedtebaufoerderung",
    ),
    "Repair-Café (nicht eingetragener Verein)": (
        dortmund(
            legal_form="nev",
            is_gemeinnuetzig=False,
            service_areas=frozenset({"begegnung-kultur"}),
            stage="operating",
            profitability="not_profitable",
            has_securities=False,
            capital_need=D("3000"),
            own_funds=D("300"),
            answers=OUTSIDE_QUARTER_FUNDS,
        ),
        # Heimat-Werkstatt: 10 % of 3.000 € = 300 € own share, exactly the own funds.
        {"dortmund-foerderfonds-engagement", "heimat-scheck-nrw", "heimat-werkstatt-nrw", "startnext"},
        {"montag-stiftung-initialkapital", "verfuegungsfonds-staedtebaufoerderung"},
        "condition:verfuegungsfonds-staedtebaufoerderung",
    ),
    "Quartierstreff im Fördergebiet": (
        dortmund(
            legal_form="ev",
            is_gemeinnuetzig=True,
            service_areas=frozenset({"begegnung-kultur", "beratung-soziales"}),
            stage="building_up",
            profitability="not_profitable",
            has_securities=False,
            capital_need=D("25000"),
            own_funds=D("2500"),
            answers=OUTSIDE_QUARTER_FUNDS,
            place_facts=(("urban_development_area", True),),  # the quarter is a Städtebauförderung area
        ),
        {
            "dortmund-nachbarschaftsprogramm",
            "dortmund-foerderfonds-engagement",
            "heimat-scheck-nrw",
            "heimat-werkstatt-nrw",
            "startnext",
            "betterplace",
        },
        # The Verfügungsfonds waits only for its own condition (a fund set up for the area), not for the area.
        {
            "aktion-mensch-inklusion-einfach-machen",
            "dsee-mikrofoerderprogramm",
            "montag-stiftung-initialkapital",
            "sozialstiftung-nrw",
            "verfuegungsfonds-staedtebaufoerderung",
        },
        "defines:inklusives-angebot",
    ),
    "Mehrgenerationenhaus gGmbH": (
        dortmund(
            legal_form="ggmbh",
            is_gemeinnuetzig=True,
            service_areas=frozenset({"begegnung-kultur", "bildung-betreuung", "beratung-soziales"}),
            stage="operating",
            profitability="weakly",
            has_securities=True,
            capital_need=D("250000"),
            own_funds=D("30000"),
            answers=OUTSIDE_QUARTER_FUNDS,
        ),
        # Fernsehlotterie: 20 % of 250.000 € = 50.000 € own share, more than 30.000 €.
        {
            "dortmund-nachbarschaftsprogramm",
            "dortmund-foerderfonds-engagement",
            "gls-schenkgemeinschaft",
            "gls-crowd",
            "heimat-scheck-nrw",
            "heimat-werkstatt-nrw",
            "kfw-iku-148",
            "nrw-microcrowd",
            "startnext",
            "betterplace",
        },
        {
            "aktion-mensch-inklusion-einfach-machen",
            "dsee-mikrofoerderprogramm",
            "montag-stiftung-initialkapital",
            "sozialstiftung-nrw",
            "verfuegungsfonds-staedtebaufoerderung",
        },
        "defines:inklusives-angebot",
    ),
    "Jugendtreff einer Kirchengemeinde (KdöR)": (
        dortmund(
            legal_form="kdoer",
            service_areas=frozenset({"sport-freizeit", "bildung-betreuung"}),
            stage="operating",
            profitability="not_profitable",
            has_securities=False,
            capital_need=D("6000"),
            own_funds=D("600"),
            answers=OUTSIDE_QUARTER_FUNDS,
        ),
        # Fernsehlotterie: 20 % of 6.000 € = 1.200 € own share, more than 600 €.
        {"dortmund-foerderfonds-engagement", "startnext"},
        {
            "dsee-mikrofoerderprogramm",
            "dortmund-nachbarschaftsprogramm",
            "montag-stiftung-initialkapital",
            "sozialstiftung-nrw",
            "verfuegungsfonds-staedtebaufoerderung",
            "betterplace",
        },
        "gemeinnuetzig",
    ),
    "Seniorengenossenschaft eG": (
        dortmund(
            legal_form="eg",
            is_gemeinnuetzig=True,
            service_areas=frozenset({"gesundheit-pflege", "beratung-soziales"}),
            stage="founding",
            profitability="weakly",
            capital_need=D("20000"),
            own_funds=D("2000"),
            answers=OUTSIDE_QUARTER_FUNDS,
        ),
        # KfW 134 is for cooperative housing (service area Wohnen), not for a care cooperative.
        {
            "dortmund-nachbarschaftsprogramm",
            "dortmund-foerderfonds-engagement",
            "gls-crowd",
            "startnext",
            "betterplace",
        },
        {
            "dsee-mikrofoerderprogramm",
            "gls-schenkgemeinschaft",
            "kfw-iku-148",
            "montag-stiftung-initialkapital",
            "sozialstiftung-nrw",
            "verfuegungsfonds-staedtebaufoerderung",
            "nrw-wohnraumfoerderung-gruppenwohnungen",
        },
        "securities",
    ),
}


@pytest.fixture(scope="module")
def catalogue(django_db_setup, django_db_blocker):
    # The test database's catalogue (the migrations seed it), read once for all cases.
    with django_db_blocker.unblock():
        return catalogue_for_matching()


@pytest.mark.parametrize("name", list(CASES))
def test_expert_case(name, catalogue):
    profile, fits, needs_information, deciding = CASES[name]
    result = match(profile, catalogue, TODAY)
    assert {found.item.slug for found in result.fits} == fits
    assert {found.item.slug for found in result.needs_information} == needs_information
    everything = {item.slug for item in catalogue.programmes}
    assert {found.item.slug for found in result.does_not_fit} == everything - fits - needs_information
    assert result.key_question is not None and result.key_question.key == deciding
