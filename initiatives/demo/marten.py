"""The "Multifunktionaler Raum" in Marten, carried by the city's quarter coordinator."""

import datetime
from decimal import Decimal

from django.utils import timezone

from financing.choices import Stage

from .. import services
from ..models import Actor, FinancingLine, HelpOffer, InitiativeActor, Membership, Motive, Pledge
from .common import ANNUAL_COST, ONE_OFF, REVENUE, seed_initiative

PLANNED, APPLIED = FinancingLine.Status.PLANNED, FinancingLine.Status.APPLIED
APPROVED, RECEIVED = FinancingLine.Status.APPROVED, FinancingLine.Status.RECEIVED

# People are demo accounts by their keys; the team's members are created with them.
MARTEN = {
    "quarter": "dortmund-marten",
    "name": "Multifunktionaler Raum Marten",
    "lead": "marten_lead",
    "short_description": (
        "Ein Raum für alle im Quartier: Treffpunkt, kleiner Laden, Beratung und Kultur unter einem Dach – "
        "gemeinsam mit den Bewohnerinnen und Bewohnern entwickelt."
    ),
    "profile": {
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
    },
    "motives": [Motive.SUPPLY_GAP, Motive.BUILDING, Motive.COMMUNITY],
    "needs_of_areas": {"begegnung-kultur", "nahversorgung", "gesundheit-pflege"},
    "service_areas": ("begegnung-kultur", "nahversorgung", "beratung-soziales"),
    "legal_form": None,
    "stage": Stage.CONCEPT,
    "building": "Sparkasse",
    "premises": {
        "space": "Ehemalige Sparkassenfiliale am Marktplatz, rund 240 m² ebenerdig, mit Teeküche und WC.",
        "capital_need": Decimal("63000.00"),
        "own_funds": Decimal("3000.00"),
        "volunteer_hours_per_month": 40,
    },
    "team": [
        ("marten_core", "marten-kern@demo.kudequa.de", "Hans-Jürgen Kowalski", Membership.Role.CORE),
        ("marten_supporter1", "marten-unterstuetzer1@demo.kudequa.de", "Elif Yılmaz", Membership.Role.SUPPORTER),
        ("marten_supporter2", "marten-unterstuetzer2@demo.kudequa.de", "Gisela Brandt", Membership.Role.SUPPORTER),
        ("marten_supporter3", "marten-unterstuetzer3@demo.kudequa.de", "Tomasz Nowak", Membership.Role.SUPPORTER),
    ],
    "help_offers": [
        (
            "marten_supporter1",
            {
                "skills": "Café-Betrieb, Backen, Türkisch und Deutsch",
                "hours_per_month": 12,
                "contact": "über die Plattform",
                "status": HelpOffer.Status.ACCEPTED,
                "decided_by": "marten_lead",
            },
        ),
        ("resident", {"skills": "Buchhaltung, Kassenführung", "hours_per_month": 6, "contact": "per E-Mail"}),
    ],
    "pledges": [
        ("marten_supporter2", Pledge.Kind.HOURS, {"hours_per_month": 8}),
        ("marten_supporter3", Pledge.Kind.HOURS, {"hours_per_month": 10}),
        ("marten_supporter2", Pledge.Kind.DONATION, {"amount": Decimal("250.00")}),
        (
            None,
            Pledge.Kind.ROOM,
            {
                "pledger_name": "Kirchengemeinde Marten (Demo)",
                "room": "Gemeindesaal dienstags und donnerstags, bis der Raum fertig ist",
            },
        ),
        (None, Pledge.Kind.DONATION, {"pledger_name": "Bürgerstiftung (Demo)", "amount": Decimal("5000.00")}),
    ],
    "concept": {
        "sections": {
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
        "hours": 120,
        "items": [
            (ONE_OFF, "Umbau und Renovierung", "45000"),
            (ONE_OFF, "Küchen- und Ladenausstattung", "18000"),
            (ANNUAL_COST, "Miete", "9600"),
            (ANNUAL_COST, "Nebenkosten und Versicherungen", "3600"),
            (ANNUAL_COST, "Wareneinsatz Café und Laden", "12000"),
            (REVENUE, "Café und Laden", "16500"),
            (REVENUE, "Raumvermietung an Vereine und Kurse", "4800"),
            (REVENUE, "Zuschuss Quartiersfonds", "5000"),
        ],
        "milestones": [
            ("Quartierswerkstatt zum Konzept", datetime.date(2025, 9, 20), True),
            ("Mietvertrag unterschrieben", datetime.date(2026, 3, 31), False),
            ("Eröffnung", datetime.date(2026, 10, 1), False),
        ],
    },
    "concept_revisions": [
        (
            "marten_core",
            {
                "partners": (
                    "Wirtschaftsförderung Dortmund (hat das Konzept aufgenommen, Förderzugänge), Wohlfahrtsverband "
                    "(Beratung vor Ort), Wohnungsgenossenschaft (mögliche Trägerin), Kirchengemeinde (Räume)."
                )
            },
        ),
    ],
    "actors": [
        ("Wirtschaftsförderung Dortmund", Actor.Kind.ECONOMIC_DEVELOPMENT, InitiativeActor.Role.ADVISES),
        ("Wirtschaftsförderung Dortmund", Actor.Kind.ECONOMIC_DEVELOPMENT, InitiativeActor.Role.FUNDS),
        ("Wohlfahrtsverband Dortmund-West (Demo)", Actor.Kind.WELFARE, InitiativeActor.Role.PARTNER),
        ("Kirchengemeinde Marten (Demo)", Actor.Kind.CHURCH, InitiativeActor.Role.PROVIDES_SPACE),
    ],
    # A grant that pays after spending: bridging finance is needed.
    "plan": {
        "by": "coordinator",
        "start_month": datetime.date(2026, 4, 1),
        "facts": {"profitability": "weakly", "securities": False},
        # source, amount, status, expected on, tranches, note
        "lines": [
            ("Rücklage der Quartiersinitiative|erloese", "3000", RECEIVED, None, 1, "Eigenmittel"),
            ("Spende der Bürgerstiftung|spenden", "5000", APPROVED, datetime.date(2026, 4, 15), 1, ""),
            ("heimat-scheck-nrw", "2000", APPROVED, datetime.date(2026, 5, 1), 1, "Für die Ausstattung"),
            ("dortmund-foerderfonds-engagement", "5000", APPLIED, datetime.date(2026, 6, 1), 1, ""),
            (
                "efre-wohnviertel-im-wandel",
                "28000",
                APPLIED,
                datetime.date(2026, 6, 1),
                4,
                "Zahlt nach Verwendungsnachweis in vier Raten",
            ),
            ("montag-stiftung-initialkapital", "12000", PLANNED, datetime.date(2026, 9, 1), 1, ""),
        ],
    },
}


def seed_marten(demo):
    initiative = seed_initiative(demo, MARTEN)
    if initiative is None:
        return
    coordinator = demo.users["coordinator"]
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
