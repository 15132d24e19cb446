"""Writes of the needs assessment: each refusal has a clear message and changes nothing."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from needs import services
from needs.models import AbuseReport, Comment, Need, Offer, PostingBlock, Potential, Review, Support
from needs.queries import need_list
from notifications.models import Kind, Notification
from tests.factories import QuarterFactory, UserFactory

from .factories import AbuseReportFactory, CommentFactory, NeedFactory, SupportFactory, area

pytestmark = pytest.mark.django_db


def submit(quarter, by, **overrides):
    data = {
        "quarter": quarter,
        "service_area": area(),
        "title": "Kein Treffpunkt",
        "description": "Seit das Bürgerhaus zu ist, fehlt ein Raum.",
        "affected_groups": ["seniors", "families"],
        "by": by,
    }
    return services.need_submit(**{**data, **overrides})


# --- Submitting ----------------------------------------------------------------------------------


def test_a_resident_submits_a_need_that_waits_for_moderation(quarter, resident):
    need = submit(quarter, resident, latitude="51.5162", longitude="7.3966")
    assert need.status == Need.Status.SUBMITTED
    assert need.author == resident
    assert need.source == Need.Source.ONLINE
    assert need.affected_groups == ["seniors", "families"]
    assert not need.is_public


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"title": "   "}, "title"),
        ({"description": ""}, "description"),
        ({"title": "x" * 121}, "title"),
        ({"description": "x" * 4001}, "description"),
        ({"affected_groups": ["martians"]}, "affected_groups"),
        ({"affected_groups": ["seniors", "seniors"]}, "affected_groups"),
        ({"latitude": "51.5", "longitude": None}, None),
    ],
)
def test_empty_oversized_or_invalid_needs_are_refused(quarter, resident, overrides, field):
    with pytest.raises(ValidationError) as error:
        submit(quarter, resident, **overrides)
    if field:
        assert field in error.value.message_dict
    assert not Need.objects.exists()


def test_at_most_five_needs_an_hour(quarter, resident, other_resident):
    for number in range(5):
        submit(quarter, resident, title=f"Bedarf {number}")
    with pytest.raises(ValidationError, match="5 needs within the last hour"):
        submit(quarter, resident, title="Der sechste")
    assert Need.objects.count() == 5
    submit(quarter, other_resident)  # the limit is per account
    assert Need.objects.count() == 6


def test_an_invalid_submission_does_not_use_up_the_allowance(quarter, resident):
    for _ in range(6):
        with pytest.raises(ValidationError):
            submit(quarter, resident, title="")
    submit(quarter, resident)
    assert Need.objects.count() == 1


def test_a_blocked_account_cannot_post_in_that_municipality(quarter, other_quarter, resident, coordinator):
    services.posting_block_create(municipality=quarter.municipality, user=resident, reason="Spam", by=coordinator)
    with pytest.raises(ValidationError, match="blocked from posting in Dortmund"):
        submit(quarter, resident)
    need = NeedFactory(quarter=quarter)
    with pytest.raises(ValidationError, match="blocked"):
        services.comment_add(need=need, text="Hallo", by=resident)
    submit(other_quarter, resident)  # other municipalities are not affected
    assert Need.objects.filter(author=resident).count() == 1


def test_a_coordinator_enters_a_collected_need_published_at_once(quarter, coordinator):
    need = services.need_enter_on_behalf(
        municipality=quarter.municipality,
        quarter=quarter,
        service_area=area("gesundheit-pflege"),
        title="Mittagstisch",
        description="Beim Workshop genannt.",
        source=Need.Source.WORKSHOP,
        by=coordinator,
    )
    assert need.status == Need.Status.PUBLISHED
    assert need.published_at is not None
    assert need.source == Need.Source.WORKSHOP
    assert need.author_name is None


def test_a_need_for_a_quarter_of_another_municipality_is_refused(quarter, other_quarter, coordinator):
    with pytest.raises(ValidationError, match="another municipality"):
        services.need_enter_on_behalf(
            municipality=quarter.municipality,
            quarter=other_quarter,
            service_area=area(),
            title="Fremd",
            description="Fremd",
            source=Need.Source.WORKSHOP,
            by=coordinator,
        )
    assert not Need.objects.exists()


# --- Moderation ----------------------------------------------------------------------------------


def test_publishing_tells_the_submitter(quarter, resident, coordinator):
    need = submit(quarter, resident)
    services.need_publish(need=need, by=coordinator)
    need.refresh_from_db()
    assert need.status == Need.Status.PUBLISHED
    assert need.published_at and need.moderated_by == coordinator
    notification = Notification.objects.get(recipient=resident)
    assert notification.kind == Kind.NEEDS
    assert notification.url == need.get_absolute_url()
    assert "Kein Treffpunkt" in notification.subject


def test_the_notification_is_in_the_submitters_language(quarter, resident, coordinator):
    resident.preferred_language = "en"
    resident.save()
    need = submit(quarter, resident)
    services.need_publish(need=need, by=coordinator)
    assert Notification.objects.get(recipient=resident).subject == "Your need “Kein Treffpunkt” has been published"


def test_publishing_twice_is_refused(quarter, resident, coordinator):
    need = submit(quarter, resident)
    services.need_publish(need=need, by=coordinator)
    with pytest.raises(ValidationError, match="Only submitted needs"):
        services.need_publish(need=need, by=coordinator)
    assert Notification.objects.filter(recipient=resident).count() == 1


def test_rejecting_needs_a_reason_the_submitter_sees(quarter, resident, coordinator):
    need = submit(quarter, resident)
    with pytest.raises(ValidationError, match="reason"):
        services.need_reject(need=need, reason="  ", by=coordinator)
    need.refresh_from_db()
    assert need.status == Need.Status.SUBMITTED
    services.need_reject(need=need, reason="Betrifft die Verkehrsplanung.", by=coordinator)
    need.refresh_from_db()
    assert need.status == Need.Status.REJECTED
    assert need.rejection_reason == "Betrifft die Verkehrsplanung."
    assert "Betrifft die Verkehrsplanung." in Notification.objects.get(recipient=resident).body


def test_the_database_refuses_a_rejection_without_reason(need):
    with pytest.raises(IntegrityError), transaction.atomic():
        Need.objects.filter(pk=need.pk).update(status=Need.Status.REJECTED, rejection_reason="")


def test_merging_moves_supports_once_per_person(quarter, coordinator):
    target = NeedFactory(quarter=quarter)
    duplicate = NeedFactory(quarter=quarter)
    both, only_target, only_duplicate, another = UserFactory.create_batch(4)
    for user in (both, only_target):
        SupportFactory(need=target, user=user)
    for user in (both, only_duplicate, another):
        SupportFactory(need=duplicate, user=user)

    services.need_merge(need=duplicate, into=target, by=coordinator)

    duplicate.refresh_from_db()
    assert duplicate.status == Need.Status.MERGED
    assert duplicate.merged_into == target
    assert set(target.supports.values_list("user", flat=True)) == {
        both.pk,
        only_target.pk,
        only_duplicate.pk,
        another.pk,
    }
    assert not duplicate.supports.exists()
    assert Support.objects.count() == 4
    counted = need_list(quarter=quarter).get(pk=target.pk)
    assert counted.support_count == 4
    assert list(need_list(quarter=quarter)) == [target]  # the merged need leaves the lists
    notification = Notification.objects.get(recipient=duplicate.author)
    assert notification.url == duplicate.get_absolute_url()
    assert duplicate.title in notification.subject


def test_merging_keeps_chains_one_step_long(quarter, coordinator):
    first, second, third = NeedFactory.create_batch(3, quarter=quarter)
    services.need_merge(need=first, into=second, by=coordinator)
    services.need_merge(need=second, into=third, by=coordinator)
    first.refresh_from_db()
    assert first.merged_into == third


@pytest.mark.parametrize("problem", ["itself", "other_quarter", "target_unpublished", "already_merged"])
def test_impossible_merges_are_refused_and_change_nothing(quarter, coordinator, problem):
    need = NeedFactory(quarter=quarter)
    SupportFactory(need=need)
    target = NeedFactory(quarter=quarter)
    if problem == "itself":
        target = need
        message = "itself"
    elif problem == "other_quarter":
        target = NeedFactory(quarter=QuarterFactory(municipality=quarter.municipality))
        message = "same quarter"
    elif problem == "target_unpublished":
        target = NeedFactory(quarter=quarter, status=Need.Status.SUBMITTED)
        message = "published need"
    else:
        services.need_merge(need=need, into=NeedFactory(quarter=quarter), by=coordinator)
        message = "already been merged"
    before = list(Support.objects.values_list("need_id", "user_id"))
    with pytest.raises(ValidationError, match=message):
        services.need_merge(need=need, into=target, by=coordinator)
    assert list(Support.objects.values_list("need_id", "user_id")) == before


def test_no_notification_when_moderating_ones_own_entry(quarter, coordinator):
    need = NeedFactory(quarter=quarter, author=coordinator, status=Need.Status.SUBMITTED, published_at=None)
    services.need_publish(need=need, by=coordinator)
    assert not Notification.objects.exists()


# --- Supports ------------------------------------------------------------------------------------


def test_support_once_and_withdraw(need, other_resident):
    services.support_add(need=need, by=other_resident)
    with pytest.raises(ValidationError, match="already support"):
        services.support_add(need=need, by=other_resident)
    assert need.supports.count() == 1
    services.support_withdraw(need=need, by=other_resident)
    assert need.supports.count() == 0
    with pytest.raises(ValidationError, match="do not support"):
        services.support_withdraw(need=need, by=other_resident)


def test_the_database_allows_one_support_per_person(need, other_resident):
    SupportFactory(need=need, user=other_resident)
    with pytest.raises(IntegrityError), transaction.atomic():
        Support.objects.create(need=need, user=other_resident)


@pytest.mark.parametrize("state", ["submitted", "rejected", "hidden"])
def test_only_public_needs_can_be_supported_or_commented(quarter, other_resident, state):
    if state == "hidden":
        need = NeedFactory(quarter=quarter, hidden=True)
    else:
        need = NeedFactory(quarter=quarter, status=state, rejection_reason="Nein" if state == "rejected" else "")
    with pytest.raises(ValidationError):
        services.support_add(need=need, by=other_resident)
    with pytest.raises(ValidationError):
        services.comment_add(need=need, text="Hallo", by=other_resident)
    assert not Support.objects.exists()
    assert not Comment.objects.exists()


# --- Comments ------------------------------------------------------------------------------------


def test_comments_are_checked_and_limited_to_twenty_an_hour(need, other_resident):
    with pytest.raises(ValidationError, match="empty"):
        services.comment_add(need=need, text="   ", by=other_resident)
    with pytest.raises(ValidationError):
        services.comment_add(need=need, text="x" * 2001, by=other_resident)
    for number in range(20):
        services.comment_add(need=need, text=f"Kommentar {number}", by=other_resident)
    with pytest.raises(ValidationError, match="20 comments"):
        services.comment_add(need=need, text="Einer zu viel", by=other_resident)
    assert need.comments.count() == 20


def test_rate_limits_can_be_set_in_the_settings(settings, need, other_resident):
    settings.NEEDS_RATE_LIMITS = {"comment": (1, 60)}
    services.comment_add(need=need, text="Eins", by=other_resident)
    with pytest.raises(ValidationError, match="1 comments"):
        services.comment_add(need=need, text="Zwei", by=other_resident)


# --- Reports and blocks --------------------------------------------------------------------------


def test_reporting_once_per_person_and_item(need, other_resident):
    services.report_submit(need=need, reason="Werbung", by=other_resident)
    with pytest.raises(ValidationError, match="already reported"):
        services.report_submit(need=need, reason="Nochmal", by=other_resident)
    with pytest.raises(ValidationError, match="what is wrong"):
        services.report_submit(need=need, reason=" ", by=UserFactory())
    assert AbuseReport.objects.count() == 1


def test_hiding_decides_every_open_report_of_the_item(need, coordinator):
    first = AbuseReportFactory(need=need)
    AbuseReportFactory(need=need)
    other = AbuseReportFactory(need=NeedFactory(quarter=need.quarter))
    decided = services.report_decide(report=first, hide=True, by=coordinator)
    assert decided == 2
    need.refresh_from_db()
    assert need.hidden
    assert not need.is_public
    assert AbuseReport.objects.filter(decision=AbuseReport.Decision.HIDDEN).count() == 2
    other.refresh_from_db()
    assert other.decision == AbuseReport.Decision.OPEN
    with pytest.raises(ValidationError, match="already been decided"):
        services.report_decide(report=first, hide=False, by=coordinator)


def test_keeping_a_comment_and_blocking_its_author(need, coordinator):
    comment = CommentFactory(need=need)
    report = AbuseReportFactory(need=None, comment=comment)
    services.report_decide(report=report, hide=False, block_author=True, by=coordinator)
    comment.refresh_from_db()
    assert not comment.hidden
    assert PostingBlock.objects.filter(user=comment.author, municipality=need.quarter.municipality).exists()


def test_staff_and_oneself_cannot_be_blocked(municipality, coordinator, advisor):
    with pytest.raises(ValidationError, match="own account"):
        services.posting_block_create(municipality=municipality, user=coordinator, by=coordinator)
    with pytest.raises(ValidationError, match="Staff"):
        services.posting_block_create(municipality=municipality, user=advisor, by=coordinator)
    assert not PostingBlock.objects.exists()


def test_blocking_twice_is_refused_and_lifting_works(municipality, resident, coordinator):
    block = services.posting_block_create(municipality=municipality, user=resident, by=coordinator)
    with pytest.raises(ValidationError, match="already blocked"):
        services.posting_block_create(municipality=municipality, user=resident, by=coordinator)
    services.posting_block_remove(block=block, by=coordinator)
    assert not PostingBlock.objects.exists()


# --- Offers and potentials -----------------------------------------------------------------------


def test_a_residents_offer_is_a_suggestion_a_coordinators_is_confirmed(quarter, resident, coordinator):
    suggestion = services.supply_save(item=Offer(quarter=quarter, service_area=area(), name="Café"), by=resident)
    assert suggestion.review == Review.SUGGESTED and suggestion.suggested_by == resident
    confirmed = services.supply_save(item=Offer(quarter=quarter, service_area=area(), name="Arzt"), by=coordinator)
    assert confirmed.review == Review.CONFIRMED and confirmed.confirmed_by == coordinator
    services.supply_confirm(item=suggestion, by=coordinator)
    with pytest.raises(ValidationError, match="already been confirmed"):
        services.supply_confirm(item=suggestion, by=coordinator)


def test_only_the_coordination_changes_an_entry(quarter, resident, other_coordinator):
    offer = services.supply_save(item=Offer(quarter=quarter, service_area=area(), name="Café"), by=resident)
    offer.name = "Umbenannt"
    for person in (resident, other_coordinator):
        with pytest.raises(ValidationError, match="Only the coordination"):
            services.supply_save(item=offer, by=person)
    assert Offer.objects.get().name == "Café"


def test_building_fields_only_for_buildings(quarter, coordinator):
    with pytest.raises(ValidationError) as error:
        services.supply_save(
            item=Potential(quarter=quarter, kind=Potential.Kind.SKILL, title="Kochen", building_status="vacant"),
            by=coordinator,
        )
    assert "building_status" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.supply_save(
            item=Potential(quarter=quarter, kind=Potential.Kind.BUILDING, title="Haus"), by=coordinator
        )
    assert "building_status" in error.value.message_dict
    assert not Potential.objects.exists()


def test_suggestions_are_limited_and_blocked_accounts_cannot_suggest(quarter, resident, other_resident, coordinator):
    for number in range(10):
        services.supply_save(item=Offer(quarter=quarter, service_area=area(), name=f"Angebot {number}"), by=resident)
    with pytest.raises(ValidationError, match="many suggestions"):
        services.supply_save(item=Offer(quarter=quarter, service_area=area(), name="Elf"), by=resident)
    services.posting_block_create(municipality=quarter.municipality, user=other_resident, by=coordinator)
    with pytest.raises(ValidationError, match="blocked"):
        services.supply_save(item=Potential(quarter=quarter, kind="actor", title="Verein"), by=other_resident)
    assert Offer.objects.count() == 10 and not Potential.objects.exists()
