"""Eving: parents look for a self-run assisted-living project for their adult children with disabilities."""

from decimal import Decimal

from ..models import (
    Need,
    Offer,
    Potential,
    Support,
)
from .common import _comment, _need, _supply, _supports


def _eving(demo, areas, people, rng):
    quarter = demo.quarters["dortmund-eving"]
    lead = demo.users["eving_lead"]
    resident2 = demo.users["resident2"]
    housing = _need(
        quarter,
        areas,
        {
            "title": "Ambulant betreutes Wohnen für unsere erwachsenen Kinder mit Behinderung",
            "area": "wohnen",
            "description": (
                "Unsere Töchter und Söhne sind erwachsen und möchten selbstbestimmt im Stadtteil wohnen – mit "
                "Unterstützung, aber nicht im Heim am Stadtrand. In Eving gibt es kein solches Angebot. Wir Eltern "
                "wollen ein inklusives Wohnprojekt selbst tragen (Verein und Genossenschaft)."
            ),
            "groups": ["disabilities", "families"],
            "author": lead,
            "show_name": True,
            "age": 160,
            "lat": Decimal("51.548600"),
            "lon": Decimal("7.478300"),
        },
    )
    leisure = _need(
        quarter,
        areas,
        {
            "title": "Inklusive Freizeitangebote für junge Erwachsene",
            "area": "sport-freizeit",
            "description": "Nach der Schule endet für junge Menschen mit Behinderung fast jedes Freizeitangebot.",
            "groups": ["disabilities", "children_youth"],
            "author": people[4],
            "age": 110,
        },
    )
    finance = _need(
        quarter,
        areas,
        {
            "title": "Beratung: Wie finanzieren wir Genossenschaftsanteile?",
            "area": "beratung-soziales",
            "description": (
                "Viele Betroffene haben kein Kapital für Genossenschaftsanteile. Wir brauchen Beratung zu "
                "Spenden, Stiftungen und Förderprogrammen."
            ),
            "groups": ["disabilities", "low_income"],
            "author": resident2,
            "age": 70,
        },
    )
    childcare = _need(
        quarter,
        areas,
        {
            "title": "Kita-Plätze in Fußnähe",
            "area": "bildung-betreuung",
            "description": "Junge Familien finden keinen Kita-Platz im Stadtteil und pendeln quer durch die Stadt.",
            "groups": ["families", "children_youth"],
            "author": people[10],
            "age": 130,
        },
    )
    advice = _need(
        quarter,
        areas,
        {
            "title": "Sozialberatung in mehreren Sprachen",
            "area": "beratung-soziales",
            "description": "Beratung zu Anträgen und Behördenpost, auch auf Türkisch, Arabisch und Bulgarisch.",
            "groups": ["migration", "low_income"],
            "source": Need.Source.DOOR_TO_DOOR,
            "author": demo.users["coordinator"],
            "age": 60,
        },
    )
    _supports(housing, people, 29, rng, 150)
    _supports(leisure, people, 12, rng, 100)
    _supports(finance, people, 9, rng, 60)
    _supports(childcare, people, 15, rng, 120)
    _supports(advice, people, 10, rng, 55)
    for person in (resident2, demo.users["resident"]):
        Support.objects.get_or_create(need=housing, user=person)
    _comment(
        housing,
        lead,
        "Wir haben einen Verein gegründet und bereiten eine Genossenschaft vor. Wer kennt Spenderinnen und Spender?",
    )
    _comment(housing, people[8], "Mein Bruder wäre einer der ersten Bewohner. Wir unterstützen das!", show_name=False)

    _supply(
        Offer,
        quarter,
        {"name": "Wohnheim für Menschen mit Behinderung (Nachbarbezirk)"},
        service_area=areas["wohnen"],
        operator="Freier Träger",
        status=Offer.Status.CLOSED,
        description="Stationär, weit entfernt, keine freien Plätze – kein ambulantes Angebot im Stadtteil.",
    )
    _supply(
        Offer,
        quarter,
        {"name": "Familienzentrum Eving"},
        service_area=areas["bildung-betreuung"],
        status=Offer.Status.ACTIVE,
    )
    _supply(
        Offer,
        quarter,
        {"name": "Kita Grüningsweg"},
        service_area=areas["bildung-betreuung"],
        status=Offer.Status.ACTIVE,
    )
    _supply(
        Offer, quarter, {"name": "Jugendtreff Lindenhorst"}, service_area=areas["begegnung-kultur"], status="active"
    )
    _supply(Offer, quarter, {"name": "Stadtbahn U41"}, service_area=areas["mobilitaet"], status="active")
    _supply(
        Offer, quarter, {"name": "Ärztehaus Evinger Platz"}, service_area=areas["gesundheit-pflege"], status="active"
    )
    _supply(Offer, quarter, {"name": "Supermarkt Evinger Straße"}, service_area=areas["nahversorgung"], status="active")
    _supply(Offer, quarter, {"name": "Sportverein Eving 09"}, service_area=areas["sport-freizeit"], status="active")
    _supply(
        Potential,
        quarter,
        {"title": "Elterninitiative Inklusives Wohnen Eving e.V."},
        kind=Potential.Kind.ACTOR,
        service_area=areas["wohnen"],
        description="Zwölf Familien, Verein gegründet, Genossenschaft in Vorbereitung.",
    )
    _supply(
        Potential,
        quarter,
        {"title": "Wohnungsgenossenschaft im Stadtbezirk (Demo)"},
        kind=Potential.Kind.ACTOR,
        service_area=areas["wohnen"],
        description="Bereit, ein Haus für ein inklusives Wohnprojekt zu planen, wenn die Finanzierung steht.",
    )
    _supply(
        Potential,
        quarter,
        {"title": "Leerstehendes Wohnhaus an der Deutschen Straße"},
        kind=Potential.Kind.BUILDING,
        service_area=areas["wohnen"],
        address="Deutsche Straße 40, 44339 Dortmund",
        floor_area=620,
        owner_type=Potential.OwnerType.HOUSING_COMPANY,
        building_status=Potential.BuildingStatus.VACANT,
        description="Acht Wohnungen, sanierungsbedürftig, gut an die Stadtbahn angebunden.",
        latitude=Decimal("51.547800"),
        longitude=Decimal("7.476200"),
    )
    _supply(
        Potential,
        quarter,
        {"title": "Eltern begleiten Freizeit und Alltag"},
        kind=Potential.Kind.SKILL,
        service_area=areas["sport-freizeit"],
        hours_per_month=40,
        description="Die Familien der Initiative bieten zusammen Zeit für Begleitung und Fahrdienste.",
    )
    _supply(
        Potential,
        quarter,
        {"title": "Spendenaufruf für Genossenschaftsanteile"},
        kind=Potential.Kind.FUND,
        service_area=areas["wohnen"],
        amount=Decimal("8500.00"),
        description="Bisher zugesagte Spenden, damit auch Bewohner ohne Kapital Anteile zeichnen können.",
    )
    return quarter
