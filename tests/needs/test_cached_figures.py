"""The cached figures of a quarter and the list counts: served from the cache, dropped when the services change
the data, and the needs list's place filter that offers one municipality's quarters only."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from common import cache_versions
from needs import caching, queries, services
from needs.models import Need, Support
from tests.factories import QuarterFactory, UserFactory

from .factories import CommentFactory, NeedFactory, SupportFactory, area

pytestmark = pytest.mark.django_db
EN = {"Accept-Language": "en"}


def supports_of(figures) -> int:
    return sum(area_inputs.supports for area_inputs in figures["gap_inputs"].areas)


# --- Quarter figures -----------------------------------------------------------------------------


def test_the_figures_come_from_the_cache_the_second_time(quarter):
    SupportFactory.create_batch(2, need=NeedFactory(quarter=quarter))
    with CaptureQueriesContext(connection) as first:
        figures = queries.dashboard_figures(quarter)
    with CaptureQueriesContext(connection) as second:
        again = queries.dashboard_figures(quarter)
    assert len(first) == 9  # gap inputs (5), participation (3), supports by month (1)
    assert len(second) == 0
    assert again["participation"] == figures["participation"]
    assert supports_of(again) == 2


def test_the_cache_shows_what_the_services_change_at_once(quarter, resident, coordinator):
    need = NeedFactory(quarter=quarter)
    submitted = NeedFactory(quarter=quarter, status=Need.Status.SUBMITTED)
    assert supports_of(queries.dashboard_figures(quarter)) == 0

    services.support_add(need=need, by=resident)
    figures = queries.dashboard_figures(quarter)
    assert supports_of(figures) == 1
    assert figures["months"][-1][1] == 1
    assert figures["participation"]["accounts"] == 3  # two authors and the supporter

    services.need_publish(need=submitted, by=coordinator)
    assert sum(a.needs for a in queries.quarter_gap_inputs(quarter).areas) == 2

    services.support_withdraw(need=need, by=resident)
    assert supports_of(queries.dashboard_figures(quarter)) == 0


def test_changes_around_the_services_show_after_the_timeout_only(quarter, resident):
    """The cache is real: a row written directly is not seen until a service moves the version on."""
    need = NeedFactory(quarter=quarter)
    assert queries.dashboard_figures(quarter)["participation"]["accounts"] == 1
    Support.objects.create(need=need, user=UserFactory())
    assert queries.dashboard_figures(quarter)["participation"]["accounts"] == 1
    services.comment_add(need=need, text="Ich bin dabei.", by=resident)
    assert queries.dashboard_figures(quarter)["participation"]["accounts"] == 3


def test_a_change_in_one_quarter_keeps_the_figures_of_another(quarter, resident, django_assert_num_queries):
    other = QuarterFactory(municipality=quarter.municipality)
    NeedFactory(quarter=other)
    queries.dashboard_figures(other)
    services.support_add(need=NeedFactory(quarter=quarter), by=resident)
    with django_assert_num_queries(0):
        queries.dashboard_figures(other)


def test_the_version_moves_on_again_after_the_commit(quarter, django_capture_on_commit_callbacks):
    before = cache_versions.current(caching._version_key(quarter.pk))
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        caching.quarter_changed(quarter.pk)
        during = cache_versions.current(caching._version_key(quarter.pk))
    after = cache_versions.current(caching._version_key(quarter.pk))
    assert len(callbacks) == 1
    assert before < during < after


def test_the_dashboard_shows_a_moderation_at_once(client_for, quarter, coordinator):
    client = client_for(coordinator)
    submitted = NeedFactory(quarter=quarter, status=Need.Status.SUBMITTED, service_area=area("wohnen"))
    url = reverse("needs:dashboard", args=[quarter.slug])

    def housing_score():
        gaps = client.get(url, headers=EN).context["gaps"]
        return next(gap.score for gap in gaps if gap.service_area_slug == "wohnen")

    before = housing_score()
    assert housing_score() == before  # from the cache
    client.post(reverse("needs:moderate", args=[submitted.pk]), {"action": "publish"})
    assert housing_score() > before


def test_the_quarter_page_reads_the_gap_inputs_from_the_cache(client, quarter):
    NeedFactory(quarter=quarter)
    with CaptureQueriesContext(connection) as first:
        client.get(quarter.get_absolute_url())
    with CaptureQueriesContext(connection) as second:
        response = client.get(quarter.get_absolute_url())
    assert len(first) - len(second) == 5  # the gap inputs
    assert response.status_code == 200


# --- Needs list ----------------------------------------------------------------------------------


def quarter_options(html: str) -> list[str]:
    select = re.search(r'<select[^>]*name="quarter"[^>]*>(.*?)</select>', html, re.S).group(1)
    return re.findall(r"<option[^>]*>([^<]*)</option>", select)


def test_without_a_municipality_the_list_offers_no_quarters(client, quarter):
    response = client.get(reverse("needs:list"), headers=EN)
    assert 'id="id_municipality"' in response.text
    assert quarter_options(response.text) == ["Choose a municipality first"]
    assert quarter.municipality.name in response.text


def test_a_municipality_offers_its_own_quarters_only(client, quarter, other_quarter):
    QuarterFactory(municipality=quarter.municipality, name="Eving", slug="dortmund-eving")
    NeedFactory(quarter=quarter, title="Im Quartier Marten")
    NeedFactory(quarter=other_quarter, title="In Gelsenkirchen")
    response = client.get(reverse("needs:list"), {"municipality": quarter.municipality.slug}, headers=EN)
    assert quarter_options(response.text) == ["All", "Eving", "Marten"]  # by name
    assert re.search(r'<label\s+for="id_quarter"', response.text)
    assert other_quarter.name not in response.text
    assert "Im Quartier Marten" in response.text and "In Gelsenkirchen" not in response.text


def test_a_quarter_of_another_municipality_is_dropped(client, quarter, other_quarter):
    NeedFactory(quarter=quarter, title="Im Quartier Marten")
    NeedFactory(quarter=other_quarter, title="In Gelsenkirchen")
    response = client.get(
        reverse("needs:list"), {"municipality": other_quarter.municipality.slug, "quarter": quarter.slug}, headers=EN
    )
    assert response.status_code == 200
    assert response.context["municipality"] == other_quarter.municipality
    assert response.context["quarter"] is None
    assert "In Gelsenkirchen" in response.text and "Im Quartier Marten" not in response.text


def test_a_quarter_alone_selects_its_municipality(client, quarter):
    response = client.get(reverse("needs:list"), {"quarter": quarter.slug}, headers=EN)
    assert response.context["municipality"] == quarter.municipality
    assert f'<option value="{quarter.slug}" selected>' in response.text
    assert f'<option value="{quarter.municipality.slug}" selected>' in response.text


def test_the_municipality_select_reloads_the_quarter_select(client, quarter):
    response = client.get(reverse("needs:list"), headers=EN)
    assert 'hx-get="/quartiere/quartierauswahl/"' in response.text
    assert 'hx-include="closest form"' in response.text and 'hx-target="#div_id_quarter"' in response.text
    with CaptureQueriesContext(connection) as queries_asked:  # the municipality comes from the cache
        response = client.get(
            reverse("quarters:quarter_options"),
            {"municipality": quarter.municipality.slug, "service_area": "", "sort": "newest"},
            headers={"HX-Request": "true", "Accept-Language": "en"},
        )
    assert len(queries_asked) == 1  # its quarters
    assert response.text.lstrip().startswith('<div id="div_id_quarter"')
    assert quarter.name in response.text and "<ul" not in response.text


def test_service_area_and_sort_filter_and_order(client, quarter):
    NeedFactory(quarter=quarter, title="Bürgerbus", service_area=area("mobilitaet"))
    NeedFactory(quarter=quarter, title="Mittagstisch", service_area=area("gesundheit-pflege"))
    response = client.get(reverse("needs:list"), {"service_area": "mobilitaet", "sort": "newest"}, headers=EN)
    assert "Bürgerbus" in response.text and "Mittagstisch" not in response.text
    assert '<option value="mobilitaet" selected>' in response.text
    assert '<option value="newest" selected>' in response.text


def test_an_unknown_value_is_left_out_and_the_others_still_filter(client, quarter, other_quarter):
    NeedFactory(quarter=quarter, title="Im Quartier Marten")
    NeedFactory(quarter=other_quarter, title="In Gelsenkirchen")
    response = client.get(
        reverse("needs:list"),
        {"quarter": quarter.slug, "service_area": "gibt-es-nicht", "sort": "lauteste", "municipality": "atlantis"},
        headers=EN,
    )
    assert response.status_code == 200
    assert "Im Quartier Marten" in response.text and "In Gelsenkirchen" not in response.text


def test_the_old_german_parameters_are_ignored(client, quarter, other_quarter):
    NeedFactory(quarter=quarter, title="Im Quartier Marten")
    NeedFactory(quarter=other_quarter, title="In Gelsenkirchen")
    old = {"gemeinde": other_quarter.municipality.slug, "quartier": quarter.slug, "bereich": "x", "sortierung": "y"}
    response = client.get(reverse("needs:list"), old, headers=EN)
    assert response.status_code == 200
    assert "Im Quartier Marten" in response.text and "In Gelsenkirchen" in response.text
    assert response.context["quarter"] is None and response.context["municipality"] is None


def test_the_page_count_is_cached_until_a_need_is_published(client, quarter, coordinator):
    NeedFactory.create_batch(21, quarter=quarter)
    submitted = NeedFactory(quarter=quarter, status=Need.Status.SUBMITTED)
    assert client.get(reverse("needs:list")).context["page_obj"].paginator.count == 21
    Need.objects.filter(pk=submitted.pk).update(status=Need.Status.PUBLISHED)  # around the services: not seen
    assert client.get(reverse("needs:list")).context["page_obj"].paginator.count == 21
    Need.objects.filter(pk=submitted.pk).update(status=Need.Status.SUBMITTED)
    services.need_publish(need=submitted, by=coordinator)
    assert client.get(reverse("needs:list")).context["page_obj"].paginator.count == 22


def test_the_list_shows_comment_counts_and_stored_support_counts(client, quarter):
    need = NeedFactory(quarter=quarter)
    SupportFactory.create_batch(3, need=need)
    CommentFactory.create_batch(2, need=need)
    response = client.get(reverse("needs:list"), headers=EN)
    assert "3 supports" in response.text and "2 comments" in response.text
