"""Writes for offers and potentials: coordinators maintain them, residents suggest, coordinators confirm."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from quarters.rules import is_coordinator_of

from .. import ratelimit
from ..caching import quarter_changed
from ..models import Offer, Potential, Review
from .needs import refuse_if_blocked

SupplyItem = Offer | Potential


def _may_confirm(user, item: SupplyItem) -> bool:
    return user.is_superuser or is_coordinator_of(user, item.quarter.municipality)


@transaction.atomic
def supply_save(*, item: SupplyItem, by) -> SupplyItem:
    """Create or change an offer or potential.

    A coordinator's entry is confirmed at once; anyone else's new entry is a suggestion awaiting confirmation.
    Changing an existing entry is for coordinators only (the view's permission checks that).
    """
    creating = item.pk is None
    if creating:
        item.suggested_by = by
        if _may_confirm(by, item):
            item.review, item.confirmed_by = Review.CONFIRMED, by
        else:
            refuse_if_blocked(by, item.quarter.municipality)
            item.review, item.confirmed_by = Review.SUGGESTED, None
    elif not _may_confirm(by, item):
        raise ValidationError(_("Only the coordination of the municipality can change this entry."))
    item.full_clean()
    if creating and item.review == Review.SUGGESTED and not ratelimit.consume("suggestion", by):
        raise ValidationError(_("You have made many suggestions within the last hour. Please wait a while."))
    item.save()
    quarter_changed(item.quarter_id)  # confirmed offers feed the gap analysis
    return item


@transaction.atomic
def supply_confirm(*, item: SupplyItem, by) -> SupplyItem:
    if item.review == Review.CONFIRMED:
        raise ValidationError(_("This entry has already been confirmed."))
    item.review, item.confirmed_by = Review.CONFIRMED, by
    item.save(update_fields=["review", "confirmed_by", "updated_at"])
    quarter_changed(item.quarter_id)
    return item


@transaction.atomic
def supply_delete(*, item: SupplyItem, by) -> None:
    quarter_id = item.quarter_id
    item.delete()
    quarter_changed(quarter_id)
