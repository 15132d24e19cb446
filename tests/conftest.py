"""Shared fixtures: settings for tests, one user per role, and the helper that signs them in.

Every role the role matrix knows has a fixture here. Staff get a TOTP authenticator, since the
platform sends staff without one to the set-up page before anything else.
"""

import os
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP

from tests.clients import BrowserLikeClient
from tests.factories import MunicipalityFactory, QuarterFactory, StaffRoleFactory, UserFactory

TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def services_required() -> bool:
    """In CI a missing service fails the test instead of skipping it."""
    return os.environ.get("KUDEQUA_REQUIRE_SERVICES") == "1"


def require_service(name: str, available: bool, reason: str = ""):
    if available:
        return
    message = f"{name} is not available{': ' + reason if reason else ''}"
    if services_required():
        pytest.fail(message + " (KUDEQUA_REQUIRE_SERVICES=1)")
    pytest.skip(message)


def settings_for_tests(media_dir: Path) -> dict:
    """The settings every test runs with; uploads and private files go below `media_dir`."""
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "MEDIA_ROOT": str(media_dir / "media"),
        "PRIVATE_MEDIA_ROOT": str(media_dir / "private"),
        "CELERY_TASK_ALWAYS_EAGER": True,
        "PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"],
        "LANGUAGE_CODE": "de",
    }


def _reset_private_storage():
    from django.utils.functional import empty

    from reports.storage import private_storage

    private_storage._wrapped = empty  # the storage picks up the current PRIVATE_MEDIA_ROOT


@pytest.fixture(autouse=True)
def _test_settings(request, settings, tmp_path):
    # The role matrix's tests share their module's world, whose files (rendered reports) live in its folder.
    media_dir = tmp_path
    if "matrix_world" in request.fixturenames:
        media_dir = request.getfixturevalue("matrix_world").media_dir
    for name, value in settings_for_tests(media_dir).items():
        setattr(settings, name, value)
    _reset_private_storage()


@pytest.fixture(autouse=True)
def _eager_celery():
    """Tasks run in-process unless a test starts a real worker (see tests/reports/workers.py)."""
    from kudequa.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


def restore_reference_data():
    """Put back what the data migrations seed: service areas and the financing catalogue."""
    import importlib

    from django.apps import apps

    from financing.catalogue import Models, load_catalogue

    importlib.import_module("needs.migrations.0002_seed_service_areas").seed(apps, None)
    load_catalogue(Models.from_apps(apps))


def _is_transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    if marker is not None and marker.kwargs.get("transaction"):
        return True
    return bool({"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ())))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A transactional test (live server, real workers) empties every table when it ends, the rows of the
    data migrations too. Put the service areas and the financing catalogue back for the tests after it."""
    yield
    if nextitem is None or not _is_transactional(item):
        return  # after the last test the test database is gone
    from pytest_django.plugin import blocking_manager_key

    with item.config.stash[blocking_manager_key].unblock():
        from needs.models import ServiceArea

        if not ServiceArea.objects.exists():
            restore_reference_data()


@pytest.fixture(autouse=True)
def _clear_cache():
    """allauth's rate limits live in the cache: each test starts with a clean one."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def verified_user(**kwargs):
    user = UserFactory(**kwargs)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def with_totp(user):
    TOTP.activate(user, TOTP_SECRET)
    return user


def make_municipality():
    return MunicipalityFactory(name="Dortmund", slug="dortmund")


def make_other_municipality():
    return MunicipalityFactory(name="Gelsenkirchen", slug="gelsenkirchen")


def make_quarter(municipality):
    return QuarterFactory(municipality=municipality, name="Marten", slug="dortmund-marten")


def make_other_quarter(other_municipality):
    return QuarterFactory(municipality=other_municipality, name="Ückendorf", slug="gelsenkirchen-ueckendorf")


def make_resident():
    return verified_user(email="resident@example.org", display_name="Rita Resident")


def make_staff(municipality, role, email, display_name):
    user = with_totp(verified_user(email=email, display_name=display_name))
    StaffRoleFactory(user=user, municipality=municipality, role=role)
    return user


def make_coordinator(municipality):
    return make_staff(municipality, "coordinator", "coordinator@example.org", "Cora Coordinator")


def make_advisor(municipality):
    return make_staff(municipality, "advisor", "advisor@example.org", "Adam Advisor")


def make_other_coordinator(other_municipality):
    return make_staff(other_municipality, "coordinator", "other-coordinator@example.org", "Olga Other")


def make_other_advisor(other_municipality):
    return make_staff(other_municipality, "advisor", "other-advisor@example.org", "Otto Other")


def make_admin_user():
    return with_totp(verified_user(email="admin@example.org", is_staff=True, is_superuser=True))


@pytest.fixture
def municipality(db):
    return make_municipality()


@pytest.fixture
def other_municipality(db):
    return make_other_municipality()


@pytest.fixture
def quarter(municipality):
    return make_quarter(municipality)


@pytest.fixture
def other_quarter(other_municipality):
    return make_other_quarter(other_municipality)


@pytest.fixture
def resident(db):
    return make_resident()


@pytest.fixture
def coordinator(municipality):
    return make_coordinator(municipality)


@pytest.fixture
def advisor(municipality):
    return make_advisor(municipality)


@pytest.fixture
def other_coordinator(other_municipality):
    return make_other_coordinator(other_municipality)


@pytest.fixture
def other_advisor(other_municipality):
    return make_other_advisor(other_municipality)


@pytest.fixture
def admin_user(db):
    return make_admin_user()


@pytest.fixture(scope="module")
def matrix_world(django_db_setup, django_db_blocker, tmp_path_factory):
    """The role matrix's world (tests/role_matrix.py), built once for a test module.

    It lives in a transaction that is rolled back when the module ends; each test runs in a savepoint inside it
    (pytest-django's `db`), and tests/role_matrix.py's `check_case` rolls back each role's request too.
    """
    from django.core.cache import cache
    from django.db import transaction
    from django.test.utils import override_settings

    from kudequa.celery import app
    from tests.role_matrix import build_world

    media_dir = tmp_path_factory.mktemp("matrix-world")
    previous_eager = app.conf.task_always_eager
    app.conf.task_always_eager = True
    with django_db_blocker.unblock(), override_settings(**settings_for_tests(media_dir)):
        _reset_private_storage()
        cache.clear()
        try:
            with transaction.atomic():
                municipality, other_municipality = make_municipality(), make_other_municipality()
                world = build_world(
                    municipality=municipality,
                    other_municipality=other_municipality,
                    quarter=make_quarter(municipality),
                    other_quarter=make_other_quarter(other_municipality),
                    resident=make_resident(),
                    advisor=make_advisor(municipality),
                    coordinator=make_coordinator(municipality),
                    other_advisor=make_other_advisor(other_municipality),
                    other_coordinator=make_other_coordinator(other_municipality),
                    admin=make_admin_user(),
                )
                world.media_dir = media_dir
                yield world
                transaction.set_rollback(True)
        finally:
            cache.clear()
            app.conf.task_always_eager = previous_eager
    _reset_private_storage()


@pytest.fixture
def client():
    """The test client of every view test: CSRF enforced, and a post takes its token from the form on the page
    (tests/clients.py), so a form without a token fails its test as it fails in a browser."""
    return BrowserLikeClient()


@pytest.fixture
def client_for(client):
    """client_for(user) returns the test client signed in as that user (None: signed out)."""

    def sign_in(user):
        client.logout()
        if user is not None:
            client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return sign_in
