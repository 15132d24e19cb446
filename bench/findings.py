"""Why a page misses its target and what should change, from profiling the pages on the `state` data set.

bench/run.py prints the finding of every page that misses a target into the results. None of these is an
N+1: every page's query count is the same at every size (tests/test_bench_queries.py). They are pages that
render everything there is (every town, every quarter, every programme) or sort by a count computed on
the fly. The owners apply the fixes; the benchmark's numbers show whether they worked.
"""

_QUARTER_CHOICES = (
    "the filter form offers every quarter of every town as an <option> (4,000 on `state`, plus 400 towns), "
    "about 200 KiB of HTML rendered on every request"
)

FINDINGS: dict[str, str] = {
    "home": (
        "The home page lists every municipality with all its quarters (kudequa/views.py `home`, "
        "quarters/queries.py `municipalities_with_quarters`, templates/home.html): two queries, but on `state` "
        "400 towns and 4,000 quarters, about 1 MB of HTML. Should change: list the towns with their quarter "
        "counts and link each to its own page (or page through them), and cache the rendered list (it changes "
        "only when a quarter is added)."
    ),
    "initiative_directory": (
        f"Not the list itself: {_QUARTER_CHOICES} (initiatives/forms.py `DirectoryForm.quarter`, "
        "templates/initiatives/list.html). Should change: offer only the quarters of the chosen town (an htmx "
        "request when the town changes), or a search field for the quarter. The count and the page of the "
        "published initiatives ordered by name are the other cost; an index on (status, name) would serve both."
    ),
    "initiative_search": (
        f"The search query is cheap (GIN index on the German search vector); {_QUARTER_CHOICES} "
        "(initiatives/forms.py `DirectoryForm.quarter`). Should change as for the directory."
    ),
    "initiative_filters": (
        f"{_QUARTER_CHOICES[0].upper()}{_QUARTER_CHOICES[1:]} (initiatives/forms.py `DirectoryForm.quarter`). "
        "Should change as for the directory."
    ),
    "needs_list": (
        "Sorting all published needs by their number of supports computes a correlated COUNT over the supports "
        "for every need before it can sort (needs/queries.py `need_list`/`with_counts`, SORTS['support']): "
        "about 9 s per request on `state` (500,000 needs, 5 million supports); the page also renders all 4,000 "
        "quarters in its filter (needs/views/needs.py `need_list`, context 'quarters'). Should change: keep "
        "the count on the need (`Need.support_count`, updated with F() +1/-1 in the support services) with a "
        "partial index on (status, hidden, -support_count, -created_at) for published, not hidden needs; "
        "offer the quarters of one town only."
    ),
    "financing_check": (
        "The check loads the whole catalogue on every request (financing/queries.py `catalogue_for_matching`: "
        "the prefetch of the eligible legal forms of 5,000 programmes alone takes about 1 s on `state`) and "
        "renders every programme, also the thousands that do not fit (financing/views.py `render_check`, "
        "templates/financing/check.html, the 'Does not fit' list): about 9 MB of HTML. Should change: cache the "
        "plain `matching.Catalogue` (in process memory or Redis, under a version key that programme and "
        "catalogue services bump), then match per request (bench/bench_matching.py: about 60 ms for 5,000 "
        "programmes); show the programmes that do not fit as a count with their most common reasons, loaded "
        "on demand."
    ),
    "quarter_page": (
        "A constant number of queries; the time goes to the gap analysis and the template. Profile "
        "needs/views/quarter.py `quarter_page` and templates/needs/quarter/page.html."
    ),
    "coordinator_dashboard": (
        "24 queries per request, several of them aggregates over the quarter's needs and supports "
        "(needs/views/quarter.py `dashboard`): at the busiest quarter of the biggest town they add up. Should "
        "change: fold the per-status and per-month aggregates into fewer grouped queries, and cache the "
        "dashboard's figures for a minute."
    ),
    "initiative_detail": (
        "A constant number of queries (13); the time goes to the template. Profile initiatives/views.py "
        "`detail` and templates/initiatives/detail.html."
    ),
    "advisor_dashboard": (
        "Lists all the advisor's open cases and all overdue tasks without a limit (advisory/queries.py "
        "`advisor_dashboard`). Should change: show the first 20 of each with a link to the full, paged list."
    ),
    "case_detail": (
        "Renders every consultation of the case with its topics and records a read of every confidential "
        "note shown (a write per request; advisory/views.py `case_detail`). Should change: page the "
        "consultations after the latest 20."
    ),
}
