"""The matcher's catalogue, built once per catalogue version instead of on every check.

Building `matching.Catalogue` from the database takes about a second with 5,000 programmes; matching it takes
about 20 ms. So the built catalogue is kept in Django's cache (shared by all processes) and in process memory,
under a version token that every write to what the catalogue is made of replaces (`catalogue_changed`). Signals
call it, since programmes, instrument types, legal forms and rules are also edited in the admin and service
areas and municipalities belong to other apps; the import and the catalogue loader batch their rows into one
change. A request costs one cache GET for the token; the pickled catalogue (about 40 ms to unpickle with 5,000
programmes) is read from the cache only when this process has not seen the version yet.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.utils import translation

from common import cache_versions

from .matching.profile import Catalogue

VERSION_KEY = "financing:catalogue:version"
# Writes that bypass the ORM (raw SQL, COPY in seed_scale) send no signal: a version lives at most this long.
VERSION_TIMEOUT = 6 * 60 * 60
CATALOGUE_TIMEOUT = VERSION_TIMEOUT

# Models whose rows end up in the catalogue (programmes, instruments, legal forms, rules, area and town names).
SOURCE_MODELS = (
    "financing.Programme",
    "financing.InstrumentType",
    "financing.LegalForm",
    "financing.CombinationRule",
    "needs.ServiceArea",
    "quarters.Municipality",
)

_local = threading.local()
# {(version, language): Catalogue} of this process; only the current version is kept.
_process_copies: dict[tuple[int, str], Catalogue] = {}


def catalogue_version() -> int:
    """The current version token (one cache GET); a missing one (expired, cache flushed) starts a new version."""
    return cache_versions.current(VERSION_KEY, VERSION_TIMEOUT)


def _bump() -> None:
    cache_versions.new_version(VERSION_KEY, VERSION_TIMEOUT)


def catalogue_changed() -> None:
    """Call after writing to anything the catalogue is built from.

    Bumps now (this request sees its own change) and again after the commit: a check that ran in between
    may have cached the catalogue as it was before the commit under the first new version.
    """
    if getattr(_local, "batch_depth", 0):
        _local.batch_changed = True
        return
    _bump()
    transaction.on_commit(_bump)


@contextmanager
def batched_changes() -> Iterator[None]:
    """Many writes (an import), one version bump at the end instead of one per row."""
    depth = getattr(_local, "batch_depth", 0)
    if depth == 0:
        _local.batch_changed = False
    _local.batch_depth = depth + 1
    try:
        yield
    finally:
        _local.batch_depth = depth
        if depth == 0 and _local.batch_changed:
            catalogue_changed()


def cached_catalogue(build: Callable[[], Catalogue]) -> Catalogue:
    """The catalogue of the current version: from process memory, else the shared cache, else `build()`.

    Names of instrument types and service areas depend on the language, so each language has its own copy.
    """
    version = catalogue_version()
    key = (version, translation.get_language() or "")
    catalogue = _process_copies.get(key)
    if catalogue is not None:
        return catalogue
    cache_key = f"financing:catalogue:{key[0]}:{key[1]}"
    catalogue = cache.get(cache_key)
    if catalogue is None:
        catalogue = build()
        cache.set(cache_key, catalogue, CATALOGUE_TIMEOUT)
    for old in [old for old in list(_process_copies) if old[0] != version]:
        _process_copies.pop(old, None)
    _process_copies[key] = catalogue
    return catalogue


# --- signals: writes that do not go through the financing services --------------------------------


def _on_change(sender, **kwargs):
    catalogue_changed()


def _on_m2m_changed(sender, action, **kwargs):
    if action.startswith("post_"):
        catalogue_changed()


def connect_signals(app_config) -> None:
    """Connect the receivers (from FinancingConfig.ready)."""
    apps = app_config.apps
    for label in SOURCE_MODELS:
        model = apps.get_model(label)
        uid = f"financing_catalogue_{label}"
        post_save.connect(_on_change, sender=model, dispatch_uid=f"{uid}_save")
        post_delete.connect(_on_change, sender=model, dispatch_uid=f"{uid}_delete")
        if model._meta.app_label == "financing":  # the sets of legal forms and service areas
            for field in model._meta.local_many_to_many:
                through = field.remote_field.through
                m2m_changed.connect(_on_m2m_changed, sender=through, dispatch_uid=f"{uid}_{field.name}")
    # Data migrations write through historical models, which send no signals to these receivers.
    post_migrate.connect(_on_change, sender=app_config, dispatch_uid="financing_catalogue_migrate")
