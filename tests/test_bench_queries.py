"""The key pages of the benchmark ask the database a fixed number of questions, whatever the size of the data.

Each page is requested on a small scale data set and on one five times larger (seed_scale --preset tiny
--scale 1 and 5), with the same bound at both sizes; the counts must also be equal. The pages and the
objects they show are the ones bench/run.py measures (the biggest of each kind in the biggest town).
"""

import datetime

import pytest
from django.core.management import call_command
from django.db import transaction

from bench.run import build_pages, pick_subjects
from tests.clients import BrowserLikeClient

TODAY = datetime.date(2026, 11, 25)

# The bound of each page, with what the queries are. A page whose count grows with the data would fail
# at the larger size; one whose code gains a query fails here and should say why in this table.
BOUNDS = {
    # No database at all: the middleware stack and a small template.
    "baseline": 0,
    # None: the overview of the municipalities (the first of them with their quarter counts) is cached.
    "home": 0,
    # Directory: the count, the page and the prefetched lists (quarters, service areas) of its initiatives, the
    # filter form's service areas and legal forms (the towns come from the cache, quarters only for a town).
    "initiative_directory": 6,
    # The same with a full-text search in one town: plus the town's quarters for the quarter select.
    "initiative_search": 7,
    # The same filtered by town and quarter: plus the town's quarters and the check of the chosen one.
    "initiative_filters": 8,
    # Profile: the initiative with its lists, answered needs with support counts, activation (its pledged
    # hours from the pledge totals), pledge totals, actors, links, takeover.
    "initiative_detail": 12,
    # Quarter: the quarter, the top needs, their count, offers, potentials, surveys (the gap inputs come from
    # the cache the first request filled; a miss adds five).
    "quarter_page": 6,
    # Dashboard (signed in): session, user, authenticator and staff role checks, needs by area and status,
    # surveys, moderation figures (gap inputs, participants and supports by month come from the cache the first
    # request filled; a miss adds nine).
    "coordinator_dashboard": 14,
    # Needs list: the page (sorted by the stored support counts), the municipalities and service areas of the
    # filter (the count comes from the cache the first request filled; a miss adds one).
    "needs_list": 3,
    # Financing check (signed in): user, roles, authenticator, the initiative with memberships and takeover,
    # its plan, service areas, plan lines (the own funds), organisations and its quarters' funding-area flags,
    # unread notifications, the navigation's municipalities; the catalogue for the matcher comes from the cache
    # (financing/catalogue_cache.py).
    "financing_check": 13,
    # Advisor dashboard: session, user, roles, cases by phase, consultations per month, topics, the first 20
    # overdue tasks and their count, the 20 most urgent cases.
    "advisor_dashboard": 13,
    # Case: session, user, roles, the case, the count and the page of the latest 20 consultations with topics
    # and participants (no note is shown here), tasks, referrals, workshops, phase history.
    "case_detail": 15,
}


def measure(assert_max_queries, size: str) -> dict[str, int]:
    counts = {}
    for page in build_pages(pick_subjects()):
        name = page["name"]
        client = BrowserLikeClient()
        if page["cookie"]:
            cookie, _sep, value = page["cookie"].partition("=")
            client.cookies[cookie] = value
        client.get(page["url"])  # first request: the process's caches (content types, translations) are warm
        with assert_max_queries(BOUNDS[name], info=f"{name} on the {size} data set") as captured:
            response = client.get(page["url"])
        assert response.status_code == 200, (name, page["url"], response.status_code)
        counts[name] = len(captured)
    return counts


def measured_at(scale: int, assert_max_queries) -> dict[str, int]:
    with transaction.atomic():
        call_command("seed_scale", preset="tiny", scale=scale, seed=11, today=TODAY, verbosity=0)
        counts = measure(assert_max_queries, f"{scale}x")
        transaction.set_rollback(True)
    return counts


@pytest.fixture
def bench_urls(settings):
    """The URLs make bench serves: the platform plus the bare baseline page."""
    settings.ROOT_URLCONF = "bench.urls"
    # A new list (not an in-place change), so Django rebuilds its template engines and restores them after.
    engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [{**engine, "DIRS": [*engine["DIRS"], settings.BASE_DIR / "bench" / "templates"]}]


@pytest.mark.django_db
def test_key_pages_ask_a_constant_number_of_queries(bench_urls, django_assert_max_num_queries):
    small = measured_at(1, django_assert_max_num_queries)
    large = measured_at(5, django_assert_max_num_queries)
    assert set(small) == set(BOUNDS)
    assert large == small, "a page's query count grows with the data (N+1)"
