"""Short-lived caches of a quarter's expensive figures (gap inputs, participants, supports per month) and of
the counts of the needs lists.

Each quarter has a version in the cache; a figure is stored under the version current when it was read.
The write services call `quarter_changed`, which moves the version on, so the next request computes afresh:
a coordinator who moderates sees the change at once. Changes made outside the services (admin, imports of
statistics) show within FIGURES_TIMEOUT at worst. The list counts work the same way with one version for
all public needs (`public_needs_changed`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.core.cache import cache

from common import cache_versions

# Long enough to absorb bursts of visitors, short enough that a change made outside the services
# (admin, imports of statistics) shows soon.
FIGURES_TIMEOUT = 90
# Counts change only with moderation (and then drop at once, see public_needs_changed).
COUNT_TIMEOUT = 600


PUBLIC_VERSION_KEY = "needs:public:version"


def _version_key(quarter_id: int) -> str:
    return f"needs:quarter:{quarter_id}:version"


def quarter_changed(quarter_ids: int | Iterable[int]) -> None:
    """Needs, supports, comments, answers or offers of these quarters changed: drop their cached figures."""
    ids = {quarter_ids} if isinstance(quarter_ids, int) else set(quarter_ids)
    cache_versions.renew({_version_key(quarter_id) for quarter_id in ids})


def public_needs_changed() -> None:
    """A need was published, hidden, merged or rejected: the cached list counts are out of date."""
    cache_versions.renew(PUBLIC_VERSION_KEY)


def quarter_figures(quarter_id: int, compute: dict[str, Callable[[], object]]) -> dict[str, object]:
    """The named figures of a quarter, each computed by its function only when not cached.

    Two cache reads however many figures (the version, then all figures at once), and one write for the
    missing ones.
    """
    version = cache_versions.current(_version_key(quarter_id))
    keys = {name: f"needs:quarter:{quarter_id}:{version}:{name}" for name in compute}
    cached = cache.get_many(list(keys.values()))
    figures, missing = {}, {}
    for name, key in keys.items():
        if key in cached:
            figures[name] = cached[key]
        else:
            figures[name] = missing[key] = compute[name]()
    if missing:
        cache.set_many(missing, timeout=FIGURES_TIMEOUT)
    return figures


def public_count(name: str, count: Callable[[], int]) -> int:
    """A count of public needs (a list's number of pages), cached until the public needs change.

    Counting 400,000 rows for "page 1 of 21,000" on every request costs more than the page itself.
    """
    key = f"needs:public:{cache_versions.current(PUBLIC_VERSION_KEY)}:count:{name}"
    total = cache.get(key)
    if total is None:
        total = count()
        cache.set(key, total, timeout=COUNT_TIMEOUT)
    return total
