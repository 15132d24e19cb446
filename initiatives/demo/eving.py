"""The Eving parents' initiative for inclusive assisted living: an e.V. founding an eG."""

import datetime
from decimal import Decimal

from financing.choices import Stage
from financing.models import LegalForm

from .. import services
from ..models import Actor, FinancingLine, Initiative, InitiativeActor, InitiativeLink, Membership, Motive, Pledge
from ..plan import organisation
from .common import ANNUAL_COST, ONE_OFF, REVENUE, seed_initiative
from .marten import MARTEN

PLANNED, APPLIED = FinancingLine.Status.PLANNED, FinancingLine.Status.APPLIED
APPROVED, RECEIVED = FinancingLine.Status.APPROVED, FinancingLine.Status.RECEIVED
SHARE = Decimal("500.00")

# People are demo accounts by their keys; the team's members are created with them.
# Eving's subordinated loan from its supporters: 1,5 % a year over ten years, the first two without repayment.
EVING_LOAN = "Nachrangdarlehen aus dem Unterstützerkreis"
EVING_LOAN_TERMS = {
    "interest_rate": Decimal("1.5"),
    "term_months": 120,
    "grace_months": 24,
    "repayment": FinancingLine.Repayment.LINEAR,
}

EVING = {
    "quarter": "dortmund-eving",
    "name": "Elterninitiative Inklusives Wohnen Eving",
    "lead": "eving_lead",
    "short_description": (
        "Eltern schaffen ein selbstverantwortetes ambulantes Wohnprojekt für ihre erwachsenen Kinder mit "
        "Behinderung – mitten im Quartier, als Verein und Genossenschaft."
    ),
    "profile": {
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
    },
    "motives": [Motive.SUPPLY_GAP, Motive.BUILDING, Motive.COMMUNITY],
    "needs_of_areas": {"wohnen", "beratung-soziales", "sport-freizeit"},
    "service_areas": ("wohnen", "gesundheit-pflege"),
    "legal_form": "eg",
    "stage": Stage.FOUNDING,
    "building": None,  # the quarter's first building potential
    "premises": {
        "space": (
            "Das leerstehende Wohnhaus an der Deutschen Straße mit acht Wohnungen soll saniert und umgebaut "
            "werden; Gespräche mit einer Wohnungsgenossenschaft laufen."
        ),
        "capital_need": Decimal("180000.00"),
        "own_funds": Decimal("15000.00"),
        "volunteer_hours_per_month": 60,
    },
    "team": [
        ("eving_core1", "eving-kern1@demo.kudequa.de", "Sabine Krüger", Membership.Role.CORE),
        ("eving_core2", "eving-kern2@demo.kudequa.de", "Mehmet Aydın", Membership.Role.CORE),
    ]
    + [
        (f"eving_supporter{n}", f"eving-unterstuetzer{n}@demo.kudequa.de", name, Membership.Role.SUPPORTER)
        for n, name in enumerate(["Ingrid Lange", "Yusuf Demir", "Katarzyna Wiśniewska", "Peter Schmitz"], start=1)
    ],
    "pledges": [
        ("eving_lead", Pledge.Kind.SHARES, {"share_count": 4, "share_price": SHARE}),
        ("eving_core1", Pledge.Kind.SHARES, {"share_count": 2, "share_price": SHARE}),
        ("eving_core2", Pledge.Kind.SHARES, {"share_count": 1, "share_price": SHARE}),
        ("eving_supporter1", Pledge.Kind.LOAN, {"amount": Decimal("10000.00")}),
        ("eving_supporter2", Pledge.Kind.HOURS, {"hours_per_month": 6}),
        ("eving_supporter3", Pledge.Kind.HOURS, {"hours_per_month": 4}),
        (
            None,
            Pledge.Kind.DONATION,
            {
                "pledger_name": "Förderverein Lebenshilfe (Demo)",
                "amount": Decimal("20000.00"),
                "note": "Zweckgebunden für Anteile von Familien ohne Kapital",
            },
        ),
        (None, Pledge.Kind.DONATION, {"pledger_name": "Anonyme Spenderin", "amount": Decimal("5000.00")}),
    ],
    "concept": {
        "sections": {
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
        "hours": 80,
        "items": [
            (ONE_OFF, "Eigenkapitalanteil am Bau", "150000"),
            (ONE_OFF, "Gründung der eG, Prüfverband, Notar", "6000"),
            (ONE_OFF, "Ausstattung Gemeinschaftswohnung", "24000"),
            (ANNUAL_COST, "Miete an die Wohnungsgenossenschaft (Gemeinschaftsflächen)", "14400"),
            (ANNUAL_COST, "Verwaltung und Prüfung", "3500"),
            (REVENUE, "Nutzungsentgelte der Mitglieder", "12000"),
            (REVENUE, "Mitgliedsbeiträge und Spenden", "6000"),
        ],
        "milestones": [
            ("Gründung des Elternvereins", datetime.date(2024, 11, 15), True),
            ("Gründungsversammlung der eG", datetime.date(2026, 5, 1), False),
            ("Bauantrag", datetime.date(2026, 12, 1), False),
        ],
    },
    "actors": [
        ("Wohnungsgenossenschaft Dortmund-Nord eG (Demo)", Actor.Kind.HOUSING, InitiativeActor.Role.PROVIDES_SPACE),
        ("Wohlfahrtsverband Dortmund-Nord (Demo)", Actor.Kind.WELFARE, InitiativeActor.Role.PARTNER),
        ("Wirtschaftsförderung Dortmund", Actor.Kind.ECONOMIC_DEVELOPMENT, InitiativeActor.Role.ADVISES),
    ],
    # Aktion Mensch and the Fernsehlotterie, which do not combine.
    "plan": {
        "by": "eving_lead",
        "start_month": datetime.date(2026, 6, 1),
        # The home for people with disabilities is what Aktion Mensch's programme is for (its defining condition).
        "facts": {"profitability": "weakly", "defines:wohnen-menschen-mit-behinderung": True},
        # source, amount, status, expected on, tranches, note
        "lines": [
            ("Eigenmittel des Elternvereins|erloese", "15000", RECEIVED, None, 1, ""),
            ("Genossenschaftsanteile der Mitglieder|genossenschaftsanteile", "3500", RECEIVED, None, 1, ""),
            (f"{EVING_LOAN}|crowdinvesting", "10000", APPROVED, None, 1, "", EVING_LOAN_TERMS),
            (
                "Spende Förderverein Lebenshilfe|spenden",
                "20000",
                APPROVED,
                datetime.date(2026, 7, 1),
                1,
                "Zweckgebunden für Anteile von Familien ohne Kapital",
            ),
            ("aktion-mensch-wohnen-2-8", "60000", APPLIED, datetime.date(2026, 10, 1), 3, ""),
            ("deutsche-fernsehlotterie", "40000", PLANNED, datetime.date(2027, 1, 1), 2, "Alternative prüfen"),
            ("kfw-134-genossenschaftliches-wohnen", "30000", PLANNED, datetime.date(2026, 8, 1), 1, ""),
            ("Spendenaktion beim Nachbarschaftsfest|spenden", "1500", PLANNED, datetime.date(2026, 9, 1), 1, ""),
        ],
    },
}


def seed_eving(demo):
    initiative = seed_initiative(demo, EVING)
    if initiative is None:
        return
    marten = Initiative.objects.filter(name=MARTEN["name"]).first()
    if marten is not None and not InitiativeLink.objects.filter(from_initiative=initiative, to_initiative=marten):
        InitiativeLink.objects.create(
            from_initiative=initiative,
            to_initiative=marten,
            description="Austausch über Gemeinschaftsräume und Ehrenamt",
            created_by=demo.users["eving_lead"],
        )
    demo.log.append("Initiative „Elterninitiative Inklusives Wohnen Eving“ (e.V. gründet eG) angelegt.")


def loan_terms_for_eving(demo):
    """Give the loan its terms in a demo seeded before loans had terms (once: a loan with terms is left)."""
    eving = Initiative.objects.filter(name=EVING["name"]).first()
    line = eving.financing_lines.filter(source_name=EVING_LOAN, programme=None, repayment="").first() if eving else None
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


# The parents' association (e.V., recognised as gemeinnützig) leads and applies for the grants; the housing
# cooperative (eG) it is founding holds the members' shares and the KfW loan for them.
EVING_ORGANISATIONS = [
    {
        "name": "Elterninitiative Inklusives Wohnen Eving e.V.",
        "legal_form": "ev",
        "founding": "founded",
        "own_funds": Decimal("15000"),
        "is_gemeinnuetzig": True,
        "is_lead": True,
    },
    {
        "name": "Inklusives Wohnen Eving eG (in Gründung)",
        "legal_form": "eg",
        "founding": "founding",
        "own_funds": None,
        "is_gemeinnuetzig": None,
        "is_lead": False,
    },
]
# Sources of the plan the eG receives.
EVING_EG_SOURCES = ["Genossenschaftsanteile der Mitglieder", "kfw-134-genossenschaftliches-wohnen"]


def organisations_for_eving(demo):
    """The e.V. and the eG of the Eving initiative, and the plan's sources the eG receives (once)."""
    eving = Initiative.objects.filter(name=EVING["name"]).first()
    if eving is None or eving.entities.exists():
        return
    forms = {form.slug: form for form in LegalForm.objects.filter(slug__in=["ev", "eg"])}
    by = demo.users["eving_lead"]
    created = []
    for values in EVING_ORGANISATIONS:
        values = {**values, "legal_form": forms.get(values["legal_form"])}
        created.append(organisation.entity_save(initiative=eving, by=by, **values))
    cooperative = created[-1]
    eving.financing_lines.filter(source_name=EVING_EG_SOURCES[0]).update(entity=cooperative)
    eving.financing_lines.filter(programme__slug__in=EVING_EG_SOURCES[1:]).update(entity=cooperative)
    demo.log.append("Organisationen der Eving-Initiative angelegt: e.V. (führend) und eG in Gründung.")
