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
    "_general": (
        "With two sync workers on two cores, shared with wrk or locust, 100 users with 1-5 s think time send "
        "about 33 requests per second: a page must cost under 30 ms to stay under 150 ms at p95, and under "
        "about 10 ms to reach 40 % of the baseline. Every page here costs more, so beyond its capacity the "
        "queue grows for the whole run and p95 only says 'overloaded' (the saturation throughput is the number "
        "to compare). Beyond the page-specific fixes below, three changes would help every page (settings and "
        "base template, the lead's): sessions in the cache (`SESSION_ENGINE = "
        "'django.contrib.sessions.backends.cached_db'`, Redis is there) to save a query per signed-in request; "
        "caching public pages for anonymous visitors for a minute (`cache_page` keyed on the language, or "
        "template fragment caches on home, directory, quarter page and profile); and a third gunicorn worker "
        "or gthread workers, since the workers wait on PostgreSQL for a third to half of each request."
    ),
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
        "The initiative's financing check (initiatives/views.py `check`, which calls financing/views.py "
        "`render_check`) loads the whole catalogue on every request (financing/queries.py "
        "`catalogue_for_matching`: the prefetch of the eligible legal forms of 5,000 programmes alone takes "
        "about 1 s on `state`) and renders every programme, also the thousands that do not fit (the "
        "'Does not fit' list of the check template): about 9 MB of HTML. Should change: cache the plain "
        "`matching.Catalogue` (in process memory or Redis, under a version key that the programme and catalogue "
        "services bump), then only match per request (bench/bench_matching.py: 24-60 ms for 5,000 programmes); "
        "show the programmes that do not fit as a count with their most common reasons, loaded on demand."
    ),
    "quarter_page": (
        "A constant number of queries, but the gap analysis counts the supports of the quarter's needs per "
        "service area on every view (needs/queries.py `gap_inputs`: a join of supports and needs grouped by "
        "area), so the page grows with the quarter's supports: slower on `city` (a quarter with about 5,000 "
        "supports) than on `state`. Should change: sum a stored per-need support count (see needs_list) "
        "instead of counting support rows, or cache the gap inputs per quarter for a few minutes (they feed a "
        "ranking, not a live counter)."
    ),
    "coordinator_dashboard": (
        "24 queries, three of them aggregates over all the quarter's supports (needs/views/quarter.py "
        "`dashboard`): the number of distinct participants (a UNION of authors, supporters and commenters), "
        "the supports per month and the gap inputs; each grows with the quarter's supports. Should change: "
        "keep per-need support counts (see needs_list) and cache the dashboard's figures per quarter for a "
        "minute or two."
    ),
    "initiative_detail": (
        "13 queries, all served by indexes; no N+1. The time goes to the queries' round trips and the template "
        "(about 70 ms in-process on the busy machine, 40 ms of it SQL). Should change: cache the public profile "
        "for anonymous visitors (see the general note) and drop the lists the page does not show above the fold."
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

# What was changed after the first measurement (2026-11-25, morning: every page missed by far), printed into
# the results so that a reader sees why the numbers moved.
CHANGES: dict[str, str] = {
    "_general": (
        "Sessions are read from the cache (`cached_db`, Redis) instead of the database on every signed-in "
        "request; `seed_scale` ends with `VACUUM ANALYZE`, so counts can use index-only scans."
    ),
    "home": (
        "Lists the first 24 towns with their quarter counts (cached under a version that saves of towns and "
        "quarters renew) and links each to a new town page with its quarters; a search and a paged list of all "
        "towns for portals with hundreds: 934 KiB → 11 KiB, 0 queries when the cache is warm."
    ),
    "initiative_directory": (
        "The filter offers the quarters of the chosen town only (the field is reloaded with htmx when the town "
        "changes; a plain submit without JavaScript), the town choices come from the cache, options are written "
        "without a template per option; index on (status, name) for the default order: 244 KiB → 46 KiB."
    ),
    "initiative_search": "As for the directory: 245 KiB → 54 KiB, 9 → 7 queries.",
    "initiative_filters": "As for the directory: 225 KiB → 34 KiB, 10 → 8 queries.",
    "initiative_detail": (
        "One query fewer (pledged hours from the totals already read); the linked initiatives, quarters and the "
        "copied-from initiative load only the columns shown."
    ),
    "quarter_page": (
        "The gap inputs sum the stored per-need support counts instead of counting support rows, and are "
        "cached per quarter for 90 s under a version that every write service of the quarter renews: 12 → 6 "
        "queries."
    ),
    "coordinator_dashboard": (
        "Gap inputs, participants and supports per month cached per quarter as on the quarter page (a "
        "moderation shows at once): 24 → 13 queries."
    ),
    "needs_list": (
        "`Need.support_count` stored and kept by the services (F() +1/-1, recounts on merge and deletion) with a "
        "partial index for the default order instead of a COUNT over 5 million supports per request; the count "
        "for the pager cached until the public needs change; the filter offers the quarters of the chosen town "
        "only: 2.3 s → 16 ms in-process, 453 KiB → 55 KiB, 6 → 3 queries."
    ),
    "financing_check": (
        "The built matching catalogue is kept per process and in Redis under a version that every write to "
        "programmes, instruments, legal forms, rules, service areas and towns renews (signals; imports renew "
        "once per batch), so a request only matches (about 20 ms for 5,000 programmes); what fits and what "
        "needs information is shown in full up to 10 each, what does not fit as counts per reason, each list "
        "paged on demand: 8.8 MB → 50 KiB, 18 → 10 queries."
    ),
    "advisor_dashboard": (
        "The 20 most urgent cases and the 20 longest overdue tasks with their counts and links to the full, "
        "paged lists (case list filters, a new overdue-tasks page); the overdue query is a UNION of two index "
        "lookups; indexes on case (advisor, municipality, status) and consultation (advisor, held_on)."
    ),
    "case_detail": (
        "The latest 20 consultations with pages for older ones; the notes page shows and records the reads of "
        "20 notes per page in one INSERT."
    ),
}
