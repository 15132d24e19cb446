"""An initiative of several organisations (an e.V. founding an eG): one lead organisation, sources received by
each, the check judging each programme for the organisation that would apply."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from financing.models import InstrumentType, Programme
from financing.queries import matching_catalogue
from initiatives import services
from initiatives.models import Entity, FinancingLine
from initiatives.plan import organisation
from initiatives.plan import queries as plan_queries
from tests.initiatives.factories import InitiativeFactory, legal_form

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]
D = Decimal


@pytest.fixture
def client_for(english_client_for):
    return english_client_for


def url(name, initiative, *args):
    return reverse(f"initiatives:{name}", args=[initiative.slug, *args])


def two_organisations(initiative, lead):
    association = organisation.entity_save(
        initiative=initiative, name="Elternverein e.V.", legal_form=legal_form("ev"), is_gemeinnuetzig=True, by=lead
    )
    cooperative = organisation.entity_save(
        initiative=initiative, name="Wohnen eG i. G.", legal_form=legal_form("eg"), founding="founding", by=lead
    )
    return association, cooperative


def test_the_first_organisation_leads_and_gives_the_initiative_its_legal_form(initiative, lead):
    association, cooperative = two_organisations(initiative, lead)
    initiative.refresh_from_db()
    assert association.is_lead and not cooperative.is_lead
    assert initiative.legal_form.slug == "ev"


def test_bad_input_is_refused_and_nothing_saved(initiative, lead):
    _association, _cooperative = two_organisations(initiative, lead)
    with pytest.raises(ValidationError) as second_lead:
        organisation.entity_save(initiative=initiative, name="Noch ein Verein", is_lead=True, by=lead)
    assert "Elternverein e.V." in str(second_lead.value.message_dict["is_lead"])
    with pytest.raises(ValidationError) as negative:
        organisation.entity_save(initiative=initiative, name="Stiftung", own_funds=D("-5"), by=lead)
    assert "negative" in str(negative.value.message_dict["own_funds"])
    with pytest.raises(ValidationError) as twice:
        organisation.entity_save(initiative=initiative, name="Elternverein e.V.", by=lead)
    assert "name" in twice.value.message_dict
    other = InitiativeFactory(name="Andere", slug="andere", quarter=initiative.quarters.first())
    foreign = organisation.entity_save(initiative=other, name="Fremder Verein", by=lead)
    with pytest.raises(ValidationError) as not_ours:
        services.financing_line_add(
            initiative=initiative,
            amount=D("100"),
            source_name="Spende",
            instrument=InstrumentType.objects.get(slug="spenden"),
            entity=foreign,
            by=lead,
        )
    assert "entity" in not_ours.value.message_dict
    assert Entity.objects.filter(initiative=initiative).count() == 2
    assert not FinancingLine.objects.filter(initiative=initiative).exists()


def test_deleting_an_organisation_asks_first_and_moves_its_sources_to_the_lead(client_for, initiative, lead):
    association, cooperative = two_organisations(initiative, lead)
    shares = services.financing_line_add(
        initiative=initiative,
        amount=D("3500"),
        source_name="Genossenschaftsanteile",
        instrument=InstrumentType.objects.get(slug="genossenschaftsanteile"),
        entity=cooperative,
        by=lead,
    )
    with pytest.raises(ValidationError):
        organisation.entity_delete(entity=association, by=lead)  # the lead goes last
    client = client_for(lead)
    page = client.get(url("organisation_delete", initiative, cooperative.pk)).content.decode()
    assert "Genossenschaftsanteile" in page and "3.500\xa0€" in page  # the source that moves is named
    response = client.post(url("organisation_delete", initiative, cooperative.pk))
    assert response.status_code == 302
    shares.refresh_from_db()
    assert shares.entity == association and not Entity.objects.filter(pk=cooperative.pk).exists()


def test_the_team_adds_an_organisation_on_the_page(client_for, initiative, lead):
    client = client_for(lead)
    response = client.post(
        url("organisation", initiative),
        {
            "name": "Quartiersverein e.V.",
            "legal_form": legal_form("ev").pk,
            "founding": "founded",
            "own_funds": "1.500",
        },
    )
    assert response.status_code == 302
    entity = Entity.objects.get(initiative=initiative)
    assert (entity.name, entity.own_funds, entity.is_lead) == ("Quartiersverein e.V.", D("1500"), True)
    refused = client.post(url("organisation", initiative), {"name": "", "founding": "founded", "own_funds": "abc"})
    assert refused.status_code == 200 and 'value="abc"' in refused.content.decode()  # what was typed stays


def test_a_programme_is_judged_for_the_organisation_that_receives_it(client_for, initiative, lead):
    """The Eving parents' association (e.V.) founding a cooperative (eG) could not be represented: KfW 134 is
    for cooperatives only, so the check rejected it for the e.V.; received by the eG it is judged for the eG."""
    _association, cooperative = two_organisations(initiative, lead)
    kfw = Programme.objects.get(slug="kfw-134-genossenschaftliches-wohnen")
    line = services.financing_line_add(initiative=initiative, amount=D("30000"), programme=kfw, by=lead)
    matching_catalogue()
    verdict = next(found for found in plan_queries.overview(initiative).lines if found.pk == line.pk).verdict
    assert verdict.group == "does_not_fit" and not verdict.judged_for  # judged for the lead e.V.
    services.financing_line_update(line=line, amount=D("30000"), programme=kfw, entity=cooperative, by=lead)
    verdict = next(found for found in plan_queries.overview(initiative).lines if found.pk == line.pk).verdict
    assert verdict.group != "does_not_fit" and verdict.judged_for == "eG"
    page = client_for(lead).get(url("plan", initiative)).content.decode()
    assert "Received by Wohnen eG i. G." in page and "Judged by the check for: eG" in page
    # The check of the lead organisation says which programmes fit the eG instead.
    check = client_for(lead).get(url("check", initiative)).content.decode()
    assert "The check below is for the lead organisation, Elternverein e.V." in check
    assert "Fits for Wohnen eG i. G." in check


def test_member_fees_fit_the_lead_association(initiative, lead):
    """The check said member fees do not fit ("only e.V.") when the initiative's one legal form was the eG."""
    two_organisations(initiative, lead)
    lines = list(plan_queries.financing_lines(initiative))
    lead_entity = Entity.objects.get(initiative=initiative, is_lead=True)
    profile = plan_queries.profile_for(initiative, None, [], lines=lines, entity=lead_entity)
    assert profile.legal_form == "ev" and profile.is_gemeinnuetzig is True
    eg = Entity.objects.get(initiative=initiative, is_lead=False)
    assert plan_queries.profile_for(initiative, None, [], lines=lines, entity=eg).legal_form == "eg"


def test_the_line_form_offers_the_organisations_only_when_there_are_several(client_for, initiative, lead):
    client = client_for(lead)
    assert 'name="entity"' not in client.get(url("plan_line_add", initiative)).content.decode()
    two_organisations(initiative, lead)
    assert 'name="entity"' in client.get(url("plan_line_add", initiative)).content.decode()
