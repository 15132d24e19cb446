"""Start-up counselling for an initiative, in a real browser: the advisor's side and the initiative's side.

The advisor opens a case for the Eving parents' initiative, logs a consultation with a confidential note,
reads the note (the read is recorded) and creates a task for the initiative's lead. The lead then sees the
summary and the task on the initiative's advice page, never the note. axe checks every page on the way.
"""

import datetime

import pytest
from django.utils import timezone

from advisory.models import Case, ConfidentialNoteRead, Consultation, Task
from tests.browser.helpers import check, use_session_of, visit
from tests.conftest import verified_user
from tests.initiatives.factories import InitiativeFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SUMMARY = "Finanzierungsmix für das Wohnprojekt besprochen: Genossenschaftsanteile, Stiftung, Förderbank."
NOTE = "VERTRAULICH: Vorstand uneins über die Rolle der Stiftung-4711."


@pytest.fixture
def eving(catalogue, municipality, coordinator, advisor):
    from tests.factories import QuarterFactory

    quarter = QuarterFactory(municipality=municipality, name="Eving", slug="dortmund-eving")
    lead = verified_user(email="eltern@example.org", display_name="Elke Eltern")
    initiative = InitiativeFactory(
        name="Elterninitiative Inklusives Wohnen Eving",
        slug="inklusives-wohnen-eving",
        quarter=quarter,
        lead=lead,
        motives=["supply_gap", "community"],
    )
    return {"quarter": quarter, "lead": lead, "initiative": initiative, "advisor": advisor}


def open_a_case(page, axe, eving):
    municipality = eving["quarter"].municipality.slug
    visit(page, axe, f"/beratung/kommune/{municipality}/", "advisor's dashboard")
    visit(page, axe, f"/beratung/kommune/{municipality}/faelle/", "cases")
    visit(page, axe, f"/beratung/kommune/{municipality}/faelle/neu/", "open a case")
    page.locator("#id_initiative").select_option(str(eving["initiative"].pk))
    page.locator("#id_quarter").select_option(str(eving["quarter"].pk))
    page.locator("#id_contact_name").fill("Elke Eltern")
    page.locator("#id_contact_email").fill("eltern@example.org")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/beratung/fall/*/")
    case = Case.objects.get(initiative=eving["initiative"])
    assert case.advisor == eving["advisor"]  # an advisor who opens a case takes it on
    check(page, axe, "the case")
    return case


def log_a_consultation(page, axe, case):
    visit(page, axe, f"/beratung/fall/{case.pk}/gespraech/neu/", "log a consultation")
    held_on = timezone.localdate() - datetime.timedelta(days=1)
    page.locator("#id_held_on").fill(held_on.isoformat())
    page.locator("#id_duration_minutes").fill("90")
    page.locator("#id_format").select_option("on_site")
    page.locator("input[name=topics][value=financing]").check()
    page.locator("#id_summary").fill(SUMMARY)
    page.locator("#id_next_steps").fill("Finanzplan mit drei Quellen aufstellen.")
    page.locator("#id_confidential_note").fill(NOTE)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/beratung/fall/*/#consultations")
    consultation = Consultation.objects.get(case=case)
    assert consultation.summary == SUMMARY and consultation.held_on == held_on
    check(page, axe, "the case with a consultation")
    assert NOTE not in page.content()  # the case page itself does not show the note
    return consultation


def read_the_notes(page, axe, case, advisor):
    reads = ConfidentialNoteRead.objects.filter(reader=advisor).count()
    visit(page, axe, f"/beratung/fall/{case.pk}/notizen/", "confidential notes")
    assert NOTE in page.content()
    assert ConfidentialNoteRead.objects.filter(reader=advisor).count() == reads + 1


def create_a_task(page, axe, case, lead):
    visit(page, axe, f"/beratung/fall/{case.pk}/aufgabe/neu/", "create a task")
    page.locator("#id_title").fill("Finanzplan mit drei Quellen schicken")
    page.locator("#id_owner").select_option(str(lead.pk))
    page.locator("#id_due_on").fill((timezone.localdate() + datetime.timedelta(days=14)).isoformat())
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/beratung/fall/*/#tasks")
    task = Task.objects.get(case=case)
    assert task.owner == lead
    check(page, axe, "the case with a task")
    return task


def the_lead_sees_summary_and_task_not_the_note(page, axe, eving, task):
    initiative = eving["initiative"]
    visit(page, axe, "/beratung/", "advice, as the initiative's lead")
    visit(page, axe, f"/beratung/initiative/{initiative.slug}/", "the initiative's advice")
    content = page.content()
    assert SUMMARY in content
    assert task.title in content
    assert NOTE not in content
    visit(page, axe, "/beratung/aufgaben/", "my tasks")
    assert task.title in page.content()
    assert NOTE not in page.content()
    # Done: the lead ticks the task off on the initiative's page.
    page.goto(f"/beratung/initiative/{initiative.slug}/")
    page.locator(f"form[action='/beratung/aufgabe/{task.pk}/erledigt/'] button[type=submit]").click()
    page.wait_for_load_state()
    task.refresh_from_db()
    assert task.done_at is not None
    check(page, axe, "the initiative's advice after the task is done")
    assert NOTE not in page.content()


def test_advisor_journey(page, variant, axe, live_server, eving):
    advisor, lead = eving["advisor"], eving["lead"]
    for user in (advisor, lead):
        user.preferred_language = variant["language"]
        user.save(update_fields=["preferred_language"])
    use_session_of(page, advisor, live_server)

    case = open_a_case(page, axe, eving)
    log_a_consultation(page, axe, case)
    read_the_notes(page, axe, case, advisor)
    task = create_a_task(page, axe, case, lead)

    use_session_of(page, lead, live_server)
    the_lead_sees_summary_and_task_not_the_note(page, axe, eving, task)
    # The lead cannot open the notes, nor the case itself.
    for path in (f"/beratung/fall/{case.pk}/notizen/", f"/beratung/fall/{case.pk}/"):
        response = page.goto(path)
        assert response.status == 403, path
        assert NOTE not in page.content()
        check(page, axe, f"refused: {path}")
