"""The quarter coordination of Dortmund, in a real browser.

The coordinator signs in with password and TOTP code (keyboard only), moderates a submitted need, publishes
a submitted initiative, builds and publishes a survey, reads the gap ranking of Marten, takes over an
initiative nobody carries any more, and downloads the quarter report. axe checks every page on the way.
"""

import datetime
import io
import re

import pytest
from django.utils import timezone
from pypdf import PdfReader

from initiatives.models import Initiative, MunicipalTakeover
from needs.models import Need, Survey
from reports.models import ReportJob
from tests.browser.helpers import (
    check,
    either,
    press_and_wait,
    start_from_main,
    tab_to_button,
    tab_to_field,
    totp_code,
    visit,
)
from tests.conftest import TOTP_SECRET, verified_user
from tests.factories import QuarterStatisticsFactory
from tests.initiatives.factories import InitiativeFactory
from tests.needs.factories import NeedFactory, OfferFactory, SupportFactory, area

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery"  # tests/factories.py UserFactory


@pytest.fixture
def dortmund(catalogue, quarter, coordinator, advisor, resident):
    QuarterStatisticsFactory(quarter=quarter)
    submitted = NeedFactory(
        quarter=quarter,
        author=resident,
        title="Bücherschrank am Marktplatz",
        status=Need.Status.SUBMITTED,
        published_at=None,
    )
    for title in ("Ein Treffpunkt für alle Generationen", "Ein Raum für die Krabbelgruppe"):
        need = NeedFactory(quarter=quarter, title=title, service_area=area("begegnung-kultur"))
        SupportFactory.create_batch(2, need=need)
    NeedFactory(quarter=quarter, title="Mittagstisch für Ältere", service_area=area("gesundheit-pflege"))
    OfferFactory(quarter=quarter, name="Hausarztpraxis", service_area=area("gesundheit-pflege"))
    lead = verified_user(email="lead@example.org", display_name="Lena Lead")
    waiting = InitiativeFactory(
        name="Repair-Café Marten",
        slug="repair-cafe-marten",
        quarter=quarter,
        lead=lead,
        status=Initiative.Status.SUBMITTED,
        published_at=None,
    )
    orphaned = InitiativeFactory(name="Multifunktionaler Raum Marten", slug="multifunktionaler-raum", quarter=quarter)
    return {
        "quarter": quarter,
        "coordinator": coordinator,
        "advisor": advisor,
        "submitted": submitted,
        "waiting": waiting,
        "orphaned": orphaned,
    }


def sign_in_with_totp_by_keyboard(page, axe, user):
    """The real two-step login: e-mail and password, then the authenticator's code; keyboard only."""
    visit(page, axe, "/accounts/login/", "sign in")
    start_from_main(page)
    tab_to_field(page, "id_login")
    page.keyboard.type(user.email)
    tab_to_field(page, "id_password")
    page.keyboard.type(PASSWORD)
    press_and_wait(page)  # Enter in the password field sends the form
    assert "/accounts/2fa/authenticate/" in page.url
    check(page, axe, "second factor")
    start_from_main(page)
    tab_to_field(page, "id_code")
    page.keyboard.type(totp_code(TOTP_SECRET))
    tab_to_button(page, either("Anmeldung", "Anmelden", "Sign In"))
    press_and_wait(page)
    assert "/accounts/" not in page.url, page.url
    check(page, axe, "home, signed in")


def moderate(page, axe, dortmund):
    municipality = dortmund["quarter"].municipality.slug
    visit(page, axe, f"/bedarfe/kommune/{municipality}/moderation/", "moderation queue")
    page.locator(f"main a[href='/bedarfe/{dortmund['submitted'].pk}/moderieren/']").first.click()
    page.wait_for_url("**/moderieren/")
    check(page, axe, "moderate a need")
    page.locator("input[name=action][value=publish]").check()
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**/kommune/{municipality}/moderation/")
    dortmund["submitted"].refresh_from_db()
    assert dortmund["submitted"].status == Need.Status.PUBLISHED
    check(page, axe, "moderation queue after the decision")


def publish_the_initiative(page, axe, dortmund):
    initiative = dortmund["waiting"]
    municipality = dortmund["quarter"].municipality.slug
    visit(page, axe, f"/initiativen/kommune/{municipality}/", "initiatives of the municipality")
    visit(page, axe, f"/initiativen/{initiative.slug}/pruefen/", "review an initiative")
    page.locator("input[name=decision][value=publish]").check()
    page.locator("#id_comment").fill("Willkommen auf der Plattform!")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**/initiativen/kommune/{municipality}/")
    initiative.refresh_from_db()
    assert initiative.status == Initiative.Status.PUBLISHED
    check(page, axe, "initiatives of the municipality after publishing")


def build_and_publish_a_survey(page, axe, dortmund):
    municipality = dortmund["quarter"].municipality.slug
    visit(page, axe, f"/bedarfe/kommune/{municipality}/umfragen/", "surveys of the municipality")
    visit(page, axe, f"/bedarfe/kommune/{municipality}/umfragen/neu/", "new survey")
    page.locator("#id_title_de").fill("Was fehlt in Marten?")
    page.locator("#id_title_en").fill("What does Marten lack?")
    page.locator("input[name=quarters]").first.check()
    now = timezone.localtime()
    page.locator("#id_opens_at").fill(now.strftime("%Y-%m-%dT%H:%M"))
    page.locator("#id_closes_at").fill((now + datetime.timedelta(days=21)).strftime("%Y-%m-%dT%H:%M"))
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_url("**/bearbeiten/")
    survey = Survey.objects.get()
    check(page, axe, "survey editor")
    page.locator("#id_kind").select_option("grid")
    page.locator("#id_text_de").fill("Wie wichtig, wie zufrieden?")
    page.locator("form[action$='/frage/'] button[type=submit]").click()
    page.wait_for_url("**/bearbeiten/#questions")
    assert survey.questions.count() == 1
    check(page, axe, "survey editor with a question")
    visit(page, axe, f"/bedarfe/umfragen/{survey.pk}/vorschau/", "survey preview")
    visit(page, axe, f"/bedarfe/umfragen/{survey.pk}/veroeffentlichen/", "publish the survey")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    survey.refresh_from_db()
    assert survey.status == Survey.Status.PUBLISHED
    check(page, axe, "the published survey")


def read_the_gap_ranking(page, axe, dortmund):
    visit(page, axe, f"/bedarfe/quartier/{dortmund['quarter'].slug}/cockpit/", "the quarter's cockpit")
    table = page.locator("#gaps-heading ~ * table, section[aria-labelledby=gaps-heading] table").first
    assert table.is_visible()
    rows = table.locator("tbody tr")
    assert rows.count() >= 2
    # The meeting place is the most wanted: two needs with supports and no offer.
    assert re.search("Begegnung|Meeting", rows.first.inner_text())


def take_over(page, axe, dortmund):
    initiative = dortmund["orphaned"]
    visit(page, axe, initiative.get_absolute_url(), "an initiative nobody carries")
    page.locator(f"a[href='/initiativen/{initiative.slug}/uebernahme/']").click()
    page.wait_for_url("**/uebernahme/")
    check(page, axe, "take over")
    page.locator("#id_quarter_coordinator").select_option(str(dortmund["advisor"].pk))
    page.locator("#id_reason").fill("Kein Träger gefunden; die Stadt setzt eine Quartierskoordination ein.")
    review_on = timezone.localdate() + datetime.timedelta(days=180)
    page.locator("#id_review_on").fill(review_on.isoformat())
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/uebernahmen/")
    check(page, axe, "municipal takeovers")
    takeover = MunicipalTakeover.objects.get(initiative=initiative)
    assert takeover.quarter_coordinator == dortmund["advisor"] and takeover.review_on == review_on


def quarter_report(page, axe, dortmund, variant):
    quarter = dortmund["quarter"]
    visit(page, axe, f"/berichte/quartier/{quarter.slug}/", "quarter reports")
    page.locator("select[name=language]").select_option(variant["language"])
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url("**/berichte/auftrag/*/")
    job = ReportJob.objects.get(kind=ReportJob.Kind.QUARTER)
    assert job.status == ReportJob.Status.DONE, job.error
    page.reload()
    check(page, axe, "the finished quarter report")
    with page.expect_download() as download_info:
        page.locator(f"a[href='/berichte/auftrag/{job.pk}/pdf/']").click()
    with open(download_info.value.path(), "rb") as file:
        reader = PdfReader(io.BytesIO(file.read()))
    text = re.sub(r"\s+", " ", " ".join(page_.extract_text() for page_ in reader.pages))
    assert quarter.name in text
    assert "Bücherschrank am Marktplatz" in text or "Begegnung" in text or "Meeting" in text


def test_coordinator_journey(page, variant, axe, dortmund):
    coordinator = dortmund["coordinator"]
    coordinator.preferred_language = variant["language"]
    coordinator.save(update_fields=["preferred_language"])

    sign_in_with_totp_by_keyboard(page, axe, coordinator)
    visit(page, axe, f"/quartiere/kommune/{dortmund['quarter'].municipality.slug}/", "staff area")
    moderate(page, axe, dortmund)
    publish_the_initiative(page, axe, dortmund)
    build_and_publish_a_survey(page, axe, dortmund)
    read_the_gap_ranking(page, axe, dortmund)
    take_over(page, axe, dortmund)
    quarter_report(page, axe, dortmund, variant)
