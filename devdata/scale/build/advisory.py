"""Advisory cases with their phases, consultations, tasks, referrals and workshops."""

from advisory.models import (
    Case,
    ConfidentialNote,
    Consultation,
    ConsultationTopic,
    Phase,
    PhaseChange,
    Referral,
    Task,
    Workshop,
)
from initiatives.models import Initiative

from .. import texts
from .base import DAYS, PHASES, TOPICS, BuilderBase, _spread

OPEN, PAUSED, CLOSED = Case.Status.OPEN, Case.Status.PAUSED, Case.Status.CLOSED


class AdvisoryBuilder(BuilderBase):
    # --- advisory ------------------------------------------------------------------------------------

    def build_advisory(self):
        rng = self.rng("advisory")
        preset = self.preset
        candidates = [item for item in self.initiatives if item[3] != Initiative.Status.DRAFT]
        rng.shuffle(candidates)
        registered = candidates[: int(preset.cases * 0.8)]
        cases = []  # (case id, town, quarter, initiative id, status, phase, core)
        next_case = self.writer.next_id(Case)
        rows = []
        for number in range(preset.cases):
            case_id = next_case + number
            if number < len(registered):
                initiative_id, town, place, _status, _lead, core = registered[number]
                name = ""
            else:
                town = rng.choice(self.towns)
                place = rng.choice(town.quarters)
                initiative_id, core = None, []
                name = f"Gruppe {rng.choice(texts.INITIATIVE_KINDS)[0]} {place.name}"
            status = rng.choice([OPEN] * 7 + [PAUSED, CLOSED])
            phase = Phase.CLOSED if status == CLOSED else rng.choice(PHASES)
            opened = rng.randint(30, DAYS - 1)
            cases.append((case_id, town, place, initiative_id, status, phase, core, opened))
            rows.append(
                (
                    case_id,
                    town.id,
                    place.id,
                    initiative_id,
                    name or f"Fall {case_id}",
                    f"Kontakt {place.name}",
                    "",
                    "",
                    rng.choice(town.advisors),
                    phase,
                    status,
                    self.day(opened),
                    self.day(rng.randint(0, opened)) if status == PAUSED else None,
                    self.day(rng.randint(0, opened)) if status == CLOSED else None,
                    rng.choice(town.advisors),
                    self.hour(len(self.hours) - opened * 24),
                    self.hour(len(self.hours) - 1),
                )
            )
        self.writer.insert(
            Case,
            [
                "id",
                "municipality_id",
                "quarter_id",
                "initiative_id",
                "name",
                "contact_name",
                "contact_email",
                "contact_phone",
                "advisor_id",
                "phase",
                "status",
                "opened_on",
                "paused_on",
                "closed_on",
                "created_by_id",
                "created_at",
                "updated_at",
            ],
            rows,
        )
        next_change = self.writer.next_id(PhaseChange)
        changes = []
        for case_id, town, _place, _initiative, _status, phase, _core, opened in cases:
            path = [Phase.FIRST_CONTACT, *PHASES[1 : PHASES.index(phase) + 1]] if phase != Phase.CLOSED else PHASES[:3]
            previous = ""
            for step, to_phase in enumerate(path):
                changed = self.hour(len(self.hours) - opened * 24 + step * 24 * 7)
                changes.append((next_change, case_id, previous, to_phase, town.advisors[0], changed))
                next_change += 1
                previous = to_phase
        self.writer.insert(
            PhaseChange, ["id", "case_id", "from_phase", "to_phase", "changed_by_id", "changed_at"], changes
        )

        # Consultations: most cases have a handful, long-running ones a few dozen.
        weights = [rng.uniform(0.2, 1.8) ** 2 for _ in cases]
        per_case = _spread(preset.consultations, weights, minimum=0)
        next_consultation = self.writer.next_id(Consultation)
        next_topic = self.writer.next_id(ConsultationTopic)
        next_note = self.writer.next_id(ConfidentialNote)
        next_task = self.writer.next_id(Task)
        consultations, topics, notes, tasks = [], [], [], []
        consultation_id = next_consultation
        for case, count in zip(cases, per_case, strict=True):
            case_id, town, _place, _initiative, _status, _phase, core, opened = case
            for _ in range(count):
                held = rng.randint(0, opened)
                advisor = rng.choice(town.advisors)
                consultations.append(
                    (
                        consultation_id,
                        case_id,
                        self.day(held),
                        rng.choice([30, 45, 60, 90, 120]),
                        rng.choice(["on_site", "phone", "video", "workshop"]),
                        "Vorstand und Kernteam",
                        rng.choice(texts.CONSULTATION_SUMMARIES),
                        "Nächste Schritte vereinbart." if rng.random() < 0.6 else "",
                        rng.choice(texts.CONSULTATION_NEXT_STEPS),
                        advisor,
                        self.hour(len(self.hours) - held * 24),
                    )
                )
                for topic in rng.sample(TOPICS, rng.randint(1, 3)):
                    topics.append((next_topic, consultation_id, topic))
                    next_topic += 1
                if rng.random() < 0.3:
                    notes.append((next_note, consultation_id, rng.choice(texts.CONFIDENTIAL_NOTES), advisor))
                    next_note += 1
                if rng.random() < 0.5:
                    owner = rng.choice([advisor, *core]) if core else advisor
                    due = self.day(held - rng.randint(-30, 30))
                    done = self.hour(len(self.hours) - held * 24 + 24 * 5) if rng.random() < 0.6 else None
                    tasks.append(
                        (
                            next_task,
                            case_id,
                            consultation_id,
                            rng.choice(texts.TASK_TITLES),
                            owner,
                            due,
                            done,
                            owner if done else None,
                            advisor,
                        )
                    )
                    next_task += 1
                consultation_id += 1
        self.writer.insert(
            Consultation,
            [
                "id",
                "case_id",
                "held_on",
                "duration_minutes",
                "format",
                "participants_text",
                "summary",
                "outcomes",
                "next_steps",
                "advisor_id",
                "created_at",
            ],
            consultations,
        )
        self.writer.insert(ConsultationTopic, ["id", "consultation_id", "topic"], topics)
        self.writer.insert(ConfidentialNote, ["id", "consultation_id", "text", "written_by_id"], notes)
        self.writer.insert(
            Task,
            [
                "id",
                "case_id",
                "consultation_id",
                "title",
                "owner_id",
                "due_on",
                "done_at",
                "done_by_id",
                "created_by_id",
            ],
            tasks,
        )
        next_referral = self.writer.next_id(Referral)
        referrals = []
        for case_id, town, _place, _initiative, _status, _phase, _core, opened in cases:
            for _ in range(rng.choice([0, 0, 1, 1, 2])):
                actor_type, actor_name = rng.choice(texts.REFERRAL_ACTORS)
                status = rng.choice(["planned", "referred", "successful", "unsuccessful"])
                referred = rng.randint(0, opened)
                closed = self.day(rng.randint(0, referred)) if status in ("successful", "unsuccessful") else None
                referrals.append(
                    (
                        next_referral,
                        case_id,
                        actor_type,
                        f"{actor_name} {town.name}",
                        "Finanzierung klären",
                        status,
                        "",
                        self.day(referred),
                        closed,
                        town.advisors[0],
                    )
                )
                next_referral += 1
        self.writer.insert(
            Referral,
            [
                "id",
                "case_id",
                "actor_type",
                "actor_name",
                "reason",
                "status",
                "result",
                "referred_on",
                "closed_on",
                "created_by_id",
            ],
            referrals,
        )
        next_workshop = self.writer.next_id(Workshop)
        workshops, workshop_cases = [], []
        cases_by_town: dict[int, list[int]] = {}
        for case in cases:
            cases_by_town.setdefault(case[1].id, []).append(case[0])
        for town in self.towns:
            for number in range(2):
                workshops.append(
                    (
                        next_workshop,
                        town.id,
                        texts.WORKSHOP_TITLES[number % len(texts.WORKSHOP_TITLES)],
                        rng.choice(TOPICS),
                        self.day(rng.randint(0, 365)),
                        f"Rathaus {town.name}",
                        "",
                        rng.randint(5, 30),
                        town.coordinator,
                    )
                )
                town_cases = cases_by_town.get(town.id, [])
                for case_id in sorted(rng.sample(town_cases, min(len(town_cases), 4))):
                    workshop_cases.append((next_workshop, case_id))
                next_workshop += 1
        self.writer.insert(
            Workshop,
            [
                "id",
                "municipality_id",
                "title",
                "topic",
                "held_on",
                "place",
                "description",
                "attendees",
                "created_by_id",
            ],
            workshops,
        )
        self._insert_links(Workshop.cases.through, "workshop_id", "case_id", workshop_cases)
