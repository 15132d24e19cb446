"""Shared fixtures: settings for tests, one user per role, and the helper that signs them in.

Every role the role matrix knows has a fixture here. Staff get a TOTP authenticator, since the
platform sends staff without one to the set-up page before anything else.
"""

import os

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP

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


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    settings.CELERY_TASK_ALWAYS_EAGER = True
    from django.utils.functional import empty

    from reports.storage import private_storage

    private_storage._wrapped = empty  # the storage picks up this test's PRIVATE_MEDIA_ROOT
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.LANGUAGE_CODE = "de"


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


@pytest.fixture
def municipality(db):
    return MunicipalityFactory(name="Dortmund", slug="dortmund")


@pytest.fixture
def other_municipality(db):
    return MunicipalityFactory(name="Gelsenkirchen", slug="gelsenkirchen")


@pytest.fixture
def quarter(municipality):
    return QuarterFactory(municipality=municipality, name="Marten", slug="dortmund-marten")


@pytest.fixture
def other_quarter(other_municipality):
    return QuarterFactory(municipality=other_municipality, name="Ückendorf", slug="gelsenkirchen-ueckendorf")


@pytest.fixture
def resident(db):
    return verified_user(email="resident@example.org", display_name="Rita Resident")


@pytest.fixture
def coordinator(municipality):
    user = with_totp(verified_user(email="coordinator@example.org", display_name="Cora Coordinator"))
    StaffRoleFactory(user=user, municipality=municipality, role="coordinator")
    return user


@pytest.fixture
def advisor(municipality):
    user = with_totp(verified_user(email="advisor@example.org", display_name="Adam Advisor"))
    StaffRoleFactory(user=user, municipality=municipality, role="advisor")
    return user


@pytest.fixture
def other_coordinator(other_municipality):
    user = with_totp(verified_user(email="other-coordinator@example.org", display_name="Olga Other"))
    StaffRoleFactory(user=user, municipality=other_municipality, role="coordinator")
    return user


@pytest.fixture
def other_advisor(other_municipality):
    user = with_totp(verified_user(email="other-advisor@example.org", display_name="Otto Other"))
    StaffRoleFactory(user=user, municipality=other_municipality, role="advisor")
    return user


@pytest.fixture
def admin_user(db):
    return with_totp(verified_user(email="admin@example.org", is_staff=True, is_superuser=True))


@pytest.fixture
def client_for(client):
    """client_for(user) returns the test client signed in as that user (None: signed out)."""

    def sign_in(user):
        client.logout()
        if user is not None:
            client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return sign_in
