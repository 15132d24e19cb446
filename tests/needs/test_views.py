"""Pages of the needs assessment as residents, coordinators and visitors use them."""

import pytest
from django.urls import reverse

from needs.models import AbuseReport, Comment, Need, PostingBlock, Support
from tests.factories import QuarterStatisticsFactory, UserFactory

from .factories import (
    AbuseReportFactory,
    CommentFactory,
    NeedFactory,
    OfferFactory,
    PotentialFactory,
    SupportFactory,
    area,
)

pytestmark = pytest.mark.django_db
EN = {"Accept-Language": "en"}
HTMX = {"HX-Request": "true", "Accept-Language": "en"}


def need_data(quarter, **overrides):
    return {
        "quarter": quarter.pk,
        "service_area": area().pk,
        "title": "Kein Treffpunkt mehr",
        "description": "Seit das Bürgerhaus geschlossen hat, fehlt ein Raum.",
        "affected_groups": ["seniors", "families"],
        **overrides,
    }


# --- Lists and details ---------------------------------------------------------------------------


def test_need_list_filters_sorts_and_paginates(client, quarter, django_assert_max_num_queries):
    NeedFactory.create_batch(25, quarter=quarter)
    NeedFactory(quarter=quarter, status=Need.Status.SUBMITTED, title="Noch geheim")
    # a visitor without a session: the quarter filter (its municipality comes along), the count (not cached
    # yet), the page of needs with their comment counts, the municipality (not cached yet), quarter and area options
    with django_assert_max_num_queries(6):
        response = client.get(reverse("needs:list"), {"quarter": quarter.slug, "sort": "newest"})
    assert response.status_code == 200
    assert len(response.context["page_obj"]) == 20
    assert "Noch geheim" not in response.text
    assert client.get(reverse("needs:list"), {"page": 2}).context["page_obj"].number == 2


def test_need_list_query_count_does_not_grow_with_the_needs(client_for, quarter, resident, django_assert_num_queries):
    client = client_for(resident)
    NeedFactory.create_batch(3, quarter=quarter)
    client.get(reverse("needs:list"))  # warm the session and the per-user caches

    def count():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as context:
            client.get(reverse("needs:list"))
        return len(context)

    few = count()
    NeedFactory.create_batch(10, quarter=quarter)
    assert count() == few


def test_need_detail_query_count(client_for, need, resident, django_assert_max_num_queries):
    CommentFactory.create_batch(5, need=need)
    SupportFactory.create_batch(5, need=need)
    client = client_for(resident)
    # session, user, the user's staff roles (moderation permission), the need with its counts and
    # relations, the context processor (2), the comments with their authors; residents are not shown the
    # merged needs: 7, however many comments and supports
    with django_assert_max_num_queries(7):
        response = client.get(need.get_absolute_url())
    assert response.status_code == 200
    assert response.context["need"].support_count == 5


def test_submitted_needs_are_seen_by_their_author_only(client_for, quarter, resident, other_resident):
    need = NeedFactory(quarter=quarter, author=resident, status=Need.Status.SUBMITTED)
    assert client_for(resident).get(need.get_absolute_url()).status_code == 200
    assert client_for(other_resident).get(need.get_absolute_url()).status_code == 404
    assert client_for(None).get(need.get_absolute_url()).status_code == 404


def test_a_merged_need_sends_visitors_to_its_target(client, quarter):
    target = NeedFactory(quarter=quarter)
    merged = NeedFactory(quarter=quarter, status=Need.Status.MERGED, merged_into=target)
    response = client.get(merged.get_absolute_url())
    assert response.status_code == 302
    assert response.url == target.get_absolute_url()


def test_the_name_is_shown_only_when_chosen(client, quarter, resident):
    anonymous = NeedFactory(quarter=quarter, author=resident, show_name=False)
    named = NeedFactory(quarter=quarter, author=resident, show_name=True)
    assert "Rita Resident" not in client.get(anonymous.get_absolute_url()).text
    assert "Rita Resident" in client.get(named.get_absolute_url()).text
    assert "resident@example.org" not in client.get(named.get_absolute_url()).text


# --- Submitting ----------------------------------------------------------------------------------


def test_a_resident_submits_a_need(client_for, quarter, resident):
    client = client_for(resident)
    form = client.get(reverse("needs:create"), {"quarter": quarter.slug}).context["form"]
    assert form.initial["quarter"] == quarter
    response = client.post(reverse("needs:create"), need_data(quarter, show_name="on"), headers=EN)
    need = Need.objects.get()
    assert response.status_code == 302
    assert response.url == need.get_absolute_url()
    assert need.status == Need.Status.SUBMITTED and need.show_name
    assert "published after a short check" in client.get(response.url, headers=EN).text
    assert need in client.get(reverse("needs:mine")).context["needs"]


def test_oversized_and_empty_needs_get_a_message_and_change_nothing(client_for, quarter, resident):
    client = client_for(resident)
    response = client.post(reverse("needs:create"), need_data(quarter, title="", description="x" * 4001), headers=EN)
    assert response.status_code == 200
    assert "This field is required." in response.text
    assert "at most 4000 characters" in response.text
    assert not Need.objects.exists()


def test_the_sixth_need_within_an_hour_is_refused_with_a_message(client_for, quarter, resident):
    client = client_for(resident)
    for number in range(5):
        client.post(reverse("needs:create"), need_data(quarter, title=f"Bedarf {number}"))
    response = client.post(reverse("needs:create"), need_data(quarter), headers=EN)
    assert response.status_code == 200
    assert "Please wait a while" in response.text
    assert Need.objects.count() == 5


def test_the_location_picker_appears_only_with_a_tile_server(client_for, settings, resident):
    client = client_for(resident)
    settings.MAP_TILE_URL = ""
    assert "data-location-picker" not in client.get(reverse("needs:create")).text
    settings.MAP_TILE_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
    page = client.get(reverse("needs:create")).text
    assert "data-location-picker" in page and "leaflet.js" in page


# --- Supports (htmx) -----------------------------------------------------------------------------


def test_support_and_withdraw_with_htmx(client_for, need, other_resident):
    client = client_for(other_resident)
    response = client.post(
        reverse("needs:support", args=[need.pk]), {"action": "support"}, headers=HTMX, page=need.get_absolute_url()
    )
    assert response.status_code == 200
    assert "1 support" in response.text and "Withdraw my support" in response.text
    assert "<html" not in response.text  # a partial, no page reload
    again = client.post(reverse("needs:support", args=[need.pk]), {"action": "support"}, headers=HTMX)
    assert "already support" in again.text
    assert need.supports.count() == 1
    withdrawn = client.post(reverse("needs:support", args=[need.pk]), {"action": "withdraw"}, headers=HTMX)
    assert "0 supports" in withdrawn.text and "I support this" in withdrawn.text
    assert not need.supports.exists()


def test_support_without_javascript_redirects(client_for, need, other_resident):
    response = client_for(other_resident).post(
        reverse("needs:support", args=[need.pk]), {"action": "support"}, page=need.get_absolute_url()
    )
    assert response.status_code == 302 and response.url == need.get_absolute_url()
    assert Support.objects.filter(need=need, user=other_resident).exists()


def test_visitors_are_asked_to_sign_in_to_support(client, need):
    response = client.forge_post(reverse("needs:support", args=[need.pk]))  # the page has a link, no button
    assert response.status_code == 302 and "/accounts/login/" in response.url
    assert "Sign in to support" in client.get(need.get_absolute_url(), headers=EN).text


# --- Comments and reports ------------------------------------------------------------------------


def test_comment_and_report(client_for, need, other_resident):
    client = client_for(other_resident)
    response = client.post(reverse("needs:comment", args=[need.pk]), {"text": "Genau!"}, page=need.get_absolute_url())
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.author == other_resident and not comment.show_name
    empty = client.post(
        reverse("needs:comment", args=[need.pk]), {"text": ""}, headers=EN, page=need.get_absolute_url()
    )
    assert empty.status_code == 200 and "This field is required." in empty.text
    assert client.get(reverse("needs:comment_report", args=[comment.pk])).status_code == 200
    client.post(reverse("needs:comment_report", args=[comment.pk]), {"reason": "Beleidigend"})
    client.post(reverse("needs:report", args=[need.pk]), {"reason": "Werbung"})
    again = client.post(reverse("needs:report", args=[need.pk]), {"reason": "Nochmal"}, headers=EN, follow=True)
    assert "already reported" in again.text
    assert AbuseReport.objects.count() == 2


def test_a_hidden_comment_is_gone_for_the_public_but_visible_to_staff(client_for, need, coordinator):
    CommentFactory(need=need, text="Unfreundlich", hidden=True)
    assert "Unfreundlich" not in client_for(None).get(need.get_absolute_url()).text
    assert "Unfreundlich" in client_for(coordinator).get(need.get_absolute_url()).text


# --- Moderation ----------------------------------------------------------------------------------


def test_the_coordinator_moderates(client_for, quarter, resident, coordinator, django_assert_max_num_queries):
    submitted = NeedFactory(quarter=quarter, author=resident, status=Need.Status.SUBMITTED)
    duplicate = NeedFactory(quarter=quarter, status=Need.Status.SUBMITTED)
    to_reject = NeedFactory(quarter=quarter, status=Need.Status.SUBMITTED)
    AbuseReportFactory(need=NeedFactory(quarter=quarter))
    client = client_for(coordinator)
    client.get(reverse("needs:moderation", args=[quarter.municipality.slug]))
    # session, user, staff roles, the staff's second factor (middleware), the municipality, submitted needs,
    # open reports, suggested offers, suggested potentials, the unread notifications and the staff
    # municipalities (context processor): 11, however long the queue
    with django_assert_max_num_queries(11):
        queue = client.get(reverse("needs:moderation", args=[quarter.municipality.slug]))
    assert list(queue.context["submitted"]) == [submitted, duplicate, to_reject]

    assert client.get(reverse("needs:moderate", args=[submitted.pk])).status_code == 200
    client.post(reverse("needs:moderate", args=[submitted.pk]), {"action": "publish"})
    client.post(reverse("needs:moderate", args=[duplicate.pk]), {"action": "merge", "into": submitted.pk})
    missing_reason = client.post(reverse("needs:moderate", args=[to_reject.pk]), {"action": "reject"}, headers=EN)
    assert "Please give a reason" in missing_reason.text
    client.post(reverse("needs:moderate", args=[to_reject.pk]), {"action": "reject", "reason": "Doppelt"})
    statuses = dict(Need.objects.filter(pk__in=[submitted.pk, duplicate.pk, to_reject.pk]).values_list("pk", "status"))
    assert statuses == {submitted.pk: "published", duplicate.pk: "merged", to_reject.pk: "rejected"}


def test_a_coordinator_of_another_municipality_changes_nothing(client_for, quarter, other_coordinator):
    need = NeedFactory(quarter=quarter, status=Need.Status.SUBMITTED)
    client = client_for(other_coordinator)
    assert client.forge_post(reverse("needs:moderate", args=[need.pk]), {"action": "publish"}).status_code == 403
    assert client.get(reverse("needs:moderation", args=[quarter.municipality.slug])).status_code == 403
    need.refresh_from_db()
    assert need.status == Need.Status.SUBMITTED


def test_decide_a_report_hide_and_block(client_for, need, coordinator):
    report = AbuseReportFactory(need=need)
    response = client_for(coordinator).post(
        reverse("needs:decide_report", args=[report.pk]),
        {"decision": "hide", "block_author": "on"},
        page=reverse("needs:moderation", args=[need.quarter.municipality.slug]),
    )
    assert response.status_code == 302
    need.refresh_from_db()
    assert need.hidden
    block = PostingBlock.objects.get()
    assert block.user == need.author
    assert (
        client_for(coordinator).get(reverse("needs:blocks", args=[need.quarter.municipality.slug])).status_code == 200
    )
    client_for(coordinator).post(
        reverse("needs:unblock", args=[block.pk]), page=reverse("needs:blocks", args=[need.quarter.municipality.slug])
    )
    assert not PostingBlock.objects.exists()


def test_a_collected_need_only_for_quarters_of_the_own_municipality(client_for, quarter, other_quarter, coordinator):
    client = client_for(coordinator)
    url = reverse("needs:on_behalf", args=[quarter.municipality.slug])
    refused = client.post(url, need_data(other_quarter, source="workshop"), headers=EN)
    assert refused.status_code == 200 and "Select a valid choice" in refused.text
    assert not Need.objects.exists()
    client.post(url, need_data(quarter, source="door_to_door"))
    need = Need.objects.get()
    assert need.status == Need.Status.PUBLISHED and need.source == "door_to_door"


# --- The quarter page, the dashboard and open data -----------------------------------------------


def test_the_quarter_page_shows_demography_needs_supply_and_gaps(
    client, settings, quarter, django_assert_max_num_queries
):
    settings.MAP_TILE_URL = ""
    QuarterStatisticsFactory(quarter=quarter)
    NeedFactory.create_batch(3, quarter=quarter, service_area=area("begegnung-kultur"))
    OfferFactory(quarter=quarter, name="Seniorentreff", service_area=area("gesundheit-pflege"))
    PotentialFactory(quarter=quarter, title="Alte Sparkasse", latitude=51.5, longitude=7.4)
    # a visitor without a session: the quarter, the gap inputs (5, not cached yet), the top needs with their
    # counts, offers, potentials, the need total, the surveys of the quarter: 11, however much the quarter holds
    with django_assert_max_num_queries(11):
        response = client.get(quarter.get_absolute_url(), headers=EN)
    assert response.status_code == 200
    page = response.text
    assert "Seniorentreff" in page and "Alte Sparkasse" in page
    assert "31/12/2025" in page or "12/31/2025" in page or "2025" in page  # the reference date
    assert response.context["gaps"][0].service_area_slug == "begegnung-kultur"
    assert "3 needs" in page  # a reason of the top gap
    assert 'id="quarter-map"' not in page and "leaflet" not in page


def test_the_quarter_page_map_uses_the_configured_tiles(client, settings, quarter):
    settings.MAP_TILE_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
    PotentialFactory(quarter=quarter, title="Alte Sparkasse", latitude=51.5, longitude=7.4)
    response = client.get(quarter.get_absolute_url())
    assert 'id="quarter-map"' in response.text
    assert response.context["map"]["tiles"] == settings.MAP_TILE_URL
    assert response.context["map"]["points"][0]["title"] == "Alte Sparkasse"


def test_the_dashboard(client_for, quarter, coordinator, django_assert_max_num_queries):
    NeedFactory.create_batch(3, quarter=quarter)
    SupportFactory.create_batch(4, need=NeedFactory(quarter=quarter))
    client = client_for(coordinator)
    client.get(reverse("needs:dashboard", args=[quarter.slug]))
    # 4 for session, user, staff roles and second factor; the quarter; needs by area and status with the
    # areas (2); moderation counts (2); the context processor (2); surveys; suggested offers and potentials
    # (2): 14, whatever the quarter holds. Gap inputs, supports by month and participation come from the cache
    # the first request filled (9 more queries on a miss).
    with django_assert_max_num_queries(14):
        response = client.get(reverse("needs:dashboard", args=[quarter.slug]), headers=EN)
    assert response.status_code == 200
    assert response.context["participation"]["people"] == 8  # 4 need authors and 4 supporters
    assert "<svg" in response.text and "<table" in response.text


def test_open_data_has_a_licence_and_no_personal_data(client, client_for, quarter, resident):
    need = NeedFactory(quarter=quarter, author=resident, show_name=True, latitude="51.516234", longitude="7.396612")
    SupportFactory(need=need, user=UserFactory(email="supporter@example.org", display_name="Sam Supporter"))
    CommentFactory(need=need, author=resident, show_name=True)
    OfferFactory(quarter=quarter, name="Hausarzt")
    PotentialFactory(quarter=quarter, title="Leerstand", suggested_by=resident)
    NeedFactory(quarter=quarter, status=Need.Status.SUBMITTED, title="Unveröffentlicht")

    def check(response):
        text = response.content.decode()
        assert response.status_code == 200
        assert "dl-de/by-2-0" in text and "Datenlizenz Deutschland – Namensnennung – Version 2.0" in text
        for personal in ("Rita", "resident@example.org", "Sam Supporter", "supporter@example.org"):
            assert personal not in text
        assert "Unveröffentlicht" not in text
        return text

    data = client.get(reverse("needs:opendata_json", args=[quarter.slug])).json()
    check(client.get(reverse("needs:opendata_json", args=[quarter.slug])))
    assert data["license"]["id"] == "dl-de/by-2-0"
    assert data["needs"][0]["supports"] == 1
    assert data["needs"][0]["latitude"] == 51.516  # rounded to about 100 m
    assert [offer["name"] for offer in data["offers"]] == ["Hausarzt"]
    csv_text = check(client.get(reverse("needs:opendata_csv", args=[quarter.slug])))
    assert csv_text.splitlines()[0].startswith("record_type,id,")
    assert len(csv_text.splitlines()) == 4  # header, need, offer, potential

    client_for(resident).post(reverse("accounts:delete"), {"password": "correct horse battery", "confirm": "on"})
    resident.refresh_from_db()
    assert resident.anonymised_at is not None
    after = check(client.get(reverse("needs:opendata_csv", args=[quarter.slug])))
    assert f"geloescht-{resident.pk}" not in after


# --- Offers and potentials -----------------------------------------------------------------------


def test_residents_suggest_and_coordinators_confirm(client_for, quarter, resident, coordinator):
    data = {"quarter": quarter.pk, "service_area": area().pk, "name": "Nachbarschaftscafé", "status": "active"}
    client_for(resident).post(reverse("needs:offer_create"), data)
    offer = type(OfferFactory.build()).objects.get(name="Nachbarschaftscafé")
    assert offer.review == "suggested" and offer.suggested_by == resident
    assert "Nachbarschaftscafé" not in client_for(None).get(quarter.get_absolute_url()).text
    client = client_for(coordinator)
    dashboard = client.get(reverse("needs:dashboard", args=[quarter.slug]))
    assert offer in dashboard.context["suggestions"]["offers"]
    client.post(reverse("needs:offer_confirm", args=[offer.pk]), page=dashboard)
    offer.refresh_from_db()
    assert offer.review == "confirmed"
    assert "Nachbarschaftscafé" in client_for(None).get(quarter.get_absolute_url()).text


def test_a_coordinators_entry_is_confirmed_at_once_and_can_be_edited_and_deleted(client_for, quarter, coordinator):
    client = client_for(coordinator)
    client.post(
        reverse("needs:potential_create"),
        {"quarter": quarter.pk, "kind": "building", "title": "Alte Sparkasse", "building_status": "vacant"},
    )
    potential = type(PotentialFactory.build()).objects.get()
    assert potential.review == "confirmed"
    wrong = client.post(
        reverse("needs:potential_edit", args=[potential.pk]),
        {"quarter": quarter.pk, "kind": "skill", "title": "Alte Sparkasse", "building_status": "vacant"},
        headers=EN,
    )
    assert "Only buildings have this field." in wrong.text
    assert client.get(reverse("needs:potential_delete", args=[potential.pk])).status_code == 200
    client.post(reverse("needs:potential_delete", args=[potential.pk]))
    assert not type(potential).objects.exists()
