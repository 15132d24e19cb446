"""Loans in the financing plan: their terms (service and form), the loan service on the plan page, in the
concept report and in the demo. The schedule itself is checked by hand in test_loans_pure.py."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from financing.models import InstrumentType, Programme
from financing.queries import matching_catalogue
from initiatives import services
from initiatives.models import ConceptLineItem, FinancingLine, Initiative
from initiatives.plan import queries as plan_queries
from reports.services import report_render_now

pytestmark = pytest.mark.django_db
D = Decimal
TERMS = {"interest_rate": D("1.5"), "term_months": 120, "grace_months": 24, "repayment": "linear"}


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


def instrument(slug) -> InstrumentType:
    return InstrumentType.objects.get(slug=slug)


def url(name, initiative, *args):
    return reverse(f"initiatives:{name}", args=[initiative.slug, *args])


def add_loan(initiative, by, amount="10000", slug="crowdinvesting", **values):
    values.setdefault("source_name", "Nachrangdarlehen")
    return services.financing_line_add(
        initiative=initiative, amount=D(amount), instrument=instrument(slug), by=by, **values
    )


# --- The service ---------------------------------------------------------------------------------


def test_a_loan_keeps_its_terms(initiative, lead):
    line = add_loan(initiative, lead, status="approved", **TERMS)
    line.refresh_from_db()
    assert (line.interest_rate, line.term_months, line.grace_months, line.repayment) == (D("1.50"), 120, 24, "linear")
    assert line.loan_terms.rate == D("1.5") and line.loan_terms.repayment == FinancingLine.Repayment.LINEAR
    # The months without repayment default to none; a programme's loan takes terms as well.
    kfw = Programme.objects.get(slug="kfw-134-genossenschaftliches-wohnen")
    assert kfw.instrument_type.repayable
    other = services.financing_line_add(
        initiative=initiative,
        amount=D("30000"),
        programme=kfw,
        interest_rate=D("3.2"),
        term_months=300,
        repayment="annuity",
        by=lead,
    )
    assert (other.grace_months, other.loan_terms.grace_months) == (0, 0)
    # A loan may stay without terms: the plan says it is shown as free money.
    bare = add_loan(initiative, lead)
    assert (bare.interest_rate, bare.term_months, bare.grace_months, bare.repayment) == (None, None, None, "")
    assert bare.loan_terms is None


@pytest.mark.parametrize(
    ("values", "errors"),
    [
        ({**TERMS, "interest_rate": D("-1")}, {"interest_rate": ["The interest rate must not be negative."]}),
        ({**TERMS, "interest_rate": D("20.5")}, {"interest_rate": ["The interest rate is at most 20 percent a year."]}),
        (
            {**TERMS, "interest_rate": D("1.555")},
            {"interest_rate": ["Give the interest rate with at most two decimal places."]},
        ),
        ({**TERMS, "term_months": 481}, {"term_months": ["A loan runs at most 40 years (480 months)."]}),
        ({**TERMS, "term_months": 0, "grace_months": 0}, {"term_months": ["A loan runs at least one month."]}),
        (
            {**TERMS, "term_months": 24, "grace_months": 24},
            {"grace_months": ["The months without repayment must be fewer than the term (24 months)."]},
        ),
        ({**TERMS, "grace_months": -1}, {"grace_months": ["The months without repayment cannot be negative."]}),
        (
            {**TERMS, "repayment": "bullet"},
            {"grace_months": ["A loan repaid at the end has no months without repayment: leave them at 0."]},
        ),
        ({**TERMS, "repayment": "balloon"}, {"repayment": ["Choose a way of repayment from the list."]}),
        (
            {**TERMS, "repayment": "interest_free", "grace_months": 0},
            {"interest_rate": ["An interest-free loan has no interest: leave the rate at 0."]},
        ),
        (
            {"interest_rate": D("2")},
            {
                "repayment": ["Choose how the loan is repaid."],
                "term_months": ["Give the term of the loan in months."],
            },
        ),
        (
            {"term_months": 60, "repayment": "annuity"},
            {"interest_rate": ["Give the interest rate in percent a year (0 for none)."]},
        ),
    ],
)
def test_bad_terms_are_refused_and_nothing_is_saved(initiative, lead, values, errors):
    with pytest.raises(ValidationError) as error:
        add_loan(initiative, lead, **values)
    assert error.value.message_dict == errors
    assert not FinancingLine.objects.exists()


def test_terms_on_a_grant_are_refused(initiative, lead):
    with pytest.raises(ValidationError) as error:
        add_loan(initiative, lead, slug="zuschuss", **TERMS)
    assert error.value.messages == [
        "Interest and repayment apply to loans only: this source's instrument type need not be repaid. "
        "Leave the loan terms empty, or choose the instrument type of a loan."
    ]
    heimat = Programme.objects.get(slug="heimat-scheck-nrw")  # a grant programme
    with pytest.raises(ValidationError, match="apply to loans only"):
        services.financing_line_add(initiative=initiative, amount=D("2000"), programme=heimat, by=lead, **TERMS)
    assert not FinancingLine.objects.exists()


def test_an_interest_free_loan_is_at_zero(initiative, lead):
    line = add_loan(initiative, lead, term_months=60, repayment="interest_free")
    assert (line.interest_rate, line.grace_months) == (D("0"), 0)


def test_changing_a_loan_into_a_grant_keeps_the_terms_until_they_are_cleared(initiative, lead):
    line = add_loan(initiative, lead, **TERMS)
    change = {"line": line, "amount": D("10000"), "source_name": "Zuschuss", "instrument": instrument("zuschuss")}
    with pytest.raises(ValidationError, match="apply to loans only"):
        services.financing_line_update(**change, by=lead, **TERMS)
    line.refresh_from_db()
    assert line.instrument.slug == "crowdinvesting" and line.term_months == 120
    services.financing_line_update(**change, by=lead)  # the terms cleared
    line.refresh_from_db()
    assert (line.instrument.slug, line.repayment, line.term_months) == ("zuschuss", "", None)


@pytest.mark.parametrize(
    "values",
    [
        {"term_months": 481},
        {"interest_rate": D("20.01")},
        {"grace_months": 120},
        {"repayment": ""},  # terms without the way of repayment
        {"repayment": "interest_free"},  # interest-free at 1,5 %
        {"repayment": "monthly"},
    ],
)
def test_the_database_refuses_terms_out_of_range(initiative, lead, values):
    line = add_loan(initiative, lead, **TERMS)
    with pytest.raises(IntegrityError), transaction.atomic():
        FinancingLine.objects.filter(pk=line.pk).update(**values)


# --- Pages ---------------------------------------------------------------------------------------


def csrf_client(user, settings) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_add_a_loan_with_terms_through_the_form_and_see_its_service(initiative, lead, settings):
    ConceptLineItem.objects.create(concept=initiative.concept, category="annual_cost", label="Miete", amount=15600)
    ConceptLineItem.objects.create(concept=initiative.concept, category="annual_revenue", label="Café", amount=12000)
    services.financing_plan_update(initiative=initiative, start_month=datetime.date(2026, 6, 1), by=lead)
    client = csrf_client(lead, settings)
    form = client.get(url("plan_line_add", initiative))
    assert form.status_code == 200 and "Loan terms (only for a loan)" in form.content.decode()
    token = client.cookies[settings.CSRF_COOKIE_NAME].value
    data = {
        "csrfmiddlewaretoken": token,
        "source_name": "Nachrangdarlehen aus dem Unterstützerkreis",
        "instrument": instrument("crowdinvesting").pk,
        "amount": "10.000",
        "status": "approved",
        "tranches": "1",
        "repayment": "linear",
        "interest_rate": "1,5 %",
        "term_months": "120",
        "grace_months": "24",
    }
    # Without the token the post is refused.
    assert client.post(url("plan_line_add", initiative), {**data, "csrfmiddlewaretoken": ""}).status_code == 403
    # A bad rate: the message, what was typed, nothing saved.
    response = client.post(url("plan_line_add", initiative), {**data, "interest_rate": "25"})
    assert response.status_code == 200
    text = response.content.decode()
    assert "The interest rate is at most 20 percent a year." in text
    assert 'value="25"' in text and 'value="120"' in text and 'value="24"' in text
    assert not FinancingLine.objects.exists()
    response = client.post(url("plan_line_add", initiative), data)
    assert response.status_code == 302 and response.url == url("plan", initiative)
    line = FinancingLine.objects.get()
    assert (line.interest_rate, line.term_months, line.grace_months, line.repayment) == (D("1.5"), 120, 24, "linear")

    page = client.get(url("plan", initiative)).content.decode()
    assert "Loan service" in page
    assert "1,5\xa0% a year, 120 months, the first 24 without repayment" in page
    # Paid out in June: 12,50 € of interest from July on.
    assert "Nachrangdarlehen aus dem Unterstützerkreis: interest 12,50\xa0€, repayment 0\xa0€" in page
    assert "Loans in the operating budget" in page
    assert "1.391,34\xa0€" in page  # the first year of repayment
    assert "-3.750\xa0€" in page and "-4.991,34\xa0€" in page  # −3.600 € after 150 € and after 1.391,34 €
    assert "as if it were free money" not in page

    edit = client.get(url("plan_line_edit", initiative, line.pk)).content.decode()
    assert 'value="1,5"' in edit and 'value="120"' in edit and '<option value="linear" selected>' in edit


def test_a_loan_without_terms_is_never_silently_free(client_for, initiative, lead, settings):
    add_loan(initiative, lead, "30000", slug="darlehen", source_name="Bankdarlehen")
    client = client_for(lead)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(url("plan", initiative)).content.decode()
    assert "Interest and repayment not given: the cash flow shows this loan as if it were free money." in page
    assert "Interest and repayment not given:" in page and "Bankdarlehen." in page
    assert "Give the loan terms" in page


def test_the_plan_page_with_loans_in_a_constant_number_of_queries(
    client_for, initiative, lead, settings, django_assert_num_queries
):
    add_loan(initiative, lead, **TERMS)
    add_loan(initiative, lead, "30000", slug="darlehen", source_name="Bankdarlehen")
    kfw = Programme.objects.get(slug="kfw-134-genossenschaftliches-wohnen")
    services.financing_line_add(
        initiative=initiative,
        amount=D("5000"),
        programme=kfw,
        interest_rate=D("3"),
        term_months=60,
        repayment="annuity",
        by=lead,
    )
    for number in range(10):  # more loans, no more queries
        direct = {"interest_rate": D("2"), "term_months": 12, "repayment": "bullet"}
        add_loan(initiative, lead, "1000", source_name=f"Direktkredit {number}", **direct)
    client = client_for(lead)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    matching_catalogue()
    # As test_financing_plan.test_plan_page_for_the_team: the base (4), the initiative (1), the lead's roles
    # (1), the lines (1), the plan (1), the concept's line items (1), the service areas, the quarters' flags
    # and the organisations (3).
    with django_assert_num_queries(4 + 8):
        response = client.get(url("plan", initiative))
    assert response.status_code == 200 and "Loan service" in response.content.decode()
    with django_assert_num_queries(6):
        plan_queries.overview(initiative).loan_budget  # noqa: B018


# --- The concept report --------------------------------------------------------------------------


def test_the_concept_report_lists_loan_terms_and_the_annual_loan_service(initiative, lead):
    ConceptLineItem.objects.create(concept=initiative.concept, category="annual_cost", label="Miete", amount=15600)
    ConceptLineItem.objects.create(concept=initiative.concept, category="annual_revenue", label="Café", amount=12000)
    add_loan(initiative, lead, **TERMS)
    add_loan(initiative, lead, "30000", slug="darlehen", source_name="Bankdarlehen")
    section = plan_queries.report_section(initiative)
    loan, bank = section["lines"]
    assert loan["loan"].terms_text.startswith("1,5\xa0% a year, 120 months") and not loan["terms_missing"]
    assert bank["loan"] is None and bank["terms_missing"]
    budget = section["loan_budget"]
    assert (budget.first_year, budget.repayment_year, budget.result_first_year) == (
        D("150"),
        D("1391.34"),
        D("-3750"),
    )
    pdf = report_render_now(kind="initiative_concept", subject=initiative, language="en")
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "120 months" in text and "Result after loan service" in text and "1.391,34" in text
    assert "free money" in text


# --- Demo ----------------------------------------------------------------------------------------


def test_the_demo_loan_has_its_terms_and_seeding_again_changes_nothing():
    call_command("seed_demo", stdout=io.StringIO())
    eving = Initiative.objects.get(slug="elterninitiative-inklusives-wohnen-eving")
    loan = eving.financing_lines.get(source_name="Nachrangdarlehen aus dem Unterstützerkreis")
    assert (loan.interest_rate, loan.term_months, loan.grace_months, loan.repayment) == (D("1.5"), 120, 24, "linear")
    changed = loan.updated_at
    call_command("seed_demo", stdout=io.StringIO())
    loan.refresh_from_db()
    assert loan.updated_at == changed and eving.financing_lines.count() == 8
    plan = plan_queries.overview(eving)
    assert (plan.loan_budget.first_year, plan.loan_budget.repayment_year) == (D("150"), D("1391.34"))
    # A demo seeded before loans had terms gets them on the next run.
    FinancingLine.objects.filter(pk=loan.pk).update(
        interest_rate=None, term_months=None, grace_months=None, repayment=""
    )
    call_command("seed_demo", stdout=io.StringIO())
    loan.refresh_from_db()
    assert (loan.term_months, loan.repayment) == (120, "linear")
