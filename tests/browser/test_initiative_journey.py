"""An initiative of Marten, from the first draft to its concept report, in a real browser.

Its lead registers a "Multifunktionaler Raum" like the one in the seed document through the wizard (the
steps by keyboard), leaves the draft and comes back to it, submits it; after the municipality has published
it, edits the concept and the financing plan, invites a member (who accepts), and requests the concept
report, whose PDF is downloaded and read. axe checks every page on the way.
"""

import io
import re

import pytest
from django.core import mail
from pypdf import PdfReader

from financing.models import LegalForm
from initiatives import services
from initiatives.models import Initiative, Membership
from needs.models import Potential
from reports.models import ReportJob
from tests.browser.helpers import (
    check,
    either,
    press_and_wait,
    start_from_main,
    tab_to,
    tab_to_button,
    use_session_of,
    visit,
)
from tests.conftest import verified_user
from tests.factories import QuarterStatisticsFactory
from tests.needs.factories import NeedFactory, PotentialFactory, SupportFactory, area

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NAME = "Multifunktionaler Raum Marten-Mitte"
SAVE_AND_CONTINUE = either("Speichern und weiter", "Save and continue")


@pytest.fixture
def marten(catalogue, quarter, coordinator):
    """Marten with the need for a meeting place (well supported), the empty bank branch, a lead and a neighbour."""
    QuarterStatisticsFactory(quarter=quarter)
    meeting_place = NeedFactory(
        quarter=quarter, title="Ein Treffpunkt für alle Generationen", service_area=area("begegnung-kultur")
    )
    SupportFactory.create_batch(3, need=meeting_place)
    bank = PotentialFactory(quarter=quarter, kind=Potential.Kind.BUILDING, title="Alte Sparkasse am Marktplatz")
    lead = verified_user(email="lead@example.org", display_name="Lena Lead")
    neighbour = verified_user(email="neighbour@example.org", display_name="Nils Nachbar")
    for user in (lead, neighbour):
        user.preferred_language = "de"
        user.save(update_fields=["preferred_language"])
    return {
        "quarter": quarter,
        "need": meeting_place,
        "bank": bank,
        "lead": lead,
        "neighbour": neighbour,
        "coordinator": coordinator,
    }


def speak(users, variant):
    for user in users:
        user.preferred_language = variant["language"]
        user.save(update_fields=["preferred_language"])


def register(page, axe, marten):
    visit(page, axe, "/initiativen/registrieren/", "register an initiative")
    page.locator("#id_name").fill(NAME)
    page.locator("#id_quarters").select_option(str(marten["quarter"].pk))
    page.locator("#id_short_description").fill("Ein Raum für Begegnung, Mittagstisch und Beratung in Marten.")
    page.get_by_role("button", name=SAVE_AND_CONTINUE).click()
    page.wait_for_url("**/schritt/2/")
    check(page, axe, "wizard step 2")
    initiative = Initiative.objects.get(name=NAME)
    assert initiative.status == Initiative.Status.DRAFT
    assert initiative.memberships.get().role == Membership.Role.LEAD
    return initiative


def motive_step_by_keyboard(page, axe, initiative, marten):
    """The wizard's next step with the keyboard alone: motives, the need it answers, then Enter."""
    start_from_main(page)
    tab_to(page, lambda state: state["name"] == "motives" and state["id"].endswith("_0"))  # a supply gap
    page.keyboard.press("Space")
    tab_to(page, lambda state: state["name"] == "motives" and state["id"].endswith("_1"))  # a building
    page.keyboard.press("Space")
    tab_to(page, lambda state: state["name"] == "answered_needs")
    page.keyboard.press("Space")
    tab_to_button(page, SAVE_AND_CONTINUE)
    press_and_wait(page)
    assert page.url.endswith("/schritt/3/")
    initiative.refresh_from_db()
    assert initiative.motives == ["supply_gap", "building"]
    assert list(initiative.answered_needs.all()) == [marten["need"]]
    check(page, axe, "wizard step 3")


def leave_and_resume(page, axe, initiative):
    page.locator("#id_legal_form").select_option(str(LegalForm.objects.get(slug="ev").pk))
    page.locator("#id_stage").select_option("concept")
    page.get_by_role("button", name=either("später", "later")).click()
    page.wait_for_url(f"**/{initiative.slug}/intern/")
    check(page, axe, "members' area of the draft")
    initiative.refresh_from_db()
    assert initiative.wizard_step == 4 and initiative.legal_form.slug == "ev"

    # Another day: back through "my initiatives", where the draft waits at its step.
    visit(page, axe, "/initiativen/meine/", "my initiatives")
    page.get_by_role("link", name=re.compile(re.escape(NAME))).first.click()
    page.wait_for_load_state()
    visit(page, axe, f"/initiativen/{initiative.slug}/schritt/9/", "an unknown step")
    assert page.url.endswith("/schritt/1/")  # unknown steps lead to the first one
    page.goto(f"/initiativen/{initiative.slug}/schritt/5/")
    assert page.url.endswith("/schritt/4/")  # not beyond the step reached


def resources_and_submit(page, axe, initiative, marten):
    check(page, axe, "wizard step 4")
    page.locator("#id_space").fill("Die ehemalige Sparkassenfiliale, 180 m², barrierefrei erreichbar.")
    page.locator("#id_building").select_option(str(marten["bank"].pk))
    page.locator("#id_capital_need").fill("63000")
    page.locator("#id_own_funds").fill("4500")
    page.locator("#id_volunteer_hours_per_month").fill("120")
    page.get_by_role("button", name=SAVE_AND_CONTINUE).click()
    page.wait_for_url("**/schritt/5/")
    check(page, axe, "wizard step 5: review")
    assert page.get_by_text("Ein Treffpunkt für alle Generationen").first.is_visible()
    page.get_by_role("button", name=either("Zur Prüfung einreichen", "Submit for review")).click()
    page.wait_for_url(f"**/{initiative.slug}/intern/")
    check(page, axe, "members' area after submitting")
    initiative.refresh_from_db()
    assert initiative.status == Initiative.Status.SUBMITTED
    assert initiative.capital_need == 63000 and initiative.building_id == marten["bank"].pk


def edit_the_concept(page, axe, initiative):
    visit(page, axe, f"/initiativen/{initiative.slug}/konzept/", "the concept")
    page.locator(f"main a[href='/initiativen/{initiative.slug}/konzept/bearbeiten/']").first.click()
    page.wait_for_url("**/konzept/bearbeiten/")
    check(page, axe, "edit the concept")
    texts = page.locator("form[action$='/konzept/bearbeiten/']")
    texts.locator("textarea").first.fill("Ein multifunktionaler Raum: Treffpunkt, Mittagstisch, Sprechstunden.")
    texts.locator("button[type=submit]").click()
    page.wait_for_url("**/konzept/")
    check(page, axe, "the concept, version 1")
    assert initiative.concept.versions.count() == 1

    # A cost line of the plan and a milestone, on the edit page.
    page.goto(f"/initiativen/{initiative.slug}/konzept/bearbeiten/")
    line_form = page.locator("form[action$='/konzept/posten/']")
    line_form.locator("select[name=category]").select_option("annual_cost")
    line_form.locator("input[name=label]").fill("Miete der Filiale")
    line_form.locator("input[name=amount]").fill("14400")
    line_form.locator("button[type=submit]").click()
    page.wait_for_url("**/konzept/bearbeiten/")
    milestone_form = page.locator("form[action$='/konzept/meilensteine/']")
    milestone_form.locator("input[name=title]").fill("Mietvertrag unterschrieben")
    milestone_form.locator("input[name=due_on]").fill("2026-09-01")
    milestone_form.locator("button[type=submit]").click()
    page.wait_for_url("**/konzept/bearbeiten/")
    check(page, axe, "edit the concept with a line item and a milestone")
    concept = initiative.concept
    assert concept.line_items.get().label == "Miete der Filiale"
    assert concept.milestones.get().title == "Mietvertrag unterschrieben"
    visit(page, axe, f"/initiativen/{initiative.slug}/konzept/versionen/", "concept versions")


def edit_the_financing_plan(page, axe, initiative):
    from financing.models import InstrumentType
    from initiatives.models import FinancingLine

    visit(page, axe, f"/initiativen/{initiative.slug}/finanzierung/", "the financing plan")
    page.locator(f"main a[href='/initiativen/{initiative.slug}/finanzierung/quellen/neu/']").first.click()
    page.wait_for_url("**/finanzierung/quellen/neu/")
    check(page, axe, "add a source to the financing plan")
    page.locator("#id_source_name").fill("Spenden aus der Nachbarschaft")
    page.locator("#id_instrument").select_option(str(InstrumentType.objects.get(slug="spenden").pk))
    page.locator("#id_amount").fill("5.000")
    page.locator("#id_status").select_option("planned")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**/{initiative.slug}/finanzierung/")
    check(page, axe, "the financing plan with a source")
    line = FinancingLine.objects.get(initiative=initiative)
    assert line.source_name == "Spenden aus der Nachbarschaft" and line.amount == 5000

    # The donations came in higher than planned: the line is edited.
    page.locator(f"a[href='/initiativen/{initiative.slug}/finanzierung/quellen/{line.pk}/']").click()
    page.wait_for_url(f"**/finanzierung/quellen/{line.pk}/")
    check(page, axe, "edit a source of the financing plan")
    page.locator("#id_amount").fill("6.500")
    page.locator("#id_status").select_option("received")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**/{initiative.slug}/finanzierung/")
    line.refresh_from_db()
    assert (line.amount, line.status) == (6500, "received")
    check(page, axe, "the financing plan after the edit")


def invite_a_member(page, axe, initiative, neighbour, live_server, variant):
    visit(page, axe, f"/initiativen/{initiative.slug}/team/", "the team")
    page.locator("#id_email").fill(neighbour.email)
    page.locator("#id_role").select_option("core")
    page.locator("form:has(#id_email) button[type=submit]").click()
    page.wait_for_url(f"**/{initiative.slug}/team/")
    check(page, axe, "the team with an open invitation")
    message = next(m for m in mail.outbox if neighbour.email in m.to)
    link = re.search(r"https?://\S+/initiativen/einladung/\S+/", message.body)
    assert link, message.body
    token_path = re.sub(r"^https?://[^/]+", "", link.group(0))

    use_session_of(page, neighbour, live_server)
    visit(page, axe, token_path, "the invitation")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**/{initiative.slug}/intern/")
    check(page, axe, "members' area of the new member")
    assert initiative.memberships.get(user=neighbour).role == Membership.Role.CORE


def concept_report(page, axe, initiative, variant):
    visit(page, axe, f"/berichte/initiative/{initiative.slug}/", "concept report")
    page.locator("select[name=language]").select_option(variant["language"])
    page.get_by_role("button", name=either("Konzeptbericht erstellen", "Produce concept report")).click()
    page.wait_for_url("**/berichte/auftrag/*/")
    job = ReportJob.objects.get(kind=ReportJob.Kind.INITIATIVE_CONCEPT)
    assert job.status == ReportJob.Status.DONE, job.error  # the task ran eagerly, on commit
    page.reload()
    check(page, axe, "the finished concept report")
    with page.expect_download() as download_info:
        page.locator(f"a[href='/berichte/auftrag/{job.pk}/pdf/']").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    with open(download.path(), "rb") as file:
        reader = PdfReader(io.BytesIO(file.read()))
    text = " ".join(page_.extract_text() for page_ in reader.pages)
    assert NAME in re.sub(r"\s+", " ", text)
    assert "Miete der Filiale" in text
    assert "Spenden aus der Nachbarschaft" in text  # the financing plan is in the report


def test_initiative_journey(page, variant, axe, live_server, marten):
    lead = marten["lead"]
    speak([lead, marten["neighbour"]], variant)
    use_session_of(page, lead, live_server)

    initiative = register(page, axe, marten)
    motive_step_by_keyboard(page, axe, initiative, marten)
    leave_and_resume(page, axe, initiative)
    resources_and_submit(page, axe, initiative, marten)

    # The municipality publishes it (the coordinator's journey does this in the browser).
    services.initiative_publish(initiative=initiative, comment="", by=marten["coordinator"])
    initiative.refresh_from_db()
    visit(page, axe, initiative.get_absolute_url(), "the published initiative")
    assert initiative.status == Initiative.Status.PUBLISHED

    edit_the_concept(page, axe, initiative)
    edit_the_financing_plan(page, axe, initiative)
    invite_a_member(page, axe, initiative, marten["neighbour"], live_server, variant)
    use_session_of(page, lead, live_server)
    concept_report(page, axe, initiative, variant)
    assert ReportJob.objects.get().language == variant["language"]
