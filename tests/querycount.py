"""Query counts of list pages: an exact count that stays the same when the list grows.

    assert_constant_queries(client_for(resident), reverse("needs:list"), grow=lambda: NeedFactory.create_batch(10),
                            expected=6)

asks the page, counts its queries, lets `grow` add rows, asks again: both counts must be `expected`. The
counts are regression guards (what the page asks today), not targets: a change that adds a query per row
fails the second count, one that adds a query to the page fails both.

By default the page is requested once before each count (`warm=True`): sessions, per-user caches and cached
figures are then in place, and a count measures the page itself, not a cold cache. Growing the data may
invalidate a cache; the warm-up request after `grow` fills it again.
"""

from collections.abc import Callable

from django.db import connection
from django.test.utils import CaptureQueriesContext


def count_queries(client, url: str, data: dict | None = None, *, status: int = 200) -> tuple[int, list[str]]:
    """The number of queries a GET of `url` asks (and their SQL, for the failure message)."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, data or {})
    assert response.status_code == status, f"GET {url}: {response.status_code}"
    return len(captured), [query["sql"] for query in captured.captured_queries]


def assert_constant_queries(
    client,
    url: str,
    grow: Callable[[], object],
    expected: int,
    *,
    data: dict | None = None,
    warm: bool = True,
    status: int = 200,
):
    """`url` asks exactly `expected` queries, before and after `grow()` adds to the list."""
    counts = []
    for step in ("before", "after"):
        if step == "after":
            grow()
        if warm:
            client.get(url, data or {})
        count, queries = count_queries(client, url, data, status=status)
        counts.append(count)
        assert count == expected, (
            f"GET {url} ({step} growing the list): {count} queries, expected {expected}:\n" + "\n".join(queries)
        )
    return counts
