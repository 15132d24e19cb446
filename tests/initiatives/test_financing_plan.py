"""The financing plan and the initiative's financing check: services, permissions, pages, the concept report.

The catalogue (programmes, instrument types, combination rules) is the one the migration seeds.
"""

import datetime
import io
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from financing import services as catalogue
from financing.models import InstrumentType, LegalForm, Programme
from financing.queries import matching_catalogue
from initiatives import queries, services
from initiatives.models import ConceptLineItem, FinancingLine, FinancingPlan, Initiative
from initiatives.plan import queries as plan_queries
from reports.services import report_render_now
from tests.initiatives.factories import InitiativeFactory, legal_form
from tests.needs.factories import area

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture(autouse=True)
def english(settings):
    """Messages and pages in English (the message ids)."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def client_for(client_for, settings):
    def sign_in(user):
        client = client_for(user)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        return client

    return sign_in


def programme(slug) -> Programme:
    return Programme.objects.select_related("instrument_type").get(slug=slug)


def instrument(slug) -> InstrumentType:
    return InstrumentType.objects.get(slug=slug)


def url(name, initiative, *args):
    return reverse(f"initiatives:{name}", args=[initiative.slug, *args])


def add(initiative, by, amount="1000", **values):
    if "programme" not in values:
        values.setdefault("source_name", "Spenden aus der Nachbarschaft")
        values.setdefault("instrument", instrument("spenden"))
    return services.financing_line_add(initiative=initiative, amount=D(amount), by=by, **values)


# --- Services: lines -----------------------------------------------------------------------------


def test_a_programme_line_takes_its_name_and_instrument_from_the_programme(initiative, lead):
    aktion_mensch = programme("aktion-mensch-wohnen-2-8")
    line = add(initiative, lead, "60000", programme=aktion_mensch, status="applied", tranches=3)
    assert line.source_name == aktion_mensch.name and line.source == aktion_mensch.name
    assert line.instrument == aktion_mensch.instrument_type == line.effective_instrument
    assert (line.amount, line.status, line.tranches, line.position, line.created_by) == (
        D("60000"),
        "applied",
        3,
        0,
        lead,
    )
    second = add(initiative, lead, "250.50")
    assert second.position == 1 and second.source == "Spenden aus der Nachbarschaft"
    assert second.instrument.slug == "spenden"


def test_a_free_source_needs_its_name_and_instrument_type(initiative, lead):
    with pytest.raises(ValidationError) as error:
        services.financing_line_add(initiative=initiative, amount=D("100"), by=lead)
    assert error.value.message_dict == {
        "source_name": ["Choose a programme, or name the source."],
        "instrument": ["Choose the instrument type of this source."],
    }
    with pytest.raises(ValidationError) as error:
        add(initiative, lead, programme=programme("startnext"), source_name="Auch noch ein Name")
    assert error.value.messages == ["Choose a programme or name another source with its instrument type, not both."]
    assert not FinancingLine.objects.exists()


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("-1", "The amount must not be negative."),
        ("0", "The amount must be more than 0 €."),
        ("10.005", "Use at most two decimal places (whole cents)."),
        ("1000000000.01", "The amount is too large: at most 1.000.000.000\xa0€."),
        ("NaN", "Enter an amount in euros, e.g. 60.000 or 1.234,56."),
    ],
)
def test_bad_amounts_are_refused_with_a_clear_message(initiative, lead, amount, message):
    with pytest.raises(ValidationError) as error:
        add(initiative, lead, amount)
    assert error.value.message_dict == {"amount": [message]}
    assert not FinancingLine.objects.exists()


def test_a_billion_is_the_most(initiative, lead):
    assert add(initiative, lead, "1000000000").amount == D("1000000000")


def test_tranches_status_and_programmes_of_other_municipalities_are_checked(initiative, lead, other_municipality):
    with pytest.raises(ValidationError) as error:
        add(initiative, lead, tranches=13)
    assert error.value.message_dict == {"tranches": ["The money comes in 1 to 12 monthly payments."]}
    with pytest.raises(ValidationError) as error:
        add(initiative, lead, status="promised")
    assert error.value.message_dict == {"status": ["Choose a status from the list."]}
    foreign = Programme.objects.create(
        name="Quartiersfonds Gelsenkirchen",
        slug="quartiersfonds-gelsenkirchen",
        instrument_type=instrument("kommunale-zuschuesse"),
        level="municipal",
        municipality=other_municipality,
    )
    with pytest.raises(ValidationError) as error:
        add(initiative, lead, programme=foreign)
    assert error.value.message_dict == {"programme": ["This programme belongs to another municipality."]}


def test_edit_and_delete_a_line(initiative, lead):
    line = add(initiative, lead, programme=programme("startnext"))
    services.financing_line_update(
        line=line,
        amount=D("2500"),
        source_name="Crowdfunding im Quartier",
        instrument=instrument("crowdfunding"),
        status="approved",
        expected_on=datetime.date(2026, 9, 1),
        tranches=2,
        note="Kampagne im Herbst",
        by=lead,
    )
    line.refresh_from_db()
    assert line.programme is None and line.source == "Crowdfunding im Quartier"
    assert (line.amount, line.status, line.expected_on, line.tranches, line.note) == (
        D("2500"),
        "approved",
        datetime.date(2026, 9, 1),
        2,
        "Kampagne im Herbst",
    )
    with pytest.raises(ValidationError):
        services.financing_line_update(line=line, amount=D("-3"), source_name="X", instrument=line.instrument, by=lead)
    line.refresh_from_db()
    assert line.amount == D("2500")
    services.financing_line_delete(line=line, by=lead)
    assert not FinancingLine.objects.exists()


def test_a_line_outlives_its_programme(initiative, lead, admin_user):
    heimat = programme("heimat-scheck-nrw")
    line = add(initiative, lead, "2000", programme=heimat)
    catalogue.programme_delete(programme=heimat, by=admin_user)
    line.refresh_from_db()
    assert line.programme is None
    assert (line.source, line.effective_instrument.slug) == (heimat.name, heimat.instrument_type.slug)
    assert plan_queries.overview(initiative).totals.total == D("2000")


def test_a_closed_initiative_keeps_its_plan(initiative, lead):
    line = add(initiative, lead)
    Initiative.objects.filter(pk=initiative.pk).update(status=Initiative.Status.ARCHIVED)
    initiative.refresh_from_db()
    for attempt in (
        lambda: add(initiative, lead),
        lambda: services.financing_line_delete(line=line, by=lead),
        lambda: services.financing_plan_update(initiative=initiative, start_month=None, by=lead),
        lambda: services.financing_fact_answer(initiative=initiative, fact="securities", value=True, by=lead),
    ):
        with pytest.raises(ValidationError, match="can no longer be changed"):
            attempt()
    assert FinancingLine.objects.count() == 1


def test_the_start_month_is_stored_as_its_first_day(initiative, lead):
    plan = services.financing_plan_update(initiative=initiative, start_month=datetime.date(2026, 4, 17), by=lead)
    assert plan.start_month == datetime.date(2026, 4, 1) and plan.updated_by == lead
    assert FinancingPlan.objects.get(initiative=initiative).start_month == datetime.date(2026, 4, 1)


# --- Services: the check's facts -----------------------------------------------------------------


def test_answering_the_checks_questions_saves_the_facts(initiative, lead):
    answer = services.financing_fact_answer
    answer(initiative=initiative, fact="capital_need", value=D("63000"), by=lead)
    answer(initiative=initiative, fact="own_funds", value=D("0"), by=lead)
    answer(initiative=initiative, fact="service_areas", value=[area("begegnung-kultur")], by=lead)
    answer(initiative=initiative, fact="profitability", value="weakly", by=lead)
    answer(initiative=initiative, fact="securities", value=False, by=lead)
    answer(initiative=initiative, fact="gemeinnuetzig", value=True, by=lead)
    answer(initiative=initiative, fact="area:dortmund-quartiersfonds-nordstadt", value=False, by=lead)
    plan = answer(initiative=initiative, fact="condition:sozialstiftung-nrw", value=True, by=lead)
    initiative.refresh_from_db()
    assert (initiative.capital_need, initiative.own_funds) == (D("63000"), D("0"))
    assert list(initiative.service_areas.values_list("slug", flat=True)) == ["begegnung-kultur"]
    assert (plan.profitability, plan.has_securities, plan.is_gemeinnuetzig) == ("weakly", False, True)
    assert plan.check_answers == {"area:dortmund-quartiersfonds-nordstadt": False, "condition:sozialstiftung-nrw": True}
    answer(initiative=initiative, fact="condition:sozialstiftung-nrw", value=None, by=lead)  # "don't know"
    assert FinancingPlan.objects.get().check_answers == {"area:dortmund-quartiersfonds-nordstadt": False}

    profile = plan_queries.profile_for(initiative, FinancingPlan.objects.get(), ["begegnung-kultur"])
    assert profile.legal_form == "keine" and profile.stage == initiative.stage
    assert (profile.state, profile.municipality) == ("DE-NW", "dortmund")
    assert profile.answer("area:dortmund-quartiersfonds-nordstadt") is False
    assert (profile.profitability, profile.has_securities, profile.is_gemeinnuetzig) == ("weakly", False, True)


def test_wrong_answers_are_refused(initiative, lead):
    answer = services.financing_fact_answer
    cases = [
        ("capital_need", D("-5"), {"value": ["The amount must not be negative."]}),
        ("capital_need", D("1.234"), {"value": ["Use at most two decimal places (whole cents)."]}),
        ("own_funds", D("2000000000"), {"value": ["The amount is too large: at most 1.000.000.000\xa0€."]}),
        ("profitability", "rich", {"value": ["Choose a value from the list."]}),
        ("securities", "maybe", {"value": ["Answer yes or no."]}),
        ("service_areas", [], {"value": ["Choose at least one service area."]}),
    ]
    for fact, value, errors in cases:
        with pytest.raises(ValidationError) as error:
            answer(initiative=initiative, fact=fact, value=value, by=lead)
        assert error.value.message_dict == errors, fact
    for fact in ("legal_form", "area:no-such-programme", "condition:startnext"):
        with pytest.raises(ValidationError):
            answer(initiative=initiative, fact=fact, value=True, by=lead)
    initiative.refresh_from_db()
    assert initiative.capital_need is None and not FinancingPlan.objects.filter(check_answers__isnull=False).exclude(
        check_answers={}
    )


# --- The plan: totals, mix, timeline, combination rules ------------------------------------------


def test_aktion_mensch_and_the_fernsehlotterie_do_not_combine(initiative, lead):
    add(initiative, lead, "60000", programme=programme("aktion-mensch-wohnen-2-8"))
    add(initiative, lead, "40000", programme=programme("deutsche-fernsehlotterie"))
    add(initiative, lead, "5000", source_name="Zuschuss der Bezirksvertretung", instrument=instrument("zuschuss"))
    conflicts = plan_queries.overview(initiative).conflicts
    assert any(
        "cannot be combined" in text and "Aktion Mensch" in text and "Fernsehlotterie" in text for text in conflicts
    )
    # The free grant line stands in for public funds: Aktion Mensch pays only what those do not cover.
    assert any("pays only what" in text and instrument("zuschuss").name in text for text in conflicts)


def test_the_overview_in_a_constant_number_of_queries(initiative, lead, django_assert_num_queries):
    concept = initiative.concept
    for category, label, amount in [
        ("one_off_cost", "Umbau", "45000"),
        ("annual_cost", "Miete", "9600"),
        ("annual_revenue", "Café", "6000"),
    ]:
        ConceptLineItem.objects.create(concept=concept, category=category, label=label, amount=D(amount))
    initiative.capital_need = D("63000")
    initiative.save()
    services.financing_plan_update(initiative=initiative, start_month=datetime.date(2026, 4, 1), by=lead)
    add(initiative, lead, "28000", programme=programme("efre-wohnviertel-im-wandel"), tranches=4)
    add(initiative, lead, "5000", expected_on=datetime.date(2026, 4, 15))
    add(initiative, lead, "2000", programme=programme("heimat-scheck-nrw"), expected_on=datetime.date(2026, 5, 1))
    # The lines with programmes, instrument types and municipalities (1), the plan (1), the concept's line
    # items (1), the service areas, the quarters' flags and the organisations for the check's verdict on each
    # source (3); the catalogue (programmes and combination rules) comes from the cache.
    matching_catalogue()
    with django_assert_num_queries(6):
        overview = plan_queries.overview(initiative)
        conflicts = overview.conflicts
    assert overview.totals.total == D("35000") and overview.totals.gap == D("28000")
    assert [(row.instrument, row.amount) for row in overview.mix] == [
        (instrument("zuschuss").name, D("30000")),
        (instrument("spenden").name, D("5000")),
    ]
    assert overview.budget.annual_result == D("-3600")
    # EFRE pays after spending: nothing in April, the first of four tranches of 7.000 € in May.
    months = {row.month: row for row in overview.timeline.months}
    assert months[datetime.date(2026, 4, 1)].sources == D("5000")
    assert months[datetime.date(2026, 6, 1)].sources == D("7000")
    assert overview.timeline.peak_bridging == D("40300")  # 45.000 + 800 − 500 − 5.000 in April
    assert any("EFRE" in text and "pre-finance" in text for text in conflicts)


# --- Permissions ---------------------------------------------------------------------------------


@pytest.fixture
def people(lead, core_member, supporter, resident, advisor, coordinator, other_coordinator, admin_user):
    return {
        "lead": lead,
        "core": core_member,
        "supporter": supporter,
        "resident": resident,
        "advisor": advisor,
        "coordinator": coordinator,
        "other_coordinator": other_coordinator,
        "admin": admin_user,
    }


SEES = {"lead", "core", "advisor", "coordinator", "admin"}
EDITS = {"lead", "core", "admin"}


@pytest.mark.parametrize("status", ["draft", "published", "archived"])
def test_who_sees_and_edits_the_plan_and_the_check(initiative, people, status):
    Initiative.objects.filter(pk=initiative.pk).update(status=status)
    initiative.refresh_from_db()
    editable = status != "archived"
    for name, user in [*people.items(), ("visitor", AnonymousUser())]:
        sees = name in SEES
        edits = name in EDITS and (editable or name == "admin")
        assert user.has_perm("initiatives.view_financing_plan", initiative) is sees, (name, status)
        assert user.has_perm("initiatives.view_financing_check", initiative) is sees, (name, status)
        assert user.has_perm("initiatives.change_financing_plan", initiative) is edits, (name, status)
        assert user.has_perm("initiatives.answer_financing_check", initiative) is edits, (name, status)


# --- Pages ---------------------------------------------------------------------------------------


# Every page: user (the session comes from the cache), staff roles, unread notifications, the navigation's
# municipalities.
BASE_QUERIES = 4


def test_plan_page_for_the_team(client_for, initiative, lead, django_assert_num_queries):
    initiative.capital_need = D("20000")
    initiative.save()
    add(initiative, lead, "12500.5", programme=programme("heimat-scheck-nrw"), status="approved")
    add(initiative, lead, "4000", expected_on=datetime.date(2026, 5, 1))
    for number in range(10):  # more lines, no more queries
        add(initiative, lead, "10", source_name=f"Spende {number}", expected_on=datetime.date(2030, 1, 1))
    client = client_for(lead)
    matching_catalogue()  # the check's catalogue is cached: one page or another reads it first
    # The base (5), the initiative (1), the lead's roles (1), the lines with programmes and instrument types (1),
    # the plan (1), the concept's line items (1), the service areas, the quarters' flags and the organisations
    # for the check's verdict on each source (3).
    with django_assert_num_queries(BASE_QUERIES + 8):
        response = client.get(url("plan", initiative))
    assert response.status_code == 200
    text = response.content.decode()
    assert "12.500,50\xa0€" in text and "16.600,50\xa0€" in text  # a line and the total
    assert "Remaining gap" in text and "3.399,50\xa0€" in text
    assert "Payments after the months shown" in text  # the donations of 2030
    assert url("plan_line_edit", initiative, FinancingLine.objects.first().pk) in text
    assert "plan-mix-title" in text  # the mix chart, followed by its table
    assert "Money needed and money in per month" in text


def test_staff_see_the_plan_without_editing_it(client_for, initiative, lead, advisor, supporter):
    add(initiative, lead)
    response = client_for(advisor).get(url("plan", initiative))
    assert response.status_code == 200
    assert url("plan_line_add", initiative) not in response.content.decode()
    assert client_for(advisor).get(url("plan_line_add", initiative)).status_code == 403
    assert client_for(supporter).get(url("plan", initiative)).status_code == 403


def test_add_a_line_with_bad_and_good_amounts(client_for, initiative, lead):
    client = client_for(lead)
    data = {
        "source_name": "Spenden aus der Nachbarschaft",
        "instrument": instrument("spenden").pk,
        "amount": "-5",
        "status": "planned",
        "tranches": "1",
    }
    for typed, message in [
        ("-5", "The amount must not be negative."),
        ("1,234", "Use at most two decimal places (whole cents)."),
        ("2.000.000.000", "The amount is too large: at most 1.000.000.000\xa0€."),
    ]:
        response = client.post(url("plan_line_add", initiative), {**data, "amount": typed})
        assert response.status_code == 200
        text = response.content.decode()
        assert message in text
        assert f'value="{typed}"' in text  # what was typed stays in the form
        assert 'value="Spenden aus der Nachbarschaft"' in text
    assert not FinancingLine.objects.exists()
    response = client.post(url("plan_line_add", initiative), {**data, "amount": "12.500,50"})
    assert response.status_code == 302 and response.url == url("plan", initiative)
    assert FinancingLine.objects.get().amount == D("12500.50")


def test_add_a_programme_line_and_refuse_both(client_for, initiative, lead):
    client = client_for(lead)
    heimat = programme("heimat-scheck-nrw")
    data = {"programme": heimat.pk, "amount": "2.000", "status": "applied", "tranches": "1"}
    response = client.post(url("plan_line_add", initiative), {**data, "source_name": "Noch was"})
    assert "not both" in response.content.decode()
    response = client.post(url("plan_line_add", initiative), data)
    assert response.status_code == 302
    assert FinancingLine.objects.get().programme == heimat


def test_edit_and_delete_pages(client_for, initiative, lead):
    line = add(initiative, lead, "1500", expected_on=datetime.date(2026, 5, 1))
    client = client_for(lead)
    page = client.get(url("plan_line_edit", initiative, line.pk))
    assert 'value="1.500"' in page.content.decode() and 'value="2026-05-01"' in page.content.decode()
    response = client.post(
        url("plan_line_edit", initiative, line.pk),
        {
            "source_name": "Spenden",
            "instrument": line.instrument.pk,
            "amount": "1.750,25",
            "status": "received",
            "tranches": "2",
        },
    )
    assert response.status_code == 302
    line.refresh_from_db()
    assert (line.amount, line.status, line.tranches, line.expected_on) == (D("1750.25"), "received", 2, None)
    confirm = client.get(url("plan_line_delete", initiative, line.pk))
    assert confirm.status_code == 200 and "Do you really want to remove" in confirm.content.decode()
    assert FinancingLine.objects.exists()  # the confirmation page deletes nothing
    response = client.post(url("plan_line_delete", initiative, line.pk))
    assert response.status_code == 302 and not FinancingLine.objects.exists()


def test_a_line_of_another_initiative_is_not_found(client_for, initiative, lead, other_quarter):
    other = InitiativeFactory(quarter=other_quarter, lead=lead)
    line = add(other, lead)
    assert client_for(lead).get(url("plan_line_edit", initiative, line.pk)).status_code == 404
    assert client_for(lead).forge_post(url("plan_line_delete", initiative, line.pk)).status_code == 404
    assert FinancingLine.objects.filter(pk=line.pk).exists()


def test_the_start_month(client_for, initiative, lead):
    client = client_for(lead)
    response = client.post(url("plan_settings", initiative), {"start_month": "2026-04"}, page=url("plan", initiative))
    assert response.status_code == 302
    assert FinancingPlan.objects.get().start_month == datetime.date(2026, 4, 1)
    page = client.get(url("plan", initiative))
    assert 'value="2026-04"' in page.content.decode() and "04/2026" in page.content.decode()
    response = client.post(url("plan_settings", initiative), {"start_month": "April"}, page=page)
    assert response.status_code == 200 and 'value="April"' in response.content.decode()
    assert FinancingPlan.objects.get().start_month == datetime.date(2026, 4, 1)


def test_the_plan_page_marks_months_that_need_bridging(client_for, initiative, lead):
    ConceptLineItem.objects.create(concept=initiative.concept, category="one_off_cost", label="Umbau", amount=10000)
    services.financing_plan_update(initiative=initiative, start_month=datetime.date(2026, 3, 1), by=lead)
    add(initiative, lead, "4000")
    add(
        initiative,
        lead,
        "9000",
        programme=programme("efre-wohnviertel-im-wandel"),
        expected_on=datetime.date(2026, 4, 1),
        tranches=3,
    )
    text = client_for(lead).get(url("plan", initiative)).content.decode()
    assert "bridging finance of up to 6.000\xa0€ is needed" in text
    assert text.count('class="table-danger"') == 2  # March and April, before the second tranche
    assert "chart-gap" in text


def test_check_page_for_the_team(client_for, initiative, lead, django_assert_num_queries):
    client = client_for(lead)
    # The base (5), the initiative (1), the lead's roles (1), the plan (1), the initiative's service areas (1),
    # the plan's lines for the own funds (1), the organisations (1), the quarters' flags (1), the catalogue for
    # the check (9), the service areas offered by the in-place answer (1).
    with django_assert_num_queries(BASE_QUERIES + 17):
        response = client.get(url("check", initiative))
    assert response.status_code == 200
    text = response.content.decode()
    result = response.context["result"]
    assert result.programme_count == Programme.objects.count()
    assert "How much money does the initiative need?" in text  # the missing capital need, asked in place
    assert 'name="fact" value="capital_need"' in text
    assert reverse("financing:instrument_detail", args=["zuschuss"]) in text  # each instrument links its guide
    assert response.context["profile"].legal_form == "keine"


def test_a_parish_carries_the_initiative_and_is_not_asked_for_its_legal_form(client_for, initiative, lead):
    """A parish is a public-law body (KdöR), not a form an initiative founds; the wizard offers it all the same
    and the check then knows the legal form."""
    parish = LegalForm.objects.get(slug="kdoer")
    client = client_for(lead)
    wizard = client.get(url("wizard", initiative, 3))
    assert f'value="{parish.pk}"' in wizard.content.decode()
    client.post(url("wizard", initiative, 3), {"legal_form": parish.pk, "stage": "concept"}, page=wizard)
    initiative.refresh_from_db()
    assert initiative.legal_form == parish
    response = client.get(url("check", initiative))
    assert response.context["profile"].legal_form == "kdoer"
    assert "legal_form" not in {question.key for question in response.context["result"].questions}
    assert "KdöR" in response.content.decode()


def test_answering_in_place_saves_the_fact_and_keeps_a_bad_answer(client_for, initiative, lead):
    client = client_for(lead)
    response = client.post(url("check", initiative), {"fact": "capital_need", "fact-capital_need-value": "-50"})
    assert response.status_code == 200
    text = response.content.decode()
    assert "The amount must not be negative." in text and 'value="-50"' in text
    initiative.refresh_from_db()
    assert initiative.capital_need is None
    response = client.post(url("check", initiative), {"fact": "capital_need", "fact-capital_need-value": "63.000"})
    assert response.status_code == 302 and response.url.endswith("#profile")
    initiative.refresh_from_db()
    assert initiative.capital_need == D("63000")
    client.post(url("check", initiative), {"fact": "securities", "fact-securities-value": "no"})
    client.post(url("check", initiative), {"fact": "area:dortmund-quartiersfonds-nordstadt", "value": "yes"})
    plan = FinancingPlan.objects.get()
    assert plan.has_securities is False
    assert plan.check_answers == {"area:dortmund-quartiersfonds-nordstadt": True}
    page = client.get(url("check", initiative))
    assert page.context["profile"].capital_need == D("63000")
    assert page.context["profile"].answer("area:dortmund-quartiersfonds-nordstadt") is True
    assert "Dortmund-Nordstadt" in page.content.decode()  # the answered programme question is listed


def test_an_answered_defining_condition_is_listed_and_can_be_taken_back(client_for, initiative, lead):
    """Once answered, a defining condition leaves the open questions: the profile lists the answer with its
    buttons, so the team can change it or take it back ("Don't know")."""
    client = client_for(lead)
    key = "defines:wohnen-menschen-mit-behinderung"
    question = "Is the project an accessible, outpatient-supported home for 2 to 8 people with disabilities?"
    client.post(url("check", initiative), {"fact": key, "value": "yes"})
    client.post(url("check", initiative), {"fact": "area:dortmund-quartiersfonds-nordstadt", "value": "no"})
    page = client.get(url("check", initiative))
    assert [(answer["key"], answer["text"], answer["value"]) for answer in page.context["programme_answers"]] == [
        (
            "area:dortmund-quartiersfonds-nordstadt",
            f"Is the project in this area: Dortmund-Nordstadt? ({programme('dortmund-quartiersfonds-nordstadt').name})",
            False,
        ),
        (key, question, True),
    ]
    client.post(url("check", initiative), {"fact": key, "value": ""}, page=url("check", initiative))
    assert FinancingPlan.objects.get().check_answers == {"area:dortmund-quartiersfonds-nordstadt": False}
    assert [answer["key"] for answer in client.get(url("check", initiative)).context["programme_answers"]] == [
        "area:dortmund-quartiersfonds-nordstadt"
    ]


def test_staff_see_the_check_but_do_not_answer(client_for, initiative, coordinator):
    client = client_for(coordinator)
    response = client.get(url("check", initiative))
    assert response.status_code == 200
    assert 'name="fact"' not in response.content.decode()
    response = client.forge_post(url("check", initiative), {"fact": "capital_need", "fact-capital_need-value": "100"})
    assert response.status_code == 403
    initiative.refresh_from_db()
    assert initiative.capital_need is None


def test_links_from_the_members_area_and_the_concept(client_for, initiative, lead, supporter):
    assert url("plan", initiative) in client_for(lead).get(url("members_area", initiative)).content.decode()
    assert url("check", initiative) in client_for(lead).get(url("members_area", initiative)).content.decode()
    assert url("plan", initiative) in client_for(lead).get(url("concept", initiative)).content.decode()
    assert url("plan", initiative) not in client_for(supporter).get(url("members_area", initiative)).content.decode()


def test_the_service_model_page_starts_an_initiative(client):
    response = client.get(reverse("financing:service_model_detail", args=["quartierstreff"]))
    assert reverse("initiatives:start_from_model", args=["quartierstreff"]) in response.content.decode()


# --- The concept report --------------------------------------------------------------------------


def test_report_section(initiative, lead, django_assert_max_num_queries):
    initiative.capital_need = D("63000")
    initiative.legal_form = legal_form("ev")
    initiative.save()
    initiative.service_areas.set([area("begegnung-kultur")])
    add(initiative, lead, "60000", programme=programme("aktion-mensch-wohnen-2-8"), status="applied")
    add(initiative, lead, "1500.5")
    initiative = Initiative.objects.select_related("municipality", "legal_form").get(pk=initiative.pk)
    # The catalogue (9), the lines (1), the plan (1), the concept's line items (1), the service areas (1), the
    # quarters' flags (1), the organisations (1), the fitting programmes' providers (1).
    with django_assert_max_num_queries(16):
        section = plan_queries.report_section(initiative)
    assert [line["source"] for line in section["lines"]] == [
        programme("aktion-mensch-wohnen-2-8").name,
        "Spenden aus der Nachbarschaft",
    ]
    assert section["lines"][0]["status"] == "applied for"
    assert section["total"] == D("61500.50") and section["gap"] == D("1499.50")
    assert section["mix_chart"] is not None and len(section["mix_chart"].rows) == 2
    assert all({"name", "provider", "amount_text"} <= set(item) for item in section["matched"])


def test_the_concept_report_shows_the_financing_plan(initiative, lead):
    initiative.capital_need = D("63000")
    initiative.save()
    add(initiative, lead, "12345.67", source_name="Spende der Bürgerstiftung")
    add(initiative, lead, "4000", programme=programme("heimat-scheck-nrw"))
    pdf = report_render_now(kind="initiative_concept", subject=initiative, language="de")
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Spende der Bürgerstiftung" in text
    assert "16.345,67" in text  # the plan's total


# --- Demo ----------------------------------------------------------------------------------------


def test_the_demo_initiatives_have_financing_plans():
    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())  # the second run adds no lines
    marten = Initiative.objects.get(slug="multifunktionaler-raum-marten")
    eving = Initiative.objects.get(slug="elterninitiative-inklusives-wohnen-eving")
    assert marten.financing_lines.count() == 6 and eving.financing_lines.count() == 8
    marten_plan = plan_queries.overview(marten)
    assert marten_plan.totals.gap == D("8000")  # 63.000 € needed, 55.000 € planned
    assert marten_plan.timeline.peak_bridging > 0  # EFRE pays after spending
    eving_plan = plan_queries.overview(eving)
    assert eving_plan.totals.total == eving.capital_need == D("180000")
    assert any("cannot be combined" in text for text in eving_plan.conflicts)


# --- One set of totals: plan, viability, check, report --------------------------------------------


def test_viability_plan_check_and_report_show_the_same_secured_money(client_for, initiative, lead, core_member):
    """The viability check counted own funds and pledges (53.500 € for Eving) while the plan counted its
    secured sources (48.500 €): now both read the plan's totals, and pledges not in the plan are named."""
    initiative.capital_need = D("20000")
    initiative.own_funds = D("9999")  # the profile's answer gives way to the plan's own-funds sources
    initiative.save()
    services.pledge_create(initiative=initiative, kind="donation", amount=D("4000"), by=core_member)
    add(
        initiative,
        lead,
        "5000",
        source_name="Anteile",
        instrument=instrument("genossenschaftsanteile"),
        status="received",
    )
    add(initiative, lead, "2000", source_name="Rücklage", instrument=instrument("erloese"), status="approved")
    add(initiative, lead, "3000", source_name="Fest", instrument=instrument("spenden"), status="planned")
    add(initiative, lead, "4000", source_name="Kredit", instrument=instrument("darlehen"), status="applied")

    totals = plan_queries.plan_totals(initiative)
    assert (totals.secured, totals.applied, totals.planned, totals.total) == (
        D("7000"),
        D("4000"),
        D("3000"),
        D("14000"),
    )
    assert (totals.gap, totals.to_secure, totals.own_funds) == (D("6000"), D("13000"), D("7000"))
    assert plan_queries.overview(initiative).totals.secured == totals.secured

    capital = queries.viability_check(initiative).lines[1]
    assert (capital.status, capital.have, capital.need) == ("short", "7.000\xa0€", "20.000\xa0€")
    assert "Applied for: 4.000\xa0€, planned: 3.000\xa0€." in capital.explanation
    # 4.000 € of donations pledged, 3.000 € of donations in the plan: 1.000 € more pledged than the plan holds.
    assert "pledged 1.000\xa0€ more" in capital.explanation

    # The check's own-share test reads the plan's secured own funds (shares and own money), not the profile.
    profile = plan_queries.profile_for(initiative, None, [])
    assert profile.own_funds == D("7000")

    page = client_for(lead).get(url("plan", initiative)).content.decode()
    assert "of which secured (received or approved)" in page and "7.000\xa0€" in page
    assert "Not yet secured" in page and "13.000\xa0€" in page

    check = client_for(lead).get(url("check", initiative)).content.decode()
    assert "From the financing plan" in check and 'name="fact" value="own_funds"' not in check
    assert "The financing plan in figures" in check and "13.000\xa0€" in check  # not yet secured, as on the plan

    section = plan_queries.report_section(initiative)
    assert section["totals"].secured == D("7000") and section["totals"].to_secure == D("13000")


def test_without_own_funds_sources_the_check_asks_for_own_funds(initiative, lead):
    initiative.own_funds = D("1500")
    initiative.save()
    add(initiative, lead, "5000", source_name="Kredit", instrument=instrument("darlehen"), status="approved")
    assert plan_queries.profile_for(initiative, None, []).own_funds == D("1500")


def test_a_covered_plan_shows_no_gap_instead_of_covered_zero(client_for, initiative, lead):
    """ "Gedeckt 0,00 €" was shown in green where the remaining gap was meant."""
    initiative.capital_need = D("5000")
    initiative.save()
    add(initiative, lead, "5000", status="approved")
    page = client_for(lead).get(url("plan", initiative)).content.decode()
    assert "Remaining gap of the plan" in page and "None: the sources of the plan cover the capital need." in page
    assert ">Covered<" not in page


def test_the_plan_marks_a_programme_the_check_rejects_and_sources_the_rules_forbid(client_for, initiative, lead):
    """Eving's plan counted Aktion Mensch while the check said it does not fit, and counted Aktion Mensch and
    the Fernsehlotterie, which the combination rules forbid together, both without a word."""
    initiative.capital_need = D("150000")
    initiative.legal_form = legal_form("gbr")  # Aktion Mensch funds gemeinnützige organisations only
    initiative.save()
    aktion_mensch = programme("aktion-mensch-wohnen-2-8")
    lotterie = programme("deutsche-fernsehlotterie")
    add(initiative, lead, "60000", programme=aktion_mensch, status="applied")
    add(initiative, lead, "40000", programme=lotterie, status="planned")
    add(initiative, lead, "1000")
    overview = plan_queries.overview(initiative)
    verdicts = {line.source: line.verdict for line in overview.lines}
    am = verdicts[aktion_mensch.name]
    assert am.group == "does_not_fit" and am.questioned
    assert any("does not fit" in warning for warning in am.warnings)
    assert any(lotterie.name in warning for warning in am.warnings)
    assert any(aktion_mensch.name in warning for warning in verdicts[lotterie.name].warnings)
    assert not verdicts["Spenden aus der Nachbarschaft"].warnings
    assert overview.totals.questioned == D("100000")
    page = client_for(lead).get(url("plan", initiative)).content.decode()
    assert "The financing check says this programme does not fit" in page
    assert "The combination rules forbid this source together with" in page
    assert "of which questioned by the financing check" in page and "100.000\xa0€" in page
