"""Marten: no meeting place since the community centre closed, an empty bank branch on the market square."""

from decimal import Decimal

from ..models import Need, Offer, Potential, Review, Support
from .common import _story

# Authors: a demo account's key or a neighbour's index (see common._who); supports: (neighbours, within days).
NEEDS = {
    "meeting_place": {
        "title": "Ein Treffpunkt für alle Generationen",
        "area": "begegnung-kultur",
        "description": (
            "Seit das Bürgerhaus geschlossen hat, gibt es in Marten keinen Raum mehr, in dem sich Nachbarinnen "
            "und Nachbarn ohne Verzehrzwang treffen können. Seniorengruppe, Krabbelgruppe und Sprachcafé "
            "suchen jede Woche nach einem Raum."
        ),
        "groups": ["seniors", "families", "migration", "everyone"],
        "author": "resident",
        "show_name": True,
        "age": 150,
        "lat": Decimal("51.516400"),
        "lon": Decimal("7.396100"),
        "supports": (27, 140),
    },
    "lunch": {
        "title": "Mittagstisch für ältere Menschen",
        "area": "gesundheit-pflege",
        "description": (
            "Viele Ältere leben allein und kochen nicht mehr für sich. Ein gemeinsamer Mittagstisch zwei- bis "
            "dreimal pro Woche wäre Versorgung und Begegnung zugleich."
        ),
        "groups": ["seniors", "living_alone"],
        "author": 2,
        "age": 120,
        "supports": (16, 110),
    },
    "bank": {
        "title": "Die alte Sparkasse als Quartiersraum nutzen",
        "area": "begegnung-kultur",
        "description": "Die Filiale am Marktplatz steht leer. Dort könnte ein Treffpunkt entstehen.",
        "groups": ["everyone"],
        "author": 5,
        "age": 90,
    },
    "shopping": {
        "title": "Fahrdienst zum Einkaufen und zum Arzt",
        "area": "mobilitaet",
        "description": "Der Bus fährt nur stündlich und nicht bis zum Ärztehaus. Ein ehrenamtlicher Fahrdienst fehlt.",
        "groups": ["seniors", "disabilities"],
        "author": 9,
        "age": 100,
        "supports": (11, 90),
    },
    "digital": {
        "title": "Hilfe bei Smartphone und Online-Terminen",
        "area": "digitale-teilhabe",
        "description": "Termine beim Bürgeramt und beim Arzt gibt es oft nur noch online. Wer hilft dabei?",
        "groups": ["seniors"],
        "source": Need.Source.WORKSHOP,
        "author": "coordinator",
        "age": 80,
        "supports": (8, 70),
    },
    "bakery": {
        "title": "Der letzte Bäcker am Marktplatz schließt",
        "area": "nahversorgung",
        "description": "Ende des Jahres schließt die Bäckerei. Dann gibt es im Ortskern kein Brot mehr zu Fuß.",
        "groups": ["seniors", "families"],
        "author": 12,
        "age": 40,
        "supports": (13, 35),
    },
    "benches": {
        "title": "Mehr Bänke auf dem Weg zum Volksgarten",
        "area": "sport-freizeit",
        "description": "Für Ältere ist der Weg zum Park ohne Pause zu weit. Zwei, drei Bänke würden helfen.",
        "groups": ["seniors"],
        "author": 15,
        "status": Need.Status.SUBMITTED,
        "age": 3,
    },
    "parking": {
        "title": "Anwohnerparken in der Bärenbruchstraße",
        "area": "mobilitaet",
        "description": "Abends findet man keinen Parkplatz mehr.",
        "author": 20,
        "status": Need.Status.REJECTED,
        "rejection_reason": (
            "Parkregelungen sind Sache der Verkehrsplanung. Wir haben Ihr Anliegen an die Bezirksvertretung "
            "Lütgendortmund weitergegeben."
        ),
        "age": 30,
    },
}

COMMENTS = [
    (
        "meeting_place",
        "marten_lead",
        True,
        "Wir sammeln als Quartiersinitiative gerade Ideen für einen „Multifunktionalen Raum“. Wer macht mit?",
    ),
    ("meeting_place", 3, True, "Die Krabbelgruppe wäre sofort dabei – wir treffen uns bisher im Flur der Kita."),
    ("lunch", 7, False, "Ich koche gern einmal in der Woche mit, wenn es eine Küche gibt."),
]

OFFERS = [
    {
        "name": "Seniorentreff der Kirchengemeinde",
        "area": "begegnung-kultur",
        "operator": "Ev. Kirchengemeinde Marten",
        "address": "Kirchplatz 2, 44379 Dortmund",
        "status": Offer.Status.AT_RISK,
        "description": "Nur dienstags nachmittags; der Gemeindesaal soll verkauft werden.",
    },
    {
        "name": "Hausarztpraxis am Marktplatz",
        "area": "gesundheit-pflege",
        "operator": "Gemeinschaftspraxis",
        "status": Offer.Status.ACTIVE,
        "latitude": Decimal("51.516900"),
        "longitude": Decimal("7.395200"),
    },
    {
        "name": "Ambulanter Pflegedienst",
        "area": "gesundheit-pflege",
        "operator": "Pflegedienst im Westen GmbH",
        "status": Offer.Status.ACTIVE,
    },
    {
        "name": "Bäckerei am Marktplatz",
        "area": "nahversorgung",
        "operator": "Familienbetrieb",
        "status": Offer.Status.AT_RISK,
        "description": "Schließt zum Jahresende.",
    },
    {"name": "Supermarkt Martener Straße", "area": "nahversorgung", "status": Offer.Status.ACTIVE},
    {
        "name": "Buslinie 462",
        "area": "mobilitaet",
        "operator": "Verkehrsbetrieb",
        "status": Offer.Status.ACTIVE,
        "description": "Stündlich, nicht bis zum Ärztehaus.",
    },
    {"name": "Offener Ganztag der Grundschule", "area": "bildung-betreuung", "status": Offer.Status.ACTIVE},
    {"name": "Sportverein Marten 1910", "area": "sport-freizeit", "status": Offer.Status.ACTIVE},
]

POTENTIALS = [
    {
        "title": "Ehemalige Sparkassenfiliale am Marktplatz",
        "kind": Potential.Kind.BUILDING,
        "area": "begegnung-kultur",
        "address": "Marktplatz 5, 44379 Dortmund",
        "floor_area": 240,
        "owner_type": Potential.OwnerType.PRIVATE,
        "building_status": Potential.BuildingStatus.VACANT,
        "description": "Ebenerdig, mit Teeküche und WC; seit zwei Jahren leer. Der Eigentümer ist gesprächsbereit.",
        "latitude": Decimal("51.516200"),
        "longitude": Decimal("7.396600"),
    },
    {
        "title": "Gemeindesaal der Kirchengemeinde",
        "kind": Potential.Kind.BUILDING,
        "area": "begegnung-kultur",
        "address": "Kirchplatz 2, 44379 Dortmund",
        "floor_area": 160,
        "owner_type": Potential.OwnerType.CHURCH,
        "building_status": Potential.BuildingStatus.PARTLY_USED,
        "description": "Nur dienstags genutzt; Verkauf geplant.",
    },
    {
        "title": "Kochen für einen Mittagstisch",
        "kind": Potential.Kind.SKILL,
        "area": "gesundheit-pflege",
        "hours_per_month": 12,
        "description": "Drei Nachbarinnen würden abwechselnd für einen Mittagstisch kochen.",
    },
    {
        "title": "Quartiersinitiative Marten",
        "kind": Potential.Kind.ACTOR,
        "description": "Engagierte Bewohnerinnen und Bewohner, die den „Multifunktionalen Raum“ entwickeln.",
    },
    {
        "title": "Verfügungsfonds Stadterneuerung",
        "kind": Potential.Kind.FUND,
        "amount": Decimal("15000.00"),
        "description": "Für kleine Projekte im Quartier, über den Quartiersbeirat.",
    },
    {
        "title": "Gebetsraum der Moscheegemeinde am Wochenende",
        "kind": Potential.Kind.BUILDING,
        "building_status": Potential.BuildingStatus.PARTLY_USED,
        "owner_type": Potential.OwnerType.ASSOCIATION,
        "review": Review.SUGGESTED,
        "suggested_by": 1,
        "description": "Der Vorraum ist samstags frei und könnte für Nachbarschaftstreffen genutzt werden.",
    },
]


def _marten(demo, areas, people, rng):
    quarter = demo.quarters["dortmund-marten"]
    needs = _story(
        demo, quarter, areas, people, rng, needs=NEEDS, comments=COMMENTS, offers=OFFERS, potentials=POTENTIALS
    )
    meeting_place, bank = needs["meeting_place"], needs["bank"]
    for person in (demo.users["resident"], demo.users["marten_lead"]):
        Support.objects.get_or_create(need=meeting_place, user=person)
    if bank.status != Need.Status.MERGED:
        # Merged into the meeting place: its supports moved along (one per person), as need_merge does.
        already = set(meeting_place.supports.values_list("user_id", flat=True))
        for person in rng.sample(people, 6):
            if person.pk not in already:
                Support.objects.get_or_create(need=meeting_place, user=person)
        Need.objects.filter(pk=bank.pk).update(status=Need.Status.MERGED, merged_into=meeting_place)
    return quarter
