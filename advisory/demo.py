"""Demo advisory casework: the Eving parents' initiative from first contact to financing, and a group in
Marten that has not registered yet. People, notes and amounts are invented for the demo.

Dates are relative to the day of seeding, so one task is always overdue and one due tomorrow.
Idempotent: an existing case is left alone; a group case made before the initiative existed is linked.
"""

import datetime

from django.db.models import Q
from django.utils import timezone

from initiatives.demo import directory_actor
from initiatives.models import Actor, Initiative

from . import services
from .models import Case, Consultation, Phase, Referral, Topic

EVING_GROUP_NAME = "Elterninitiative Eving"
CONSULTATION, PHASE, WORKSHOP, REFERRAL = "consultation", "phase", "workshop", "referral"
LOCAL, ACROSS = "local", "across"  # an actor of the directory in the case's municipality, or in none

# The Eving case, oldest first: (days ago, what happened, the service's fields). A referral names its actor of
# the directory as (name, kind, LOCAL or ACROSS), reusing those of the initiatives' demo; its "closed_on" counts
# days ago as well.
EVING_TIMELINE = [
    (
        150,
        CONSULTATION,
        {
            "duration_minutes": 90,
            "format": Consultation.Format.ON_SITE,
            "topics": [Topic.CONCEPT, Topic.VOLUNTEERS],
            "summary": (
                "Erstgespräch im Gemeindehaus: Zwölf Familien wollen für ihre erwachsenen Kinder mit Behinderung ein "
                "selbstverantwortetes, ambulant betreutes Wohnprojekt in Eving schaffen. Der Elternverein ist "
                "gegründet."
            ),
            "outcomes": "Ziel und Zielgruppe sind klar; ein Haus an der Deutschen Straße steht leer.",
            "next_steps": "Bedarf der Familien schriftlich erfassen; Kontakt zur Eigentümerin des Hauses aufnehmen.",
            "confidential_note": (
                "Zwei Familien sind finanziell stark belastet und können sich voraussichtlich nicht beteiligen. Im "
                "Vorstand gibt es Spannungen über die Rolle des Vereins."
            ),
        },
    ),
    (140, PHASE, {"phase": Phase.ORIENTATION}),
    (
        120,
        CONSULTATION,
        {
            "duration_minutes": 60,
            "format": Consultation.Format.VIDEO,
            "topics": [Topic.LEGAL_FORM, Topic.COOPERATION],
            "summary": (
                "Orientierung: Welche Rechtsform trägt Bau und Vermietung? Verein und Genossenschaft im Vergleich; "
                "Kooperation mit einer bestehenden Wohnungsgenossenschaft als Option."
            ),
            "outcomes": "Die Eltern bevorzugen eine eigene eG neben dem Verein.",
            "next_steps": "Gespräch mit der Wohnungsgenossenschaft Dortmund-Nord vereinbaren.",
        },
    ),
    (110, PHASE, {"phase": Phase.CONCEPT}),
    (
        90,
        CONSULTATION,
        {
            "duration_minutes": 120,
            "format": Consultation.Format.ON_SITE,
            "topics": [Topic.CONCEPT, Topic.BUILDING],
            "summary": (
                "Konzeptwerkstatt: Raumprogramm mit acht Apartments und Gemeinschaftswohnung, Assistenz durch einen "
                "ambulanten Dienst nach Wahl, offene Angebote für die Nachbarschaft."
            ),
            "outcomes": "Entwurf des Geschäftskonzepts steht; Kostenschätzung für den Umbau liegt vor.",
            "next_steps": "Konzept im Portal vervollständigen; Kostenschätzung prüfen lassen.",
            "confidential_note": (
                "Die Eigentümerin des Hauses signalisiert Verkaufsbereitschaft nur bis Jahresende; vertraulich "
                "behandeln, bis die Finanzierung steht."
            ),
        },
    ),
    (
        75,
        WORKSHOP,
        {
            "title": "Rechtsformen für Wohnprojekte",
            "topic": Topic.LEGAL_FORM,
            "place": "Bürgerhaus Eving",
            "description": "e.V., eG, gGmbH und Kooperationen: was passt zu gemeinschaftlichen Wohnprojekten?",
            "attendees": 14,
        },
    ),
    (70, PHASE, {"phase": Phase.LEGAL_FORM}),
    (
        60,
        CONSULTATION,
        {
            "duration_minutes": 90,
            "format": Consultation.Format.ON_SITE,
            "topics": [Topic.LEGAL_FORM, Topic.ADMINISTRATION],
            "summary": (
                "Gründung der eG vorbereitet: Satzungsentwurf, Mindestzahl der Gründungsmitglieder, Anmeldung beim "
                "Prüfungsverband und Gründungsprüfung besprochen."
            ),
            "outcomes": "Satzungsentwurf liegt vor; Gründungsversammlung im Frühjahr geplant.",
            "next_steps": "Satzung vom Prüfungsverband prüfen lassen.",
        },
    ),
    (
        55,
        REFERRAL,
        {
            "actor": ("Wohlfahrtsverband Dortmund-Nord (Demo)", Actor.Kind.WELFARE, LOCAL),
            "reason": "Assistenz und Pflege für die künftigen Bewohnerinnen und Bewohner",
            "status": Referral.Status.SUCCESSFUL,
            "result": "Kooperation für die ambulante Assistenz vereinbart.",
            "closed_on": 35,
        },
    ),
    (40, PHASE, {"phase": Phase.FINANCING}),
    (
        30,
        CONSULTATION,
        {
            "duration_minutes": 45,
            "format": Consultation.Format.PHONE,
            "topics": [Topic.FINANCING, Topic.FUNDING_PROGRAMMES],
            "summary": (
                "Finanzierung: Eigenkapitallücke von rund 150.000 €; Anteile für Familien ohne Kapital über Spenden "
                "und Nachrangdarlehen; Förderprogramme für inklusives Wohnen gesichtet."
            ),
            "outcomes": "Finanzierungsplan in drei Säulen: Bankdarlehen, Förderung, Spenden und Anteile.",
            "next_steps": "Finanzierungsplan an die Bank schicken; Förderantrag bei der Aktion Mensch vorbereiten.",
            "confidential_note": "Die Bank hat informell Bedenken wegen fehlender Sicherheiten geäußert.",
        },
    ),
    (
        28,
        REFERRAL,
        {
            "actor": ("Bank für Sozialwirtschaft", Actor.Kind.BANK, ACROSS),
            "reason": "Baufinanzierung der eG",
            "status": Referral.Status.REFERRED,
        },
    ),
    (
        20,
        REFERRAL,
        {
            "actor": ("Aktion Mensch", Actor.Kind.FOUNDATION, ACROSS),
            "reason": "Förderung der Gemeinschaftswohnung und der Ausstattung",
            "status": Referral.Status.PLANNED,
        },
    ),
    (
        10,
        CONSULTATION,
        {
            "duration_minutes": 60,
            "format": Consultation.Format.VIDEO,
            "topics": [Topic.FINANCING, Topic.FUNDING_PROGRAMMES],
            "summary": "Stand der Finanzierung: Unterlagen für die Bank fast vollständig; Förderantrag in Arbeit.",
            "next_steps": "Finanzierungsplan versenden; Antrag bei der Aktion Mensch fertigstellen.",
        },
    ),
]
EVING_PARTICIPANTS = "Vorstand der Elterninitiative, Jonas Becker (Beratung)"

# (title, owner: a demo account, the advisor while the group has no initiative; due in days from today, made
# from the last consultation, done)
EVING_TASKS = [
    ("Satzungsentwurf vom Prüfungsverband prüfen lassen", "advisor", -45, False, True),
    ("Finanzierungsplan an die Bank für Sozialwirtschaft schicken", "eving_lead", -3, True, False),
    ("Förderantrag bei der Aktion Mensch vorbereiten", "eving_core1", 1, True, False),
    ("Termin mit dem Prüfungsverband vereinbaren", "advisor", 14, False, False),
]


def _eving_initiative(quarter):
    candidates = Initiative.objects.filter(quarters=quarter).order_by("pk")
    return candidates.filter(Q(name__icontains="Eving") | Q(name__icontains="Wohnen")).first() or candidates.first()


def _days_ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


def seed(demo):
    seed_eving(demo)
    seed_marten_group(demo)


def seed_eving(demo):
    quarter = demo.quarters["dortmund-eving"]
    advisor, coordinator = demo.users["advisor"], demo.users["coordinator"]
    initiative = _eving_initiative(quarter)

    group_case = Case.objects.filter(quarter=quarter, name=EVING_GROUP_NAME, initiative__isnull=True).first()
    if initiative is not None and group_case is not None and not Case.objects.filter(initiative=initiative):
        services.case_link_initiative(case=group_case, initiative=initiative, by=advisor)
        demo.log.append("Beratungsfall Eving mit der inzwischen registrierten Initiative verknüpft.")
        return
    if group_case is not None or (initiative is not None and Case.objects.filter(initiative=initiative).exists()):
        return

    case = services.case_open(
        municipality=quarter.municipality,
        quarter=quarter,
        initiative=initiative,
        name=initiative.name if initiative else EVING_GROUP_NAME,
        contact_name="Elterninitiative Eving (Vorstand)",
        contact_email="eving@demo.kudequa.de",
        by=coordinator,
        opened_on=_days_ago(150),
    )
    services.case_assign(case=case, advisor=advisor, by=coordinator)

    def person(key):
        """The initiative's people take part, and own tasks, once the group has registered."""
        return demo.users.get(key) if initiative is not None else None

    team = [user for user in (person("eving_lead"), person("eving_core1")) if user is not None]
    workshop, last = _timeline(case, EVING_TIMELINE, by=advisor, team=team, participants_text=EVING_PARTICIPANTS)
    today = timezone.localdate()
    for title, owner, due_in, from_last, done in EVING_TASKS:
        task = services.task_create(
            case=case,
            consultation=last if from_last else None,
            title=title,
            owner=(advisor if owner == "advisor" else person(owner)) or advisor,
            due_on=today + datetime.timedelta(days=due_in),
            by=advisor,
        )
        if done:
            services.task_complete(task=task, by=advisor)
    demo.log.append(
        f"Beratungsfall „{case.display_name}“ (Phase Finanzierung) mit Workshop „{workshop.title}“ angelegt."
    )


def _timeline(case, events, *, by, team, participants_text):
    """Write a case's events (see EVING_TIMELINE); returns the last workshop and the last consultation."""
    workshop = consultation = None
    for days, what, fields in events:
        on = _days_ago(days)
        if what == CONSULTATION:
            consultation = services.consultation_log(
                case=case, held_on=on, participants=team, participants_text=participants_text, by=by, **fields
            )
        elif what == PHASE:
            services.case_move_phase(case=case, on=on, by=by, **fields)
        elif what == WORKSHOP:
            workshop = services.workshop_create(
                municipality=case.municipality, held_on=on, cases=[case], by=by, **fields
            )
        elif what == REFERRAL:
            (name, kind, where), closed = fields["actor"], fields.get("closed_on")
            services.referral_create(
                case=case,
                actor=directory_actor(case.municipality if where == LOCAL else None, name, kind),
                referred_on=on,
                closed_on=None if closed is None else _days_ago(closed),
                by=by,
                **{key: value for key, value in fields.items() if key not in ("actor", "closed_on")},
            )
        else:
            raise ValueError(f"Unknown event of the demo case: {what}")
    return workshop, consultation


def seed_marten_group(demo):
    """A group that has not registered yet, without an advisor: the coordinator's overview shows it."""
    quarter = demo.quarters["dortmund-marten"]
    name = "Repair-Café Marten (Nachbarschaftsgruppe)"
    if Case.objects.filter(quarter=quarter, name=name).exists():
        return
    case = services.case_open(
        municipality=quarter.municipality,
        quarter=quarter,
        name=name,
        contact_name="Gruppe Repair-Café",
        by=demo.users["coordinator"],
        opened_on=_days_ago(12),
    )
    services.consultation_log(
        case=case,
        held_on=_days_ago(12),
        duration_minutes=30,
        format=Consultation.Format.PHONE,
        topics=[Topic.BUILDING, Topic.VOLUNTEERS],
        summary="Telefonisches Erstgespräch: Die Gruppe sucht einen Raum für ein monatliches Repair-Café.",
        next_steps="Gruppe auf den Multifunktionalen Raum Marten hinweisen.",
        by=demo.users["coordinator"],
    )
    demo.log.append(f"Beratungsfall „{name}“ (noch nicht registriert, ohne Beratung) angelegt.")
