"""Registering an initiative and saving the steps of the registration (later: its profile)."""

from __future__ import annotations

import secrets
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from needs.models import Need, Potential
from quarters.models import Quarter

from ..models import (
    Concept,
    Initiative,
    Membership,
)
from ..rules import forget_roles
from ..service_base import CLOSED_STATES, initiative_index_search, lock_initiative, refuse_if_closed

WIZARD_STEPS = 5

# Fields each registration step (and later the profile editing) may change.
STEP_FIELDS = {
    1: {
        "name",
        "quarters",
        "short_description",
        "description",
        "target_groups",
        "target_groups_note",
        "contact_person",
        "contact_email",
        "contact_phone",
        "website",
    },
    2: {"motives", "answered_needs", "service_areas"},
    3: {"legal_form", "stage"},
    4: {"space", "building", "capital_need", "own_funds", "volunteer_hours_per_month", "latitude", "longitude"},
}
M2M_FIELDS = {"quarters", "answered_needs", "service_areas"}


# Slugs that would shadow a fixed path of initiatives/urls.py.
RESERVED_SLUGS = {"meine", "registrieren", "aus-modell", "einladung", "kommune"}


def unique_slug(name: str, *, exclude_pk: int | None = None) -> str:
    base = (slugify(name) or "initiative")[:150].strip("-") or "initiative"
    if base in RESERVED_SLUGS:
        base = f"{base}-initiative"
    slug, number = base, 2
    taken = Initiative.objects.exclude(pk=exclude_pk)
    while taken.filter(slug=slug).exists():
        slug = f"{base}-{number}"
        number += 1
    return slug


def _check_quarters(quarters: Iterable[Quarter], *, municipality=None) -> list[Quarter]:
    quarters = list(quarters)
    if not quarters:
        raise ValidationError({"quarters": _("Please choose at least one quarter.")})
    first = municipality or quarters[0].municipality
    if any(q.municipality_id != first.pk for q in quarters):
        raise ValidationError(
            {"quarters": _("All quarters must belong to %(municipality)s.") % {"municipality": first.name}}
        )
    return quarters


def _check_name_free(name: str, quarters: Iterable[Quarter], *, exclude_pk: int | None = None) -> None:
    clash = (
        Initiative.objects.filter(name__iexact=name.strip(), quarters__in=list(quarters))
        .exclude(pk=exclude_pk)
        .exclude(status__in=CLOSED_STATES)
        .first()
    )
    if clash is not None:
        raise ValidationError(
            {"name": _("An initiative called “%(name)s” already exists in this quarter.") % {"name": clash.name}}
        )


def _save_new(initiative: Initiative) -> Initiative:
    """Save with a unique slug; a parallel registration with the same slug gets the next free one."""
    for _attempt in range(5):
        initiative.slug = unique_slug(initiative.name)
        try:
            with transaction.atomic():
                initiative.save()
            return initiative
        except IntegrityError:
            if Initiative.objects.filter(slug=initiative.slug).exists():
                continue
            raise
    initiative.slug = f"{unique_slug(initiative.name)}-{secrets.token_hex(3)}"
    initiative.save()
    return initiative


@transaction.atomic
def initiative_create(
    *,
    name: str,
    quarters: Iterable[Quarter],
    short_description: str,
    by,
    description: str = "",
    started_from_model=None,
    copied_from: Initiative | None = None,
) -> Initiative:
    """A signed-in resident registers an initiative: a draft, with them as lead and an empty concept."""
    quarters = _check_quarters(quarters)
    name = (name or "").strip()
    initiative = Initiative(
        name=name,
        slug="pending",
        municipality=quarters[0].municipality,
        short_description=(short_description or "").strip(),
        description=description,
        created_by=by,
        started_from_model=started_from_model,
        copied_from=copied_from,
        wizard_step=2,
    )
    initiative.full_clean(exclude=["slug"])
    _check_name_free(name, quarters)
    _save_new(initiative)
    initiative.quarters.set(quarters)
    Membership.objects.create(initiative=initiative, user=by, role=Membership.Role.LEAD)
    forget_roles(by)
    Concept.objects.create(initiative=initiative, updated_by=by)
    initiative_index_search(initiative=initiative)
    return initiative


def _clean_needs(initiative: Initiative, needs, quarter_ids) -> list[Need]:
    needs = list(needs)
    for need in needs:
        if need.quarter_id not in quarter_ids or not need.is_public:
            raise ValidationError(
                {"answered_needs": _("Choose needs that are published in the initiative's quarters.")}
            )
    return needs


def _clean_building(building: Potential | None, quarter_ids) -> None:
    if building is None:
        return
    if building.kind != Potential.Kind.BUILDING or building.quarter_id not in quarter_ids:
        raise ValidationError({"building": _("Choose a building from the potentials of the initiative's quarters.")})


@transaction.atomic
def initiative_update(*, initiative: Initiative, step: int, data: dict, by) -> Initiative:
    """Save one registration step (or profile section). Unknown fields are refused, not ignored."""
    initiative = lock_initiative(initiative)
    refuse_if_closed(initiative)
    allowed = STEP_FIELDS.get(step)
    if allowed is None:
        raise ValidationError(_("This step does not exist."))
    unknown = set(data) - allowed
    if unknown:
        raise ValidationError(_("These fields cannot be changed here: %(fields)s") % {"fields": ", ".join(unknown)})

    quarters = list(data["quarters"]) if "quarters" in data else list(initiative.quarters.all())
    if "quarters" in data:
        # A published or reviewed initiative stays with the municipality reviewing it.
        keep = None if initiative.status == Initiative.Status.DRAFT else initiative.municipality
        quarters = _check_quarters(quarters, municipality=keep)
    quarter_ids = {q.pk for q in quarters}

    for name, value in data.items():
        if name not in M2M_FIELDS:
            setattr(initiative, name, value)
    if "name" in data:
        initiative.name = (initiative.name or "").strip()
    if "short_description" in data:
        initiative.short_description = (initiative.short_description or "").strip()
    if "quarters" in data:
        initiative.municipality = quarters[0].municipality
    if "building" in data:
        _clean_building(data["building"], quarter_ids)
    needs = _clean_needs(initiative, data["answered_needs"], quarter_ids) if "answered_needs" in data else None
    if "name" in data or "quarters" in data:
        _check_name_free(initiative.name, quarters, exclude_pk=initiative.pk)
    if initiative.status == Initiative.Status.DRAFT:
        initiative.wizard_step = min(max(initiative.wizard_step, step + 1), WIZARD_STEPS)
    initiative.full_clean(exclude=["slug"])
    initiative.save()
    if "quarters" in data:
        initiative.quarters.set(quarters)
        # Needs and a building of quarters no longer chosen are dropped.
        initiative.answered_needs.remove(*initiative.answered_needs.exclude(quarter_id__in=quarter_ids))
        if initiative.building_id and initiative.building.quarter_id not in quarter_ids:
            initiative.building = None
            initiative.save(update_fields=["building", "updated_at"])
    if needs is not None:
        initiative.answered_needs.set(needs)
    if "service_areas" in data:
        initiative.service_areas.set(data["service_areas"])
    initiative_index_search(initiative=initiative)
    return initiative
