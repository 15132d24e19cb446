"""Why a page misses its target and what was changed, from profiling the pages on the `state` data set.

bench/run.py prints the finding of every page that misses a target into the results, and the changes made
after the first run (which missed every target by far) with a before/after table. None of the pages has an
N+1: every page's query count is the same at every size (tests/test_bench_queries.py).
"""

FINDINGS: dict[str, str] = {
    "_general": (
        "The throughput target (40 % of the bare baseline) is missed by every page that reads the database. The "
        "baseline answers in about 0.6 ms (3,300-3,600 requests/s with two sync workers on the quiet machine); "
        "the key pages cost 9-20 ms each under gunicorn: 6-14 queries take 1-4 ms, the rest is rendering the "
        "whole layout (navigation, forms, 30-60 KiB of HTML) through Django templates and crispy-forms, which "
        "renders one template per form field. 40 % would mean about 1.5 ms per page, which only a cache of "
        "whole pages could give; every page carries the visitor's CSRF token (for htmx and the sign-out form), "
        "so a shared page cache cannot serve them as they are. Next steps: fragment caches for the parts every "
        "anonymous visitor sees alike (directory cards, profile, quarter page), forms written without a template "
        "per field, and the CSRF token read from its cookie by a script so that public pages become cacheable. "
        "The query counts are constant in the data size (tests/test_bench_queries.py, 1x and 5x data)."
    ),
    "home": (
        "Served from the cache with no query (11 KiB); what is left is the layout. It is the page closest to "
        "the baseline ratio."
    ),
    "initiative_directory": (
        "The filter form (400 towns, the chosen town's quarters, areas, legal forms) and 20 cards with their "
        "lists; SQL about 3 ms. Left: cache the rendered cards of a page for anonymous visitors."
    ),
    "initiative_search": "As for the directory; the German full-text query itself takes about 1 ms (GIN index).",
    "initiative_filters": "As for the directory.",
    "initiative_detail": "12 queries served by indexes (about 2 ms); the rest is the template of a long profile.",
    "quarter_page": "6 queries, the figures come from the per-quarter cache; the rest is the page's charts and tables.",
    "coordinator_dashboard": "13 queries (session checks, roles, MFA, figures from the cache); the rest is rendering.",
    "needs_list": "3 queries (about 2 ms); the rest is 20 need cards with their support buttons.",
    "financing_check": (
        "About 20 ms of each request is the match of 5,000 programmes itself (bench/bench_matching.py), the "
        "catalogue comes from process memory; caching the match per initiative profile would cut it further."
    ),
    "advisor_dashboard": (
        "12 queries, each under 1 ms on the indexes; the rest is rendering two tables of 20 rows with their forms."
    ),
    "case_detail": (
        "14 queries of about 0.1 ms each; the page renders the latest 20 consultations with topics, all tasks "
        "with their action forms, referrals, workshops, the phase history and the phase form through "
        "crispy-forms: about 18 ms of template work per request. Left: render the task actions and the phase "
        "form without a template per field, and cache the consultation list per case version."
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

# The first run on `state` (2026-11-25, before the changes above; commit 0bb2954), for the before/after table.
# That machine was busier (load average 3-6; its baseline reached 649 requests/s), so compare with care.
FIRST_RUN = {
    "baseline_rps": 648.6,
    "pages": {
        "home": {"rps": 2.99, "p95_ms": 26000.0, "queries": 2},
        "initiative_directory": {"rps": 3.19, "p95_ms": 24000.0, "queries": 8},
        "initiative_search": {"rps": 5.32, "p95_ms": 26000.0, "queries": 9},
        "initiative_filters": {"rps": 4.18, "p95_ms": 28000.0, "queries": 10},
        "initiative_detail": {"rps": 43.5, "p95_ms": 310.0, "queries": 13},
        "quarter_page": {"rps": 39.09, "p95_ms": 2600.0, "queries": 12},
        "coordinator_dashboard": {"rps": 22.7, "p95_ms": 2000.0, "queries": 24},
        "needs_list": {"rps": 0.26, "p95_ms": 64000.0, "queries": 6},
        "financing_check": {"rps": 0.27, "p95_ms": 67000.0, "queries": 19},
        "advisor_dashboard": {"rps": 32.99, "p95_ms": 4300.0, "queries": 12},
        "case_detail": {"rps": 12.35, "p95_ms": 6200.0, "queries": 14},
    },
}
