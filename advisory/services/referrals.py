"""Referrals of a case to banks, foundations and other actors."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from initiatives.models import Actor

from ..models import Case, Referral


@transaction.atomic
def referral_create(
    *,
    case: Case,
    by,
    actor: Actor | None = None,
    actor_type: str = "",
    actor_name: str = "",
    reason: str = "",
    status: str = Referral.Status.PLANNED,
    result: str = "",
    referred_on: datetime.date | None = None,
    closed_on: datetime.date | None = None,
) -> Referral:
    """Refer the case to an actor of the directory (its kind and name are copied onto the referral) or, without
    one, to an actor given by kind and name."""
    if actor is not None:
        if actor.municipality_id not in (None, case.municipality_id):
            raise ValidationError({"actor": _("This actor belongs to another municipality.")})
        actor_type, actor_name = actor.kind, actor.name
    referral = Referral(
        case=case,
        actor=actor,
        actor_type=actor_type or "",
        actor_name=(actor_name or "").strip(),
        reason=(reason or "").strip(),
        status=status,
        result=(result or "").strip(),
        referred_on=referred_on or timezone.localdate(),
        created_by=by,
    )
    _set_referral_closed(referral, closed_on)
    referral.full_clean()
    referral.save()
    return referral


@transaction.atomic
def referral_update(
    *, referral: Referral, status: str, result: str, by, closed_on: datetime.date | None = None
) -> Referral:
    referral.status = status
    referral.result = (result or "").strip()
    _set_referral_closed(referral, closed_on)
    referral.full_clean()
    referral.save()
    return referral


def _set_referral_closed(referral: Referral, closed_on) -> None:
    if referral.status in Referral.OPEN_STATUSES:
        referral.closed_on = None
    else:
        referral.closed_on = closed_on or referral.closed_on or timezone.localdate()
        if referral.closed_on < referral.referred_on:
            raise ValidationError({"closed_on": _("A referral cannot conclude before it was made.")})
