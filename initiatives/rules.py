"""Permission predicates of the initiative registry: the one place that decides who may do what.

Roles inside an initiative come from Membership (lead, core, supporter); a quarter coordinator appointed by a
municipal takeover carries the initiative and acts like its lead while the takeover lasts. Staff rights come
from quarters.rules through the initiative's municipality. Whether an action fits the initiative's state
(e.g. submitting twice) is the services' business, with a clear message; the predicates here only refuse
edits of rejected or archived initiatives outright.
"""

import rules

from quarters.rules import is_coordinator_of, is_platform_admin, is_staff_of

from .models import Initiative, Membership, MunicipalTakeover

CORE_ROLES = frozenset({Membership.Role.LEAD, Membership.Role.CORE})


def _initiative_of(obj):
    if isinstance(obj, Initiative):
        return obj
    return getattr(obj, "initiative", None)


def _roles(user) -> dict[int, str]:
    """{initiative_id: role} of the user, read once per request-bound user object."""
    if not user.is_authenticated:
        return {}
    cached = getattr(user, "_kudequa_initiative_roles", None)
    if cached is None:
        cached = dict(Membership.objects.filter(user=user).values_list("initiative_id", "role"))
        user._kudequa_initiative_roles = cached
    return cached


def _carried(user) -> frozenset[int]:
    """Initiatives the user carries as quarter coordinator of an active municipal takeover."""
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_kudequa_carried_initiatives", None)
    if cached is None:
        cached = frozenset(
            MunicipalTakeover.objects.filter(quarter_coordinator=user, ended_at__isnull=True).values_list(
                "initiative_id", flat=True
            )
        )
        user._kudequa_carried_initiatives = cached
    return cached


def forget_roles(user) -> None:
    """Drop the cached roles after a membership or takeover of this user changed."""
    for name in ("_kudequa_initiative_roles", "_kudequa_carried_initiatives"):
        if hasattr(user, name):
            delattr(user, name)


def role_in(user, obj) -> str | None:
    initiative = _initiative_of(obj)
    if initiative is None or initiative.pk is None:
        return None
    return _roles(user).get(initiative.pk)


@rules.predicate
def is_signed_in(user):
    return user.is_authenticated


@rules.predicate
def is_lead(user, obj):
    return role_in(user, obj) == Membership.Role.LEAD


@rules.predicate
def is_core(user, obj):
    """Lead or core team."""
    return role_in(user, obj) in CORE_ROLES


@rules.predicate
def is_member(user, obj):
    """Any role: lead, core team or supporter."""
    return role_in(user, obj) is not None


@rules.predicate
def carries(user, obj):
    """The quarter coordinator appointed by an active municipal takeover."""
    initiative = _initiative_of(obj)
    return initiative is not None and initiative.pk in _carried(user)


@rules.predicate
def is_staff_of_initiative(user, obj):
    initiative = _initiative_of(obj)
    return initiative is not None and is_staff_of(user, initiative.municipality)


@rules.predicate
def is_coordinator_of_initiative(user, obj):
    initiative = _initiative_of(obj)
    return initiative is not None and is_coordinator_of(user, initiative.municipality)


@rules.predicate
def is_published(user, obj):
    initiative = _initiative_of(obj)
    return initiative is not None and initiative.status == Initiative.Status.PUBLISHED


@rules.predicate
def is_editable(user, obj):
    initiative = _initiative_of(obj)
    return initiative is not None and initiative.is_editable_by_team


leads = is_lead | carries
core_team = is_core | carries
staff = is_staff_of_initiative | is_platform_admin
coordinates = is_coordinator_of_initiative | is_platform_admin

# Registration, profile, review (object: initiative)
rules.add_perm("initiatives.add_initiative", is_signed_in)
rules.add_perm("initiatives.view_initiative", is_published | is_member | carries | staff)
rules.add_perm("initiatives.change_initiative", core_team & is_editable)
rules.add_perm("initiatives.submit_initiative", core_team & is_editable)
rules.add_perm("initiatives.review_initiative", coordinates)
rules.add_perm("initiatives.view_members_area", is_member | carries | staff)

# Team
rules.add_perm("initiatives.manage_team", leads & is_editable)
rules.add_perm("initiatives.view_team", is_member | carries | staff)
rules.add_perm("initiatives.offer_help", is_signed_in & is_published)
# The profile invites everyone to take part (visitors sign in when they follow the invitation).
rules.add_perm("initiatives.ask_for_help", is_published)
rules.add_perm("initiatives.decide_help_offer", core_team)

# Pledges: single pledges only for lead and core team (not staff: they are the supporters' private promises).
rules.add_perm("initiatives.pledge", is_signed_in & is_published)
rules.add_perm("initiatives.view_pledges", core_team)

# Concept (object: initiative)
rules.add_perm("initiatives.view_concept", is_published | is_member | carries | staff)
rules.add_perm("initiatives.change_concept", core_team & is_editable)
rules.add_perm("initiatives.view_concept_history", is_member | carries | staff)
rules.add_perm("initiatives.copy_concept", is_signed_in & is_published)
# The profile offers the concept as a template to everyone (visitors sign in to copy it).
rules.add_perm("initiatives.show_concept_copy", is_published)

# Network (object: initiative)
rules.add_perm("initiatives.change_network", (core_team & is_editable) | coordinates)

# Municipal takeover (object: initiative, or municipality for the overview)
rules.add_perm("initiatives.take_over", coordinates)
rules.add_perm("initiatives.view_takeovers", is_coordinator_of | is_platform_admin)
rules.add_perm("initiatives.view_staff_overview", is_staff_of | is_platform_admin)

# Financing plan and the initiative's financing check (object: initiative). Supporters see neither: the plan
# holds the team's negotiations with financiers. Answering the check's questions changes the plan's facts.
rules.add_perm("initiatives.view_financing_plan", core_team | staff)
rules.add_perm("initiatives.change_financing_plan", core_team & is_editable)
rules.add_perm("initiatives.view_financing_check", core_team | staff)
rules.add_perm("initiatives.answer_financing_check", core_team & is_editable)
