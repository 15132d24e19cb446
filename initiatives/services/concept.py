"""The business concept: its sections, costs and revenues, milestones, and a version after each change."""

from __future__ import annotations

import datetime
import difflib
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common.money import format_euro

from ..models import (
    Concept,
    ConceptLineItem,
    ConceptVersion,
    Milestone,
)
from ..queries.concept import line_items_in_order
from ..service_base import (
    initiative_index_search,
    refuse_if_closed,
)

VERSIONED_PARTS = (*Concept.SECTIONS, "volunteer_hours_needed", "line_items", "milestones")


def concept_snapshot(concept: Concept) -> dict:
    """The concept as plain JSON: its sections, line items and milestones."""
    data = {name: getattr(concept, name) for name in Concept.SECTIONS}
    data["volunteer_hours_needed"] = concept.volunteer_hours_needed
    data["line_items"] = [
        {"category": item.category, "label": item.label, "amount": str(item.amount), "note": item.note}
        for item in line_items_in_order(concept)
    ]
    data["milestones"] = [
        {"title": m.title, "due_on": m.due_on.isoformat(), "done": m.done, "note": m.note}
        for m in concept.milestones.order_by("due_on", "pk")
    ]
    return data


def record_version(concept: Concept, by) -> ConceptVersion | None:
    """Store a snapshot when something changed since the last version; None when nothing did."""
    snapshot = concept_snapshot(concept)
    last = concept.versions.order_by("-number").first()
    previous = last.snapshot if last else {}
    changed = [part for part in VERSIONED_PARTS if previous.get(part, _empty(part)) != snapshot[part]]
    if not changed:
        return None
    Concept.objects.filter(pk=concept.pk).update(updated_by=by, updated_at=timezone.now())
    return ConceptVersion.objects.create(
        concept=concept,
        number=(last.number + 1) if last else 1,
        snapshot=snapshot,
        changed_sections=changed,
        created_by=by,
    )


def _empty(part):
    if part in {"line_items", "milestones"}:
        return []
    if part == "volunteer_hours_needed":
        return None
    return ""


def _lock_concept(concept: Concept) -> Concept:
    concept = Concept.objects.select_for_update().select_related("initiative").get(pk=concept.pk)
    refuse_if_closed(concept.initiative)
    return concept


@transaction.atomic
def concept_update(*, concept: Concept, data: dict, by) -> ConceptVersion | None:
    """Save the concept's text sections; returns the new version, or None when nothing changed."""
    concept = _lock_concept(concept)
    allowed = {*Concept.SECTIONS, "volunteer_hours_needed"}
    unknown = set(data) - allowed
    if unknown:
        raise ValidationError(_("These fields cannot be changed here: %(fields)s") % {"fields": ", ".join(unknown)})
    for name, value in data.items():
        setattr(concept, name, value)
    concept.full_clean()
    concept.save()
    version = record_version(concept, by)
    initiative_index_search(initiative=concept.initiative)
    return version


@transaction.atomic
def line_item_add(
    *, concept: Concept, category: str, label: str, amount: Decimal, note: str = "", by
) -> ConceptLineItem:
    concept = _lock_concept(concept)
    position = concept.line_items.filter(category=category).count()
    item = ConceptLineItem(
        concept=concept, category=category, label=(label or "").strip(), amount=amount, note=note, position=position
    )
    item.full_clean()
    item.save()
    record_version(concept, by)
    return item


@transaction.atomic
def line_item_delete(*, item: ConceptLineItem, by) -> None:
    concept = _lock_concept(item.concept)
    item.delete()
    record_version(concept, by)


@transaction.atomic
def milestone_add(*, concept: Concept, title: str, due_on: datetime.date, note: str = "", by) -> Milestone:
    concept = _lock_concept(concept)
    milestone = Milestone(concept=concept, title=(title or "").strip(), due_on=due_on, note=note)
    milestone.full_clean()
    milestone.save()
    record_version(concept, by)
    return milestone


@transaction.atomic
def milestone_toggle(*, milestone: Milestone, by) -> Milestone:
    concept = _lock_concept(milestone.concept)
    milestone.done = not milestone.done
    milestone.save(update_fields=["done"])
    record_version(concept, by)
    return milestone


@transaction.atomic
def milestone_delete(*, milestone: Milestone, by) -> None:
    concept = _lock_concept(milestone.concept)
    milestone.delete()
    record_version(concept, by)


def _snapshot_lines(snapshot: dict, part: str) -> list[str]:
    value = snapshot.get(part, _empty(part))
    if part == "line_items":
        labels = dict(ConceptLineItem.Category.choices)
        return [
            f"{labels.get(item['category'], item['category'])}: {item['label']} – {format_euro(item['amount'])}"
            + (f" ({item['note']})" if item.get("note") else "")
            for item in value
        ]
    if part == "milestones":
        return [
            f"{datetime.date.fromisoformat(m['due_on']):%d.%m.%Y} {m['title']}" + (" ✓" if m.get("done") else "")
            for m in value
        ]
    if value is None:
        return []
    return str(value).splitlines()


def part_label(part: str) -> str:
    if part == "line_items":
        return _("Costs and revenues")
    if part == "milestones":
        return _("Milestones")
    return str(Concept.section_label(part))


def version_diff(version: ConceptVersion, previous: ConceptVersion | None) -> list[dict]:
    """A readable diff of the changed sections: per section, lines marked added, removed or kept."""
    before = previous.snapshot if previous else {}
    diff = []
    for part in version.changed_sections:
        lines = []
        for line in difflib.ndiff(_snapshot_lines(before, part), _snapshot_lines(version.snapshot, part)):
            marker, text = line[:1], line[2:]
            if marker == "?":
                continue
            lines.append({"kind": {"+": "added", "-": "removed"}.get(marker, "kept"), "text": text})
        diff.append({"part": part, "label": part_label(part), "lines": lines})
    return diff
