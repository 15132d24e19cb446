"""Residents taking part: offers of help ('Mitmachen') and non-binding pledges."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import (
    HelpOffer,
    Initiative,
    Membership,
    Pledge,
)
from ..rules import forget_roles
from ..service_base import (
    lock_initiative,
    notify_people,
    team_users,
)


@transaction.atomic
def help_offer_create(*, initiative: Initiative, skills: str, hours_per_month: int, contact: str, by) -> HelpOffer:
    initiative = lock_initiative(initiative)
    if initiative.status != Initiative.Status.PUBLISHED:
        raise ValidationError(_("Help can be offered to published initiatives only."))
    role = initiative.memberships.filter(user=by).values_list("role", flat=True).first()
    if role in {Membership.Role.LEAD, Membership.Role.CORE}:
        raise ValidationError(_("You are already in the core team of this initiative."))
    if initiative.help_offers.filter(user=by, status=HelpOffer.Status.OPEN).exists():
        raise ValidationError(_("You have already offered help; the team will answer soon."))
    offer = HelpOffer(
        initiative=initiative,
        user=by,
        skills=(skills or "").strip(),
        hours_per_month=hours_per_month or 0,
        contact=(contact or "").strip(),
    )
    offer.full_clean()
    offer.save()
    notify_people(
        team_users(initiative),
        initiative,
        gettext_lazy("New offer of help for “%(name)s”"),
        gettext_lazy("%(person)s offers to help “%(name)s”: %(skills)s"),
        values={"person": by.public_name, "skills": offer.skills},
        url=reverse("initiatives:members_area", kwargs={"slug": initiative.slug}),
        exclude=by,
    )
    return offer


@transaction.atomic
def help_offer_decide(*, offer: HelpOffer, accept: bool, by) -> HelpOffer:
    """The core team accepts (the person becomes a supporter) or declines an offer of help."""
    offer = HelpOffer.objects.select_for_update().select_related("initiative", "user").get(pk=offer.pk)
    if offer.status != HelpOffer.Status.OPEN:
        raise ValidationError(_("This offer has already been answered."))
    offer.status = HelpOffer.Status.ACCEPTED if accept else HelpOffer.Status.DECLINED
    offer.decided_by = by
    offer.decided_at = timezone.now()
    offer.save(update_fields=["status", "decided_by", "decided_at"])
    initiative = offer.initiative
    if accept:
        Membership.objects.get_or_create(
            initiative=initiative, user=offer.user, defaults={"role": Membership.Role.SUPPORTER}
        )
        forget_roles(offer.user)
        subject = gettext_lazy("“%(name)s” has accepted your offer of help")
        body = gettext_lazy("Thank you! The team of “%(name)s” has accepted your offer and will get in touch.")
    else:
        subject = gettext_lazy("Your offer of help to “%(name)s”")
        body = gettext_lazy("The team of “%(name)s” cannot take up your offer at the moment. Thank you all the same.")
    notify_people([offer.user], initiative, subject, body, exclude=by)
    return offer


# --- Pledges -------------------------------------------------------------------------------------


@transaction.atomic
def pledge_create(
    *,
    initiative: Initiative,
    kind: str,
    by,
    share_count: int | None = None,
    share_price: Decimal | None = None,
    amount: Decimal | None = None,
    hours_per_month: int | None = None,
    room: str = "",
    note: str = "",
) -> Pledge:
    """A supporter pledges what they can give; non-binding, seen only by lead and core team."""
    initiative = lock_initiative(initiative)
    if initiative.status != Initiative.Status.PUBLISHED:
        raise ValidationError(_("Pledges can be made to published initiatives only."))
    pledge = Pledge(
        initiative=initiative,
        user=by,
        kind=kind,
        share_count=share_count,
        share_price=share_price,
        amount=amount,
        hours_per_month=hours_per_month,
        room=(room or "").strip(),
        note=(note or "").strip(),
    )
    pledge.full_clean()
    pledge.save()
    notify_people(
        team_users(initiative),
        initiative,
        gettext_lazy("New pledge for “%(name)s”"),
        gettext_lazy("Someone has pledged support to “%(name)s”. The ledger in the members' area shows it."),
        url=reverse("initiatives:members_area", kwargs={"slug": initiative.slug}),
        exclude=by,
    )
    return pledge


@transaction.atomic
def pledge_withdraw(*, pledge: Pledge, by) -> Pledge:
    pledge = Pledge.objects.select_for_update().get(pk=pledge.pk)
    if pledge.withdrawn_at is None:
        pledge.withdrawn_at = timezone.now()
        pledge.save(update_fields=["withdrawn_at"])
    return pledge
