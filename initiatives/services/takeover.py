"""The municipality carrying an initiative for a while (municipal takeover)."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from quarters.rules import has_role_in

from ..models import (
    Initiative,
    MunicipalTakeover,
)
from ..rules import forget_roles
from ..service_base import (
    lock_initiative,
    notify_people,
    refuse_if_closed,
    team_users,
)


@transaction.atomic
def takeover_start(
    *, initiative: Initiative, quarter_coordinator, reason: str, review_on: datetime.date, by
) -> MunicipalTakeover:
    """No one carries the initiative: the municipality appoints a quarter coordinator who carries it for a while."""
    initiative = lock_initiative(initiative)
    refuse_if_closed(initiative)
    if initiative.takeovers.filter(ended_at__isnull=True).exists():
        raise ValidationError(_("The municipality already carries this initiative."))
    if not has_role_in(quarter_coordinator, initiative.municipality):
        raise ValidationError(
            {
                "quarter_coordinator": _("The quarter coordinator must be on the staff of %(municipality)s.")
                % {"municipality": initiative.municipality.name}
            }
        )
    if review_on <= timezone.localdate():
        raise ValidationError({"review_on": _("The review date must lie in the future.")})
    takeover = MunicipalTakeover(
        initiative=initiative,
        quarter_coordinator=quarter_coordinator,
        reason=(reason or "").strip(),
        review_on=review_on,
        appointed_by=by,
    )
    takeover.full_clean()
    takeover.save()
    forget_roles(quarter_coordinator)
    notify_people(
        [quarter_coordinator, *team_users(initiative)],
        initiative,
        gettext_lazy("The municipality carries “%(name)s”"),
        gettext_lazy("%(person)s carries “%(name)s” for the municipality until the review on %(date)s."),
        values={"person": quarter_coordinator.public_name, "date": f"{review_on:%d.%m.%Y}"},
        exclude=by,
    )
    return takeover


@transaction.atomic
def takeover_end(*, takeover: MunicipalTakeover, note: str = "", by) -> MunicipalTakeover:
    takeover = MunicipalTakeover.objects.select_for_update().select_related("quarter_coordinator").get(pk=takeover.pk)
    if takeover.ended_at is not None:
        raise ValidationError(_("This takeover has already ended."))
    takeover.ended_at = timezone.now()
    takeover.end_note = (note or "").strip()
    takeover.save(update_fields=["ended_at", "end_note"])
    forget_roles(takeover.quarter_coordinator)
    return takeover
