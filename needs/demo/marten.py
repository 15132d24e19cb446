"""Marten: no meeting place since the community centre closed, an empty bank branch on the market square."""

from decimal import Decimal

from ..models import (
    Need,
    Offer,
    Potential,
    Review,
    Support,
)
from .common import _comment, _need, _supply, _supports


def _marten(demo, areas, people, rng):
    quarter = demo.quarters["dortmund-marten"]
    resident = demo.users["resident"]
    lead = demo.users["marten_lead"]
    coordinator = demo.users["coordinator"]
    meeting_place = _need(
        quarter,
        areas,
        {
            "title": "Ein Treffpunkt für alle Generationen",
            "area": "begegnung-kultur",
            "description": (
                "Seit das Bürgerhaus geschlossen hat, gibt es in Marten keinen Raum mehr, in dem sich Nachbarinnen "
                "und Nachbarn ohne Verzehrzwang treffen können. Seniorengruppe, Krabbelgruppe und Sprachcafé "
                "suchen jede Woche nach einem Raum."
            ),
            "groups": ["seniors", "families", "migration", "everyone"],
            "author": resident,
            "show_name": True,
            "age": 150,
            "lat": Decimal("51.516400"),
            "lon": Decimal("7.396100"),
        },
    )
    lunch = _need(
        quarter,
        areas,
        {
            "title": "Mittagstisch für ältere Menschen",
            "area": "gesundheit-pflege",
            "description": (
                "Viele Ältere leben allein und kochen nicht mehr für sich. Ein gemeinsamer Mittagstisch zwei- bis "
                "dreimal pro Woche wäre Versorgung und Begegnung zugleich."
            ),
            "groups": ["seniors", "living_alone"],
            "author": people[2],
            "age": 120,
        },
    )
    bank = _need(
        quarter,
        areas,
        {
            "title": "Die alte Sparkasse als Quartiersraum nutzen",
            "area": "begegnung-kultur",
            "description": "Die Filiale am Marktplatz steht leer. Dort könnte ein Treffpunkt entstehen.",
            "groups": ["everyone"],
            "author": people[5],
            "age": 90,
        },
    )
    shopping = _need(
        quarter,
        areas,
        {
            "title": "Fahrdienst zum Einkaufen und zum Arzt",
            "area": "mobilitaet",
            "description": (
                "Der Bus fährt nur stündlich und nicht bis zum Ärztehaus. Ein ehrenamtlicher Fahrdienst fehlt."
            ),
            "groups": ["seniors", "disabilities"],
            "author": people[9],
            "age": 100,
        },
    )
    digital = _need(
        quarter,
        areas,
        {
            "title": "Hilfe bei Smartphone und Online-Terminen",
            "area": "digitale-teilhabe",
            "description": "Termine beim Bürgeramt und beim Arzt gibt es oft nur noch online. Wer hilft dabei?",
            "groups": ["seniors"],
            "source": Need.Source.WORKSHOP,
            "author": coordinator,
            "age": 80,
        },
    )
    bakery = _need(
        quarter,
        areas,
        {
            "title": "Der letzte Bäcker am Marktplatz schließt",
            "area": "nahversorgung",
            "description": "Ende des Jahres schließt die Bäckerei. Dann gibt es im Ortskern kein Brot mehr zu Fuß.",
            "groups": ["seniors", "families"],
            "author": people[12],
            "age": 40,
        },
    )
    _need(
        quarter,
        areas,
        {
            "title": "Mehr Bänke auf dem Weg zum Volksgarten",
            "area": "sport-freizeit",
            "description": "Für Ältere ist der Weg zum Park ohne Pause zu weit. Zwei, drei Bänke würden helfen.",
            "groups": ["seniors"],
            "author": people[15],
            "status": Need.Status.SUBMITTED,
            "age": 3,
        },
    )
    _need(
        quarter,
        areas,
        {
            "title": "Anwohnerparken in der Bärenbruchstraße",
            "area": "mobilitaet",
            "description": "Abends findet man keinen Parkplatz mehr.",
            "author": people[20],
            "status": Need.Status.REJECTED,
            "rejection_reason": (
                "Parkregelungen sind Sache der Verkehrsplanung. Wir haben Ihr Anliegen an die Bezirksvertretung "
                "Lütgendortmund weitergegeben."
            ),
            "age": 30,
        },
    )
    _supports(meeting_place, people, 27, rng, 140)
    _supports(lunch, people, 16, rng, 110)
    _supports(shopping, people, 11, rng, 90)
    _supports(digital, people, 8, rng, 70)
    _supports(bakery, people, 13, rng, 35)
    for person in (resident, lead):
        Support.objects.get_or_create(need=meeting_place, user=person)
    if bank.status != Need.Status.MERGED:
        # Merged into the meeting place: its supports moved along (one per person), as need_merge does.
        already = set(meeting_place.supports.values_list("user_id", flat=True))
        for person in rng.sample(people, 6):
            if person.pk not in already:
                Support.objects.get_or_create(need=meeting_place, user=person)
        Need.objects.filter(pk=bank.pk).update(status=Need.Status.MERGED, merged_into=meeting_place)
    _comment(
        meeting_place,
        lead,
        "Wir sammeln als Quartiersinitiative gerade Ideen für einen „Multifunktionalen Raum“. Wer macht mit?",
    )
    _comment(meeting_place, people[3], "Die Krabbelgruppe wäre sofort dabei – wir treffen uns bisher im Flur der Kita.")
    _comment(lunch, people[7], "Ich koche gern einmal in der Woche mit, wenn es eine Küche gibt.", show_name=False)

    _supply(
        Offer,
        quarter,
        {"name": "Seniorentreff der Kirchengemeinde"},
        service_area=areas["begegnung-kultur"],
        operator="Ev. Kirchengemeinde Marten",
        address="Kirchplatz 2, 44379 Dortmund",
        status=Offer.Status.AT_RISK,
        description="Nur dienstags nachmittags; der Gemeindesaal soll verkauft werden.",
    )
    _supply(
        Offer,
        quarter,
        {"name": "Hausarztpraxis am Marktplatz"},
        service_area=areas["gesundheit-pflege"],
        operator="Gemeinschaftspraxis",
        status=Offer.Status.ACTIVE,
        latitude=Decimal("51.516900"),
        longitude=Decimal("7.395200"),
    )
    _supply(
        Offer,
        quarter,
        {"name": "Ambulanter Pflegedienst"},
        service_area=areas["gesundheit-pflege"],
        operator="Pflegedienst im Westen GmbH",
        status=Offer.Status.ACTIVE,
    )
    _supply(
        Offer,
        quarter,
        {"name": "Bäckerei am Marktplatz"},
        service_area=areas["nahversorgung"],
        operator="Familienbetrieb",
        status=Offer.Status.AT_RISK,
        description="Schließt zum Jahresende.",
    )
    _supply(
        Offer,
        quarter,
        {"name": "Supermarkt Martener Straße"},
        service_area=areas["nahversorgung"],
        status=Offer.Status.ACTIVE,
    )
    _supply(
        Offer,
        quarter,
        {"name": "Buslinie 462"},
        service_area=areas["mobilitaet"],
        operator="Verkehrsbetrieb",
        status=Offer.Status.ACTIVE,
        description="Stündlich, nicht bis zum Ärztehaus.",
    )
    _supply(
        Offer,
        quarter,
        {"name": "Offener Ganztag der Grundschule"},
        service_area=areas["bildung-betreuung"],
        status=Offer.Status.ACTIVE,
    )
    _supply(Offer, quarter, {"name": "Sportverein Marten 1910"}, service_area=areas["sport-freizeit"], status="active")
    _supply(
        Potential,
        quarter,
        {"title": "Ehemalige Sparkassenfiliale am Marktplatz"},
        kind=Potential.Kind.BUILDING,
        service_area=areas["begegnung-kultur"],
        address="Marktplatz 5, 44379 Dortmund",
        floor_area=240,
        owner_type=Potential.OwnerType.PRIVATE,
        building_status=Potential.BuildingStatus.VACANT,
        description="Ebenerdig, mit Teeküche und WC; seit zwei Jahren leer. Der Eigentümer ist gesprächsbereit.",
        latitude=Decimal("51.516200"),
        longitude=Decimal("7.396600"),
    )
    _supply(
        Potential,
        quarter,
        {"title": "Gemeindesaal der Kirchengemeinde"},
        kind=Potential.Kind.BUILDING,
        service_area=areas["begegnung-kultur"],
        address="Kirchplatz 2, 44379 Dortmund",
        floor_area=160,
        owner_type=Potential.OwnerType.CHURCH,
        building_status=Potential.BuildingStatus.PARTLY_USED,
        description="Nur dienstags genutzt; Verkauf geplant.",
    )
    _supply(
        Potential,
        quarter,
        {"title": "Kochen für einen Mittagstisch"},
        kind=Potential.Kind.SKILL,
        service_area=areas["gesundheit-pflege"],
        hours_per_month=12,
        description="Drei Nachbarinnen würden abwechselnd für einen Mittagstisch kochen.",
    )
    _supply(
        Potential,
        quarter,
        {"title": "Quartiersinitiative Marten"},
        kind=Potential.Kind.ACTOR,
        description="Engagierte Bewohnerinnen und Bewohner, die den „Multifunktionalen Raum“ entwickeln.",
    )
    _supply(
        Potential,
        quarter,
        {"title": "Verfügungsfonds Stadterneuerung"},
        kind=Potential.Kind.FUND,
        amount=Decimal("15000.00"),
        description="Für kleine Projekte im Quartier, über den Quartiersbeirat.",
    )
    _supply(
        Potential,
        quarter,
        {"title": "Gebetsraum der Moscheegemeinde am Wochenende"},
        kind=Potential.Kind.BUILDING,
        building_status=Potential.BuildingStatus.PARTLY_USED,
        owner_type=Potential.OwnerType.ASSOCIATION,
        review=Review.SUGGESTED,
        suggested_by=people[1],
        description="Der Vorraum ist samstags frei und könnte für Nachbarschaftstreffen genutzt werden.",
    )
    return quarter
