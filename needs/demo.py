"""Demo content of the needs assessment: Marten and Eving tell their stories in needs, supports, a survey,
offers and potentials (the seed's two examples). Invented for the demo; idempotent.

Marten: no meeting place since the community centre closed, an empty bank branch on the market square.
Eving: parents look for a self-run assisted-living project for their adult children with disabilities.
"""

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from accounts.models import User

from .models import (
    Answer,
    Choice,
    Comment,
    Need,
    Offer,
    Potential,
    Question,
    Response,
    Review,
    ServiceArea,
    Support,
    Survey,
    SurveyCode,
)
from .models.surveys import new_code
from .services import recount_supports
from .taxonomy import ensure_service_areas

NEIGHBOURS = [
    "Anna K.", "Mehmet Y.", "Brigitte S.", "Jan P.", "Fatma A.", "Heinz W.", "Olga M.", "Stefan B.", "Leyla D.",
    "Renate H.", "Tomasz K.", "Gül E.", "Marlies F.", "Ahmad R.", "Ursula L.", "Dirk N.", "Emine Ç.", "Paul G.",
    "Irina V.", "Karin Z.", "Yusuf T.", "Monika R.", "Sven O.", "Aleksandra W.", "Hans-Peter J.", "Nadia S.",
    "Elke M.", "Georgi I.", "Sabine T.", "Ömer K.",
]  # fmt: skip


def _neighbours(demo) -> list[User]:
    """About thirty residents whose supports and answers make the demo look lived-in (no login needed)."""
    people = []
    for number, name in enumerate(NEIGHBOURS, start=1):
        user, created = User.objects.get_or_create(
            email=f"nachbar{number:02d}@demo.kudequa.de", defaults={"display_name": name}
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        people.append(user)
    demo.users["neighbours"] = people
    return people


def _days_ago(days: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days)


def _need(quarter, areas, data) -> Need:
    need, created = Need.objects.get_or_create(
        quarter=quarter,
        title=data["title"],
        defaults={
            "service_area": areas[data["area"]],
            "description": data["description"],
            "affected_groups": data.get("groups", []),
            "author": data.get("author"),
            "show_name": data.get("show_name", False),
            "source": data.get("source", Need.Source.ONLINE),
            "status": data.get("status", Need.Status.PUBLISHED),
            "rejection_reason": data.get("rejection_reason", ""),
            "latitude": data.get("lat"),
            "longitude": data.get("lon"),
        },
    )
    if created:
        when = _days_ago(data.get("age", 60))
        published = when + datetime.timedelta(days=1) if need.status == Need.Status.PUBLISHED else None
        Need.objects.filter(pk=need.pk).update(created_at=when, published_at=published, moderated_at=published)
    return need


def _supports(need, people, count, rng, max_age):
    if need.supports.exists():
        return
    for person in rng.sample(people, min(count, len(people))):
        support = Support.objects.create(need=need, user=person)
        Support.objects.filter(pk=support.pk).update(created_at=_days_ago(rng.randint(1, max_age)))


def _comment(need, author, text, show_name=True):
    Comment.objects.get_or_create(need=need, text=text, defaults={"author": author, "show_name": show_name})


def _supply(model, quarter, lookup, **fields):
    fields.setdefault("review", Review.CONFIRMED)
    item, _created = model.objects.get_or_create(quarter=quarter, **lookup, defaults=fields)
    return item


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


SURVEY_TITLE = "Was braucht Ihr Quartier? Bedarfserhebung 2026"

# Importance and satisfaction the demo answers lean towards: (importance, satisfaction) per quarter and area.
LEANINGS = {
    "dortmund-marten": {
        "begegnung-kultur": (5, 1),
        "gesundheit-pflege": (5, 3),
        "mobilitaet": (4, 2),
        "nahversorgung": (5, 3),
        "digitale-teilhabe": (3, 2),
        "wohnen": (3, 4),
        "bildung-betreuung": (3, 4),
        "beratung-soziales": (3, 3),
        "sport-freizeit": (2, 4),
    },
    "dortmund-eving": {
        "wohnen": (5, 1),
        "beratung-soziales": (4, 2),
        "bildung-betreuung": (5, 3),
        "sport-freizeit": (4, 2),
        "begegnung-kultur": (3, 3),
        "gesundheit-pflege": (4, 4),
        "mobilitaet": (3, 4),
        "nahversorgung": (3, 4),
        "digitale-teilhabe": (3, 3),
    },
}
FREE_TEXTS = {
    "dortmund-marten": [
        "Ein Ort, an dem man sich einfach so treffen kann.",
        "Ein Mittagstisch und ein Raum für Kurse.",
        "Die alte Sparkasse sollte ein Bürgertreff werden.",
        "Mehr Angebote für Ältere, die allein leben.",
        "Ein Café ohne Konsumzwang.",
    ],
    "dortmund-eving": [
        "Wohnen mit Unterstützung für junge Erwachsene mit Behinderung.",
        "Mehr Kita-Plätze.",
        "Beratung in meiner Sprache.",
        "Freizeit für alle, auch mit Rollstuhl.",
        "Ein Wohnprojekt, das die Eltern mittragen können.",
    ],
}


def _survey(demo, areas, people, rng):
    dortmund = demo.municipalities["dortmund"]
    marten, eving = demo.quarters["dortmund-marten"], demo.quarters["dortmund-eving"]
    survey = Survey.objects.filter(municipality=dortmund, title__de=SURVEY_TITLE).first()
    if survey is None:
        survey = Survey.objects.create(
            municipality=dortmund,
            title={"de": SURVEY_TITLE, "en": "What does your quarter need? Needs survey 2026"},
            intro={
                "de": "Die Stadt Dortmund möchte wissen, was in Marten und Eving fehlt. Die Antworten sind anonym.",
                "en": "The City of Dortmund wants to know what Marten and Eving lack. The answers are anonymous.",
            },
            opens_at=_days_ago(30),
            closes_at=timezone.now() + datetime.timedelta(days=30),
            status=Survey.Status.PUBLISHED,
            published_at=_days_ago(30),
            created_by=demo.users["coordinator"],
        )
        survey.quarters.set([marten, eving])
        Question.objects.create(
            survey=survey,
            position=1,
            kind=Question.Kind.GRID,
            required=True,
            text={
                "de": "Wie wichtig sind Ihnen diese Bereiche, und wie zufrieden sind Sie damit in Ihrem Quartier?",
                "en": "How important are these areas to you, and how satisfied are you with them in your quarter?",
            },
        )
        duration = Question.objects.create(
            survey=survey,
            position=2,
            kind=Question.Kind.SINGLE,
            text={"de": "Wie lange wohnen Sie schon im Quartier?", "en": "How long have you lived in the quarter?"},
        )
        for position, (de, en) in enumerate(
            [("Weniger als 2 Jahre", "Less than 2 years"), ("2 bis 10 Jahre", "2 to 10 years"), ("Länger", "Longer")],
            start=1,
        ):
            Choice.objects.create(question=duration, position=position, text={"de": de, "en": en})
        contribution = Question.objects.create(
            survey=survey,
            position=3,
            kind=Question.Kind.MULTIPLE,
            text={"de": "Was würden Sie selbst einbringen?", "en": "What would you contribute yourself?"},
        )
        for position, (de, en) in enumerate(
            [
                ("Zeit für Nachbarschaftshilfe", "Time for neighbourly help"),
                ("Fachwissen", "Expertise"),
                ("Geld, z. B. Genossenschaftsanteile", "Money, e.g. cooperative shares"),
                ("Räume", "Rooms"),
            ],
            start=1,
        ):
            Choice.objects.create(question=contribution, position=position, text={"de": de, "en": en})
        Question.objects.create(
            survey=survey,
            position=4,
            kind=Question.Kind.TEXT,
            text={"de": "Was fehlt Ihnen im Quartier am meisten?", "en": "What do you miss most in your quarter?"},
        )
    if not survey.codes.exists():
        SurveyCode.objects.bulk_create(
            SurveyCode(survey=survey, code=new_code(), quarter=quarter)
            for quarter in (marten, eving)
            for _ in range(15)
        )
    if not survey.responses.exists():
        _answers(survey, areas, people, rng, {"dortmund-marten": marten, "dortmund-eving": eving})
    return survey


def _answers(survey, areas, people, rng, quarters):
    questions = {question.kind: question for question in survey.questions.all()}
    grid, single, multiple, text = (questions[kind] for kind in ("grid", "single", "multiple", "text"))
    singles, multiples = list(single.choices.all()), list(multiple.choices.all())
    respondents = iter(people)
    for slug, quarter in quarters.items():
        codes = iter(survey.codes.filter(quarter=quarter, used_at__isnull=True))
        texts = iter(FREE_TEXTS[slug])
        for index in range(18):
            paper = index % 4 == 3  # every fourth answer came on paper, typed in with its code
            code = next(codes) if paper else None
            if code is not None:
                SurveyCode.objects.filter(pk=code.pk).update(used_at=timezone.now())
            response = Response.objects.create(
                survey=survey,
                quarter=quarter,
                user=None if paper or index % 3 == 0 else next(respondents, None),
                code=code,
                channel=Response.Channel.PAPER if paper else Response.Channel.ONLINE,
                entered_by=None,
                submitted_on=timezone.localdate() - datetime.timedelta(days=rng.randint(0, 28)),
            )
            rows = []
            for area_slug, (importance, satisfaction) in LEANINGS[slug].items():
                rows.append(
                    Answer(
                        response=response,
                        question=grid,
                        service_area=areas[area_slug],
                        importance=max(1, min(5, importance + rng.choice([-1, 0, 0, 0, 1]))),
                        satisfaction=max(1, min(5, satisfaction + rng.choice([-1, 0, 0, 0, 1]))),
                    )
                )
            rows.append(Answer(response=response, question=single, choice=rng.choice(singles)))
            for choice in rng.sample(multiples, rng.randint(1, 2)):
                rows.append(Answer(response=response, question=multiple, choice=choice))
            free_text = next(texts, None)
            if free_text:
                rows.append(Answer(response=response, question=text, text=free_text))
            Answer.objects.bulk_create(rows)


def seed(demo):
    rng = random.Random(2020)  # the year of the seed's conference: the same demo every time
    ensure_service_areas()
    areas = {area.slug: area for area in ServiceArea.objects.all()}
    people = _neighbours(demo)
    _marten(demo, areas, people, rng)
    _eving(demo, areas, people, rng)
    _survey(demo, areas, people, rng)
    recount_supports()  # the demo writes supports directly (with their dates); count them once
    demo.log.append(f"Needs assessment: {Need.objects.count()} needs, {Support.objects.count()} supports.")
