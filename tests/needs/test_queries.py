"""Reads: who sees what, counts that stay right, and the gap inputs gathered with a constant number of queries."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from needs import queries, services
from needs.gaps import GapScore
from needs.models import Need, Offer, Response, Review
from tests.factories import QuarterFactory, QuarterStatisticsFactory, UserFactory

from .factories import (
    AnswerFactory,
    CommentFactory,
    NeedFactory,
    OfferFactory,
    QuestionFactory,
    ResponseFactory,
    SupportFactory,
    SurveyFactory,
    area,
)

pytestmark = pytest.mark.django_db


def test_visitors_see_published_needs_authors_their_own_staff_their_municipalitys(
    quarter, other_quarter, resident, other_resident, coordinator, other_coordinator, admin_user
):
    from django.contrib.auth.models import AnonymousUser

    public = NeedFactory(quarter=quarter)
    own = NeedFactory(quarter=quarter, author=resident, status=Need.Status.SUBMITTED)
    hidden = NeedFactory(quarter=quarter, hidden=True)
    elsewhere = NeedFactory(quarter=other_quarter, status=Need.Status.SUBMITTED)
    assert set(queries.needs_visible_to(AnonymousUser())) == {public}
    assert set(queries.needs_visible_to(resident)) == {public, own}
    assert set(queries.needs_visible_to(other_resident)) == {public}
    assert set(queries.needs_visible_to(coordinator)) == {public, own, hidden}
    assert set(queries.needs_visible_to(other_coordinator)) == {public, elsewhere}
    assert set(queries.needs_visible_to(admin_user)) == {public, own, hidden, elsewhere}


def test_list_counts_supports_and_visible_comments_and_sorts(quarter, resident):
    popular = NeedFactory(quarter=quarter, service_area=area("wohnen"))
    new = NeedFactory(quarter=quarter, service_area=area("nahversorgung"))
    SupportFactory.create_batch(3, need=popular)
    SupportFactory(need=new, user=resident)
    CommentFactory.create_batch(2, need=popular)
    CommentFactory(need=popular, hidden=True)
    Need.objects.filter(pk=new.pk).update(created_at=timezone.now() + datetime.timedelta(minutes=1))

    by_support = list(queries.need_list(quarter=quarter, sort="support", user=resident))
    assert by_support == [popular, new]
    assert (by_support[0].support_count, by_support[0].comment_total) == (3, 2)
    assert by_support[1].supported_by_me and not by_support[0].supported_by_me
    assert list(queries.need_list(quarter=quarter, sort="newest")) == [new, popular]
    assert list(queries.need_list(quarter=quarter, sort="area")) == [new, popular]  # Nahversorgung comes first
    assert list(queries.need_list(service_area=area("wohnen"))) == [popular]


def test_counts_are_right_after_withdrawals_and_merges(quarter, coordinator):
    target, duplicate = NeedFactory.create_batch(2, quarter=quarter)
    people = UserFactory.create_batch(3)
    for person in people:
        services.support_add(need=target, by=person)
        services.support_add(need=duplicate, by=person)
    services.support_withdraw(need=target, by=people[0])
    services.need_merge(need=duplicate, into=target, by=coordinator)
    listed = {need.pk: need.support_count for need in queries.need_list(quarter=quarter)}
    assert listed == {target.pk: 3}


def test_gap_inputs_take_five_queries_for_any_number_of_quarters(municipality, django_assert_num_queries):
    quarters = QuarterFactory.create_batch(3, municipality=municipality)
    for quarter in quarters:
        QuarterStatisticsFactory(quarter=quarter)
        NeedFactory.create_batch(2, quarter=quarter)
        OfferFactory(quarter=quarter)
    # service areas, statistics, needs with their stored support counts, survey grids, offers
    with django_assert_num_queries(5):
        rankings = queries.gap_rankings(quarters)
    assert set(rankings) == {quarter.pk for quarter in quarters}
    assert all(len(ranking) == 9 for ranking in rankings.values())


def test_gap_ranking_counts_what_the_formula_expects(quarter, other_quarter):
    QuarterStatisticsFactory(
        quarter=quarter,
        reference_date=datetime.date(2020, 12, 31),
        population=5000,
        age_under_18=1000,
        age_18_to_64=3000,
        age_65_to_79=700,
        age_80_plus=300,
    )
    QuarterStatisticsFactory(quarter=quarter, reference_date=datetime.date(2025, 12, 31))  # the latest: 10,000
    meeting = area("begegnung-kultur")
    needs = NeedFactory.create_batch(3, quarter=quarter, service_area=meeting)
    for need in needs[:2]:
        SupportFactory.create_batch(25, need=need)
    NeedFactory(quarter=quarter, service_area=meeting, status=Need.Status.SUBMITTED)  # not yet public
    NeedFactory(quarter=quarter, service_area=meeting, hidden=True)  # hidden after a report
    NeedFactory(quarter=other_quarter, service_area=meeting)  # another quarter
    OfferFactory(quarter=quarter, service_area=meeting, status=Offer.Status.AT_RISK)
    OfferFactory(quarter=quarter, service_area=meeting, status=Offer.Status.CLOSED)
    OfferFactory(quarter=quarter, service_area=meeting, review=Review.SUGGESTED)  # not confirmed
    survey = SurveyFactory(municipality=quarter.municipality, quarters=[quarter])
    grid = QuestionFactory(survey=survey, kind="grid")
    for importance, satisfaction in [(5, 2), (4, 2), (5, 1), (4, 2), (5, 2), (5, 2), (4, 2), (4, 2), (5, 2), (5, 1)]:
        response = ResponseFactory(survey=survey, quarter=quarter, channel=Response.Channel.PAPER)
        AnswerFactory(
            response=response, question=grid, service_area=meeting, importance=importance, satisfaction=satisfaction
        )

    ranking = queries.gap_ranking(quarter)

    assert isinstance(ranking[0], GapScore)
    assert [gap.score for gap in ranking] == sorted((gap.score for gap in ranking), reverse=True)
    top = ranking[0]
    assert top.service_area_slug == "begegnung-kultur"
    assert top.service_area_id == meeting.pk
    assert top.components["population"] == 10_000
    assert top.components["needs"] == 3
    assert top.components["supports"] == 50
    assert top.components["importance"] == 4.6
    assert top.components["satisfaction"] == 1.8
    assert top.components["at_risk_offers"] == 1 and top.components["active_offers"] == 0
    assert top.score == 53.6  # example 1 of docs/gap-analysis.md, from the database
    assert all(gap.score == 0 for gap in ranking[1:])


def test_the_gap_ranking_uses_the_latest_statistics(quarter):
    QuarterStatisticsFactory(quarter=quarter, reference_date=datetime.date(2025, 12, 31))
    QuarterStatisticsFactory(
        quarter=quarter, reference_date=datetime.date(2024, 12, 31), population=20000, age_18_to_64=16000
    )
    inputs = queries.gap_inputs([quarter])[quarter.pk]
    assert inputs.statistics.reference_date == datetime.date(2025, 12, 31)
    assert inputs.demography.population == 10_000
    assert inputs.demography.share_65_plus == 25.0


def test_participation_counts_people_not_actions(quarter, resident, other_resident):
    first, second = NeedFactory.create_batch(2, quarter=quarter, author=resident)
    SupportFactory(need=first, user=other_resident)
    SupportFactory(need=second, user=other_resident)
    CommentFactory(need=first, author=other_resident)
    CommentFactory(need=first, author=resident)
    survey = SurveyFactory(municipality=quarter.municipality, quarters=[quarter])
    ResponseFactory(survey=survey, quarter=quarter, user=resident)
    ResponseFactory.create_batch(2, survey=survey, quarter=quarter, user=None, channel=Response.Channel.PAPER)
    NeedFactory(quarter=quarter, source=Need.Source.WORKSHOP)
    figures = queries.participation(quarter)
    # The workshop need's author is a third account only through its factory; offline entries count apart.
    assert figures["responses_without_account"] == 2
    assert figures["offline_needs"] == 1
    assert figures["accounts"] == 2
    assert figures["people"] == 4


def test_supports_by_month_includes_empty_months(quarter):
    need = NeedFactory(quarter=quarter)
    today = datetime.date(2026, 11, 25)
    for day in (
        datetime.datetime(2026, 11, 2, 12),
        datetime.datetime(2026, 11, 20, 12),
        datetime.datetime(2026, 9, 3, 12),
    ):
        support = SupportFactory(need=need)
        type(support).objects.filter(pk=support.pk).update(created_at=timezone.make_aware(day))
    months = queries.supports_by_month(quarter, months=4, today=today)
    assert months == [
        (datetime.date(2026, 8, 1), 0),
        (datetime.date(2026, 9, 1), 1),
        (datetime.date(2026, 10, 1), 0),
        (datetime.date(2026, 11, 1), 2),
    ]


def test_needs_by_area_and_status(quarter):
    NeedFactory.create_batch(2, quarter=quarter, service_area=area("wohnen"))
    NeedFactory(quarter=quarter, service_area=area("wohnen"), status=Need.Status.SUBMITTED)
    NeedFactory(quarter=quarter, service_area=area("wohnen"), hidden=True)
    rows = {row["area"].slug: row for row in queries.needs_by_area_and_status(quarter)}
    assert rows["wohnen"]["published"] == 2
    assert rows["wohnen"]["submitted"] == 1
    assert rows["wohnen"]["hidden"] == 1
    assert rows["wohnen"]["total"] == 4
    assert rows["nahversorgung"]["total"] == 0


def test_demography_from_statistics(quarter):
    statistics = QuarterStatisticsFactory(quarter=quarter, share_without_german_citizenship=Decimal("21.40"))
    demography = queries.demography_from(statistics)
    assert demography.share_under_18 == 15.0
    assert demography.share_without_german_citizenship == 21.4
    assert queries.demography_from(None) is None
