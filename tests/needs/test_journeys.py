"""The needs assessment in a real browser: a resident and a coordinator, with axe checking every page.

Uses the browser fixtures of tests/browser/ (Chromium through Playwright); skipped without Chromium.
"""

import os
import re

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from needs.models import Need, Response, Survey
from tests.browser.conftest import axe, browser, page, variant  # noqa: F401 - fixtures
from tests.factories import QuarterStatisticsFactory

from .factories import NeedFactory, OfferFactory, PotentialFactory, area

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SCREENSHOTS = os.environ.get("KUDEQUA_SCREENSHOTS")  # a folder: keep screenshots of the pages to look at


def sign_in(page, user, live_server):  # noqa: F811
    """Put a session of `user` into the browser (the sign-in itself has its own journey)."""
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def visit(page, axe, path, label):  # noqa: F811
    page.goto(path)
    axe.check(page, label)
    if SCREENSHOTS:
        name = re.sub(r"[^a-z0-9]+", "-", label.lower())
        page.screenshot(path=os.path.join(SCREENSHOTS, f"{name}-{page.viewport_size['width']}.png"), full_page=True)


def test_a_resident_submits_supports_and_answers(page, axe, variant, live_server, quarter, resident, survey):  # noqa: F811
    QuarterStatisticsFactory(quarter=quarter)
    neighbour_need = NeedFactory(
        quarter=quarter, title="Mittagstisch für Ältere", service_area=area("gesundheit-pflege")
    )
    OfferFactory(quarter=quarter, name="Hausarztpraxis", service_area=area("gesundheit-pflege"))
    PotentialFactory(quarter=quarter, title="Alte Sparkasse")
    resident.preferred_language = variant["language"]
    resident.save()
    sign_in(page, resident, live_server)

    visit(page, axe, quarter.get_absolute_url(), "quarter page")
    visit(page, axe, "/bedarfe/neu/?quarter=" + quarter.slug, "submit a need")
    page.locator("#id_title").fill("Kein Treffpunkt im Quartier")
    page.locator("#id_description").fill("Seit das Bürgerhaus zu ist, fehlt ein Raum.")
    page.locator("#id_service_area").select_option(str(area("begegnung-kultur").pk))
    page.locator("input[name=affected_groups][value=seniors]").check()
    page.locator("form button[type=submit]").last.click()
    page.wait_for_load_state()
    assert Need.objects.filter(title="Kein Treffpunkt im Quartier", status=Need.Status.SUBMITTED).exists()
    axe.check(page, "the submitted need")

    # Support without a page reload: the marker set on the window survives the htmx swap.
    visit(page, axe, neighbour_need.get_absolute_url(), "a need")
    page.evaluate("window.__noReload = true")
    page.locator(f"#support-{neighbour_need.pk} button").click()
    page.locator(f"#support-{neighbour_need.pk} button[aria-pressed=true]").wait_for()
    page.mouse.move(0, 0)  # no hover colours in transition while axe measures the contrast
    page.wait_for_timeout(300)
    assert page.evaluate("window.__noReload") is True
    assert neighbour_need.supports.filter(user=resident).exists()
    axe.check(page, "a need after supporting")

    visit(page, axe, survey.get_absolute_url(), "a survey")
    page.locator("input[type=radio]").first.check()
    page.locator("textarea").first.fill("Ein Treffpunkt")
    page.locator("form button[type=submit]").last.click()
    page.wait_for_load_state()
    assert Response.objects.filter(survey=survey, user=resident).exists()
    axe.check(page, "survey answered")


def test_a_coordinator_moderates_builds_a_survey_and_reads_the_gaps(
    page,  # noqa: F811
    axe,  # noqa: F811
    live_server,
    quarter,
    coordinator,
    resident,
):
    QuarterStatisticsFactory(quarter=quarter)
    submitted = NeedFactory(quarter=quarter, author=resident, status=Need.Status.SUBMITTED, published_at=None)
    NeedFactory.create_batch(2, quarter=quarter, service_area=area("begegnung-kultur"))
    sign_in(page, coordinator, live_server)
    municipality = quarter.municipality.slug

    visit(page, axe, f"/bedarfe/kommune/{municipality}/moderation/", "moderation queue")
    visit(page, axe, f"/bedarfe/{submitted.pk}/moderieren/", "moderate a need")
    page.locator("input[name=action][value=publish]").check()
    page.locator("form button[type=submit]").last.click()
    page.wait_for_load_state()
    submitted.refresh_from_db()
    assert submitted.status == Need.Status.PUBLISHED

    visit(page, axe, f"/bedarfe/kommune/{municipality}/umfragen/neu/", "new survey")
    page.locator("#id_title_de").fill("Bedarfserhebung")
    page.locator("#id_title_en").fill("Needs survey")
    page.locator("input[name=quarters]").first.check()
    now = timezone.localtime()
    page.locator("#id_opens_at").fill(now.strftime("%Y-%m-%dT%H:%M"))
    page.locator("#id_closes_at").fill((now + timezone.timedelta(days=14)).strftime("%Y-%m-%dT%H:%M"))
    page.locator("form button[type=submit]").last.click()
    page.wait_for_load_state()
    survey = Survey.objects.get()
    axe.check(page, "survey editor")
    page.locator("#id_kind").select_option("grid")
    page.locator("#id_text_de").fill("Wie wichtig, wie zufrieden?")
    page.locator("form[action$='/frage/'] button[type=submit]").click()
    page.wait_for_load_state()
    assert survey.questions.count() == 1
    visit(page, axe, f"/bedarfe/umfragen/{survey.pk}/vorschau/", "survey preview")
    visit(page, axe, f"/bedarfe/umfragen/{survey.pk}/veroeffentlichen/", "publish survey")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    survey.refresh_from_db()
    assert survey.status == Survey.Status.PUBLISHED
    visit(page, axe, f"/bedarfe/umfragen/{survey.pk}/papier/", "paper answers")
    visit(page, axe, f"/bedarfe/umfragen/{survey.pk}/ergebnisse/", "survey results")
    visit(page, axe, f"/bedarfe/quartier/{quarter.slug}/cockpit/", "dashboard")
    assert page.locator("table").first.is_visible()
