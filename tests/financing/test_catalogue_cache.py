"""The matcher's catalogue is built once per version and rebuilt after every write it is made of."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from financing import catalogue_cache, queries, services
from financing.models import CombinationRule, Programme
from financing.services import ImportedRow
from needs.models import ServiceArea

from .factories import ProgrammeFactory, instrument, legal_form

pytestmark = pytest.mark.django_db

# Legal forms, instruments, their legal forms, rules, service-area names, programmes, their legal forms,
# service areas and defining conditions (queries.catalogue_for_matching).
BUILD_QUERIES = 9


def catalogue_and_queries():
    with CaptureQueriesContext(connection) as captured:
        catalogue = queries.matching_catalogue()
    return catalogue, len(captured)


def programme_slugs(catalogue):
    return {programme.slug for programme in catalogue.programmes}


def test_built_once_then_served_without_queries():
    first, built = catalogue_and_queries()
    second, cached = catalogue_and_queries()
    assert built == BUILD_QUERIES
    assert cached == 0
    assert second is first  # the process's own copy
    assert programme_slugs(first) == set(Programme.objects.values_list("slug", flat=True))


def test_another_process_reads_the_shared_copy_instead_of_the_database():
    first, _built = catalogue_and_queries()
    catalogue_cache._process_copies.clear()  # as in a second worker process
    second, count = catalogue_and_queries()
    assert count == 0
    assert second is not first
    assert programme_slugs(second) == programme_slugs(first)


def test_a_lost_version_starts_a_new_one():
    catalogue_and_queries()
    cache.delete(catalogue_cache.VERSION_KEY)  # evicted, or Redis flushed
    _catalogue, count = catalogue_and_queries()
    assert count == BUILD_QUERIES


def test_each_language_has_its_own_copy():
    zuschuss = instrument("zuschuss")
    zuschuss.name_de, zuschuss.name_en = "Zuschuss (de)", "Grant (en)"
    zuschuss.save()
    with translation.override("de"):
        german, _count = catalogue_and_queries()
    with translation.override("en"):
        english, _count = catalogue_and_queries()
    assert {item.name for item in german.instruments if item.slug == "zuschuss"} == {"Zuschuss (de)"}
    assert {item.name for item in english.instruments if item.slug == "zuschuss"} == {"Grant (en)"}


def test_programme_services_change_the_catalogue(admin_user):
    catalogue_and_queries()
    programme = services.programme_create(
        fields={
            "name": "Neues Programm",
            "level": "federal",
            "instrument_type": instrument(),
            "sources": "[1] https://example.org",
        },
        municipality=None,
        by=admin_user,
    )
    catalogue, count = catalogue_and_queries()
    assert count == BUILD_QUERIES
    assert programme.slug in programme_slugs(catalogue)

    services.programme_update(programme=programme, fields={"eligible_legal_forms": [legal_form("eg")]}, by=admin_user)
    catalogue, _count = catalogue_and_queries()
    assert next(p for p in catalogue.programmes if p.slug == programme.slug).legal_forms == {"eg"}

    services.programme_delete(programme=programme, by=admin_user)
    catalogue, _count = catalogue_and_queries()
    assert programme.slug not in programme_slugs(catalogue)


def test_an_import_changes_the_catalogue_once(admin_user, monkeypatch):
    catalogue_and_queries()
    rows = [
        ImportedRow(
            line=number,
            slug=f"import-{number}",
            fields={
                "name": f"Import {number}",
                "level": "federal",
                "instrument_type": instrument(),
                "sources": "[1] https://example.org",
            },
        )
        for number in range(3)
    ]
    bumps = []
    original = catalogue_cache._bump
    monkeypatch.setattr(catalogue_cache, "_bump", lambda: (bumps.append(1), original()))
    services.programmes_import(rows=rows, municipality=None, by=admin_user)
    # One change for the whole import: now, and (outside the test's transaction) again after the commit.
    assert len(bumps) == 1
    catalogue, _count = catalogue_and_queries()
    assert {"import-0", "import-1", "import-2"} <= programme_slugs(catalogue)


def test_writes_outside_the_services_change_the_catalogue():
    """The admin and other apps write without the financing services: signals catch them."""
    programme = ProgrammeFactory(slug="ohne-service")
    catalogue, _count = catalogue_and_queries()
    assert "ohne-service" in programme_slugs(catalogue)

    programme.service_areas.set(ServiceArea.objects.filter(slug="wohnen"))
    catalogue, count = catalogue_and_queries()
    assert count == BUILD_QUERIES
    assert next(p for p in catalogue.programmes if p.slug == "ohne-service").service_areas == {"wohnen"}

    area = ServiceArea.objects.get(slug="wohnen")
    area.name_en = "Living (renamed)"
    area.save()
    catalogue, _count = catalogue_and_queries()
    assert catalogue.service_area_names["wohnen"] == "Living (renamed)"

    zuschuss = instrument("zuschuss")
    zuschuss.legal_forms.remove(legal_form("ev"))
    catalogue, _count = catalogue_and_queries()
    assert "ev" not in next(item for item in catalogue.instruments if item.slug == "zuschuss").legal_forms

    CombinationRule.objects.create(
        kind="excludes", programme=programme, other_instrument_type=zuschuss, explanation="Test"
    )
    catalogue, _count = catalogue_and_queries()
    assert any(rule.explanation == "Test" for rule in catalogue.rules)


def test_an_admin_delete_changes_the_catalogue(client_for, admin_user):
    programme = ProgrammeFactory(slug="im-admin-geloescht")
    catalogue, _count = catalogue_and_queries()
    assert "im-admin-geloescht" in programme_slugs(catalogue)
    response = client_for(admin_user).post(
        reverse("admin:financing_programme_delete", args=[programme.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    catalogue, _count = catalogue_and_queries()
    assert "im-admin-geloescht" not in programme_slugs(catalogue)


def test_the_version_changes_again_after_the_commit(django_capture_on_commit_callbacks):
    """A check between the write and the commit may cache the old rows under the first new version."""
    before = catalogue_cache.catalogue_version()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        ProgrammeFactory(slug="nach-dem-commit")
        during = catalogue_cache.catalogue_version()
    assert before != during
    assert callbacks
    assert catalogue_cache.catalogue_version() != during


def test_the_check_page_uses_the_cached_catalogue(client):
    params = {"legal_form": "ev", "capital_need": "60000"}
    with CaptureQueriesContext(connection) as first:
        client.get(reverse("financing:check"), params)
    with CaptureQueriesContext(connection) as second:
        response = client.get(reverse("financing:check"), params)
    assert len(second) == len(first) - BUILD_QUERIES
    assert not any("financing_programme" in query["sql"] for query in second.captured_queries)
    assert response.context["result"].programme_count == Programme.objects.count()
    ProgrammeFactory(slug="ganz-neu")
    response = client.get(reverse("financing:check"), params)
    assert response.context["result"].programme_count == Programme.objects.count()
