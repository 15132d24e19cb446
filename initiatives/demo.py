"""Demo initiatives: the "Multifunktionaler Raum" in Marten (carried by the city's quarter coordinator) and the
Eving parents' initiative for inclusive assisted living (an e.V. founding an eG). The people, amounts and
dates are invented for the demo.

Runs after needs and financing (INSTALLED_APPS order), so the quarters' needs and the legal forms exist when
those apps seeded them; without them the initiatives are created all the same, just without those links.
"""

import datetime
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.utils import timezone

from accounts.models import User
from common.demo import DEMO_PASSWORD
from financing.choices import Stage
from financing.models import InstrumentType, LegalForm, Programme
from needs.models import Need, Potential, ServiceArea

from . import services
from .models import (
    Actor,
    ConceptLineItem,
    FinancingLine,
    HelpOffer,
    Initiative,
    InitiativeActor,
    InitiativeLink,
    Membership,
    Milestone,
    Motive,
    Pledge,
)

ONE_OFF, ANNUAL_COST, REVENUE = (
    ConceptLineItem.Category.ONE_OFF_COST,
    ConceptLineItem.Category.ANNUAL_COST,
    ConceptLineItem.Category.ANNUAL_REVENUE,
)


def _person(demo, key, email, name):
    """A demo supporter: signs in with the demo password, but is not listed among the role accounts."""
    user, created = User.objects.get_or_create(email=email, defaults={"display_name": name})
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    demo.users[key] = user
    return user


def _needs_of(quarter, area_slugs, limit=3):
    """Published needs of the quarter, those of the given service areas first."""
    needs = list(Need.objects.filter(quarter=quarter, status=Need.Status.PUBLISHED, hidden=False))
    needs.sort(key=lambda need: (need.service_area.slug not in area_slugs, need.pk))
    return needs[:limit]


def _actor(municipality, name, kind, website=""):
    actor, _ = Actor.objects.get_or_create(
        municipality=municipality, name=name, defaults={"kind": kind, "website": website}
    )
    return actor


def _team(initiative, members):
    for user, role in members:
        Membership.objects.get_or_create(initiative=initiative, user=user, defaults={"role": role})


def _concept(initiative, *, sections, hours, items, milestones, by):
    concept = initiative.concept
    ConceptLineItem.objects.bulk_create(
        ConceptLineItem(concept=concept, category=category, label=label, amount=Decimal(amount), position=position)
        for position, (category, label, amount) in enumerate(items)
    )
    Milestone.objects.bulk_create(
        Milestone(concept=concept, title=title, due_on=due_on, done=done) for title, due_on, done in milestones
    )
    services.concept_update(concept=concept, data={**sections, "volunteer_hours_needed": hours}, by=by)


def _register(*, name, quarter, short_description, by, steps, coordinator):
    initiative = services.initiative_create(name=name, quarters=[quarter], short_description=short_description, by=by)
    for step, data in steps.items():
        services.initiative_update(initiative=initiative, step=step, data=data, by=by)
    services.initiative_submit(initiative=initiative, by=by)
    services.initiative_decide(
        initiative=initiative, decision="publish", by=coordinator, reason="Vielen Dank, gern veröffentlicht."
    )
    initiative.refresh_from_db()
    return initiative


def _areas(*slugs):
    return list(ServiceArea.objects.filter(slug__in=slugs))


def seed_marten(demo):
    quarter = demo.quarters["dortmund-marten"]
    if Initiative.objects.filter(name="Multifunktionaler Raum Marten", quarters=quarter).exists():
        return
    lead, coordinator = demo.users["marten_lead"], demo.users["coordinator"]
    municipality = quarter.municipality
    buildings = Potential.objects.filter(quarter=quarter, kind=Potential.Kind.BUILDING).order_by("pk")
    building = buildings.filter(title__icontains="Sparkasse").first() or buildings.first()
    initiative = _register(
        name="Multifunktionaler Raum Marten",
        quarter=quarter,
        short_description=(
            "Ein Raum für alle im Quartier: Treffpunkt, kleiner Laden, Beratung und Kultur unter einem Dach – "
            "gemeinsam mit den Bewohnerinnen und Bewohnern entwickelt."
        ),
        by=lead,
        coordinator=coordinator,
        steps={
            1: {
                "name": "Multifunktionaler Raum Marten",
                "quarters": [quarter],
                "short_description": (
                    "Ein Raum für alle im Quartier: Treffpunkt, kleiner Laden, Beratung und Kultur unter einem "
                    "Dach – gemeinsam mit den Bewohnerinnen und Bewohnern entwickelt."
                ),
                "description": (
                    "In Marten fehlen Orte der Begegnung, seit Sparkasse, Bäckerei und Jugendtreff geschlossen "
                    "haben. In Werkstätten mit Bewohnerinnen und Bewohnern ist das Konzept eines "
                    "multifunktionalen Raums entstanden: vormittags Café und Nahversorgung mit regionalen "
                    "Produkten, nachmittags Beratung und Hausaufgabenhilfe, abends Kultur und Vereinsleben.\n\n"
                    "Die Wirtschaftsförderung hat das Konzept aufgenommen. Weil sich noch kein Träger gefunden "
                    "hat, trägt die Stadt das Vorhaben vorerst mit einer Quartierskoordinatorin."
                ),
                "target_groups": ["seniors", "families", "migration", "everyone"],
                "target_groups_note": "Ältere Menschen, Familien, Menschen mit Migrationsgeschichte",
                "contact_person": "Quartierskoordination Marten",
                "contact_email": "marten@demo.kudequa.de",
                "contact_phone": "",
                "website": "",
            },
            2: {
                "motives": [Motive.SUPPLY_GAP, Motive.BUILDING, Motive.COMMUNITY],
                "answered_needs": _needs_of(quarter, {"begegnung-kultur", "nahversorgung", "gesundheit-pflege"}),
                "service_areas": _areas("begegnung-kultur", "nahversorgung", "beratung-soziales"),
            },
            3: {"legal_form": None, "stage": Stage.CONCEPT},
            4: {
                "space": ("Ehemalige Sparkassenfiliale am Marktplatz, rund 240 m² ebenerdig, mit Teeküche und WC."),
                "building": building,
                "capital_need": Decimal("63000.00"),
                "own_funds": Decimal("3000.00"),
                "volunteer_hours_per_month": 40,
            },
        },
    )
    core = _person(demo, "marten_core", "marten-kern@demo.kudequa.de", "Hans-Jürgen Kowalski")
    supporters = [
        _person(demo, "marten_supporter1", "marten-unterstuetzer1@demo.kudequa.de", "Elif Yılmaz"),
        _person(demo, "marten_supporter2", "marten-unterstuetzer2@demo.kudequa.de", "Gisela Brandt"),
        _person(demo, "marten_supporter3", "marten-unterstuetzer3@demo.kudequa.de", "Tomasz Nowak"),
    ]
    _team(
        initiative,
        [(core, Membership.Role.CORE)] + [(user, Membership.Role.SUPPORTER) for user in supporters],
    )
    HelpOffer.objects.get_or_create(
        initiative=initiative,
        user=supporters[0],
        defaults={
            "skills": "Café-Betrieb, Backen, Türkisch und Deutsch",
            "hours_per_month": 12,
            "contact": "über die Plattform",
            "status": HelpOffer.Status.ACCEPTED,
            "decided_by": lead,
        },
    )
    HelpOffer.objects.get_or_create(
        initiative=initiative,
        user=demo.users["resident"],
        defaults={"skills": "Buchhaltung, Kassenführung", "hours_per_month": 6, "contact": "per E-Mail"},
    )
    Pledge.objects.bulk_create(
        [
            Pledge(initiative=initiative, user=supporters[1], kind=Pledge.Kind.HOURS, hours_per_month=8),
            Pledge(initiative=initiative, user=supporters[2], kind=Pledge.Kind.HOURS, hours_per_month=10),
            Pledge(initiative=initiative, user=supporters[1], kind=Pledge.Kind.DONATION, amount=Decimal("250.00")),
            Pledge(
                initiative=initiative,
                pledger_name="Kirchengemeinde Marten (Demo)",
                kind=Pledge.Kind.ROOM,
                room="Gemeindesaal dienstags und donnerstags, bis der Raum fertig ist",
            ),
            Pledge(
                initiative=initiative,
                pledger_name="Bürgerstiftung (Demo)",
                kind=Pledge.Kind.DONATION,
                amount=Decimal("5000.00"),
            ),
        ]
    )
    _concept(
        initiative,
        sections={
            "need_and_evidence": (
                "Bedarfserhebung 2025 mit Befragung und zwei Quartierswerkstätten: Es fehlen Treffpunkte, "
                "ein Ort für kleine Einkäufe und wohnortnahe Beratung. Die Bedarfe im Quartier finden viel "
                "Unterstützung."
            ),
            "offer": (
                "Café mit Mittagstisch an drei Tagen\nKleiner Laden mit Waren des täglichen Bedarfs\n"
                "Sprechstunden von Sozialberatung und Seniorenbüro\nRaum für Vereine, Kurse und Kultur"
            ),
            "target_groups": "Ältere Menschen, Familien, Menschen mit Migrationsgeschichte, Vereine im Quartier.",
            "space_and_location": (
                "Ehemalige Sparkassenfiliale am Marktplatz, zentral und ebenerdig; der Eigentümer ist bereit zu "
                "einer günstigen Miete für zunächst fünf Jahre."
            ),
            "operating_model": (
                "Vorerst trägt die Stadt das Vorhaben mit einer Quartierskoordinatorin. Ziel ist ein "
                "Trägerverein aus dem Quartier, der den Betrieb übernimmt; geprüft werden e.V. und eG."
            ),
            "partners": (
                "Wirtschaftsförderung Dortmund (Konzept, Förderzugänge), Wohlfahrtsverband (Beratung vor Ort), "
                "Kirchengemeinde (Räume in der Übergangszeit)."
            ),
            "volunteer_activation": (
                "Ein kleiner Kern trägt, viele helfen punktuell: Schichtplan für Café und Laden, "
                "Qualifizierung der Ehrenamtlichen zu Hygiene, Kasse und Vereinsrecht."
            ),
        },
        hours=120,
        items=[
            (ONE_OFF, "Umbau und Renovierung", "45000"),
            (ONE_OFF, "Küchen- und Ladenausstattung", "18000"),
            (ANNUAL_COST, "Miete", "9600"),
            (ANNUAL_COST, "Nebenkosten und Versicherungen", "3600"),
            (ANNUAL_COST, "Wareneinsatz Café und Laden", "12000"),
            (REVENUE, "Café und Laden", "16500"),
            (REVENUE, "Raumvermietung an Vereine und Kurse", "4800"),
            (REVENUE, "Zuschuss Quartiersfonds", "5000"),
        ],
        milestones=[
            ("Quartierswerkstatt zum Konzept", datetime.date(2025, 9, 20), True),
            ("Mietvertrag unterschrieben", datetime.date(2026, 3, 31), False),
            ("Eröffnung", datetime.date(2026, 10, 1), False),
        ],
        by=lead,
    )
    services.concept_update(
        concept=initiative.concept,
        data={
            "partners": (
                "Wirtschaftsförderung Dortmund (hat das Konzept aufgenommen, Förderzugänge), Wohlfahrtsverband "
                "(Beratung vor Ort), Wohnungsgenossenschaft (mögliche Trägerin), Kirchengemeinde (Räume)."
            )
        },
        by=core,
    )
    for name, kind, role in [
        ("Wirtschaftsförderung Dortmund", Actor.Kind.ECONOMIC_DEVELOPMENT, InitiativeActor.Role.ADVISES),
        ("Wirtschaftsförderung Dortmund", Actor.Kind.ECONOMIC_DEVELOPMENT, InitiativeActor.Role.FUNDS),
        ("Wohlfahrtsverband Dortmund-West (Demo)", Actor.Kind.WELFARE, InitiativeActor.Role.PARTNER),
        ("Kirchengemeinde Marten (Demo)", Actor.Kind.CHURCH, InitiativeActor.Role.PROVIDES_SPACE),
    ]:
        InitiativeActor.objects.get_or_create(initiative=initiative, actor=_actor(municipality, name, kind), role=role)
    services.takeover_start(
        initiative=initiative,
        quarter_coordinator=coordinator,
        reason=(
            "Für das Konzept hat sich bisher kein Träger gefunden. Die Stadt setzt eine Quartierskoordinatorin "
            "ein, die den Raum aufbaut und einen Trägerverein aus dem Quartier gewinnt."
        ),
        review_on=timezone.localdate() + datetime.timedelta(days=180),
        by=coordinator,
    )
    demo.log.append("Initiative „Multifunktionaler Raum Marten“ (von der Stadt getragen) angelegt.")


def seed_eving(demo):
    quarter = demo.quarters["dortmund-eving"]
    name = "Elterninitiative Inklusives Wohnen Eving"
    if Initiative.objects.filter(name=name, quarters=quarter).exists():
        return
    lead, coordinator = demo.users["eving_lead"], demo.users["coordinator"]
    municipality = quarter.municipality
    short = (
        "Eltern schaffen ein selbstverantwortetes ambulantes Wohnprojekt für ihre erwachsenen Kinder mit "
        "Behinderung – mitten im Quartier, als Verein und Genossenschaft."
    )
    initiative = _register(
        name=name,
        quarter=quarter,
        short_description=short,
        by=lead,
        coordinator=coordinator,
        steps={
            1: {
                "name": name,
                "quarters": [quarter],
                "short_description": short,
                "description": (
                    "Unsere Kinder sind erwachsen und möchten selbstständig wohnen – mit der Unterstützung, die "
                    "sie brauchen, und nicht in einer Einrichtung am Stadtrand. Als Elternverein (e.V.) gründen "
                    "wir eine Wohnungsgenossenschaft (eG) für eine inklusive Hausgemeinschaft mit acht "
                    "Apartments und einer Gemeinschaftswohnung.\n\n"
                    "Viele Familien können keine Genossenschaftsanteile zeichnen. Deshalb suchen wir "
                    "Spenderinnen und Spender, Nachrangdarlehen und Partner, die Anteile für andere übernehmen."
                ),
                "target_groups": ["disabilities", "families"],
                "target_groups_note": "Erwachsene mit geistiger oder mehrfacher Behinderung und ihre Familien",
                "contact_person": "Elterninitiative Eving",
                "contact_email": "eving@demo.kudequa.de",
                "contact_phone": "",
                "website": "",
            },
            2: {
                "motives": [Motive.SUPPLY_GAP, Motive.BUILDING, Motive.COMMUNITY],
                "answered_needs": _needs_of(quarter, {"wohnen", "beratung-soziales", "sport-freizeit"}),
                "service_areas": _areas("wohnen", "gesundheit-pflege"),
            },
            3: {"legal_form": LegalForm.objects.filter(slug="eg").first(), "stage": Stage.FOUNDING},
            4: {
                "space": (
                    "Das leerstehende Wohnhaus an der Deutschen Straße mit acht Wohnungen soll saniert und umgebaut "
                    "werden; Gespräche mit einer Wohnungsgenossenschaft laufen."
                ),
                "building": Potential.objects.filter(quarter=quarter, kind=Potential.Kind.BUILDING)
                .order_by("pk")
                .first(),
                "capital_need": Decimal("180000.00"),
                "own_funds": Decimal("15000.00"),
                "volunteer_hours_per_month": 60,
            },
        },
    )
    parents = [
        _person(demo, "eving_core1", "eving-kern1@demo.kudequa.de", "Sabine Krüger"),
        _person(demo, "eving_core2", "eving-kern2@demo.kudequa.de", "Mehmet Aydın"),
    ]
    supporters = [
        _person(demo, f"eving_supporter{n}", f"eving-unterstuetzer{n}@demo.kudequa.de", name)
        for n, name in enumerate(["Ingrid Lange", "Yusuf Demir", "Katarzyna Wiśniewska", "Peter Schmitz"], start=1)
    ]
    _team(
        initiative,
        [(user, Membership.Role.CORE) for user in parents] + [(user, Membership.Role.SUPPORTER) for user in supporters],
    )
    share = Decimal("500.00")
    Pledge.objects.bulk_create(
        [
            Pledge(initiative=initiative, user=lead, kind=Pledge.Kind.SHARES, share_count=4, share_price=share),
            Pledge(initiative=initiative, user=parents[0], kind=Pledge.Kind.SHARES, share_count=2, share_price=share),
            Pledge(initiative=initiative, user=parents[1], kind=Pledge.Kind.SHARES, share_count=1, share_price=share),
            Pledge(initiative=initiative, user=supporters[0], kind=Pledge.Kind.LOAN, amount=Decimal("10000.00")),
            Pledge(initiative=initiative, user=supporters[1], kind=Pledge.Kind.HOURS, hours_per_month=6),
            Pledge(initiative=initiative, user=supporters[2], kind=Pledge.Kind.HOURS, hours_per_month=4),
            Pledge(
                initiative=initiative,
                pledger_name="Förderverein Lebenshilfe (Demo)",
                kind=Pledge.Kind.DONATION,
                amount=Decimal("20000.00"),
                note="Zweckgebunden für Anteile von Familien ohne Kapital",
            ),
            Pledge(
                initiative=initiative,
                pledger_name="Anonyme Spenderin",
                kind=Pledge.Kind.DONATION,
                amount=Decimal("5000.00"),
            ),
        ]
    )
    _concept(
        initiative,
        sections={
            "need_and_evidence": (
                "Im Dortmunder Norden gibt es kaum ambulante Wohnangebote für Erwachsene mit Behinderung; "
                "zwölf Familien aus Eving und Umgebung suchen einen Platz. Die Bedarfe zu Wohnen und Pflege im "
                "Quartier finden Unterstützung."
            ),
            "offer": (
                "Acht barrierefreie Apartments und eine Gemeinschaftswohnung; Assistenz durch einen "
                "ambulanten Dienst nach Wahl der Bewohnerinnen und Bewohner; offene Angebote für die "
                "Nachbarschaft im Gemeinschaftsraum."
            ),
            "target_groups": "Erwachsene mit Behinderung, ihre Familien, die Nachbarschaft.",
            "space_and_location": "Leerstehendes Wohnhaus an der Deutschen Straße, nahe der Stadtbahn.",
            "operating_model": (
                "Der Elternverein (e.V.) ist Initiator und gemeinnütziger Förderer. Die zu gründende eG baut "
                "oder erwirbt das Haus und vermietet an ihre Mitglieder. Assistenz und Pflege erbringt ein "
                "ambulanter Dienst."
            ),
            "partners": (
                "Wohnungsgenossenschaft (Bau und Verwaltung), Wohlfahrtsverband (Assistenz), "
                "Wirtschaftsförderung (Finanzierung und Förderprogramme)."
            ),
            "volunteer_activation": (
                "Eltern und Angehörige übernehmen Bauherrenvertretung, Öffentlichkeitsarbeit und das "
                "Gewinnen von Spenderinnen und Spendern."
            ),
        },
        hours=80,
        items=[
            (ONE_OFF, "Eigenkapitalanteil am Bau", "150000"),
            (ONE_OFF, "Gründung der eG, Prüfverband, Notar", "6000"),
            (ONE_OFF, "Ausstattung Gemeinschaftswohnung", "24000"),
            (ANNUAL_COST, "Miete an die Wohnungsgenossenschaft (Gemeinschaftsflächen)", "14400"),
            (ANNUAL_COST, "Verwaltung und Prüfung", "3500"),
            (REVENUE, "Nutzungsentgelte der Mitglieder", "12000"),
            (REVENUE, "Mitgliedsbeiträge und Spenden", "6000"),
        ],
        milestones=[
            ("Gründung des Elternvereins", datetime.date(2024, 11, 15), True),
            ("Gründungsversammlung der eG", datetime.date(2026, 5, 1), False),
            ("Bauantrag", datetime.date(2026, 12, 1), False),
        ],
        by=lead,
    )
    for actor_name, kind, role in [
        ("Wohnungsgenossenschaft Dortmund-Nord eG (Demo)", Actor.Kind.HOUSING, InitiativeActor.Role.PROVIDES_SPACE),
        ("Wohlfahrtsverband Dortmund-Nord (Demo)", Actor.Kind.WELFARE, InitiativeActor.Role.PARTNER),
        ("Wirtschaftsförderung Dortmund", Actor.Kind.ECONOMIC_DEVELOPMENT, InitiativeActor.Role.ADVISES),
    ]:
        InitiativeActor.objects.get_or_create(
            initiative=initiative, actor=_actor(municipality, actor_name, kind), role=role
        )
    marten = Initiative.objects.filter(name="Multifunktionaler Raum Marten").first()
    if marten is not None and not InitiativeLink.objects.filter(from_initiative=initiative, to_initiative=marten):
        InitiativeLink.objects.create(
            from_initiative=initiative,
            to_initiative=marten,
            description="Austausch über Gemeinschaftsräume und Ehrenamt",
            created_by=lead,
        )
    demo.log.append("Initiative „Elterninitiative Inklusives Wohnen Eving“ (e.V. gründet eG) angelegt.")


# Eving's subordinated loan from its supporters: 1,5 % a year over ten years, the first two without repayment.
EVING_LOAN = "Nachrangdarlehen aus dem Unterstützerkreis"
EVING_LOAN_TERMS = {
    "interest_rate": Decimal("1.5"),
    "term_months": 120,
    "grace_months": 24,
    "repayment": FinancingLine.Repayment.LINEAR,
}


def _loan_terms_for_eving(eving, demo):
    """Give the loan its terms in a demo seeded before loans had terms (once: a loan with terms is left)."""
    line = eving.financing_lines.filter(source_name=EVING_LOAN, programme=None, repayment="").first()
    if line is None or not line.instrument.repayable:
        return
    services.financing_line_update(
        line=line,
        amount=line.amount,
        source_name=line.source_name,
        instrument=line.instrument,
        status=line.status,
        expected_on=line.expected_on,
        tranches=line.tranches,
        note=line.note,
        by=demo.users["eving_lead"],
        **EVING_LOAN_TERMS,
    )
    demo.log.append(f"Zins und Tilgung für „{EVING_LOAN}“ eingetragen.")


def _plan(initiative, *, by, start_month, facts, lines):
    """Financing plan lines (programmes by slug, or free sources with their instrument type's slug); a line may
    end with a loan's terms (a dict of financing_line_add's arguments)."""
    services.financing_plan_update(initiative=initiative, start_month=start_month, by=by)
    for fact, value in facts.items():
        services.financing_fact_answer(initiative=initiative, fact=fact, value=value, by=by)
    programmes = {p.slug: p for p in Programme.objects.filter(slug__in=[line[0] for line in lines])}
    instruments = {i.slug: i for i in InstrumentType.objects.all()}
    for source, amount, status, expected_on, tranches, note, *terms in lines:
        programme = programmes.get(source)
        if programme is None and "|" not in source:
            continue  # the programme is not in the catalogue (not loaded)
        if programme is not None:
            values = {"programme": programme}
        else:
            name, instrument_slug = source.split("|")
            if instrument_slug not in instruments:
                continue  # the catalogue is not loaded: no free source without its instrument type either
            values = {"source_name": name, "instrument": instruments[instrument_slug]}
        services.financing_line_add(
            initiative=initiative,
            amount=Decimal(amount),
            status=status,
            expected_on=expected_on,
            tranches=tranches,
            note=note,
            by=by,
            **values,
            **(terms[0] if terms else {}),
        )


def seed_plans(demo):
    """Financing plans of both demo initiatives: Marten with a grant that pays after spending (bridging finance
    needed), Eving with Aktion Mensch and the Fernsehlotterie, which do not combine."""
    planned, applied = FinancingLine.Status.PLANNED, FinancingLine.Status.APPLIED
    approved, received = FinancingLine.Status.APPROVED, FinancingLine.Status.RECEIVED
    marten = Initiative.objects.filter(name="Multifunktionaler Raum Marten").first()
    if marten is not None and not marten.financing_lines.exists():
        demo.log.append("Finanzierungsplan für „Multifunktionaler Raum Marten“ angelegt.")
        _plan(
            marten,
            by=demo.users["coordinator"],
            start_month=datetime.date(2026, 4, 1),
            facts={"profitability": "weakly", "securities": False},
            lines=[
                ("Rücklage der Quartiersinitiative|erloese", "3000", received, None, 1, "Eigenmittel"),
                ("Spende der Bürgerstiftung|spenden", "5000", approved, datetime.date(2026, 4, 15), 1, ""),
                ("heimat-scheck-nrw", "2000", approved, datetime.date(2026, 5, 1), 1, "Für die Ausstattung"),
                ("dortmund-foerderfonds-engagement", "5000", applied, datetime.date(2026, 6, 1), 1, ""),
                (
                    "efre-wohnviertel-im-wandel",
                    "28000",
                    applied,
                    datetime.date(2026, 6, 1),
                    4,
                    "Zahlt nach Verwendungsnachweis in vier Raten",
                ),
                ("montag-stiftung-initialkapital", "12000", planned, datetime.date(2026, 9, 1), 1, ""),
            ],
        )
    eving = Initiative.objects.filter(name="Elterninitiative Inklusives Wohnen Eving").first()
    if eving is not None and not eving.financing_lines.exists():
        demo.log.append("Finanzierungsplan für „Elterninitiative Inklusives Wohnen Eving“ angelegt.")
        _plan(
            eving,
            by=demo.users["eving_lead"],
            start_month=datetime.date(2026, 6, 1),
            facts={"profitability": "weakly"},
            lines=[
                ("Eigenmittel des Elternvereins|erloese", "15000", received, None, 1, ""),
                ("Genossenschaftsanteile der Mitglieder|genossenschaftsanteile", "3500", received, None, 1, ""),
                (f"{EVING_LOAN}|crowdinvesting", "10000", approved, None, 1, "", EVING_LOAN_TERMS),
                (
                    "Spende Förderverein Lebenshilfe|spenden",
                    "20000",
                    approved,
                    datetime.date(2026, 7, 1),
                    1,
                    "Zweckgebunden für Anteile von Familien ohne Kapital",
                ),
                ("aktion-mensch-wohnen-2-8", "60000", applied, datetime.date(2026, 10, 1), 3, ""),
                ("deutsche-fernsehlotterie", "40000", planned, datetime.date(2027, 1, 1), 2, "Alternative prüfen"),
                ("kfw-134-genossenschaftliches-wohnen", "30000", planned, datetime.date(2026, 8, 1), 1, ""),
                ("Spendenaktion beim Nachbarschaftsfest|spenden", "1500", planned, datetime.date(2026, 9, 1), 1, ""),
            ],
        )
    if eving is not None:
        _loan_terms_for_eving(eving, demo)


def seed(demo):
    seed_marten(demo)
    seed_eving(demo)
    seed_plans(demo)
