"""Role-matrix cases for the needs assessment: every URL of the app, as every role.

Every role's request is rolled back (tests/role_matrix.py), so each role finds the world as built: a POST
by one role changes nothing for the roles after it.
"""

import datetime
from types import SimpleNamespace

from django.urls import reverse
from django.utils import timezone

from needs.models import Need, Question, Review, Survey
from tests.factories import QuarterStatisticsFactory, UserFactory
from tests.role_matrix import (
    COORDINATOR_OF_MUNICIPALITY,
    FORBIDDEN,
    FOUND,
    NOT_ALLOWED,
    NOT_FOUND,
    OK,
    PUBLIC,
    SIGNED_IN,
    STAFF_OF_MUNICIPALITY,
    Case,
    expect,
)

from .factories import (
    AbuseReportFactory,
    ChoiceFactory,
    CommentFactory,
    NeedFactory,
    OfferFactory,
    PotentialFactory,
    QuestionFactory,
    SurveyFactory,
)

# Visible to the author (the resident) and the staff of the municipality only.
AUTHOR_AND_STAFF = expect(NOT_FOUND, resident=OK, advisor=OK, coordinator=OK, admin=OK)
# Signed-in people are sent back to the page after a POST; visitors to the login.
POSTED = expect(FOUND)
COORDINATOR_POST = expect(FORBIDDEN, visitor=FOUND, coordinator=FOUND, admin=FOUND)


def build(world):
    """Objects of this app live in `world.needs`, so they cannot clash with other apps' objects."""
    quarter, municipality = world.quarter, world.municipality
    resident, member = world.users["resident"], world.users["member"]
    QuarterStatisticsFactory(quarter=quarter)
    objects = SimpleNamespace()
    objects.need = NeedFactory(quarter=quarter, author=resident, title="Ein Treffpunkt")
    objects.submitted_need = NeedFactory(
        quarter=quarter, author=resident, status=Need.Status.SUBMITTED, published_at=None
    )
    objects.comment = CommentFactory(need=objects.need, author=member)
    objects.report = AbuseReportFactory(need=objects.need, reporter=member)
    objects.block = municipality.posting_blocks.create(user=UserFactory(), reason="Spam")
    now = timezone.now()
    objects.survey = SurveyFactory(
        municipality=municipality,
        quarters=[quarter],
        opens_at=now - datetime.timedelta(days=1),
        closes_at=now + datetime.timedelta(days=10),
    )
    single = QuestionFactory(survey=objects.survey, kind=Question.Kind.SINGLE)
    ChoiceFactory.create_batch(2, question=single)
    QuestionFactory(survey=objects.survey, kind=Question.Kind.GRID)
    objects.draft = SurveyFactory(municipality=municipality, quarters=[quarter], status=Survey.Status.DRAFT)
    objects.question = QuestionFactory(survey=objects.draft)
    QuestionFactory(survey=objects.draft)
    objects.offer = OfferFactory(quarter=quarter, review=Review.SUGGESTED)
    objects.potential = PotentialFactory(quarter=quarter, review=Review.SUGGESTED)
    world.needs = objects


def url(name, attr=None, *, arg="pk"):
    def build_url(world):
        if attr is None:
            return reverse(name)
        obj = world
        for part in attr.split("."):
            obj = getattr(obj, part)
        return reverse(name, args=[getattr(obj, arg)])

    return build_url


CASES = [
    # Needs and participation
    Case("needs:list", url("needs:list"), PUBLIC),
    Case(
        "needs:list",
        lambda w: reverse("needs:list") + f"?municipality={w.municipality.slug}&quarter={w.quarter.slug}&sort=newest",
        PUBLIC,
    ),
    Case("needs:create", url("needs:create"), SIGNED_IN),
    Case("needs:create", url("needs:create"), expect(OK, visitor=FOUND), method="post"),  # empty: the form again
    Case("needs:mine", url("needs:mine"), SIGNED_IN),
    Case("needs:detail", url("needs:detail", "needs.need"), PUBLIC),
    Case("needs:detail", url("needs:detail", "needs.submitted_need"), AUTHOR_AND_STAFF),
    Case("needs:support", url("needs:support", "needs.need"), POSTED, method="post"),
    Case("needs:support", url("needs:support", "needs.need"), expect(NOT_ALLOWED, visitor=FOUND)),
    Case(
        "needs:comment", url("needs:comment", "needs.need"), POSTED, method="post", data=lambda w: {"text": "Gut so."}
    ),
    Case("needs:comment", url("needs:comment", "needs.need"), expect(NOT_ALLOWED, visitor=FOUND)),
    Case("needs:report", url("needs:report", "needs.need"), SIGNED_IN),
    Case("needs:comment_report", url("needs:comment_report", "needs.comment"), SIGNED_IN),
    # Moderation
    Case("needs:moderation", url("needs:moderation", "municipality", arg="slug"), COORDINATOR_OF_MUNICIPALITY),
    Case("needs:on_behalf", url("needs:on_behalf", "municipality", arg="slug"), COORDINATOR_OF_MUNICIPALITY),
    Case("needs:blocks", url("needs:blocks", "municipality", arg="slug"), COORDINATOR_OF_MUNICIPALITY),
    Case("needs:moderate", url("needs:moderate", "needs.submitted_need"), COORDINATOR_OF_MUNICIPALITY),
    Case(
        "needs:moderate",
        url("needs:moderate", "needs.submitted_need"),
        COORDINATOR_POST,
        method="post",
        data=lambda w: {"action": "reject", "reason": "Betrifft die Verkehrsplanung."},
    ),
    Case(
        "needs:decide_report",
        url("needs:decide_report", "needs.report"),
        COORDINATOR_POST,
        method="post",
        data=lambda w: {"decision": "keep"},
    ),
    Case("needs:decide_report", url("needs:decide_report", "needs.report"), expect(NOT_ALLOWED)),
    Case("needs:unblock", url("needs:unblock", "needs.block"), expect(NOT_ALLOWED)),
    # Surveys
    Case("needs:surveys", url("needs:surveys"), PUBLIC),
    Case("needs:survey_answer", url("needs:survey_answer", "needs.survey"), PUBLIC),
    Case("needs:survey_answer", url("needs:survey_answer", "needs.draft"), STAFF_OF_MUNICIPALITY),
    Case("needs:survey_manage", url("needs:survey_manage", "municipality", arg="slug"), COORDINATOR_OF_MUNICIPALITY),
    Case("needs:survey_create", url("needs:survey_create", "municipality", arg="slug"), COORDINATOR_OF_MUNICIPALITY),
    Case("needs:survey_edit", url("needs:survey_edit", "needs.draft"), COORDINATOR_OF_MUNICIPALITY),
    Case("needs:survey_edit", url("needs:survey_edit", "needs.survey"), COORDINATOR_OF_MUNICIPALITY),
    Case(
        "needs:question_create",
        url("needs:question_create", "needs.draft"),
        expect(FORBIDDEN, visitor=FOUND, coordinator=OK, admin=OK),  # empty: the page with the form errors
        method="post",
    ),
    Case("needs:question_create", url("needs:question_create", "needs.draft"), expect(NOT_ALLOWED)),
    Case("needs:question_delete", url("needs:question_delete", "needs.question"), COORDINATOR_OF_MUNICIPALITY),
    Case(
        "needs:question_move",
        url("needs:question_move", "needs.question"),
        COORDINATOR_POST,
        method="post",
        data=lambda w: {"direction": "down"},
    ),
    Case("needs:survey_preview", url("needs:survey_preview", "needs.draft"), COORDINATOR_OF_MUNICIPALITY),
    Case("needs:survey_publish", url("needs:survey_publish", "needs.draft"), COORDINATOR_OF_MUNICIPALITY),
    Case("needs:survey_close", url("needs:survey_close", "needs.survey"), COORDINATOR_OF_MUNICIPALITY),
    Case("needs:survey_codes", url("needs:survey_codes", "needs.survey"), COORDINATOR_OF_MUNICIPALITY),
    Case("needs:survey_codes_print", url("needs:survey_codes_print", "needs.survey"), COORDINATOR_OF_MUNICIPALITY),
    Case("needs:survey_paper", url("needs:survey_paper", "needs.survey"), COORDINATOR_OF_MUNICIPALITY),
    Case("needs:survey_results", url("needs:survey_results", "needs.survey"), STAFF_OF_MUNICIPALITY),
    Case("needs:survey_results_csv", url("needs:survey_results_csv", "needs.survey"), STAFF_OF_MUNICIPALITY),
    # Offers and potentials
    Case("needs:offer_create", url("needs:offer_create"), SIGNED_IN),
    Case("needs:offer_edit", url("needs:offer_edit", "needs.offer"), COORDINATOR_OF_MUNICIPALITY),
    Case("needs:offer_confirm", url("needs:offer_confirm", "needs.offer"), COORDINATOR_POST, method="post"),
    Case("needs:offer_delete", url("needs:offer_delete", "needs.offer"), COORDINATOR_OF_MUNICIPALITY),
    Case("needs:potential_create", url("needs:potential_create"), SIGNED_IN),
    Case("needs:potential_edit", url("needs:potential_edit", "needs.potential"), COORDINATOR_OF_MUNICIPALITY),
    Case("needs:potential_confirm", url("needs:potential_confirm", "needs.potential"), COORDINATOR_POST, method="post"),
    Case("needs:potential_delete", url("needs:potential_delete", "needs.potential"), COORDINATOR_OF_MUNICIPALITY),
    # Quarter pages and open data; the public quarter page lives in the needs app (quarters must not import needs).
    Case("needs:quarter", url("needs:quarter", "quarter", arg="slug"), PUBLIC),
    Case("needs:dashboard", url("needs:dashboard", "quarter", arg="slug"), STAFF_OF_MUNICIPALITY),
    Case("needs:opendata_csv", url("needs:opendata_csv", "quarter", arg="slug"), PUBLIC),
    Case("needs:opendata_json", url("needs:opendata_json", "quarter", arg="slug"), PUBLIC),
]
