"""Demo advisory casework: the Eving parents' initiative from first contact to financing, and a group in
Marten that has not registered yet. People, notes and amounts are invented for the demo.

Dates are relative to the day of seeding, so one task is always overdue and one due tomorrow.
Idempotent: an existing case is left alone; a group case made before the initiative existed is linked.
"""

import datetime

from django.db.models import Q
from django.utils import timezone

from initiatives.models import Actor, Initiative

from . import services
from .models import Case, Consultation, Phase, Referral, Topic

EVING_GROUP_NAME = "Elterninitiative Eving"


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
    municipality = quarter.municipality
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
        municipality=municipality,
        quarter=quarter,
        initiative=initiative,
        name=initiative.name if initiative else EVING_GROUP_NAME,
        contact_name="Elterninitiative Eving (Vorstand)",
        contact_email="eving@demo.kudequa.de",
        by=coordinator,
        opened_on=_days_ago(150),
    )
    services.case_assign(case=case, advisor=advisor, by=coordinator)

    lead = demo.users.get("eving_lead")
    core = demo.users.get("eving_core1")
    team = [person for person in (lead, core) if person is not None and initiative is not None]

    def log(days, minutes, format, topics, summary, outcomes="", next_steps="", note="", participants_text=""):
        return services.consultation_log(
            case=case,
            held_on=_days_ago(days),
            duration_minutes=minutes,
            format=format,
            topics=topics,
            summary=summary,
            outcomes=outcomes,
            next_steps=next_steps,
            confidential_note=note,
            participants=team,
            participants_text=participants_text or "Vorstand der Elterninitiative, Jonas Becker (Beratung)",
            by=advisor,
        )

    log(
        150,
        90,
        Consultation.Format.ON_SITE,
        [Topic.CONCEPT, Topic.VOLUNTEERS],
        "Erstgespräch im Gemeindehaus: Zwölf Familien wollen für ihre erwachsenen Kinder mit Behinderung ein "
        "selbstverantwortetes, ambulant betreutes Wohnprojekt in Eving schaffen. Der Elternverein ist gegründet.",
        outcomes="Ziel und Zielgruppe sind klar; ein Haus an der Deutschen Straße steht leer.",
        next_steps="Bedarf der Familien schriftlich erfassen; Kontakt zur Eigentümerin des Hauses aufnehmen.",
        note="Zwei Familien sind finanziell stark belastet und können sich voraussichtlich nicht beteiligen. "
        "Im Vorstand gibt es Spannungen über die Rolle des Vereins.",
    )
    services.case_move_phase(case=case, phase=Phase.ORIENTATION, by=advisor, on=_days_ago(140))
    log(
        120,
        60,
        Consultation.Format.VIDEO,
        [Topic.LEGAL_FORM, Topic.COOPERATION],
        "Orientierung: Welche Rechtsform trägt Bau und Vermietung? Verein und Genossenschaft im Vergleich; "
        "Kooperation mit einer bestehenden Wohnungsgenossenschaft als Option.",
        outcomes="Die Eltern bevorzugen eine eigene eG neben dem Verein.",
        next_steps="Gespräch mit der Wohnungsgenossenschaft Dortmund-Nord vereinbaren.",
    )
    services.case_move_phase(case=case, phase=Phase.CONCEPT, by=advisor, on=_days_ago(110))
    log(
        90,
        120,
        Consultation.Format.ON_SITE,
        [Topic.CONCEPT, Topic.BUILDING],
        "Konzeptwerkstatt: Raumprogramm mit acht Apartments und Gemeinschaftswohnung, Assistenz durch einen "
        "ambulanten Dienst nach Wahl, offene Angebote für die Nachbarschaft.",
        outcomes="Entwurf des Geschäftskonzepts steht; Kostenschätzung für den Umbau liegt vor.",
        next_steps="Konzept im Portal vervollständigen; Kostenschätzung prüfen lassen.",
        note="Die Eigentümerin des Hauses signalisiert Verkaufsbereitschaft nur bis Jahresende; "
        "vertraulich behandeln, bis die Finanzierung steht.",
    )
    workshop = services.workshop_create(
        municipality=municipality,
        title="Rechtsformen für Wohnprojekte",
        topic=Topic.LEGAL_FORM,
        held_on=_days_ago(75),
        place="Bürgerhaus Eving",
        description="e.V., eG, gGmbH und Kooperationen: was passt zu gemeinschaftlichen Wohnprojekten?",
        attendees=14,
        cases=[case],
        by=advisor,
    )
    services.case_move_phase(case=case, phase=Phase.LEGAL_FORM, by=advisor, on=_days_ago(70))
    log(
        60,
        90,
        Consultation.Format.ON_SITE,
        [Topic.LEGAL_FORM, Topic.ADMINISTRATION],
        "Gründung der eG vorbereitet: Satzungsentwurf, Mindestzahl der Gründungsmitglieder, Anmeldung beim "
        "Prüfungsverband und Gründungsprüfung besprochen.",
        outcomes="Satzungsentwurf liegt vor; Gründungsversammlung im Frühjahr geplant.",
        next_steps="Satzung vom Prüfungsverband prüfen lassen.",
    )
    services.referral_create(
        case=case,
        actor_type=Actor.Kind.WELFARE,
        actor_name="Wohlfahrtsverband Dortmund-Nord",
        reason="Assistenz und Pflege für die künftigen Bewohnerinnen und Bewohner",
        status=Referral.Status.SUCCESSFUL,
        result="Kooperation für die ambulante Assistenz vereinbart.",
        referred_on=_days_ago(55),
        closed_on=_days_ago(35),
        by=advisor,
    )
    services.case_move_phase(case=case, phase=Phase.FINANCING, by=advisor, on=_days_ago(40))
    log(
        30,
        45,
        Consultation.Format.PHONE,
        [Topic.FINANCING, Topic.FUNDING_PROGRAMMES],
        "Finanzierung: Eigenkapitallücke von rund 150.000 €; Anteile für Familien ohne Kapital über Spenden "
        "und Nachrangdarlehen; Förderprogramme für inklusives Wohnen gesichtet.",
        outcomes="Finanzierungsplan in drei Säulen: Bankdarlehen, Förderung, Spenden und Anteile.",
        next_steps="Finanzierungsplan an die Bank schicken; Förderantrag bei der Aktion Mensch vorbereiten.",
        note="Die Bank hat informell Bedenken wegen fehlender Sicherheiten geäußert.",
    )
    services.referral_create(
        case=case,
        actor_type=Actor.Kind.BANK,
        actor_name="Bank für Sozialwirtschaft",
        reason="Baufinanzierung der eG",
        status=Referral.Status.REFERRED,
        referred_on=_days_ago(28),
        by=advisor,
    )
    services.referral_create(
        case=case,
        actor_type=Actor.Kind.FOUNDATION,
        actor_name="Aktion Mensch",
        reason="Förderung der Gemeinschaftswohnung und der Ausstattung",
        status=Referral.Status.PLANNED,
        referred_on=_days_ago(20),
        by=advisor,
    )
    last = log(
        10,
        60,
        Consultation.Format.VIDEO,
        [Topic.FINANCING, Topic.FUNDING_PROGRAMMES],
        "Stand der Finanzierung: Unterlagen für die Bank fast vollständig; Förderantrag in Arbeit.",
        next_steps="Finanzierungsplan versenden; Antrag bei der Aktion Mensch fertigstellen.",
    )
    today = timezone.localdate()
    finished = services.task_create(
        case=case,
        title="Satzungsentwurf vom Prüfungsverband prüfen lassen",
        owner=advisor,
        due_on=_days_ago(45),
        by=advisor,
    )
    services.task_complete(task=finished, by=advisor)
    services.task_create(
        case=case,
        consultation=last,
        title="Finanzierungsplan an die Bank für Sozialwirtschaft schicken",
        owner=lead if initiative is not None and lead is not None else advisor,
        due_on=today - datetime.timedelta(days=3),
        by=advisor,
    )
    services.task_create(
        case=case,
        consultation=last,
        title="Förderantrag bei der Aktion Mensch vorbereiten",
        owner=core if initiative is not None and core is not None else advisor,
        due_on=today + datetime.timedelta(days=1),
        by=advisor,
    )
    services.task_create(
        case=case,
        title="Termin mit dem Prüfungsverband vereinbaren",
        owner=advisor,
        due_on=today + datetime.timedelta(days=14),
        by=advisor,
    )
    demo.log.append(
        f"Beratungsfall „{case.display_name}“ (Phase Finanzierung) mit Workshop „{workshop.title}“ angelegt."
    )


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
