"""What would open more: the legal-form levers ranked by fit, on the catalogue's real legal-form facts
(financing/data/legal_forms.json, read without the database) and programmes modelled on real ones.

The expected orders were worked out by hand from the rule in financing/matching/levers.py (see the comment at
each test), not from the matcher's output.
"""

import datetime
import json
from decimal import Decimal
from pathlib import Path

from financing.choices import NO_LEGAL_FORM
from financing.matching import Catalogue, LegalFormInfo, Profile, ProgrammeData, match
from financing.matching.levers import fit_score, founding_text

TODAY = datetime.date(2026, 12, 8)
DATA = Path(__file__).resolve().parents[2] / "financing" / "data"


def _decimal(value):
    return None if value in (None, "") else Decimal(value)


def catalogue_forms() -> list[LegalFormInfo]:
    """The legal forms as financing.queries.catalogue_for_matching builds them, from the data file."""
    entries = sorted(json.loads((DATA / "legal_forms.json").read_text(encoding="utf-8")), key=lambda e: e["position"])
    return [
        LegalFormInfo(
            slug=entry["slug"],
            name=entry["name"],
            short_name=entry["abbreviation"] or entry["name"],
            can_be_gemeinnuetzig=entry["can_be_gemeinnuetzig"],
            is_founding_option=entry.get("is_founding_option", True),
            min_founders=entry["min_founders"],
            min_capital=_decimal(entry["min_capital"]),
            founding_cost_min=_decimal(entry["founding_cost_min"]),
            notary_required=entry["notary_required"],
            personal_liability=entry["personal_liability"],
            economic_business=entry["economic_business"],
        )
        for entry in entries
    ]


FORMS = catalogue_forms()
BY_SLUG = {form.slug: form for form in FORMS}
JURISTIC = frozenset({"ev", "eg", "ggmbh", "ug", "gmbh", "ag", "stiftung"})

# Small funds for an informal group in Dortmund (amounts from financing/data/programmes.csv).
SMALL_FUNDS = [
    ProgrammeData(
        1,
        "heimat-scheck",
        "Heimat-Scheck",
        "zuschuss",
        state="DE-NW",
        legal_forms=JURISTIC | {"nev", "kdoer", "einzelunternehmen"},
        open_to_individuals=True,
        amount_min=Decimal(2000),
        amount_max=Decimal(2000),
    ),
    ProgrammeData(2, "betterplace", "betterplace.org", "spenden", requires_gemeinnuetzig=True),
    ProgrammeData(
        3,
        "nachbarschaftsprogramm",
        "Dortmunder Nachbarschaftsprogramm",
        "kommunale-zuschuesse",
        state="DE-NW",
        municipality_slug="dortmund",
        requires_gemeinnuetzig=True,
    ),
    ProgrammeData(
        4,
        "dsee",
        "DSEE Mikroförderprogramm",
        "zuschuss",
        legal_forms=JURISTIC | {"kdoer"},
        requires_gemeinnuetzig=True,
        amount_max=Decimal(2500),
    ),
    ProgrammeData(
        5,
        "fernsehlotterie",
        "Deutsche Fernsehlotterie",
        "stiftungsmittel",
        requires_gemeinnuetzig=True,
        amount_max=Decimal(300000),
    ),
]

HOUSING_PROGRAMMES = [
    ProgrammeData(
        11,
        "kfw-134",
        "KfW 134",
        "darlehen",
        legal_forms=frozenset({"eg"}),
        service_areas=frozenset({"wohnen"}),
        amount_max=Decimal(150000),
        profitability=frozenset({"profitable", "weakly"}),
        requires_securities=True,
    ),
    ProgrammeData(
        12,
        "aktion-mensch-wohnen",
        "Aktion Mensch Wohnen",
        "stiftungsmittel",
        requires_gemeinnuetzig=True,
        service_areas=frozenset({"wohnen"}),
        amount_max=Decimal(300000),
    ),
    ProgrammeData(
        13, "gls-crowd", "GLS Crowd", "crowdinvesting", legal_forms=JURISTIC, profitability=frozenset({"profitable"})
    ),
    ProgrammeData(14, "stiftung-trias", "Stiftung trias", "stiftungsmittel", service_areas=frozenset({"wohnen"})),
]

# A group of refugees and neighbours without a legal form that needs 2,000 € for a language café.
REFUGEE_GROUP = Profile(
    legal_form=NO_LEGAL_FORM,
    stage="idea",
    state="DE-NW",
    municipality="dortmund",
    capital_need=Decimal(2000),
    profitability="not_profitable",
)
# Twelve families who want to buy and convert a house for 180,000 €; the rents will carry the loans.
HOUSING_PROJECT = Profile(
    legal_form=NO_LEGAL_FORM,
    stage="concept",
    service_areas=frozenset({"wohnen"}),
    state="DE-NW",
    municipality="dortmund",
    capital_need=Decimal(180000),
    profitability="profitable",
)


def form_levers(result):
    return [lever for lever in result.levers if lever.slug]


def test_the_refugee_group_gets_a_cheap_form_first():
    # n.e.V.: opens betterplace, Nachbarschaftsprogramm and Fernsehlotterie (3 programmes: 30), they could
    # give more than 2,000 € (20), no notary and nothing to pay (+20): 70. e.V.: also DSEE (still 30, 20),
    # a notary and 20 € (0): 50. UG: 30 + 20, 301 € is 15 % of the need (-10), a notary (-10): 30. Stiftung:
    # 30 + 20, minimum capital unknown (-10), not known to be cheap (-10): 30. eG: 1,350 € is two thirds of
    # the need (-40), a notary (-10): 0; gGmbH and AG: their minimum capital alone is more than the need: 0.
    result = match(REFUGEE_GROUP, Catalogue(SMALL_FUNDS, (), FORMS), TODAY)
    levers = form_levers(result)
    assert [(lever.slug, lever.fit) for lever in levers[:4]] == [("nev", 70), ("ev", 50), ("ug", 30), ("stiftung", 30)]
    assert {lever.slug: lever.fit for lever in levers}["eg"] == 0
    first = levers[0]
    assert first.text == ("With a gemeinnützig Nicht eingetragener Verein, 3 more programmes would come into question.")
    assert first.cost == ("Founding: no notary, no minimum capital, no founding fees, personal liability.")
    assert first.programmes == ("Deutsche Fernsehlotterie", "Dortmunder Nachbarschaftsprogramm", "betterplace.org")
    assert first.opens == "Would open: Deutsche Fernsehlotterie, Dortmunder Nachbarschaftsprogramm, betterplace.org."
    ev = levers[1]
    assert ev.more == 1 and ev.opens.endswith("and 1 more.")
    assert ev.cost == (
        "Founding: at least 7 founders, a notary, no minimum capital, founding costs from 20\xa0€, limited liability."
    )


def test_the_housing_project_gets_the_eg_among_the_first():
    # eG: opens KfW 134, Aktion Mensch Wohnen and GLS Crowd (30), they cover the need (20), 1,350 € is under
    # 5 % of it (0), limited liability for a large need (+10), made for an economic business (+10): 70. UG:
    # Aktion Mensch and GLS Crowd (20), 20, 0, +10, +10: 60. The gGmbH: 20 + 20, 25,000 € is 14 % of the need
    # (-10), +10, +10: 50. The e.V. may not run the houses as its main purpose (-20): 30; the n.e.V. opens only
    # Aktion Mensch (10 + 20) and would also leave those who act for it personally liable (-30): -20.
    result = match(HOUSING_PROJECT, Catalogue(HOUSING_PROGRAMMES, (), FORMS), TODAY)
    levers = form_levers(result)
    assert levers[0].slug == "eg"
    assert [(lever.slug, lever.fit) for lever in levers[:3]] == [("eg", 70), ("ug", 60), ("ggmbh", 50)]
    fits = {lever.slug: lever.fit for lever in levers}
    assert fits["ev"] == 30 and fits["nev"] == -20
    assert levers[0].programmes == ("Aktion Mensch Wohnen", "KfW 134", "GLS Crowd")
    assert levers[0].cost == (
        "Founding: at least 3 founders, a notary, no minimum capital, founding costs from 1.350\xa0€,"
        " limited liability."
    )


def test_gmbh_and_ggmbh_are_one_lever():
    for profile, programmes in ((REFUGEE_GROUP, SMALL_FUNDS), (HOUSING_PROJECT, HOUSING_PROGRAMMES)):
        slugs = [lever.slug for lever in match(profile, Catalogue(programmes, (), FORMS), TODAY).levers]
        assert len(slugs) == len(set(slugs))
        assert slugs.count("gmbh") + slugs.count("ggmbh") == 1
        assert "ggmbh" in slugs  # both catalogues hold programmes for gemeinnützige organisations
    # Programmes that need no Gemeinnützigkeit: the pair is shown as the plain GmbH.
    plain = [p for p in HOUSING_PROGRAMMES if not p.requires_gemeinnuetzig]
    slugs = [lever.slug for lever in match(HOUSING_PROJECT, Catalogue(plain, (), FORMS), TODAY).levers]
    assert "gmbh" in slugs and "ggmbh" not in slugs
    # A GmbH is offered neither itself nor the gGmbH: recognition as gemeinnützig is its own lever.
    gmbh = Profile(**{**HOUSING_PROJECT.__dict__, "legal_form": "gmbh", "is_gemeinnuetzig": False})
    levers = match(gmbh, Catalogue(HOUSING_PROGRAMMES, (), FORMS), TODAY).levers
    assert not {"gmbh", "ggmbh"} & {lever.slug for lever in levers}
    assert levers[0].key == "gemeinnuetzig" and levers[0].programmes == ("Aktion Mensch Wohnen",)


def test_carriers_open_only_the_programmes_that_name_them():
    # Without a legal form a parish or the municipality could carry the project; "andere" opens nothing, and
    # a carrier is not founded.
    result = match(REFUGEE_GROUP, Catalogue(SMALL_FUNDS, (), FORMS), TODAY)
    levers = {lever.slug: lever for lever in result.levers}
    assert "andere" not in levers and "kommune" not in levers
    assert levers["kdoer"].count == 1 and levers["kdoer"].programmes == ("DSEE Mikroförderprogramm",)
    assert levers["kdoer"].text == "With KdöR as carrier, 1 more programme would come into question."
    assert levers["kdoer"].cost == "Nothing to found: the carrier exists already."
    # An initiative with a legal form is offered founding options only.
    association = Profile(**{**REFUGEE_GROUP.__dict__, "legal_form": "ev", "is_gemeinnuetzig": False})
    levers = match(association, Catalogue(SMALL_FUNDS, (), FORMS), TODAY).levers
    assert levers[0].key == "gemeinnuetzig" and levers[0].count == 4  # keeping the form comes first
    assert levers[1:] and all(BY_SLUG[lever.slug].is_founding_option for lever in levers[1:])


def test_a_parish_states_its_legal_form_and_is_not_asked_for_it():
    parish = Profile(**{**REFUGEE_GROUP.__dict__, "legal_form": "kdoer"})
    result = match(parish, Catalogue(SMALL_FUNDS, (), FORMS), TODAY)
    assert parish.legal_form == "kdoer"
    assert "legal_form" not in {question.key for question in result.questions}
    # Heimat-Scheck names public-law bodies outside the municipalities; whether the parish counts as
    # gemeinnützig for the DSEE is asked, since the catalogue cannot say (can_be_gemeinnuetzig is null).
    assert "heimat-scheck" in {m.item.slug for m in result.fits}
    assert "dsee" in {m.item.slug for m in result.needs_information}
    assert "gemeinnuetzig" in {question.key for question in result.questions}
    undecided = match(Profile(capital_need=Decimal(2000)), Catalogue(SMALL_FUNDS, (), FORMS), TODAY)
    assert "legal_form" in {question.key for question in undecided.questions}


def test_unknown_facts_are_said_and_never_counted_as_cheap():
    stiftung = BY_SLUG["stiftung"]
    assert founding_text(stiftung) == (
        "Founding: no notary, minimum capital unknown, founding costs unknown, limited liability."
    )
    assert founding_text(BY_SLUG["ag"]) == (
        "Founding: a notary, minimum capital 50.000\xa0€, founding costs unknown, limited liability."
    )
    silent = LegalFormInfo("neu", "Neue Form", "Neu")
    assert founding_text(silent) == (
        "Founding: notary unknown, minimum capital unknown, founding costs unknown, liability unknown."
    )
    # For a small need the silent form scores below the n.e.V., whose facts are known to be cheap.
    one = [SMALL_FUNDS[1]]
    assert fit_score(silent, one, REFUGEE_GROUP) < fit_score(BY_SLUG["nev"], one, REFUGEE_GROUP)
