"""Browser journeys: Playwright drives Debian's Chromium (headless) against a live server.

Without Chromium the journeys skip and say so; in CI (KUDEQUA_REQUIRE_SERVICES=1) they fail instead.
"""

import os

import pytest

from tests.conftest import require_service

CHROMIUM = os.environ.get("KUDEQUA_CHROMIUM", "/usr/bin/chromium")
# The flags this sandbox needs: no sandbox as root, no background traffic to the outside.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="module")
def browser(django_db_setup):
    """One Chromium per test module.

    While it runs, Playwright's event loop counts as running in this thread, and Django refuses ORM calls
    unless DJANGO_ALLOW_ASYNC_UNSAFE is set. So the variable is set for exactly the browser's lifetime: the
    test database is set up before the browser starts (and torn down after it), each test's flush runs while
    the browser is still open, and tests of other modules that run later in the same worker see neither the
    loop nor the variable (nor do their subprocesses).
    """
    require_service(
        "Chromium",
        os.path.exists(CHROMIUM),
        f"{CHROMIUM} not found; install the Debian packages chromium, chromium-driver",
    )
    from playwright.sync_api import sync_playwright

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        # Playwright gives every launch a fresh, empty profile of its own.
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            yield browser
            browser.close()


@pytest.fixture(params=[("de", 1280), ("en", 390)], ids=["de-desktop", "en-390px"])
def variant(request):
    """Each journey runs in German on a desktop and in English on a 390 px wide phone."""
    language, width = request.param
    return {"language": language, "width": width}


@pytest.fixture
def page(browser, live_server, variant):
    context = browser.new_context(
        viewport={"width": variant["width"], "height": 900},
        locale="de-DE" if variant["language"] == "de" else "en-GB",
        extra_http_headers={"Accept-Language": variant["language"]},
        base_url=live_server.url,
    )
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


class AxeChecker:
    """Runs axe-core on the current page; collects violations of the WCAG 2.0/2.1 A and AA rules."""

    def __init__(self):
        from axe_playwright_python.sync_playwright import Axe

        self.axe = Axe()
        self.checked = []

    def check(self, page, label=""):
        results = self.axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
        violations = results.response.get("violations", [])
        self.checked.append(page.url)
        if violations:
            lines = [f"axe found {len(violations)} violation(s) on {label or page.url}:"]
            for violation in violations:
                targets = ", ".join(str(node.get("target")) for node in violation.get("nodes", [])[:5])
                lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']} -> {targets}")
            pytest.fail("\n".join(lines))


@pytest.fixture
def axe():
    return AxeChecker()


def load_migration_data():
    """The data migrations' content: service areas and the financing catalogue (both loaders are idempotent)."""
    import importlib

    from django.apps import apps

    from financing.catalogue import Models, load_catalogue

    importlib.import_module("needs.migrations.0002_seed_service_areas").seed(apps, None)
    load_catalogue(Models.from_apps(apps))


@pytest.fixture
def catalogue(transactional_db):
    """Transactional tests empty every table after each test: the journeys put the catalogue back first."""
    load_migration_data()


def restore_migration_data():
    """The database as the migrations left it: empty every table and restart the id sequences (a transactional
    test's flush keeps them running), then load the migrations' data again, so it gets the same ids."""
    from django.core.management import call_command

    call_command("flush", interactive=False, verbosity=0, reset_sequences=True)
    load_migration_data()


@pytest.fixture(scope="module", autouse=True)
def _restore_migration_data(django_db_setup, django_db_blocker):
    """After the module's last flush, the migrations' data comes back for the tests that run next in this worker
    (with xdist's --dist loadfile they may be ordinary tests of another file that rely on it, even on its ids)."""
    yield
    with django_db_blocker.unblock():
        restore_migration_data()
