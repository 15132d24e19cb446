"""The permission grid of advisory casework: every role against every permission."""

import pytest
from django.contrib.auth.models import AnonymousUser

from advisory import services
from tests.conftest import verified_user, with_totp
from tests.factories import StaffRoleFactory

pytestmark = pytest.mark.django_db

ROLES = [
    "visitor",
    "resident",
    "lead",
    "core",
    "supporter",
    "advisor",
    "second_advisor",
    "coordinator",
    "other_advisor",
    "other_coordinator",
    "admin",
]


@pytest.fixture
def people(
    resident, lead, core, supporter, advisor, coordinator, other_advisor, other_coordinator, admin_user, municipality
):
    second = with_totp(verified_user(email="second-advisor@example.org", display_name="Second Advisor"))
    StaffRoleFactory(user=second, municipality=municipality, role="advisor")
    return {
        "visitor": AnonymousUser(),
        "resident": resident,
        "lead": lead,
        "core": core,
        "supporter": supporter,
        "advisor": advisor,
        "second_advisor": second,
        "coordinator": coordinator,
        "other_advisor": other_advisor,
        "other_coordinator": other_coordinator,
        "admin": admin_user,
    }


def allowed(people, perm, obj):
    return {role for role in ROLES if people[role].has_perm(perm, obj)}


STAFF = {"advisor", "second_advisor", "coordinator", "admin"}
EDITORS = {"advisor", "coordinator", "admin"}
COORDINATORS = {"coordinator", "admin"}


@pytest.mark.parametrize(
    ("perm", "expected"),
    [
        ("advisory.view_case", STAFF),
        ("advisory.change_case", EDITORS),
        ("advisory.assign_case", COORDINATORS),
        ("advisory.view_confidential_note", STAFF),
        ("advisory.view_note_reads", COORDINATORS),
    ],
)
def test_case_permissions(people, case, perm, expected):
    assert allowed(people, perm, case) == expected


@pytest.mark.parametrize(
    ("perm", "expected"),
    [
        ("advisory.view_dashboard", STAFF),
        ("advisory.view_cases", STAFF),
        ("advisory.add_case", STAFF),
        ("advisory.view_coordination", COORDINATORS),
        ("advisory.view_yearly_report", COORDINATORS),
        ("advisory.view_note_reads", COORDINATORS),
        ("advisory.view_workshop", STAFF),
        ("advisory.change_workshop", STAFF),
    ],
)
def test_municipality_permissions(people, municipality, perm, expected):
    assert allowed(people, perm, municipality) == expected


def test_confidential_notes_follow_the_case_through_consultation_and_note(people, consultation):
    note = consultation.confidential_note
    assert allowed(people, "advisory.view_confidential_note", consultation) == STAFF
    assert allowed(people, "advisory.view_confidential_note", note) == STAFF


def test_the_initiatives_own_view_is_for_lead_and_core_not_supporters(people, case, initiative):
    assert allowed(people, "advisory.view_initiative_advice", initiative) == {"lead", "core"} | STAFF


def test_a_task_owner_completes_their_task_while_they_belong_to_the_case(people, case, advisor, lead):
    task = services.task_create(case=case, title="Satzung", owner=lead, by=advisor)
    assert allowed(people, "advisory.complete_task", task) == {"lead"} | EDITORS
    lead.initiative_memberships.update(role="supporter")
    lead = type(lead).objects.get(pk=lead.pk)  # a fresh object: the roles are cached per user object
    assert not lead.has_perm("advisory.complete_task", task)


def test_an_advisor_whose_role_ended_no_longer_edits_their_case(people, case, advisor):
    advisor.staff_roles.all().delete()
    advisor = type(advisor).objects.get(pk=advisor.pk)
    assert not advisor.has_perm("advisory.change_case", case)
    assert not advisor.has_perm("advisory.view_case", case)


def test_everyone_signed_in_has_a_task_page(people):
    assert allowed(people, "advisory.view_own_tasks", None) == set(ROLES) - {"visitor"}
