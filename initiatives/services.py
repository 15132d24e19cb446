"""Writes of the initiative registry: registration, review, team, help offers, pledges, concept, network,
municipal takeover.

Every function is keyword-only and atomic; a refusal is a ValidationError with a message for the person,
raised before anything changes. Permission checks live in rules.py and the views; the services check what
depends on the state (a draft cannot be published, an invitation works once).
"""

from __future__ import annotations

import datetime
import difflib
import hashlib
import secrets
from collections.abc import Iterable
from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.search import SearchVector
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, connection, transaction
from django.db.models import TextField, Value
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.money import amount_problem, format_euro
from financing.choices import Profitability
from needs.models import Need, Potential
from notifications.models import Kind
from notifications.services import absolute_url, notify
from quarters.models import Quarter, StaffRole
from quarters.rules import has_role_in

from . import images
from .models import (
    MAX_TRANCHES,
    Actor,
    Concept,
    ConceptLineItem,
    ConceptVersion,
    FinancingLine,
    FinancingPlan,
    HelpOffer,
    Initiative,
    InitiativeActor,
    InitiativeLink,
    Invitation,
    Membership,
    Milestone,
    Motive,
    MunicipalTakeover,
    Photo,
    Pledge,
    ReviewDecision,
)
from .queries import line_items_in_order
from .rules import forget_roles

INVITATION_DAYS = 14
MAX_PHOTOS = 12
WIZARD_STEPS = 5
CLOSED_STATES = {Initiative.Status.REJECTED, Initiative.Status.ARCHIVED}
ROLE_RANK = {Membership.Role.SUPPORTER: 0, Membership.Role.CORE: 1, Membership.Role.LEAD: 2}

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


# --- Helpers -------------------------------------------------------------------------------------


def _lock(initiative: Initiative) -> Initiative:
    return Initiative.objects.select_for_update().select_related("municipality").get(pk=initiative.pk)


def _refuse_if_closed(initiative: Initiative) -> None:
    if initiative.status in CLOSED_STATES:
        raise ValidationError(
            _("This initiative is “%(status)s” and can no longer be changed.")
            % {"status": initiative.get_status_display()}
        )


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


def _team_users(initiative: Initiative, *, roles=(Membership.Role.LEAD, Membership.Role.CORE)):
    users = [m.user for m in initiative.memberships.filter(role__in=roles).select_related("user")]
    takeover = initiative.takeovers.filter(ended_at__isnull=True).select_related("quarter_coordinator").first()
    if takeover is not None and takeover.quarter_coordinator not in users:
        users.append(takeover.quarter_coordinator)
    return users


def _notify(users, initiative: Initiative, subject, body, *, url: str = "", values=None, exclude=None) -> None:
    """Tell each user in their language; `subject` and `body` are lazy translations with %(name)s values."""
    values = {"name": initiative.name, **(values or {})}
    for user in users:
        if user is None or not user.is_active or (exclude is not None and user.pk == exclude.pk):
            continue
        with translation.override(user.preferred_language):
            notify(
                recipient=user,
                kind=Kind.INITIATIVES,
                subject=str(subject) % values,
                body=str(body) % values,
                url=url or initiative.get_absolute_url(),
            )


def _coordinators(municipality):
    return [
        role.user
        for role in StaffRole.objects.filter(municipality=municipality, role=StaffRole.Role.COORDINATOR).select_related(
            "user"
        )
    ]


def initiative_index_search(*, initiative: Initiative) -> None:
    """Refresh the stored German search vector (PostgreSQL only; SQLite searches with icontains)."""
    if connection.vendor != "postgresql":
        return
    initiative = (
        Initiative.objects.filter(pk=initiative.pk)
        .prefetch_related("quarters", "service_areas")
        .select_related("municipality", "concept")
    ).first()
    if initiative is None:
        return
    concept = getattr(initiative, "concept", None)
    places = " ".join([initiative.municipality.name, *(q.name for q in initiative.quarters.all())])
    areas = " ".join(f"{a.name_de} {a.name_en}" for a in initiative.service_areas.all())
    concept_text = " ".join(getattr(concept, name) for name in Concept.SECTIONS) if concept else ""

    def part(text, weight):
        return SearchVector(Value(text or "", output_field=TextField()), config="german", weight=weight)

    Initiative.objects.filter(pk=initiative.pk).update(
        search_vector=part(initiative.name, "A")
        + part(f"{initiative.short_description} {places}", "B")
        + part(f"{initiative.description} {areas} {initiative.target_groups_note}", "C")
        + part(concept_text, "D")
    )


# --- Registration --------------------------------------------------------------------------------


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
    initiative = _lock(initiative)
    _refuse_if_closed(initiative)
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


@transaction.atomic
def initiative_submit(*, initiative: Initiative, by) -> Initiative:
    """Send the registration to the municipality's coordinators for review."""
    initiative = _lock(initiative)
    if initiative.status not in {Initiative.Status.DRAFT, Initiative.Status.CHANGES_REQUESTED}:
        raise ValidationError(
            _("Only drafts and initiatives asked for changes can be submitted; this one is “%(status)s”.")
            % {"status": initiative.get_status_display()}
        )
    missing = []
    if not initiative.quarters.exists():
        missing.append(_("a quarter"))
    if not initiative.short_description:
        missing.append(_("a short description"))
    if not initiative.motives:
        missing.append(_("at least one motive"))
    if missing:
        raise ValidationError(_("Before submitting, please add %(missing)s.") % {"missing": ", ".join(missing)})
    initiative.status = Initiative.Status.SUBMITTED
    initiative.submitted_at = timezone.now()
    initiative.wizard_step = WIZARD_STEPS
    initiative.save(update_fields=["status", "submitted_at", "wizard_step", "updated_at"])
    _notify(
        _coordinators(initiative.municipality),
        initiative,
        gettext_lazy("New initiative to review: %(name)s"),
        gettext_lazy("The initiative “%(name)s” has been submitted and waits for your review."),
        url=reverse("initiatives:review", kwargs={"slug": initiative.slug}),
        exclude=by,
    )
    return initiative


def _decide(initiative: Initiative, decision: str, comment: str, by) -> ReviewDecision:
    record = ReviewDecision(initiative=initiative, decision=decision, comment=(comment or "").strip(), decided_by=by)
    record.full_clean()
    record.save()
    return record


@transaction.atomic
def initiative_publish(*, initiative: Initiative, by, comment: str = "") -> Initiative:
    initiative = _lock(initiative)
    if initiative.status != Initiative.Status.SUBMITTED:
        raise ValidationError(
            _("Only submitted initiatives can be published; this one is “%(status)s”.")
            % {"status": initiative.get_status_display()}
        )
    initiative.status = Initiative.Status.PUBLISHED
    initiative.published_at = initiative.published_at or timezone.now()
    initiative.save(update_fields=["status", "published_at", "updated_at"])
    _decide(initiative, ReviewDecision.Decision.PUBLISH, comment, by)
    _notify(
        _team_users(initiative),
        initiative,
        gettext_lazy("Your initiative “%(name)s” has been published"),
        gettext_lazy("The municipality has published “%(name)s”. Its profile is now public."),
        exclude=by,
    )
    return initiative


@transaction.atomic
def initiative_request_changes(*, initiative: Initiative, comment: str, by) -> Initiative:
    initiative = _lock(initiative)
    if initiative.status != Initiative.Status.SUBMITTED:
        raise ValidationError(_("Changes can only be requested for submitted initiatives."))
    if not (comment or "").strip():
        raise ValidationError({"comment": _("Please tell the initiative what to change.")})
    initiative.status = Initiative.Status.CHANGES_REQUESTED
    initiative.save(update_fields=["status", "updated_at"])
    decision = _decide(initiative, ReviewDecision.Decision.REQUEST_CHANGES, comment, by)
    _notify(
        _team_users(initiative),
        initiative,
        gettext_lazy("Please revise your initiative “%(name)s”"),
        gettext_lazy("The municipality asks for changes to “%(name)s” before publishing it:\n\n%(comment)s"),
        values={"comment": decision.comment},
        url=reverse("initiatives:members_area", kwargs={"slug": initiative.slug}),
        exclude=by,
    )
    return initiative


@transaction.atomic
def initiative_reject(*, initiative: Initiative, reason: str, by) -> Initiative:
    initiative = _lock(initiative)
    if initiative.status not in {Initiative.Status.SUBMITTED, Initiative.Status.CHANGES_REQUESTED}:
        raise ValidationError(_("Only initiatives under review can be rejected."))
    if not (reason or "").strip():
        raise ValidationError({"comment": _("Please give a reason the initiative can read.")})
    initiative.status = Initiative.Status.REJECTED
    initiative.save(update_fields=["status", "updated_at"])
    decision = _decide(initiative, ReviewDecision.Decision.REJECT, reason, by)
    _notify(
        _team_users(initiative),
        initiative,
        gettext_lazy("Your initiative “%(name)s” has not been published"),
        gettext_lazy("The municipality has not published “%(name)s”. The reason:\n\n%(comment)s"),
        values={"comment": decision.comment},
        url=reverse("initiatives:members_area", kwargs={"slug": initiative.slug}),
        exclude=by,
    )
    return initiative


@transaction.atomic
def initiative_archive(*, initiative: Initiative, by, comment: str = "") -> Initiative:
    initiative = _lock(initiative)
    if initiative.status != Initiative.Status.PUBLISHED:
        raise ValidationError(_("Only published initiatives can be archived."))
    initiative.status = Initiative.Status.ARCHIVED
    initiative.save(update_fields=["status", "updated_at"])
    _decide(initiative, ReviewDecision.Decision.ARCHIVE, comment, by)
    return initiative


# --- Logo and photos -----------------------------------------------------------------------------


@transaction.atomic
def initiative_logo_set(*, initiative: Initiative, upload, by) -> Initiative:
    initiative = _lock(initiative)
    _refuse_if_closed(initiative)
    clean = images.reencode(upload, max_edge=800)
    old = initiative.logo.name if initiative.logo else None
    initiative.logo.save(clean.name, clean, save=False)
    initiative.save(update_fields=["logo", "updated_at"])
    if old:
        storage = initiative.logo.storage
        transaction.on_commit(lambda: storage.delete(old))
    return initiative


@transaction.atomic
def photo_add(*, initiative: Initiative, upload, caption: str = "", by) -> Photo:
    initiative = _lock(initiative)
    _refuse_if_closed(initiative)
    count = initiative.photos.count()
    if count >= MAX_PHOTOS:
        raise ValidationError(_("An initiative can show at most %(max)s photos.") % {"max": MAX_PHOTOS})
    clean = images.reencode(upload)
    photo = Photo(initiative=initiative, caption=(caption or "").strip(), position=count, uploaded_by=by)
    photo.image.save(clean.name, clean, save=False)
    photo.full_clean()
    photo.save()
    return photo


@transaction.atomic
def photo_delete(*, photo: Photo, by) -> None:
    name, storage = photo.image.name, photo.image.storage
    photo.delete()
    transaction.on_commit(lambda: storage.delete(name))


# --- Team ----------------------------------------------------------------------------------------


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def invitation_create(*, initiative: Initiative, email: str, role: str, by) -> tuple[Invitation, str]:
    """Invite someone by e-mail; returns the invitation and the token (only ever sent, never stored)."""
    initiative = _lock(initiative)
    _refuse_if_closed(initiative)
    email = (email or "").strip().lower()
    if role not in Membership.Role.values:
        raise ValidationError({"role": _("Choose a role from the list.")})
    if initiative.memberships.filter(user__email__iexact=email).exists():
        raise ValidationError({"email": _("This person is already in the team.")})
    now = timezone.now()
    # A new invitation to the same address replaces the open one: only the newest link works.
    initiative.invitations.filter(email__iexact=email, accepted_at__isnull=True, revoked_at__isnull=True).update(
        revoked_at=now
    )
    token = secrets.token_urlsafe(32)
    invitation = Invitation(
        initiative=initiative,
        email=email,
        role=role,
        token_hash=_token_hash(token),
        invited_by=by,
        expires_at=now + datetime.timedelta(days=INVITATION_DAYS),
    )
    invitation.full_clean()
    invitation.save()
    link = absolute_url(reverse("initiatives:invitation_accept", kwargs={"token": token}))
    context = {
        "initiative": initiative,
        "invitation": invitation,
        "inviter": by.public_name,
        "role": invitation.get_role_display(),
        "link": link,
        "days": INVITATION_DAYS,
        "site_url": settings.KUDEQUA_SITE_URL.rstrip("/"),
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("initiatives/email/invitation_subject.txt", context).strip()
        message = render_to_string("initiatives/email/invitation.txt", context)

    def send():
        send_mail(subject=subject, message=message, from_email=None, recipient_list=[email])

    transaction.on_commit(send)
    return invitation, token


def invitation_for_token(token: str) -> Invitation | None:
    return (
        Invitation.objects.select_related("initiative", "invited_by")
        .filter(token_hash=_token_hash(token or ""))
        .first()
    )


def invitation_problem(invitation: Invitation | None) -> str | None:
    """Why the invitation cannot be used, as a message; None when it can."""
    if invitation is None:
        return _("This invitation link is not valid. Please check the link or ask for a new invitation.")
    if invitation.accepted_at is not None:
        return _("This invitation has already been used. Each invitation works only once.")
    if invitation.revoked_at is not None:
        return _("This invitation has been withdrawn. Please ask the initiative for a new one.")
    if invitation.expires_at <= timezone.now():
        return _("This invitation has expired. Please ask the initiative for a new one.")
    if invitation.initiative.status in CLOSED_STATES:
        return _("This initiative is no longer active.")
    return None


@transaction.atomic
def invitation_accept(*, token: str, by) -> Membership:
    invitation = invitation_for_token(token)
    if invitation is not None:
        invitation = Invitation.objects.select_for_update().select_related("initiative").get(pk=invitation.pk)
    problem = invitation_problem(invitation)
    if problem:
        raise ValidationError(problem)
    membership = Membership.objects.filter(initiative=invitation.initiative, user=by).first()
    if membership is None:
        membership = Membership.objects.create(initiative=invitation.initiative, user=by, role=invitation.role)
    elif ROLE_RANK[invitation.role] > ROLE_RANK[membership.role]:
        membership.role = invitation.role
        membership.save(update_fields=["role"])
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = by
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    forget_roles(by)
    _notify(
        [invitation.invited_by],
        invitation.initiative,
        gettext_lazy("%(person)s has joined “%(name)s”"),
        gettext_lazy("%(person)s accepted your invitation to the team of “%(name)s”."),
        values={"person": by.public_name},
        url=reverse("initiatives:team", kwargs={"slug": invitation.initiative.slug}),
        exclude=by,
    )
    return membership


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, by) -> Invitation:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        raise ValidationError(_("This invitation has already been used."))
    if invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
    return invitation


def _refuse_losing_last_lead(membership: Membership) -> None:
    others = membership.initiative.memberships.filter(role=Membership.Role.LEAD).exclude(pk=membership.pk)
    if membership.role == Membership.Role.LEAD and not others.exists():
        raise ValidationError(_("An initiative needs at least one lead. Make someone else lead first."))


@transaction.atomic
def membership_change_role(*, membership: Membership, role: str, by) -> Membership:
    membership = Membership.objects.select_for_update().select_related("initiative", "user").get(pk=membership.pk)
    _refuse_if_closed(membership.initiative)
    if role not in Membership.Role.values:
        raise ValidationError({"role": _("Choose a role from the list.")})
    if role != Membership.Role.LEAD:
        _refuse_losing_last_lead(membership)
    membership.role = role
    membership.save(update_fields=["role"])
    forget_roles(membership.user)
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership, by) -> None:
    membership = Membership.objects.select_for_update().select_related("initiative", "user").get(pk=membership.pk)
    _refuse_losing_last_lead(membership)
    membership.delete()
    forget_roles(membership.user)


# --- Help offers ("Mitmachen") -------------------------------------------------------------------


@transaction.atomic
def help_offer_create(*, initiative: Initiative, skills: str, hours_per_month: int, contact: str, by) -> HelpOffer:
    initiative = _lock(initiative)
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
    _notify(
        _team_users(initiative),
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
    _notify([offer.user], initiative, subject, body, exclude=by)
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
    initiative = _lock(initiative)
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
    _notify(
        _team_users(initiative),
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


# --- Concept -------------------------------------------------------------------------------------

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


def _record_version(concept: Concept, by) -> ConceptVersion | None:
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
    _refuse_if_closed(concept.initiative)
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
    version = _record_version(concept, by)
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
    _record_version(concept, by)
    return item


@transaction.atomic
def line_item_delete(*, item: ConceptLineItem, by) -> None:
    concept = _lock_concept(item.concept)
    item.delete()
    _record_version(concept, by)


@transaction.atomic
def milestone_add(*, concept: Concept, title: str, due_on: datetime.date, note: str = "", by) -> Milestone:
    concept = _lock_concept(concept)
    milestone = Milestone(concept=concept, title=(title or "").strip(), due_on=due_on, note=note)
    milestone.full_clean()
    milestone.save()
    _record_version(concept, by)
    return milestone


@transaction.atomic
def milestone_toggle(*, milestone: Milestone, by) -> Milestone:
    concept = _lock_concept(milestone.concept)
    milestone.done = not milestone.done
    milestone.save(update_fields=["done"])
    _record_version(concept, by)
    return milestone


@transaction.atomic
def milestone_delete(*, milestone: Milestone, by) -> None:
    concept = _lock_concept(milestone.concept)
    milestone.delete()
    _record_version(concept, by)


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


# --- Transfer and start from a service model -----------------------------------------------------


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
        _record_version(concept, by)
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
    _record_version(concept, by)
    initiative_index_search(initiative=initiative)
    return initiative


# --- Network -------------------------------------------------------------------------------------


@transaction.atomic
def link_add(*, initiative: Initiative, other: Initiative, description: str = "", by) -> InitiativeLink:
    if other.pk == initiative.pk:
        raise ValidationError(_("An initiative cannot be linked to itself."))
    if other.status != Initiative.Status.PUBLISHED:
        raise ValidationError(_("Only published initiatives can be linked."))
    pair = InitiativeLink.objects.filter(
        from_initiative=initiative, to_initiative=other
    ) | InitiativeLink.objects.filter(from_initiative=other, to_initiative=initiative)
    if pair.exists():
        raise ValidationError(_("These initiatives are already linked."))
    link = InitiativeLink(
        from_initiative=initiative, to_initiative=other, description=(description or "").strip(), created_by=by
    )
    link.full_clean()
    link.save()
    return link


@transaction.atomic
def link_remove(*, link: InitiativeLink, by) -> None:
    link.delete()


@transaction.atomic
def actor_link_add(
    *,
    initiative: Initiative,
    role: str,
    by,
    actor: Actor | None = None,
    actor_name: str = "",
    actor_kind: str = Actor.Kind.OTHER,
    actor_website: str = "",
    note: str = "",
) -> InitiativeActor:
    """Link an actor with its role; a new actor (by name) is added to the initiative's municipality."""
    if actor is None:
        actor_name = (actor_name or "").strip()
        if not actor_name:
            raise ValidationError({"actor_name": _("Choose an actor or give the name of a new one.")})
        actor = Actor.objects.filter(municipality=initiative.municipality, name__iexact=actor_name).first()
        if actor is None:
            actor = Actor(name=actor_name, kind=actor_kind, website=actor_website, municipality=initiative.municipality)
            actor.full_clean()
            actor.save()
    elif actor.municipality_id not in (None, initiative.municipality_id):
        raise ValidationError({"actor": _("This actor belongs to another municipality.")})
    if InitiativeActor.objects.filter(initiative=initiative, actor=actor, role=role).exists():
        raise ValidationError(_("This actor already has this role."))
    link = InitiativeActor(initiative=initiative, actor=actor, role=role, note=(note or "").strip())
    link.full_clean()
    link.save()
    return link


@transaction.atomic
def actor_link_remove(*, link: InitiativeActor, by) -> None:
    link.delete()


# --- Municipal takeover --------------------------------------------------------------------------


@transaction.atomic
def takeover_start(
    *, initiative: Initiative, quarter_coordinator, reason: str, review_on: datetime.date, by
) -> MunicipalTakeover:
    """No one carries the initiative: the municipality appoints a quarter coordinator who carries it for a while."""
    initiative = _lock(initiative)
    _refuse_if_closed(initiative)
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
    _notify(
        [quarter_coordinator, *_team_users(initiative)],
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


# --- Financing plan ------------------------------------------------------------------------------

PLAN_FACTS = {"capital_need", "own_funds", "service_areas", "profitability", "securities", "gemeinnuetzig"}


def _money(value, *, field: str = "amount", allow_zero: bool = False) -> Decimal:
    """A Decimal amount, or a ValidationError on `field` that says what is wrong with it."""

    if value is None or value == "":
        raise ValidationError({field: _("Please give the amount.")})
    try:
        amount = value if isinstance(value, Decimal) else Decimal(str(value))
    except (ArithmeticError, ValueError) as error:
        raise ValidationError({field: _("Enter an amount in euros, e.g. 60.000 or 1.234,56.")}) from error
    if not amount.is_finite():
        raise ValidationError({field: _("Enter an amount in euros, e.g. 60.000 or 1.234,56.")})
    problem = amount_problem(amount, allow_zero=allow_zero)
    if problem:
        raise ValidationError({field: problem})
    return amount


def _line_values(
    initiative: Initiative,
    *,
    programme,
    source_name: str,
    instrument,
    amount,
    status: str,
    expected_on: datetime.date | None,
    tranches: int,
    note: str,
) -> dict:
    """Check a line's values; the source and instrument of a programme come from the programme."""
    source_name = (source_name or "").strip()
    if programme is not None:
        if source_name or instrument is not None:
            raise ValidationError(_("Choose a programme or name another source with its instrument type, not both."))
        if programme.municipality_id not in (None, initiative.municipality_id):
            raise ValidationError({"programme": _("This programme belongs to another municipality.")})
        source_name, instrument = programme.name, programme.instrument_type
    else:
        errors = {}
        if not source_name:
            errors["source_name"] = _("Choose a programme, or name the source.")
        if instrument is None:
            errors["instrument"] = _("Choose the instrument type of this source.")
        if errors:
            raise ValidationError(errors)
    if status not in FinancingLine.Status.values:
        raise ValidationError({"status": _("Choose a status from the list.")})
    if not isinstance(tranches, int) or not 1 <= tranches <= MAX_TRANCHES:
        raise ValidationError(
            {"tranches": _("The money comes in 1 to %(max)s monthly payments.") % {"max": MAX_TRANCHES}}
        )
    return {
        "programme": programme,
        "source_name": source_name[:255],
        "instrument": instrument,
        "amount": _money(amount),
        "status": status,
        "expected_on": expected_on,
        "tranches": tranches,
        "note": (note or "").strip(),
    }


@transaction.atomic
def financing_line_add(
    *,
    initiative: Initiative,
    amount: Decimal,
    by,
    programme=None,
    source_name: str = "",
    instrument=None,
    status: str = FinancingLine.Status.PLANNED,
    expected_on: datetime.date | None = None,
    tranches: int = 1,
    note: str = "",
) -> FinancingLine:
    """Add a source to the financing plan: a programme of the catalogue, or a free source with its instrument."""
    initiative = _lock(initiative)
    _refuse_if_closed(initiative)
    values = _line_values(
        initiative,
        programme=programme,
        source_name=source_name,
        instrument=instrument,
        amount=amount,
        status=status,
        expected_on=expected_on,
        tranches=tranches,
        note=note,
    )
    line = FinancingLine(initiative=initiative, position=initiative.financing_lines.count(), created_by=by, **values)
    line.full_clean()
    line.save()
    return line


@transaction.atomic
def financing_line_update(
    *,
    line: FinancingLine,
    amount: Decimal,
    by,
    programme=None,
    source_name: str = "",
    instrument=None,
    status: str = FinancingLine.Status.PLANNED,
    expected_on: datetime.date | None = None,
    tranches: int = 1,
    note: str = "",
) -> FinancingLine:
    initiative = _lock(line.initiative)
    _refuse_if_closed(initiative)
    line = FinancingLine.objects.select_for_update().get(pk=line.pk, initiative=initiative)
    values = _line_values(
        initiative,
        programme=programme,
        source_name=source_name,
        instrument=instrument,
        amount=amount,
        status=status,
        expected_on=expected_on,
        tranches=tranches,
        note=note,
    )
    for name, value in values.items():
        setattr(line, name, value)
    line.full_clean()
    line.save()
    return line


@transaction.atomic
def financing_line_delete(*, line: FinancingLine, by) -> None:
    initiative = _lock(line.initiative)
    _refuse_if_closed(initiative)
    FinancingLine.objects.filter(pk=line.pk).delete()


def _plan_for_update(initiative: Initiative, by) -> FinancingPlan:
    plan, _created = FinancingPlan.objects.select_for_update().get_or_create(initiative=initiative)
    plan.updated_by = by
    return plan


@transaction.atomic
def financing_plan_update(*, initiative: Initiative, start_month: datetime.date | None, by) -> FinancingPlan:
    """The plan's settings: the month the costs start (stored as its first day)."""
    initiative = _lock(initiative)
    _refuse_if_closed(initiative)
    plan = _plan_for_update(initiative, by)
    plan.start_month = start_month.replace(day=1) if start_month else None
    plan.full_clean()
    plan.save()
    return plan


def _programme_question(key: str):
    """The programme a programme-specific question ("area:<slug>", "condition:<slug>") belongs to, or None."""
    from financing.models import Programme

    prefix, _sep, slug = key.partition(":")
    programme = Programme.objects.filter(slug=slug).first() if slug else None
    if programme is None:
        return None
    text = programme.area_restriction if prefix == "area" else programme.extra_condition
    return programme if text else None


@transaction.atomic
def financing_fact_answer(*, initiative: Initiative, fact: str, value, by) -> FinancingPlan:
    """Answer one question of the financing check; the fact is saved on the initiative or its plan.

    `fact` is a question key of financing.matching: capital_need, own_funds (Decimal), service_areas
    (ServiceArea objects), profitability (a Profitability value), securities, gemeinnuetzig (True, False or
    None for "not known"), or a programme's own question "area:<slug>" / "condition:<slug>" (True, False, None).
    """
    initiative = _lock(initiative)
    _refuse_if_closed(initiative)
    plan = _plan_for_update(initiative, by)
    if fact in {"capital_need", "own_funds"}:
        amount = None if value is None else _money(value, field="value", allow_zero=True)
        setattr(initiative, fact, amount)
        initiative.save(update_fields=[fact, "updated_at"])
    elif fact == "service_areas":
        areas = list(value or [])
        if not areas:
            raise ValidationError({"value": _("Choose at least one service area.")})
        initiative.service_areas.set(areas)
        initiative_index_search(initiative=initiative)
    elif fact == "profitability":
        if value not in {"", None, *Profitability.values}:
            raise ValidationError({"value": _("Choose a value from the list.")})
        plan.profitability = value or ""
    elif fact in {"securities", "gemeinnuetzig"}:
        if value not in {True, False, None}:
            raise ValidationError({"value": _("Answer yes or no.")})
        setattr(plan, "has_securities" if fact == "securities" else "is_gemeinnuetzig", value)
    elif ":" in fact and fact.split(":", 1)[0] in {"area", "condition"}:
        if _programme_question(fact) is None:
            raise ValidationError(_("This question is not asked by any programme of the catalogue."))
        if value not in {True, False, None}:
            raise ValidationError({"value": _("Answer yes or no.")})
        answers = dict(plan.check_answers or {})
        if value is None:
            answers.pop(fact, None)
        else:
            answers[fact] = value
        plan.check_answers = answers
    else:
        raise ValidationError(_("This question cannot be answered here."))
    plan.full_clean()
    plan.save()
    return plan
