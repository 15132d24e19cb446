"""Version keys for cached data: readers store their entries under the current version of a key, writers
move the version on, and the old entries are never read again (they expire on their own).

A version is a clock value in nanoseconds: it only grows, and unlike a counter it cannot restart after an
eviction and meet entries stored under an earlier life of the same number.
"""

import time
from collections.abc import Iterable

from django.core.cache import cache
from django.db import transaction


def current(key: str, timeout: int | None = None) -> int:
    """The version under `key`; a missing one (new, expired, evicted) starts a new version."""
    version = cache.get(key)
    if version is None:
        cache.add(key, time.time_ns(), timeout)  # another process may be quicker: then its version counts
        version = cache.get(key) or time.time_ns()
    return version


def new_version(keys: str | Iterable[str], timeout: int | None = None) -> None:
    """Move the versions on at once."""
    keys = [keys] if isinstance(keys, str) else list(keys)
    version = time.time_ns()
    cache.set_many(dict.fromkeys(keys, version), timeout)


def renew(keys: str | Iterable[str], timeout: int | None = None) -> None:
    """Move the versions on now (later reads in this transaction) and again after the commit, so that a
    request which read the old rows while the transaction was open does not leave them cached as current."""
    keys = [keys] if isinstance(keys, str) else list(keys)
    new_version(keys, timeout)
    transaction.on_commit(lambda: new_version(keys, timeout))
