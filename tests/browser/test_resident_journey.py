"""A resident of Marten, from the sign-up to the deletion of her account, in a real browser.

She signs up and confirms her e-mail address with the code from the mail, tells what is missing in her quarter
(keyboard only), supports a neighbour's need (the htmx button, keyboard only), answers the quarter's survey
(keyboard only), offers help to an initiative, downloads her data and finally deletes her account: her
contributions stay, without her name. axe checks every page on the way.
"""

import json
import re

import pytest

from accounts.models import User
from initiatives.models import HelpOffer
from needs.models import Need, Question, Response
from tests.browser.helpers import (
    assert_focus_visible,
    check,
    either,
    focused,
    press_and_wait,
    start_from_main,
    switch_language,
    tab_to,
    tab_to_button,
    tab_to_field,
    verification_code,
    visit,
)
from tests.conftest import verified_user
from tests.factories import QuarterStatisticsFactory
from tests.initiatives.factories import InitiativeFactory
from tests.needs.factories import ChoiceFactory, NeedFactory, QuestionFactory, SurveyFactory, area

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EMAIL = "nina.neu@example.org"
PASSWORD = "Quartier-Treff-2026"


@pytest.fixture
def marten(catalogue, quarter):
    """Marten with a neighbour's need, an open survey and a published initiative that looks for helpers."""
    QuarterStatisticsFactory(quarter=quarter)
    neighbour = verified_user(email="nachbar@example.org", display_name="Heinz Nachbar")
    lunch = NeedFactory(
        quarter=quarter, author=neighbour, title="Mittagstisch für Ältere", service_area=area("gesundheit-pflege")
    )
    survey = SurveyFactory(
        municipality=quarter.municipality,
        quarters=[quarter],
        title={"de": "Was fehlt in Marten?", "en": "What does Marten lack?"},
    )
    single = QuestionFactory(
        survey=survey,
        kind=Question.Kind.SINGLE,
        position=1,
        text={"de": "Wohnen Sie in Marten?", "en": "Do you live in Marten?"},
    )
    for text in ({"de": "Ja", "en": "Yes"}, {"de": "Nein", "en": "No"}):
        ChoiceFactory(question=single, text=text)
    QuestionFactory(
        survey=survey,
        kind=Question.Kind.TEXT,
        position=2,
        text={"de": "Was fehlt Ihnen am meisten?", "en": "What do you miss most?"},
    )
    QuestionFactory(
        survey=survey,
        kind=Question.Kind.GRID,
        position=3,
        text={"de": "Wie wichtig, wie zufrieden?", "en": "How important, how satisfied?"},
    )
    cafe = InitiativeFactory(
        name="Quartierscafé Marten",
        slug="quartierscafe-marten",
        quarter=quarter,
        lead=verified_user(email="cafe@example.org", display_name="Clara Café"),
    )
    return {"quarter": quarter, "lunch": lunch, "survey": survey, "cafe": cafe}


def sign_up(page, axe, english: bool):
    visit(page, axe, "/accounts/signup/", "sign-up")
    page.get_by_label(re.compile(r"^(E-Mail|Email)\b", re.IGNORECASE)).first.fill(EMAIL)
    page.get_by_label(either("Anzeigename", "Display name")).fill("Nina Neu")
    page.get_by_label(re.compile(r"^(Passwort|Password)\W*$", re.IGNORECASE)).fill(PASSWORD)
    page.get_by_label(either("Passwort (Wiederholung)", "Password (again)")).fill(PASSWORD)
    page.get_by_label(either("Datenschutz", "privacy")).check()
    page.get_by_role("button", name=either("Registrieren", "Sign Up")).last.click()

    page.wait_for_url("**/accounts/confirm-email/**")
    check(page, axe, "verification code")
    page.get_by_label(either("Code")).fill(verification_code(EMAIL))
    page.get_by_role("button", name=either("Bestätigen", "Confirm")).click()
    page.wait_for_load_state()
    user = User.objects.get(email=EMAIL)
    assert user.emailaddress_set.get().verified
    assert user.preferred_language == ("en" if english else "de")
    return user


def submit_a_need_by_keyboard(page, axe, quarter):
    visit(page, axe, f"/bedarfe/neu/?quarter={quarter.slug}", "submit a need")
    start_from_main(page)
    tab_to_field(page, "id_quarter")  # chosen already: the link came from the quarter page
    tab_to_field(page, "id_service_area")
    page.keyboard.type("Begegnung" if page.locator("html").get_attribute("lang") == "de" else "Meeting")
    assert page.locator("#id_service_area").input_value() == str(area("begegnung-kultur").pk)
    page.keyboard.press("Tab")
    assert focused(page)["id"] == "id_title"
    assert_focus_visible(page)
    page.keyboard.type("Kein Treffpunkt im Quartier")
    page.keyboard.press("Tab")
    assert focused(page)["id"] == "id_description"
    page.keyboard.type("Seit das Bürgerhaus zu ist, fehlt ein Raum für Seniorengruppe und Krabbelgruppe.")
    tab_to(page, lambda state: state["name"] == "affected_groups")  # the first group
    tab_to(page, lambda state: state["name"] == "affected_groups" and state["id"].endswith("_1"))
    page.keyboard.press("Space")
    tab_to_button(page, either("Bedarf einreichen", "Submit need"))
    press_and_wait(page)
    need = Need.objects.get(title="Kein Treffpunkt im Quartier")
    assert need.status == Need.Status.SUBMITTED
    assert len(need.affected_groups) == 1
    check(page, axe, "the submitted need")
    return need


def support_by_keyboard(page, axe, need, user):
    visit(page, axe, need.get_absolute_url(), "a neighbour's need")
    page.evaluate("window.__noReload = true")  # survives an htmx swap, not a page load
    start_from_main(page)
    tab_to_button(page, either("Ich unterstütze das", "I support this"))
    page.keyboard.press("Enter")
    page.locator(f"#support-{need.pk} button[aria-pressed=true]").wait_for()
    assert page.evaluate("window.__noReload") is True
    # The keyboard stays where it was: the focus is on the swapped-in button, visibly.
    state = assert_focus_visible(page)
    assert state["tag"] == "button" and re.search("zurückziehen|Withdraw", state["text"]), state
    assert need.supports.filter(user=user).exists()
    check(page, axe, "the need after supporting")


def answer_the_survey_by_keyboard(page, axe, survey, user):
    visit(page, axe, survey.get_absolute_url(), "the survey")
    start_from_main(page)
    first_radio = tab_to(page, lambda state: state["type"] == "radio")
    page.keyboard.press("Space")
    assert page.locator(f"#{first_radio['id']}").is_checked()
    tab_to(page, lambda state: state["tag"] == "textarea")
    page.keyboard.type("Ein Treffpunkt ohne Verzehrzwang")
    grid = tab_to(page, lambda state: state["tag"] == "select")  # the grid: importance of the first area
    page.keyboard.type("5")
    assert page.locator(f"#{grid['id']}").input_value() == "5"
    tab_to_button(page, either("Antworten senden", "Send answers"))
    press_and_wait(page)
    response = Response.objects.get(survey=survey, user=user)
    assert response.answers.count() >= 2
    check(page, axe, "the survey answered")


def offer_help(page, axe, initiative):
    visit(page, axe, initiative.get_absolute_url(), "an initiative")
    page.get_by_role("link", name=either("Mitmachen", "Join in")).first.click()
    page.wait_for_load_state()
    check(page, axe, "offer help")
    page.locator("#id_skills").fill("Ich backe gern und kann Kuchen für das Café spenden.")
    page.locator("#id_hours_per_month").fill("6")
    page.get_by_role("button", name=either("Hilfe anbieten", "Offer help")).click()
    page.wait_for_load_state()
    offer = HelpOffer.objects.get(initiative=initiative)
    assert offer.hours_per_month == 6
    assert offer.contact == EMAIL  # the form suggests the account's address
    check(page, axe, "the initiative after offering help")


def download_and_delete(page, axe, user, need):
    visit(page, axe, "/konto/daten/", "download my data")
    with page.expect_download() as download_info:
        page.get_by_role("button", name=either("JSON")).click()
    with open(download_info.value.path(), encoding="utf-8") as file:
        data = json.load(file)
    assert data["account"]["email"] == EMAIL
    assert [item["title"] for item in data["needs"]["needs"]] == [need.title]
    assert len(data["needs"]["supports"]) == 1
    assert len(data["needs"]["survey_responses"]) == 1
    assert len(data["initiatives"]["help_offers"]) == 1

    visit(page, axe, "/konto/loeschen/", "delete my account")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_confirm").check()
    page.get_by_role("button", name=either("endgültig", "for good")).click()
    page.wait_for_url(re.compile(r"/$"))
    check(page, axe, "home after the deletion")
    user.refresh_from_db()
    assert user.anonymised_at is not None and not user.is_active
    assert user.email != EMAIL and user.display_name == ""
    need.refresh_from_db()
    assert need.author_id == user.pk and not need.show_name  # the need stays, without her name
    assert not HelpOffer.objects.exists()  # the offer held her contact details


def test_resident_journey(page, variant, axe, marten):
    english = variant["language"] == "en"
    visit(page, axe, "/", "home")
    switch_language(page, variant["language"])
    check(page, axe, "home in the chosen language")

    user = sign_up(page, axe, english)
    visit(page, axe, marten["quarter"].get_absolute_url(), "the quarter page")
    need = submit_a_need_by_keyboard(page, axe, marten["quarter"])
    visit(page, axe, "/bedarfe/meine/", "my needs")
    assert page.get_by_text("Kein Treffpunkt im Quartier").first.is_visible()
    support_by_keyboard(page, axe, marten["lunch"], user)
    answer_the_survey_by_keyboard(page, axe, marten["survey"], user)
    offer_help(page, axe, marten["cafe"])
    download_and_delete(page, axe, user, need)
