"""Writes of an initiative's organisations (Entity): one lead organisation, whose legal form is the
initiative's; deleting an organisation moves its sources of the financing plan to the lead first."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from common.money import amount_problem

from ..models import Entity, FinancingLine, Initiative
from ..service_base import lock_initiative, refuse_if_closed


def _lead_of(initiative: Initiative, *, exclude=None) -> Entity | None:
    leads = Entity.objects.filter(initiative=initiative, is_lead=True)
    if exclude is not None:
        leads = leads.exclude(pk=exclude.pk)
    return leads.first()


def _sync_legal_form(initiative: Initiative, lead: Entity | None) -> None:
    # The initiative's legal form is its lead organisation's: the directory, the review and the founders'
    # check read it there.
    if lead is not None and initiative.legal_form_id != lead.legal_form_id:
        initiative.legal_form_id = lead.legal_form_id
        initiative.save(update_fields=["legal_form", "updated_at"])


@transaction.atomic
def entity_save(
    *,
    initiative: Initiative,
    name: str,
    legal_form=None,
    founding: str = Entity.Founding.FOUNDED,
    own_funds: Decimal | None = None,
    is_gemeinnuetzig: bool | None = None,
    is_lead: bool = False,
    entity: Entity | None = None,
    by,
) -> Entity:
    """Add an organisation (entity None) or change one. The first organisation becomes the lead; a second lead
    is refused with the name of the first."""
    initiative = lock_initiative(initiative)
    refuse_if_closed(initiative)
    if entity is not None and entity.initiative_id != initiative.pk:
        raise ValidationError(_("This organisation belongs to another initiative."))
    name = (name or "").strip()
    errors = {}
    if not name:
        errors["name"] = _("Give the organisation's name.")
    elif Entity.objects.filter(initiative=initiative, name=name).exclude(pk=getattr(entity, "pk", None)).exists():
        errors["name"] = _("The initiative already has an organisation of this name.")
    if founding not in Entity.Founding.values:
        errors["founding"] = _("Choose a value from the list.")
    if own_funds is not None and (problem := amount_problem(own_funds, allow_zero=True)):
        errors["own_funds"] = problem
    lead = _lead_of(initiative, exclude=entity)
    if is_lead and lead is not None:
        errors["is_lead"] = _(
            "“%(name)s” is the lead organisation already: an initiative has one. Change that one first."
        ) % {"name": lead.name}
    if errors:
        raise ValidationError(errors)
    if lead is None:
        is_lead = True  # the first organisation (or the only one left) leads
    entity = entity or Entity(initiative=initiative, position=Entity.objects.filter(initiative=initiative).count())
    entity.name = name
    entity.legal_form = legal_form
    entity.founding = founding
    entity.own_funds = own_funds
    entity.is_gemeinnuetzig = is_gemeinnuetzig
    entity.is_lead = is_lead
    entity.full_clean()
    entity.save()
    if is_lead:
        _sync_legal_form(initiative, entity)
    return entity


def sources_moving(entity: Entity) -> list[FinancingLine]:
    """The plan's sources that move to the lead organisation when `entity` is deleted."""
    return list(entity.financing_lines.order_by("position", "pk"))


@transaction.atomic
def entity_delete(*, entity: Entity, by) -> list[FinancingLine]:
    """Delete an organisation; its sources of the plan move to the lead (returned). The lead can go only when
    it is the last one."""
    initiative = lock_initiative(entity.initiative)
    refuse_if_closed(initiative)
    entity = Entity.objects.select_for_update().get(pk=entity.pk, initiative=initiative)
    others = Entity.objects.filter(initiative=initiative).exclude(pk=entity.pk)
    if entity.is_lead and others.exists():
        raise ValidationError(_("Make another organisation the lead before you delete the lead organisation."))
    moved = sources_moving(entity)
    lead = _lead_of(initiative, exclude=entity)
    FinancingLine.objects.filter(entity=entity).update(entity=lead)
    entity.delete()
    return moved
