"""Reads: what each user may see, the directory with its search, figures, totals, with their query counts."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection

from initiatives import queries, services
from initiatives.models import Initiative
from needs.models import Need
from tests.initiatives.factories import (
    HelpOfferFactory,
    InitiativeFactory,
    PledgeFactory,
    TakeoverFactory,
    legal_form,
)
from tests.needs.factories import NeedFactory, SupportFactory, area

pytestmark = pytest.mark.django_db


@pytest.fixture
def states(quarter, other_quarter, lead):
    """One initiative per state in Dortmund (the lead's), and a draft in Gelsenkirchen."""
    made = {
        state: InitiativeFactory(quarter=quarter, status=state, name=f"I-{state}", lead=lead)
        for state in Initiative.Status.values
    }
    made["foreign_draft"] = InitiativeFactory(quarter=other_quarter, status="draft", name="Fremd")
    return made


def names(queryset):
    return set(queryset.values_list("name", flat=True))


PUBLIC = {"I-published"}
DORTMUND = {f"I-{state}" for state in Initiative.Status.values}


def test_visitors_and_residents_see_published_only(states, resident):
    assert names(queries.initiatives_visible_to(AnonymousUser())) == PUBLIC
    assert names(queries.initiatives_visible_to(resident)) == PUBLIC


def test_members_see_their_own_in_every_state(states, lead):
    assert names(queries.initiatives_visible_to(lead)) == DORTMUND


def test_staff_see_their_municipality_only(states, advisor, coordinator, other_coordinator):
    assert names(queries.initiatives_visible_to(advisor)) == DORTMUND
    assert names(queries.initiatives_visible_to(coordinator)) == DORTMUND
    assert names(queries.initiatives_visible_to(other_coordinator)) == PUBLIC | {"Fremd"}


def test_admins_see_everything(states, admin_user):
    assert names(queries.initiatives_visible_to(admin_user)) == DORTMUND | {"Fremd"}


def test_the_carrier_of_a_takeover_sees_it(states, resident):
    TakeoverFactory(initiative=states["draft"], quarter_coordinator=resident)
    assert names(queries.initiatives_visible_to(resident)) == PUBLIC | {"I-draft"}


def test_visibility_is_one_query(states, coordinator, django_assert_num_queries):
    # Staff roles (cached on the user afterwards) and the list itself.
    with django_assert_num_queries(2):
        list(queries.initiatives_visible_to(coordinator))


# --- Directory -----------------------------------------------------------------------------------


def test_directory_filters(quarter, other_quarter):
    ev = legal_form("ev")
    cafe = InitiativeFactory(quarter=quarter, name="Café", motives=["community", "building"], legal_form=ev)
    cafe.service_areas.set([area("begegnung-kultur")])
    bus = InitiativeFactory(quarter=quarter, name="Bus", motives=["supply_gap"], stage="operating")
    bus.service_areas.set([area("mobilitaet"), area("begegnung-kultur")])
    InitiativeFactory(quarter=other_quarter, name="Garten", motives=["community"])
    InitiativeFactory(quarter=quarter, name="Entwurf", status="draft", motives=["community"])

    def run(**filters):
        return [i.name for i in queries.directory(queries.DirectoryFilter(**filters))]

    assert run() == ["Bus", "Café", "Garten"]
    assert run(motive="community") == ["Café", "Garten"]
    assert run(motive="building") == ["Café"]
    assert run(quarter=quarter.pk) == ["Bus", "Café"]
    assert run(service_area=area("begegnung-kultur").pk) == ["Bus", "Café"]  # no duplicates from the join
    assert run(stage="operating") == ["Bus"]
    assert run(legal_form=ev.pk) == ["Café"]
    assert run(municipality=other_quarter.municipality_id) == ["Garten"]


def test_directory_query_count(quarter, django_assert_num_queries):
    for n in range(12):
        initiative = InitiativeFactory(quarter=quarter, name=f"Initiative {n:02}")
        initiative.service_areas.set([area()])
    # The initiatives with municipality and legal form joined, then quarters and service areas prefetched.
    with django_assert_num_queries(3):
        for initiative in queries.directory(queries.DirectoryFilter()):
            _ = (initiative.municipality.name, initiative.legal_form, list(initiative.quarters.all()))
            _ = list(initiative.service_areas.all())


def test_search_plain_fallback(quarter, lead):
    if connection.vendor == "postgresql":
        pytest.skip("PostgreSQL searches the stored vector, see test_full_text_search")
    InitiativeFactory(quarter=quarter, name="Repair-Café", description="Wir reparieren Fahrräder.")
    InitiativeFactory(quarter=quarter, name="Chor")
    assert [i.name for i in queries.directory(queries.DirectoryFilter(q="fahrräder"))] == ["Repair-Café"]


def test_full_text_search_in_german(quarter, lead):
    if connection.vendor != "postgresql":
        pytest.skip("full-text search needs PostgreSQL; SQLite uses the icontains fallback")

    def register(name, short, description=""):
        initiative = services.initiative_create(name=name, quarters=[quarter], short_description=short, by=lead)
        services.initiative_update(
            initiative=initiative,
            step=1,
            data={"name": name, "quarters": [quarter], "short_description": short, "description": description},
            by=lead,
        )
        Initiative.objects.filter(pk=initiative.pk).update(status="published", published_at=initiative.created_at)
        return initiative

    register("Gemeinschaftsgärten Marten", "Wir gärtnern zusammen.")
    register("Nachbarschaftscafé", "Kaffee und Kuchen", description="Mit einem kleinen Gemeinschaftsgarten im Hof.")
    register("Bürgerbus", "Fahrten zum Arzt")
    # German stemming: "Gemeinschaftsgarten" finds "Gemeinschaftsgärten"? Not guaranteed; the plural of
    # "Fahrt" is, and the name (weight A) ranks above the description (weight C).
    assert [i.name for i in queries.directory(queries.DirectoryFilter(q="Fahrt"))] == ["Bürgerbus"]
    result = [i.name for i in queries.directory(queries.DirectoryFilter(q="Gemeinschaftsgarten"))]
    assert result[-1] == "Nachbarschaftscafé"
    # The vector is stored, not computed per query.
    assert Initiative.objects.filter(search_vector__isnull=True, status="published").count() == 0


def test_concept_text_is_searchable(quarter, lead):
    if connection.vendor != "postgresql":
        pytest.skip("full-text search needs PostgreSQL")
    initiative = services.initiative_create(name="Treff", quarters=[quarter], short_description="x", by=lead)
    Initiative.objects.filter(pk=initiative.pk).update(status="published", published_at=initiative.created_at)
    services.concept_update(concept=initiative.concept, data={"offer": "Mittagstisch für Senioren"}, by=lead)
    assert [i.name for i in queries.directory(queries.DirectoryFilter(q="Mittagstisch"))] == ["Treff"]


# --- Profile figures -----------------------------------------------------------------------------


def test_answered_needs_with_support_counts(initiative, resident):
    quarter = initiative.quarters.get()
    strong, weak = NeedFactory(quarter=quarter, title="Stark"), NeedFactory(quarter=quarter, title="Schwach")
    hidden = NeedFactory(quarter=quarter, title="Verborgen", status=Need.Status.SUBMITTED)
    SupportFactory.create_batch(4, need=strong)
    SupportFactory(need=weak)
    initiative.answered_needs.set([strong, weak, hidden])
    visible = queries.answered_needs_with_support(initiative, AnonymousUser())
    assert [(n.title, n.support_total) for n in visible] == [("Stark", 4), ("Schwach", 1)]


def test_activation_figures(initiative, resident):
    HelpOfferFactory(initiative=initiative, hours_per_month=5, status="accepted")
    HelpOfferFactory(initiative=initiative, hours_per_month=50, status="declined")
    PledgeFactory(initiative=initiative, kind="hours", amount=None, hours_per_month=3)
    figures = queries.activation(initiative)
    assert (figures.core_members, figures.supporters, figures.hours_pledged) == (2, 1, 8)


def test_concept_totals(initiative, lead):
    for category, amount in [("one_off_cost", "1000"), ("annual_cost", "300.50"), ("annual_revenue", "500")]:
        services.line_item_add(
            concept=initiative.concept, category=category, label=category, amount=Decimal(amount), by=lead
        )
    totals = queries.concept_totals(initiative.concept.line_items.all())
    assert (totals.one_off_costs, totals.annual_costs, totals.annual_revenues) == (
        Decimal("1000"),
        Decimal("300.50"),
        Decimal("500"),
    )
    assert totals.annual_result == Decimal("199.50")


def test_staff_overview_puts_waiting_first(quarter):
    InitiativeFactory(quarter=quarter, name="A veröffentlicht")
    InitiativeFactory(quarter=quarter, name="Z eingereicht", status="submitted")
    InitiativeFactory(quarter=quarter, name="Entwurf", status="draft")
    assert [i.name for i in queries.staff_overview(quarter.municipality)] == ["Z eingereicht", "A veröffentlicht"]
    assert queries.review_queue(quarter.municipality).count() == 1


def test_search_vector_has_a_gin_index():
    if connection.vendor != "postgresql":
        pytest.skip("the GIN index exists on PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'initiative_search_gin'")
        (definition,) = cursor.fetchone()
    assert "USING gin (search_vector)" in definition


def test_search_combines_with_filters(quarter, other_quarter):
    cafe = InitiativeFactory(quarter=quarter, name="Nachbarschaftscafé", short_description="Kuchen und Kaffee")
    cafe.service_areas.set([area("begegnung-kultur"), area("nahversorgung")])
    services.initiative_index_search(initiative=cafe)
    InitiativeFactory(quarter=other_quarter, name="Kuchenbasar", short_description="Kuchen")
    found = queries.directory(
        queries.DirectoryFilter(q="Kuchen", quarter=quarter.pk, service_area=area("nahversorgung").pk)
    )
    assert [i.name for i in found] == ["Nachbarschaftscafé"]
