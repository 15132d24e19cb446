"""Every form of an initiative's financing check, concept and financing plan, clicked in a real browser.

The lead of an e.V. in Marten answers the financing check's questions in place (a typed amount, yes/no facts,
a programme's own question and a defining condition, and takes an answer back), edits the concept (a text,
cost lines, a milestone reached and removed) and keeps the financing plan (the start month, a programme, a
free source, a loan with its terms, an edit, a removal). Each step clicks the button a person clicks, waits
for the page that follows and reads the result there: the message, the changed value, the totals. The
browser sends the forms' CSRF tokens as it does for everyone, so a form without one fails here with 403.
axe checks every page on the way.
"""

import datetime
import re
from decimal import Decimal

import pytest
from django.utils import translation
from playwright.sync_api import expect

from common.money import format_euro
from financing.choices import Stage
from financing.models import Condition, InstrumentType, Programme
from initiatives.models import FinancingLine, FinancingPlan
from initiatives.plan import loans
from tests.browser.helpers import check, either, use_session_of, visit
from tests.conftest import verified_user
from tests.initiatives.factories import InitiativeFactory, legal_form

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SAVE_ANSWER = either("Antwort speichern", "Save the answer")
YES = either("Ja", "Yes", exact=True)
NO = either("Nein", "No", exact=True)
# An element's whole text (to_have_text with a pattern keeps the template's white space around it).
YES_TEXT = re.compile(r"^\s*(Ja|Yes)\s*$")
NO_TEXT = re.compile(r"^\s*(Nein|No)\s*$")
DONT_KNOW = either("Weiß nicht", "Don't know", exact=True)
REMOVE = either("Entfernen", "Remove", exact=True)
REMOVE_LINK = either("Entfernen", "Remove")  # the link's name goes on (hidden): ": <source>"
SAVED_ANSWER = either(
    "Gespeichert. Die Prüfung unten berücksichtigt die Antwort.",
    "Saved. The check below takes the answer into account.",
)
AKTION_MENSCH = "aktion-mensch-wohnen-2-8"
HOME_FOR_TWO_TO_EIGHT = "wohnen-menschen-mit-behinderung"
NORDSTADT_ONLY = "area:dortmund-quartiersfonds-nordstadt"


@pytest.fixture
def variant():
    """German on a desktop, as a lead in Dortmund uses these pages. The other journeys show the concept and
    the plan in English on a phone too; here the forms are under test, and one run keeps the file quick."""
    return {"language": "de", "width": 1280}


@pytest.fixture
def home(catalogue, quarter):
    """An e.V. in Marten planning a shared flat for people with disabilities, led by Lena; nothing answered."""
    lead = verified_user(email="lead@example.org", display_name="Lena Lead")
    initiative = InitiativeFactory(
        name="Inklusive WG Marten",
        slug="inklusive-wg-marten",
        quarter=quarter,
        lead=lead,
        legal_form=legal_form("ev"),
        stage=Stage.CONCEPT,
    )
    return {"initiative": initiative, "lead": lead}


def text(value: str) -> str:
    """What a page shows, with its no-break spaces as plain ones (amounts are written "1.234\u00a0€")."""
    return re.sub(r"\s+", " ", value.replace("\u00a0", " ")).strip()


def euro(amount) -> str:
    return text(format_euro(Decimal(amount)))


def click_and_wait(page, target):
    """Click a button (or link) that loads the next page; that page must answer (after redirects) with 200."""
    with page.expect_navigation() as navigation:
        target.click()
    response = navigation.value
    assert response is not None and response.status == 200, f"{page.url} answered {response and response.status}"
    page.wait_for_load_state()


def click_confirmed(page, target):
    """Click a button whose form asks "Do you really want to remove this?" first, and say yes."""
    page.once("dialog", lambda dialog: dialog.accept())
    click_and_wait(page, target)


def expect_message(page, pattern: re.Pattern):
    expect(page.locator(".messages")).to_contain_text(pattern)


def plan_of(initiative) -> FinancingPlan:
    return FinancingPlan.objects.get(initiative=initiative)


# --- The financing check ----------------------------------------------------------------------------


def fact(page, key: str):
    return page.locator(f"#fact-{key}")


def answer_the_facts(page, axe, initiative):
    # The capital need, typed: a negative amount is refused and stays in the field, then the real one is kept.
    capital = fact(page, "capital_need")
    expect(capital).to_contain_text(either("noch nicht bekannt", "not known yet"))
    capital.locator("input[name='fact-capital_need-value']").fill("-50")
    click_and_wait(page, capital.get_by_role("button", name=SAVE_ANSWER))
    capital = fact(page, "capital_need")
    expect(capital).to_contain_text(either("Der Betrag darf nicht negativ sein.", "The amount must not be negative."))
    expect(capital.locator("input[name='fact-capital_need-value']")).to_have_value("-50")
    check(page, axe, "the financing check with a refused amount")
    capital.locator("input[name='fact-capital_need-value']").fill("63.000")
    click_and_wait(page, capital.get_by_role("button", name=SAVE_ANSWER))
    assert page.url.endswith("#profile")
    expect_message(page, SAVED_ANSWER)
    assert euro(63000) in text(fact(page, "capital_need").inner_text())
    initiative.refresh_from_db()
    assert initiative.capital_need == Decimal("63000")

    # The service areas, ticked.
    areas = fact(page, "service_areas")
    areas.get_by_role("checkbox", name=either("Wohnen", "Housing", exact=True)).check()
    click_and_wait(page, areas.get_by_role("button", name=SAVE_ANSWER))
    expect_message(page, SAVED_ANSWER)
    expect(fact(page, "service_areas").locator("p").first).to_have_text(re.compile(r"^\s*(Wohnen|Housing)\s*$"))
    assert list(initiative.service_areas.values_list("slug", flat=True)) == ["wohnen"]

    # Gemeinnützig: "no" at first, then changed to "yes" behind "Change".
    gemeinnuetzig = fact(page, "gemeinnuetzig")
    gemeinnuetzig.get_by_role("radio", name=NO).check()
    click_and_wait(page, gemeinnuetzig.get_by_role("button", name=SAVE_ANSWER))
    expect_message(page, SAVED_ANSWER)
    assert plan_of(initiative).is_gemeinnuetzig is False
    gemeinnuetzig = fact(page, "gemeinnuetzig")
    expect(gemeinnuetzig.locator("p").first).to_have_text(NO_TEXT)
    check(page, axe, "the financing check with answered facts")
    gemeinnuetzig.locator("summary").click()  # "Change"
    gemeinnuetzig.get_by_role("radio", name=YES).check()
    click_and_wait(page, gemeinnuetzig.get_by_role("button", name=SAVE_ANSWER))
    expect_message(page, SAVED_ANSWER)
    expect(fact(page, "gemeinnuetzig").locator("p").first).to_have_text(YES_TEXT)
    assert plan_of(initiative).is_gemeinnuetzig is True
    check(page, axe, "the financing check with every fact answered")


def answer_in_profile(page, key: str):
    """The profile's list item of a saved answer to a programme's own question."""
    return page.locator("#profile li").filter(has=page.locator(f"input[name=fact][value='{key}']"))


def answer_the_programmes_questions(page, axe, initiative, variant):
    visit(page, axe, f"/initiativen/{initiative.slug}/finanzierungscheck/", "the financing check")

    # A programme's own question (the Quartiersfonds asks: only in the Nordstadt?): no; then taken back.
    nordstadt = page.locator("#check-needs_information article").filter(
        has=page.locator(f"input[name=fact][value='{NORDSTADT_ONLY}']")
    )
    click_and_wait(page, nordstadt.get_by_role("button", name=NO))
    expect_message(page, SAVED_ANSWER)
    assert plan_of(initiative).check_answers == {NORDSTADT_ONLY: False}
    answered = answer_in_profile(page, NORDSTADT_ONLY)
    expect(answered.locator("strong")).to_have_text(NO_TEXT)
    check(page, axe, "the financing check with a programme's question answered")
    click_and_wait(page, answered.get_by_role("button", name=DONT_KNOW))
    expect_message(page, SAVED_ANSWER)
    assert plan_of(initiative).check_answers == {}
    expect(answer_in_profile(page, NORDSTADT_ONLY)).to_have_count(0)
    expect(page.locator(f"#check-needs_information input[name=fact][value='{NORDSTADT_ONLY}']")).to_have_count(1)

    # Aktion Mensch's defining condition, an open question: is this the home it funds? Yes.
    with translation.override(variant["language"]):
        question = Condition.objects.get(slug=HOME_FOR_TWO_TO_EIGHT).question
    open_questions = page.locator("#questions-heading ~ ol")
    click_and_wait(page, open_questions.get_by_role("group", name=question, exact=True).get_by_role("button", name=YES))
    expect_message(page, SAVED_ANSWER)
    assert plan_of(initiative).check_answers == {f"defines:{HOME_FOR_TWO_TO_EIGHT}": True}
    answered = answer_in_profile(page, f"defines:{HOME_FOR_TWO_TO_EIGHT}")
    expect(answered).to_contain_text(question)
    expect(answered.locator("strong")).to_have_text(YES_TEXT)
    expect(page.locator("#questions-heading ~ ol")).not_to_contain_text(question)
    check(page, axe, "the financing check with a defining condition answered")

    # Changed to "no" in the profile, where the answer is listed now: without the home it funds, Aktion Mensch's
    # programme does not fit.
    aktion_mensch = Programme.objects.get(slug=AKTION_MENSCH)
    click_and_wait(page, answered.get_by_role("button", name=NO))
    expect_message(page, SAVED_ANSWER)
    assert plan_of(initiative).check_answers == {f"defines:{HOME_FOR_TWO_TO_EIGHT}": False}
    expect(answer_in_profile(page, f"defines:{HOME_FOR_TWO_TO_EIGHT}").locator("strong")).to_have_text(NO_TEXT)
    for group in ("fits", "needs_information"):
        expect(page.locator(f"#check-{group}").get_by_role("link", name=aktion_mensch.name)).to_have_count(0)
    # And back to "yes": the home is what the programme is for.
    click_and_wait(page, answer_in_profile(page, f"defines:{HOME_FOR_TWO_TO_EIGHT}").get_by_role("button", name=YES))
    expect_message(page, SAVED_ANSWER)
    assert plan_of(initiative).check_answers == {f"defines:{HOME_FOR_TWO_TO_EIGHT}": True}


# --- The concept ------------------------------------------------------------------------------------


def edit_the_concept_text(page, axe, initiative):
    visit(page, axe, f"/initiativen/{initiative.slug}/konzept/", "the concept")
    click_and_wait(page, page.get_by_role("link", name=either("Konzept bearbeiten", "Edit concept")).first)
    check(page, axe, "edit the concept")
    offer = "Eine Wohngemeinschaft für sechs Menschen mit Behinderung, ambulant betreut, mit Gemeinschaftsraum."
    page.locator("#id_offer").fill(offer)
    click_and_wait(page, page.get_by_role("button", name=either("Konzept speichern", "Save concept")))
    assert page.url.endswith(f"/{initiative.slug}/konzept/")
    expect_message(
        page, either("Das Konzept wurde als Version 1 gespeichert.", "The concept has been saved as version 1.")
    )
    expect(page.locator("main")).to_contain_text(offer)
    check(page, axe, "the concept, version 1")
    initiative.concept.refresh_from_db()
    assert initiative.concept.offer == offer


def add_cost_line(page, category: str, label: str, amount: str):
    form = page.locator(f"form[action='/initiativen/{page_slug(page)}/konzept/posten/']")
    form.locator("select[name=category]").select_option(category)
    form.locator("input[name=label]").fill(label)
    form.locator("input[name=amount]").press_sequentially(amount)  # typed, as a person types
    click_and_wait(page, form.get_by_role("button", name=either("Posten hinzufügen", "Add item")))
    expect_message(page, either("Der Posten wurde hinzugefügt.", "The item has been added."))


def page_slug(page) -> str:
    return re.search(r"/initiativen/([^/]+)/", page.url).group(1)


def totals_row(page, pattern: re.Pattern):
    return page.locator("#money-heading ~ table tfoot tr").filter(has_text=pattern)


def edit_costs_and_milestones(page, axe, initiative):
    click_and_wait(page, page.get_by_role("link", name=either("Konzept bearbeiten", "Edit concept")).first)
    # Amounts typed as in Germany: a dot between the thousands, a comma before the cents.
    add_cost_line(page, "one_off_cost", "Umbau der Wohnung", "12.500")
    add_cost_line(page, "annual_cost", "Miete des Gemeinschaftsraums", "4.800")
    add_cost_line(page, "one_off_cost", "Ausstattung der Küche", "7.499,50")
    check(page, axe, "edit the concept with cost lines")
    one_off = totals_row(page, either("Einmalige Kosten insgesamt", "One-off costs in total"))
    expect(one_off.locator("td").first).to_have_text(format_euro(Decimal("19999.50")))

    # The kitchen is paid by a partner after all: the line goes (after the browser's "really?").
    kitchen = page.locator("#money-heading ~ table tbody tr").filter(has_text="Ausstattung der Küche")
    click_confirmed(page, kitchen.get_by_role("button", name=REMOVE))
    expect_message(page, either("Der Posten wurde entfernt.", "The item has been removed."))
    expect(page.locator("#money-heading ~ table tbody tr").filter(has_text="Ausstattung der Küche")).to_have_count(0)
    expect(one_off.locator("td").first).to_have_text(format_euro(Decimal(12500)))
    concept = initiative.concept
    assert sorted(concept.line_items.values_list("label", "amount")) == [
        ("Miete des Gemeinschaftsraums", Decimal("4800")),
        ("Umbau der Wohnung", Decimal("12500")),
    ]

    # A milestone: added, reached, removed.
    form = page.locator(f"form[action='/initiativen/{initiative.slug}/konzept/meilensteine/']")
    form.locator("input[name=title]").fill("Mietvertrag unterschrieben")
    form.locator("input[name=due_on]").fill("2026-09-01")
    click_and_wait(page, form.get_by_role("button", name=either("Meilenstein hinzufügen", "Add milestone")))
    expect_message(page, either("Der Meilenstein wurde hinzugefügt.", "The milestone has been added."))
    milestone = page.locator("#milestones-heading ~ ol li").filter(has_text="Mietvertrag unterschrieben")
    expect(milestone).to_contain_text("01.09.2026")
    click_and_wait(page, milestone.get_by_role("button", name=either("Als erreicht markieren", "Mark as reached")))
    expect_message(page, either("Der Meilenstein wurde aktualisiert.", "The milestone has been updated."))
    expect(milestone.locator(".badge")).to_have_text(either("erreicht", "reached"))
    assert concept.milestones.get().done is True
    check(page, axe, "edit the concept with a milestone reached")
    click_confirmed(page, milestone.get_by_role("button", name=REMOVE))
    expect_message(page, either("Der Meilenstein wurde entfernt.", "The milestone has been removed."))
    expect(page.locator("#milestones-heading ~ ol li")).to_have_count(0)
    assert not concept.milestones.exists()


# --- The financing plan -----------------------------------------------------------------------------


def plan_row(page, source: str):
    return page.locator("#sources-heading ~ div table tbody tr").filter(has_text=source)


def plan_total(page, pattern: re.Pattern):
    return page.locator("#sources-heading ~ div table tfoot tr").filter(has_text=pattern).locator("td").first


TOTAL = either("Summe des Plans", "Total of the plan")
SOURCE_SAVED = either("Die Quelle wurde gespeichert.", "The source has been saved.")
SOURCE_ADDED = either(
    "Die Quelle wurde dem Finanzierungsplan hinzugefügt.", "The source has been added to the financing plan."
)


def open_the_source_form(page):
    click_and_wait(page, page.get_by_role("link", name=either("Eine Quelle hinzufügen", "Add a source")))


def save_the_source(page):
    click_and_wait(page, page.locator("main form").get_by_role("button", name=either("Speichern", "Save", exact=True)))


def set_the_start_month(page, axe, initiative):
    visit(page, axe, f"/initiativen/{initiative.slug}/finanzierung/", "the financing plan")
    page.locator("#id_start_month").fill("2026-09")
    click_and_wait(page, page.get_by_role("button", name=either("Startmonat speichern", "Save the start month")))
    expect_message(page, either("Der Startmonat wurde gespeichert.", "The start month has been saved."))
    expect(page.locator("#id_start_month")).to_have_value("2026-09")
    expect(page.locator("#timeline-heading ~ p").first).to_contain_text("09/2026")
    assert plan_of(initiative).start_month == datetime.date(2026, 9, 1)
    check(page, axe, "the financing plan with its start month")


def add_the_sources(page, axe, initiative):
    heimat = Programme.objects.get(slug="heimat-scheck-nrw")
    open_the_source_form(page)
    check(page, axe, "add a source to the financing plan")
    page.locator("#id_programme").select_option(str(heimat.pk))
    page.locator("#id_amount").fill("2.000")
    page.locator("#id_status").select_option("applied")
    save_the_source(page)
    expect_message(page, SOURCE_ADDED)
    expect(plan_row(page, heimat.name)).to_contain_text(format_euro(Decimal(2000)))

    # A free source, typed with a German thousands separator.
    open_the_source_form(page)
    page.locator("#id_source_name").fill("Spenden aus der Nachbarschaft")
    page.locator("#id_instrument").select_option(str(InstrumentType.objects.get(slug="spenden").pk))
    page.locator("#id_amount").fill("5.000")
    page.locator("#id_status").select_option("planned")
    save_the_source(page)
    expect_message(page, SOURCE_ADDED)
    expect(plan_row(page, "Spenden aus der Nachbarschaft")).to_contain_text(format_euro(Decimal(5000)))

    # A loan with its terms.
    open_the_source_form(page)
    page.locator("#id_source_name").fill("Darlehen der Hausbank")
    page.locator("#id_instrument").select_option(str(InstrumentType.objects.get(slug="darlehen").pk))
    page.locator("#id_amount").fill("24.000")
    page.locator("#id_status").select_option("approved")
    page.locator("#id_repayment").select_option(loans.ANNUITY)
    page.locator("#id_interest_rate").fill("2,5")
    page.locator("#id_grace_months").fill("12")
    save_the_source(page)  # the term forgotten: refused, and everything typed is still there
    expect(page.locator("#div_id_term_months .invalid-feedback")).to_contain_text(
        either("Geben Sie die Laufzeit des Darlehens in Monaten an.", "Give the term of the loan in months.")
    )
    for field, value in {"source_name": "Darlehen der Hausbank", "amount": "24.000", "interest_rate": "2,5"}.items():
        expect(page.locator(f"#id_{field}")).to_have_value(value)
    expect(page.locator("#id_repayment")).to_have_value(loans.ANNUITY)
    expect(page.locator("#id_grace_months")).to_have_value("12")
    check(page, axe, "a loan refused for want of its term")
    page.locator("#id_term_months").fill("120")
    save_the_source(page)
    expect_message(page, SOURCE_ADDED)
    loan = FinancingLine.objects.get(initiative=initiative, source_name="Darlehen der Hausbank")
    assert (loan.amount, loan.repayment, loan.interest_rate, loan.term_months, loan.grace_months) == (
        Decimal("24000"),
        loans.ANNUITY,
        Decimal("2.5"),
        120,
        12,
    )
    terms = loans.LoanTerms(repayment=loans.ANNUITY, rate=Decimal("2.5"), term_months=120, grace_months=12)
    row = text(plan_row(page, "Darlehen der Hausbank").inner_text())
    assert text(loans.terms_text(terms)) in row
    assert euro(600) in row  # the first year without repayment: 12 × 2,5 % / 12 of 24.000 €
    expect(plan_total(page, TOTAL)).to_have_text(format_euro(Decimal(31000)))
    check(page, axe, "the financing plan with three sources")
    return heimat, loan


def edit_the_sources(page, axe, initiative, loan):
    # The donations: the form shows what was saved; the amount changes.
    donations = plan_row(page, "Spenden aus der Nachbarschaft")
    click_and_wait(page, donations.get_by_role("link", name=either("Bearbeiten", "Edit")))
    check(page, axe, "edit a source of the financing plan")
    expect(page.locator("#id_source_name")).to_have_value("Spenden aus der Nachbarschaft")
    expect(page.locator("#id_amount")).to_have_value("5.000")
    page.locator("#id_amount").fill("6.500")
    page.locator("#id_status").select_option("received")
    save_the_source(page)
    expect_message(page, SOURCE_SAVED)
    expect(plan_row(page, "Spenden aus der Nachbarschaft")).to_contain_text(format_euro(Decimal(6500)))

    # The loan: its terms come back into the form; a better rate is saved, the rest stays.
    click_and_wait(page, plan_row(page, "Darlehen der Hausbank").get_by_role("link", name=either("Bearbeiten", "Edit")))
    expect(page.locator("#id_interest_rate")).to_have_value("2,5")
    expect(page.locator("#id_term_months")).to_have_value("120")
    expect(page.locator("#id_grace_months")).to_have_value("12")
    expect(page.locator("#id_repayment")).to_have_value(loans.ANNUITY)
    expect(page.locator("#id_amount")).to_have_value("24.000")
    page.locator("#id_interest_rate").fill("1,75")
    save_the_source(page)
    expect_message(page, SOURCE_SAVED)
    loan.refresh_from_db()
    assert (loan.interest_rate, loan.term_months, loan.grace_months, loan.amount) == (
        Decimal("1.75"),
        120,
        12,
        Decimal("24000"),
    )
    assert euro(420) in text(plan_row(page, "Darlehen der Hausbank").inner_text())  # 12 × 1,75 % / 12 of 24.000 €
    expect(plan_total(page, TOTAL)).to_have_text(format_euro(Decimal(32500)))


def remove_a_source(page, axe, initiative, heimat):
    row = plan_row(page, heimat.name)
    click_and_wait(page, row.get_by_role("link", name=REMOVE_LINK))
    check(page, axe, "remove a source from the financing plan")
    expect(page.locator("main")).to_contain_text(heimat.name)
    click_and_wait(page, page.get_by_role("button", name=either("Quelle entfernen", "Remove the source")))
    expect_message(
        page,
        either(
            "Die Quelle wurde aus dem Finanzierungsplan entfernt.",
            "The source has been removed from the financing plan.",
        ),
    )
    expect(plan_row(page, heimat.name)).to_have_count(0)
    expect(plan_total(page, TOTAL)).to_have_text(format_euro(Decimal(30500)))
    assert sorted(FinancingLine.objects.filter(initiative=initiative).values_list("source_name", "amount")) == [
        ("Darlehen der Hausbank", Decimal("24000")),
        ("Spenden aus der Nachbarschaft", Decimal("6500")),
    ]
    check(page, axe, "the financing plan after the removal")


def test_the_financing_forms_work_in_the_browser(page, variant, axe, live_server, home):
    initiative, lead = home["initiative"], home["lead"]
    lead.preferred_language = variant["language"]
    lead.save(update_fields=["preferred_language"])
    use_session_of(page, lead, live_server)

    answer_the_programmes_questions(page, axe, initiative, variant)
    answer_the_facts(page, axe, initiative)

    edit_the_concept_text(page, axe, initiative)
    edit_costs_and_milestones(page, axe, initiative)

    set_the_start_month(page, axe, initiative)
    heimat, loan = add_the_sources(page, axe, initiative)
    edit_the_sources(page, axe, initiative, loan)
    remove_a_source(page, axe, initiative, heimat)
