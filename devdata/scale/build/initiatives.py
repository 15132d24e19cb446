"""Initiatives with teams, concepts, pledges, help offers, review decisions and actors; financing plans."""

import datetime
from decimal import Decimal

from django.apps import apps
from django.utils.text import slugify

from initiatives.models import (
    Actor,
    Concept,
    ConceptLineItem,
    HelpOffer,
    Initiative,
    InitiativeActor,
    InitiativeLink,
    Membership,
    Milestone,
    Pledge,
    ReviewDecision,
)

from .. import texts
from .base import AFFECTED_GROUPS, INITIATIVE_STATUSES, MOTIVES, PROFITABILITY, STAGES, BuilderBase, _pick, _spread

Decision = ReviewDecision.Decision

PUBLISHED = Initiative.Status.PUBLISHED.value
DRAFT = Initiative.Status.DRAFT.value
CHANGES_REQUESTED = Initiative.Status.CHANGES_REQUESTED.value
REJECTED = Initiative.Status.REJECTED.value


class InitiativesBuilder(BuilderBase):
    # --- initiatives -------------------------------------------------------------------------------------

    def build_initiatives(self):
        rng = self.rng("initiatives")
        preset = self.preset
        weights = [max(1, town.need_count) for town in self.towns]
        per_town = _spread(preset.initiatives, weights)
        next_initiative = self.writer.next_id(Initiative)
        self.initiatives: list[tuple] = []  # (id, town, quarter, status, lead, core)
        rows, quarter_links, area_links, need_links = [], [], [], []
        memberships, concepts = [], []
        initiative_id = next_initiative
        for town, count in zip(self.towns, per_town, strict=True):
            for number in range(count):
                kind, area_slug, blurb = rng.choice(texts.INITIATIVE_KINDS)
                place = rng.choice(town.quarters)
                name = f"{kind} {place.name} {town.name}" if number >= len(town.quarters) else f"{kind} {place.name}"
                status = _pick(rng, INITIATIVE_STATUSES)
                created = rng.randrange(len(self.hours) - 24 * 60)
                published = self.hour(created + 24 * 14) if status == PUBLISHED else None
                submitted = self.hour(created + 24 * 7) if status != DRAFT else None
                lead = rng.choice(town.users)
                core = rng.sample(town.users, min(len(town.users), rng.randint(1, 3)))
                supporters = rng.sample(town.users, min(len(town.users), rng.randint(0, 8)))
                building_ids = self.buildings.get(place.id) or []
                rows.append(
                    (
                        initiative_id,
                        name[:160],
                        f"{slugify(name)[:150]}-{initiative_id}",
                        town.id,
                        status,
                        self.writer.json(rng.sample(MOTIVES, rng.randint(1, 2))),
                        rng.choice(self.legal_forms) if self.legal_forms and rng.random() < 0.6 else None,
                        rng.choice(STAGES),
                        Decimal(rng.choice([5000, 20000, 80000, 250000])),
                        Decimal(rng.choice([0, 1000, 5000, 20000])),
                        rng.randint(10, 200),
                        "Ein Ladenlokal an der Hauptstraße" if rng.random() < 0.5 else "",
                        rng.choice(building_ids) if building_ids and rng.random() < 0.2 else None,
                        blurb,
                        " ".join(rng.sample(texts.INITIATIVE_DESCRIPTION, rng.randint(2, 4))),
                        self.writer.json(rng.sample(AFFECTED_GROUPS, rng.randint(1, 3))),
                        "",
                        f"Kontakt {place.name}",
                        f"kontakt{initiative_id}@{town.slug}.example",
                        "",
                        "",
                        "",
                        1 if status == DRAFT else 5,
                        lead,
                        self.hour(created),
                        self.hour(created + 24 * 20),
                        submitted,
                        published,
                    )
                )
                self.initiatives.append((initiative_id, town, place, status, lead, core))
                quarter_links.append((initiative_id, place.id))
                if len(town.quarters) > 1 and rng.random() < 0.2:
                    other = rng.choice(town.quarters)
                    if other.id != place.id:
                        quarter_links.append((initiative_id, other.id))
                areas = {self.area_by_slug.get(area_slug, self.area_ids[0])}
                areas.update(rng.sample(self.area_ids, rng.randint(0, 2)))
                area_links.extend((initiative_id, area) for area in sorted(areas))
                candidates = [need for area in areas for need in place.area_needs.get(area, [])[:20]]
                for need in sorted(set(rng.sample(candidates, min(len(candidates), rng.randint(0, 3))))):
                    need_links.append((initiative_id, need))
                members = {lead: "lead"}
                for person in core:
                    members.setdefault(person, "core")
                for person in supporters:
                    members.setdefault(person, "supporter")
                memberships.extend((initiative_id, person, role) for person, role in members.items())
                if status != DRAFT and rng.random() < 0.75:
                    concepts.append((initiative_id, lead, created))
                initiative_id += 1

        self.writer.insert(
            Initiative,
            [
                "id",
                "name",
                "slug",
                "municipality_id",
                "status",
                "motives",
                "legal_form_id",
                "stage",
                "capital_need",
                "own_funds",
                "volunteer_hours_per_month",
                "space",
                "building_id",
                "short_description",
                "description",
                "target_groups",
                "target_groups_note",
                "contact_person",
                "contact_email",
                "contact_phone",
                "website",
                "logo",
                "wizard_step",
                "created_by_id",
                "created_at",
                "updated_at",
                "submitted_at",
                "published_at",
            ],
            rows,
        )
        self._insert_links(Initiative.quarters.through, "initiative_id", "quarter_id", quarter_links)
        self._insert_links(Initiative.service_areas.through, "initiative_id", "servicearea_id", area_links)
        self._insert_links(Initiative.answered_needs.through, "initiative_id", "need_id", need_links)
        next_membership = self.writer.next_id(Membership)
        self.writer.insert(
            Membership,
            ["id", "initiative_id", "user_id", "role", "created_at"],
            ((next_membership + n, i, u, r, self.hour(0)) for n, (i, u, r) in enumerate(memberships)),
        )

        # Concepts with their lines and milestones.
        next_concept = self.writer.next_id(Concept)
        concept_rows, line_rows, milestone_rows = [], [], []
        next_line = self.writer.next_id(ConceptLineItem)
        next_milestone = self.writer.next_id(Milestone)
        for offset, (initiative_id, lead, created) in enumerate(concepts):
            concept_id = next_concept + offset
            sections = [texts.CONCEPT_SECTIONS[name] for name in Concept.SECTIONS if name in texts.CONCEPT_SECTIONS]
            concept_rows.append(
                (concept_id, initiative_id, *sections, rng.randint(20, 150), lead, self.hour(created + 24 * 10))
            )
            for category, labels in texts.LINE_ITEMS.items():
                for position, label in enumerate(rng.sample(labels, rng.randint(1, 3))):
                    line_rows.append(
                        (next_line, concept_id, category, label, Decimal(rng.randint(2, 400) * 100), "", position)
                    )
                    next_line += 1
            for position, title in enumerate(texts.MILESTONES[: rng.randint(1, 4)]):
                due = (self.today + datetime.timedelta(days=60 * position - 90)).isoformat()
                milestone_rows.append((next_milestone, concept_id, title, due, position < 2, ""))
                next_milestone += 1
        section_names = [name for name in Concept.SECTIONS if name in texts.CONCEPT_SECTIONS]
        self.writer.insert(
            Concept,
            ["id", "initiative_id", *section_names, "volunteer_hours_needed", "updated_by_id", "created_at"],
            concept_rows,
        )
        self.writer.insert(
            ConceptLineItem, ["id", "concept_id", "category", "label", "amount", "note", "position"], line_rows
        )
        self.writer.insert(Milestone, ["id", "concept_id", "title", "due_on", "done", "note"], milestone_rows)

        # Pledges, help offers and review decisions.
        next_pledge = self.writer.next_id(Pledge)
        next_help = self.writer.next_id(HelpOffer)
        next_decision = self.writer.next_id(ReviewDecision)
        pledges, helps, decisions = [], [], []
        for initiative_id, town, _place, status, _lead, _core in self.initiatives:
            for _ in range(rng.randint(0, 5)):
                kind = rng.choice(["shares", "loan", "donation", "hours", "room"])
                pledges.append(
                    (
                        next_pledge,
                        initiative_id,
                        rng.choice(town.users),
                        "",
                        kind,
                        rng.randint(1, 5) if kind == "shares" else None,
                        Decimal(100) if kind == "shares" else None,
                        Decimal(rng.randint(1, 50) * 100) if kind in ("loan", "donation") else None,
                        rng.randint(2, 20) if kind == "hours" else None,
                        "Gemeinderaum, dienstags" if kind == "room" else "",
                        "",
                        self.hour(rng.randrange(len(self.hours))),
                    )
                )
                next_pledge += 1
            if status == PUBLISHED:
                for _ in range(rng.randint(0, 2)):
                    helps.append(
                        (
                            next_help,
                            initiative_id,
                            rng.choice(town.users),
                            "Ich kann beim Aufbau helfen und habe Erfahrung mit Buchhaltung.",
                            rng.randint(2, 12),
                            "per E-Mail",
                            rng.choice(HelpOffer.Status.values),
                            self.hour(rng.randrange(len(self.hours))),
                        )
                    )
                    next_help += 1
                decisions.append((next_decision, initiative_id, Decision.PUBLISH, "", town.coordinator, self.hour(0)))
                next_decision += 1
            elif status in (CHANGES_REQUESTED, REJECTED):
                decision = Decision.REQUEST_CHANGES if status == CHANGES_REQUESTED else Decision.REJECT
                comment = "Bitte den Finanzierungsplan ergänzen."
                decisions.append((next_decision, initiative_id, decision, comment, town.coordinator, self.hour(0)))
                next_decision += 1
        self.writer.insert(
            Pledge,
            [
                "id",
                "initiative_id",
                "user_id",
                "pledger_name",
                "kind",
                "share_count",
                "share_price",
                "amount",
                "hours_per_month",
                "room",
                "note",
                "created_at",
            ],
            pledges,
        )
        # At most one open help offer per person and initiative.
        seen, unique_helps = set(), []
        for row in helps:
            if row[6] == HelpOffer.Status.OPEN and (row[1], row[2]) in seen:
                continue
            seen.add((row[1], row[2]))
            unique_helps.append(row)
        self.writer.insert(
            HelpOffer,
            ["id", "initiative_id", "user_id", "skills", "hours_per_month", "contact", "status", "created_at"],
            unique_helps,
        )
        self.writer.insert(
            ReviewDecision, ["id", "initiative_id", "decision", "comment", "decided_by_id", "created_at"], decisions
        )

        # Actors of each town and their roles for initiatives; a few links between initiatives.
        next_actor = self.writer.next_id(Actor)
        actor_rows = []
        for town in self.towns:
            for kind, name in texts.ACTOR_NAMES[: rng.randint(3, len(texts.ACTOR_NAMES))]:
                town.actors.append(next_actor)
                actor_rows.append((next_actor, f"{name} {town.name}", kind, town.id, "", ""))
                next_actor += 1
        self.writer.insert(Actor, ["id", "name", "kind", "municipality_id", "website", "description"], actor_rows)
        next_link = self.writer.next_id(InitiativeActor)
        actor_links, seen = [], set()
        for initiative_id, town, *_rest in self.initiatives:
            for _ in range(rng.randint(0, 2)):
                key = (initiative_id, rng.choice(town.actors), rng.choice(["advises", "provides_space", "funds"]))
                if key not in seen:
                    seen.add(key)
                    actor_links.append((next_link, *key, ""))
                    next_link += 1
        self.writer.insert(InitiativeActor, ["id", "initiative_id", "actor_id", "role", "note"], actor_links)
        published_by_town: dict[int, list[int]] = {}
        for initiative_id, town, _place, status, *_rest in self.initiatives:
            if status == PUBLISHED:
                published_by_town.setdefault(town.id, []).append(initiative_id)
        next_ilink = self.writer.next_id(InitiativeLink)
        ilinks, seen = [], set()
        for ids in published_by_town.values():
            for _ in range(len(ids) // 10):
                first, second = rng.sample(ids, 2) if len(ids) > 1 else (ids[0], ids[0])
                if first != second and (first, second) not in seen:
                    seen.add((first, second))
                    ilinks.append((next_ilink, first, second, "teilen sich Räume"))
                    next_ilink += 1
        self.writer.insert(InitiativeLink, ["id", "from_initiative_id", "to_initiative_id", "description"], ilinks)

    def build_financing_plans(self):
        """Financing plans with their lines, where the initiatives app has them (it may not yet)."""
        try:
            plan_model = apps.get_model("initiatives", "FinancingPlan")
            line_model = apps.get_model("initiatives", "FinancingLine")
        except LookupError:
            return
        rng = self.rng("financing-plans")
        next_plan = self.writer.next_id(plan_model)
        next_line = self.writer.next_id(line_model)
        plans, lines = [], []
        for initiative_id, _town, _place, status, lead, _core in self.initiatives:
            if status == DRAFT or rng.random() < 0.4:
                continue
            plans.append(
                (
                    next_plan,
                    initiative_id,
                    (self.today.replace(day=1) + datetime.timedelta(days=rng.randint(0, 365))).replace(day=1),
                    rng.choice(["", *PROFITABILITY]),
                    rng.choice([None, True, False]),
                    rng.choice([None, True, False]),
                    lead,
                )
            )
            next_plan += 1
            for position in range(rng.randint(1, 4)):
                programme_id, instrument, name = rng.choice(self.programmes)
                expected = self.today + datetime.timedelta(days=rng.randint(-90, 365))
                lines.append(
                    (
                        next_line,
                        initiative_id,
                        programme_id,
                        instrument,
                        name,
                        Decimal(rng.randint(5, 500) * 100),
                        rng.choice(["planned", "applied", "approved", "received"]),
                        expected.isoformat(),
                        rng.choice([1, 1, 1, 3, 6, 12]),
                        "",
                        position,
                        lead,
                        self.hour(len(self.hours) - 24 * rng.randint(1, 300)),
                    )
                )
                next_line += 1
        self.writer.insert(
            plan_model,
            [
                "id",
                "initiative_id",
                "start_month",
                "profitability",
                "has_securities",
                "is_gemeinnuetzig",
                "updated_by_id",
            ],
            ((row[0], row[1], row[2].isoformat(), *row[3:]) for row in plans),
        )
        self.writer.insert(
            line_model,
            [
                "id",
                "initiative_id",
                "programme_id",
                "instrument_id",
                "source_name",
                "amount",
                "status",
                "expected_on",
                "tranches",
                "note",
                "position",
                "created_by_id",
                "created_at",
            ],
            lines,
        )
