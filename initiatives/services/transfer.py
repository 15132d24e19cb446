"""New initiatives from existing ones: copying a published concept, starting from a service model."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from quarters.models import Quarter

from ..models import (
    Concept,
    ConceptLineItem,
    Initiative,
    Motive,
)
from ..service_base import (
    initiative_index_search,
)
from .concept import record_version
from .registration import initiative_create


@transaction.atomic
def concept_copy(*, source: Initiative, name: str, quarters: Iterable[Quarter], short_description: str = "", by):
    """Copy a published initiative's concept as the template of a new initiative in another quarter.

    Structure and texts travel; people and money never do: no members, pledges or amounts (line items keep
    their labels with amount 0), no needs or building of the source quarter.
    """
    if source.status != Initiative.Status.PUBLISHED:
        raise ValidationError(_("Only published concepts can be copied."))
    source_concept = Concept.objects.filter(initiative=source).first()
    initiative = initiative_create(
        name=name,
        quarters=quarters,
        short_description=short_description or source.short_description,
        description=source.description,
        copied_from=source,
        by=by,
    )
    initiative.motives = list(source.motives)
    initiative.target_groups = list(source.target_groups)
    initiative.target_groups_note = source.target_groups_note
    initiative.legal_form = source.legal_form
    initiative.save(update_fields=["motives", "target_groups", "target_groups_note", "legal_form", "updated_at"])
    initiative.service_areas.set(source.service_areas.all())
    if source_concept is not None:
        concept = initiative.concept
        for section in Concept.SECTIONS:
            setattr(concept, section, getattr(source_concept, section))
        concept.copied_from = source_concept
        concept.save()
        ConceptLineItem.objects.bulk_create(
            ConceptLineItem(
                concept=concept,
                category=item.category,
                label=item.label,
                amount=Decimal("0"),
                position=item.position,
            )
            for item in source_concept.line_items.all()
        )
        record_version(concept, by)
    initiative_index_search(initiative=initiative)
    return initiative


def model_prefill(model) -> dict:
    """What a service model suggests for a new initiative: motive, service areas, legal form, concept sections."""
    lines = list(model.legal_form_lines.select_related("legal_form").order_by("position", "pk"))
    concept = {
        "offer": model.summary,
        "operating_model": "\n\n".join(
            part for part in (model.legal_forms_note, model.financing_note, model.cost_note) if part
        ),
        "need_and_evidence": model.service_area_note,
        "space_and_location": model.needs_note if model.needs_space else "",
        "volunteer_activation": model.needs_note if model.needs_volunteers else "",
        "partners": "",
    }
    return {
        "motives": [Motive.SUPPLY_GAP],
        "service_areas": list(model.service_areas.all()),
        "legal_form": lines[0].legal_form if lines else None,
        "concept": {key: value for key, value in concept.items() if value},
        "one_off_cost": model.one_off_cost_min,
        "running_cost": model.running_cost_min,
    }


@transaction.atomic
def initiative_start_from_model(*, model, name: str, quarters: Iterable[Quarter], short_description: str, by):
    """Register an initiative pre-filled from a service model of the financing catalogue."""
    prefill = model_prefill(model)
    initiative = initiative_create(
        name=name,
        quarters=quarters,
        short_description=short_description,
        started_from_model=model,
        by=by,
    )
    initiative.motives = prefill["motives"]
    initiative.legal_form = prefill["legal_form"]
    initiative.save(update_fields=["motives", "legal_form", "updated_at"])
    initiative.service_areas.set(prefill["service_areas"])
    concept = initiative.concept
    for section, text in prefill["concept"].items():
        setattr(concept, section, text[:10000])
    concept.save()
    items = []
    if prefill["one_off_cost"] is not None:
        items.append(
            (ConceptLineItem.Category.ONE_OFF_COST, _("One-off costs (from the model)"), prefill["one_off_cost"])
        )
    if prefill["running_cost"] is not None:
        items.append(
            (ConceptLineItem.Category.ANNUAL_COST, _("Running costs (from the model)"), prefill["running_cost"])
        )
    ConceptLineItem.objects.bulk_create(
        ConceptLineItem(concept=concept, category=category, label=label, amount=amount)
        for category, label, amount in items
    )
    record_version(concept, by)
    initiative_index_search(initiative=initiative)
    return initiative
