"""Who may do what: a grid of roles against permissions, per object and municipality."""

import pytest
from django.contrib.auth.models import AnonymousUser

from needs.models import Need, Survey
from needs.queries import needs_visible_to

from .factories import AbuseReportFactory, CommentFactory, NeedFactory, OfferFactory, SurveyFactory

pytestmark = pytest.mark.django_db

ROLES = ["visitor", "resident", "author", "advisor", "coordinator", "other_coordinator", "admin"]


@pytest.fixture
def people(resident, other_resident, advisor, coordinator, other_coordinator, admin_user):
    return {
        "visitor": AnonymousUser(),
        "resident": other_resident,
        "author": resident,
        "advisor": advisor,
        "coordinator": coordinator,
        "other_coordinator": other_coordinator,
        "admin": admin_user,
    }


def allowed(people, perm, obj):
    return {role for role in ROLES if people[role].has_perm(perm, obj)}


EVERYONE = set(ROLES)
SIGNED_IN = EVERYONE - {"visitor"}
COORDINATION = {"coordinator", "admin"}
STAFF = {"advisor", "coordinator", "admin"}


@pytest.mark.parametrize(
    ("perm", "expected"),
    [
        ("needs.add_need", SIGNED_IN),
        ("needs.support_need", SIGNED_IN),
        ("needs.comment_need", SIGNED_IN),
        ("needs.report_item", SIGNED_IN),
        ("needs.suggest_supply", SIGNED_IN),
    ],
)
def test_signed_in_actions(people, perm, expected):
    assert allowed(people, perm, None) == expected


@pytest.mark.parametrize(
    ("status", "hidden", "expected"),
    [
        (Need.Status.PUBLISHED, False, EVERYONE),
        (Need.Status.PUBLISHED, True, {"author"} | STAFF),
        (Need.Status.SUBMITTED, False, {"author"} | STAFF),
        (Need.Status.REJECTED, False, {"author"} | STAFF),
    ],
)
def test_who_sees_a_need(people, quarter, resident, status, hidden, expected):
    # Seeing a need is a query (a list is filtered the same way as the detail page), not a rule.
    need = NeedFactory(
        quarter=quarter,
        author=resident,
        status=status,
        hidden=hidden,
        rejection_reason="Nein" if status == "rejected" else "",
    )
    assert {role for role in ROLES if needs_visible_to(people[role]).filter(pk=need.pk).exists()} == expected


def test_moderation_is_for_the_coordination_of_the_municipality(people, quarter, other_quarter, municipality):
    need = NeedFactory(quarter=quarter)
    foreign = NeedFactory(quarter=other_quarter)
    comment = CommentFactory(need=need)
    report = AbuseReportFactory(need=need)
    for obj in (need, comment, report, municipality, quarter):
        assert allowed(people, "needs.moderate_need", obj) == COORDINATION
    assert allowed(people, "needs.moderate_need", foreign) == {"other_coordinator", "admin"}
    assert allowed(people, "needs.enter_need_on_behalf", municipality) == COORDINATION
    assert allowed(people, "needs.block_user", municipality) == COORDINATION


def test_dashboard_is_for_the_staff_of_the_municipality(people, quarter, other_quarter):
    assert allowed(people, "needs.view_dashboard", quarter) == STAFF
    assert allowed(people, "needs.view_dashboard", other_quarter) == {"other_coordinator", "admin"}


def test_surveys(people, municipality, quarter):
    published = SurveyFactory(municipality=municipality, quarters=[quarter])
    draft = SurveyFactory(municipality=municipality, quarters=[quarter], status=Survey.Status.DRAFT)
    assert allowed(people, "needs.view_survey", published) == EVERYONE
    assert allowed(people, "needs.view_survey", draft) == STAFF
    assert allowed(people, "needs.manage_survey", published) == COORDINATION
    assert allowed(people, "needs.manage_survey", municipality) == COORDINATION
    assert allowed(people, "needs.view_survey_results", published) == STAFF
    question = published.questions.create(kind="text", text={"de": "Was?"})
    assert allowed(people, "needs.manage_survey", question) == COORDINATION


def test_supply_is_maintained_by_the_coordination(people, quarter, other_quarter):
    assert allowed(people, "needs.manage_supply", OfferFactory(quarter=quarter)) == COORDINATION
    assert allowed(people, "needs.manage_supply", OfferFactory(quarter=other_quarter)) == {"other_coordinator", "admin"}
