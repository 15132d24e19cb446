"""Eving: parents look for a self-run assisted-living project for their adult children with disabilities."""

from decimal import Decimal

from ..models import Need, Offer, Potential, Support
from .common import _story

# Authors: a demo account's key or a neighbour's index (see common._who); supports: (neighbours, within days).
NEEDS = {
    "housing": {
        "title": "Ambulant betreutes Wohnen für unsere erwachsenen Kinder mit Behinderung",
        "area": "wohnen",
        "description": (
            "Unsere Töchter und Söhne sind erwachsen und möchten selbstbestimmt im Stadtteil wohnen – mit "
            "Unterstützung, aber nicht im Heim am Stadtrand. In Eving gibt es kein solches Angebot. Wir Eltern "
            "wollen ein inklusives Wohnprojekt selbst tragen (Verein und Genossenschaft)."
        ),
        "groups": ["disabilities", "families"],
        "author": "eving_lead",
        "show_name": True,
        "age": 160,
        "lat": Decimal("51.548600"),
        "lon": Decimal("7.478300"),
        "supports": (29, 150),
    },
    "leisure": {
        "title": "Inklusive Freizeitangebote für junge Erwachsene",
        "area": "sport-freizeit",
        "description": "Nach der Schule endet für junge Menschen mit Behinderung fast jedes Freizeitangebot.",
        "groups": ["disabilities", "children_youth"],
        "author": 4,
        "age": 110,
        "supports": (12, 100),
    },
    "finance": {
        "title": "Beratung: Wie finanzieren wir Genossenschaftsanteile?",
        "area": "beratung-soziales",
        "description": (
            "Viele Betroffene haben kein Kapital für Genossenschaftsanteile. Wir brauchen Beratung zu "
            "Spenden, Stiftungen und Förderprogrammen."
        ),
        "groups": ["disabilities", "low_income"],
        "author": "resident2",
        "age": 70,
        "supports": (9, 60),
    },
    "childcare": {
        "title": "Kita-Plätze in Fußnähe",
        "area": "bildung-betreuung",
        "description": "Junge Familien finden keinen Kita-Platz im Stadtteil und pendeln quer durch die Stadt.",
        "groups": ["families", "children_youth"],
        "author": 10,
        "age": 130,
        "supports": (15, 120),
    },
    "advice": {
        "title": "Sozialberatung in mehreren Sprachen",
        "area": "beratung-soziales",
        "description": "Beratung zu Anträgen und Behördenpost, auch auf Türkisch, Arabisch und Bulgarisch.",
        "groups": ["migration", "low_income"],
        "source": Need.Source.DOOR_TO_DOOR,
        "author": "coordinator",
        "age": 60,
        "supports": (10, 55),
    },
}

COMMENTS = [
    (
        "housing",
        "eving_lead",
        True,
        "Wir haben einen Verein gegründet und bereiten eine Genossenschaft vor. Wer kennt Spenderinnen und Spender?",
    ),
    ("housing", 8, False, "Mein Bruder wäre einer der ersten Bewohner. Wir unterstützen das!"),
]

OFFERS = [
    {
        "name": "Wohnheim für Menschen mit Behinderung (Nachbarbezirk)",
        "area": "wohnen",
        "operator": "Freier Träger",
        "status": Offer.Status.CLOSED,
        "description": "Stationär, weit entfernt, keine freien Plätze – kein ambulantes Angebot im Stadtteil.",
    },
    {"name": "Familienzentrum Eving", "area": "bildung-betreuung", "status": Offer.Status.ACTIVE},
    {"name": "Kita Grüningsweg", "area": "bildung-betreuung", "status": Offer.Status.ACTIVE},
    {"name": "Jugendtreff Lindenhorst", "area": "begegnung-kultur", "status": Offer.Status.ACTIVE},
    {"name": "Stadtbahn U41", "area": "mobilitaet", "status": Offer.Status.ACTIVE},
    {"name": "Ärztehaus Evinger Platz", "area": "gesundheit-pflege", "status": Offer.Status.ACTIVE},
    {"name": "Supermarkt Evinger Straße", "area": "nahversorgung", "status": Offer.Status.ACTIVE},
    {"name": "Sportverein Eving 09", "area": "sport-freizeit", "status": Offer.Status.ACTIVE},
]

POTENTIALS = [
    {
        "title": "Elterninitiative Inklusives Wohnen Eving e.V.",
        "kind": Potential.Kind.ACTOR,
        "area": "wohnen",
        "description": "Zwölf Familien, Verein gegründet, Genossenschaft in Vorbereitung.",
    },
    {
        "title": "Wohnungsgenossenschaft im Stadtbezirk (Demo)",
        "kind": Potential.Kind.ACTOR,
        "area": "wohnen",
        "description": "Bereit, ein Haus für ein inklusives Wohnprojekt zu planen, wenn die Finanzierung steht.",
    },
    {
        "title": "Leerstehendes Wohnhaus an der Deutschen Straße",
        "kind": Potential.Kind.BUILDING,
        "area": "wohnen",
        "address": "Deutsche Straße 40, 44339 Dortmund",
        "floor_area": 620,
        "owner_type": Potential.OwnerType.HOUSING_COMPANY,
        "building_status": Potential.BuildingStatus.VACANT,
        "description": "Acht Wohnungen, sanierungsbedürftig, gut an die Stadtbahn angebunden.",
        "latitude": Decimal("51.547800"),
        "longitude": Decimal("7.476200"),
    },
    {
        "title": "Eltern begleiten Freizeit und Alltag",
        "kind": Potential.Kind.SKILL,
        "area": "sport-freizeit",
        "hours_per_month": 40,
        "description": "Die Familien der Initiative bieten zusammen Zeit für Begleitung und Fahrdienste.",
    },
    {
        "title": "Spendenaufruf für Genossenschaftsanteile",
        "kind": Potential.Kind.FUND,
        "area": "wohnen",
        "amount": Decimal("8500.00"),
        "description": "Bisher zugesagte Spenden, damit auch Bewohner ohne Kapital Anteile zeichnen können.",
    },
]


def _eving(demo, areas, people, rng):
    quarter = demo.quarters["dortmund-eving"]
    needs = _story(
        demo, quarter, areas, people, rng, needs=NEEDS, comments=COMMENTS, offers=OFFERS, potentials=POTENTIALS
    )
    for person in (demo.users["resident2"], demo.users["resident"]):
        Support.objects.get_or_create(need=needs["housing"], user=person)
    return quarter
