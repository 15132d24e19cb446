"""The permission rules as a grid: every role x every state, for every permission of the registry."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from initiatives import rules
from initiatives.models import Initiative, Membership
from tests.conftest import verified_user
from tests.factories import StaffRoleFactory
from tests.initiatives.factories import InitiativeFactory, MembershipFactory, TakeoverFactory

STATES = [choice.value for choice in Initiative.Status]
OPEN = {"draft", "submitted", "changes_requested", "published"}  # the team can still edit
ROLES = [
    "visitor",
    "resident",
    "supporter",
    "core",
    "lead",
    "carrier",  # quarter coordinator of an active municipal takeover (an advisor of the municipality)
    "advisor",
    "coordinator",
    "other_coordinator",
    "admin",
]
TEAM = {"core", "lead", "carrier"}
INSIDE = {"supporter", "core", "lead", "carrier", "advisor", "coordinator", "admin"}
SIGNED_IN = set(ROLES) - {"visitor"}
COORDINATES = {"coordinator", "admin"}


def expected(perm: str, state: str) -> set[str]:
    """Who may, by the issue: written as plain sets so the test does not repeat the rules' logic.

    Platform admins are superusers, and Django grants superusers every permission.
    """
    published = state == "published"
    editable = state in OPEN
    return {"admin"} | {
        "view_initiative": set(ROLES) if published else INSIDE,
        "change_initiative": TEAM if editable else set(),
        "submit_initiative": TEAM if editable else set(),
        "review_initiative": COORDINATES,
        "view_members_area": INSIDE,
        "view_team": INSIDE,
        "manage_team": {"lead", "carrier"} if editable else set(),
        "offer_help": SIGNED_IN if published else set(),
        "ask_for_help": set(ROLES) if published else set(),
        "decide_help_offer": TEAM,
        "pledge": SIGNED_IN if published else set(),
        "view_pledges": TEAM,
        "view_concept": set(ROLES) if published else INSIDE,
        "change_concept": TEAM if editable else set(),
        "view_concept_history": INSIDE,
        "copy_concept": SIGNED_IN if published else set(),
        "show_concept_copy": set(ROLES) if published else set(),
        "change_network": (TEAM if editable else set()) | COORDINATES,
        "take_over": COORDINATES,
    }[perm]


@pytest.fixture
def people(municipality, other_municipality, resident, advisor, coordinator, other_coordinator, admin_user):
    carrier = verified_user(email="carrier@example.org")
    StaffRoleFactory(user=carrier, municipality=municipality, role="advisor")
    return {
        "visitor": AnonymousUser(),
        "resident": resident,
        "supporter": verified_user(email="supporter@example.org"),
        "core": verified_user(email="core@example.org"),
        "lead": verified_user(email="lead@example.org"),
        "carrier": carrier,
        "advisor": advisor,
        "coordinator": coordinator,
        "other_coordinator": other_coordinator,
        "admin": admin_user,
    }


def build(state, quarter, people):
    initiative = InitiativeFactory(quarter=quarter, status=state, lead=people["lead"])
    MembershipFactory(initiative=initiative, user=people["core"], role=Membership.Role.CORE)
    MembershipFactory(initiative=initiative, user=people["supporter"], role=Membership.Role.SUPPORTER)
    TakeoverFactory(initiative=initiative, quarter_coordinator=people["carrier"])
    return initiative


PERMS = [
    "view_initiative",
    "change_initiative",
    "submit_initiative",
    "review_initiative",
    "view_members_area",
    "view_team",
    "manage_team",
    "offer_help",
    "ask_for_help",
    "decide_help_offer",
    "pledge",
    "view_pledges",
    "view_concept",
    "change_concept",
    "view_concept_history",
    "copy_concept",
    "show_concept_copy",
    "change_network",
    "take_over",
]


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("perm", PERMS)
def test_role_state_grid(perm, state, quarter, people):
    initiative = build(state, quarter, people)
    allowed = expected(perm, state)
    mismatches = [
        f"{role}: expected {role in allowed}"
        for role in ROLES
        if people[role].has_perm(f"initiatives.{perm}", initiative) != (role in allowed)
    ]
    assert not mismatches, f"initiatives.{perm} on a {state} initiative:\n" + "\n".join(mismatches)


def test_ended_takeover_no_longer_grants_rights(quarter, people):
    initiative = InitiativeFactory(quarter=quarter, status="published")
    takeover = TakeoverFactory(initiative=initiative, quarter_coordinator=people["resident"])
    takeover.ended_at = timezone.now()
    takeover.save()
    assert not people["resident"].has_perm("initiatives.change_initiative", initiative)


@pytest.mark.parametrize(
    ("predicate", "roles"),
    [
        ("is_lead", {"lead"}),
        ("is_core", {"lead", "core"}),
        ("is_member", {"lead", "core", "supporter"}),
        ("is_staff_of_initiative", {"advisor", "coordinator", "carrier"}),
    ],
)
def test_named_predicates(predicate, roles, quarter, people):
    initiative = build("published", quarter, people)
    check = getattr(rules, predicate)
    assert {role for role in ROLES if check(people[role], initiative)} == roles


@pytest.mark.parametrize("perm", ["view_takeovers", "view_staff_overview"])
def test_municipality_pages(perm, municipality, people):
    allowed = {"view_takeovers": COORDINATES, "view_staff_overview": {"advisor", "coordinator", "carrier", "admin"}}
    assert {role for role in ROLES if people[role].has_perm(f"initiatives.{perm}", municipality)} == allowed[perm]
