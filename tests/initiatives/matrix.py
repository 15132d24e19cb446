"""Role-matrix cases for the initiative registry.

`build` makes world.users["member"] a core-team member of a published initiative in world.quarter (the
"member" role of the matrix). Destructive POSTs are requested with a pk that does not exist: the permission
check comes first, so allowed roles get 404 and the others 403 (visitors are sent to the login), and nothing
is deleted while the matrix walks the roles.
"""

import datetime
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from financing.models import InstrumentType, ServiceModel
from initiatives import services
from initiatives.models import ConceptLineItem, Membership, MunicipalTakeover, Pledge
from tests.conftest import verified_user
from tests.initiatives.factories import InitiativeFactory, MembershipFactory
from tests.role_matrix import (
    COORDINATOR_OF_MUNICIPALITY,
    FORBIDDEN,
    FOUND,
    NOT_ALLOWED,
    NOT_FOUND,
    OK,
    PUBLIC,
    SIGNED_IN,
    STAFF_OF_MUNICIPALITY,
    Case,
    expect,
)

MISSING = 999999
TEAM = expect(FORBIDDEN, visitor=FOUND, member=OK, admin=OK)  # lead and core team (the member is core)
TEAM_MISSING = expect(FORBIDDEN, visitor=FOUND, member=NOT_FOUND, admin=NOT_FOUND)
LEAD_MISSING = expect(FORBIDDEN, visitor=FOUND, admin=NOT_FOUND)  # the member is core, not lead
INSIDE = expect(FORBIDDEN, visitor=FOUND, member=OK, advisor=OK, coordinator=OK, admin=OK)
NETWORK = expect(FORBIDDEN, visitor=FOUND, member=OK, coordinator=OK, admin=OK)
NETWORK_MISSING = expect(FORBIDDEN, visitor=FOUND, member=NOT_FOUND, coordinator=NOT_FOUND, admin=NOT_FOUND)
GET_NOT_ALLOWED = expect(NOT_ALLOWED)
TEAM_SAVES = expect(FORBIDDEN, visitor=FOUND, member=FOUND, admin=FOUND)  # the team is redirected after saving


def build(world):
    lead = verified_user(email="matrix-lead@example.org", display_name="Matrix Lead")
    initiative = InitiativeFactory(
        name="Quartierscafé Matrix", slug="quartierscafe-matrix", quarter=world.quarter, lead=lead
    )
    MembershipFactory(initiative=initiative, user=world.users["member"], role=Membership.Role.CORE)
    world.supporter_membership = MembershipFactory(
        initiative=initiative, user=verified_user(email="matrix-supporter@example.org"), role="supporter"
    )
    world.initiative = initiative
    world.draft = InitiativeFactory(
        name="Entwurf Matrix", slug="entwurf-matrix", quarter=world.quarter, lead=lead, status="draft", wizard_step=2
    )
    world.pledge = Pledge.objects.create(
        initiative=initiative, user=world.supporter_membership.user, kind="donation", amount=Decimal("50")
    )
    ConceptLineItem.objects.create(concept=initiative.concept, category="annual_cost", label="Miete", amount=100)
    services.concept_update(concept=initiative.concept, data={"offer": "Café"}, by=lead)
    _invitation, world.invitation_token = services.invitation_create(
        initiative=initiative, email="matrix-invited@example.org", role="core", by=lead
    )
    world.carried = InitiativeFactory(name="Getragen Matrix", slug="getragen-matrix", quarter=world.quarter)
    MunicipalTakeover.objects.create(
        initiative=world.carried,
        quarter_coordinator=world.users["advisor"],
        reason="Niemand trägt es.",
        review_on=timezone.localdate() + datetime.timedelta(days=30),
        appointed_by=world.users["coordinator"],
    )
    world.financing_line = services.financing_line_add(
        initiative=initiative,
        amount=Decimal("5000"),
        source_name="Spenden aus der Nachbarschaft",
        instrument=InstrumentType.objects.get(slug="spenden"),
        by=lead,
    )
    world.service_model, _ = ServiceModel.objects.get_or_create(
        slug="matrix-modell", defaults={"name": "Matrix-Modell", "summary": "Ein Modell."}
    )


def on(name, *args):
    """The URL `name` for world.initiative (and further arguments)."""
    return lambda w: reverse(f"initiatives:{name}", args=[w.initiative.slug, *args])


CASES = [
    # Directory and registration
    Case("initiatives:list", lambda w: reverse("initiatives:list"), PUBLIC),
    Case("initiatives:list", lambda w: reverse("initiatives:list") + "?q=Café&motive=community", PUBLIC),
    Case(
        "initiatives:list",
        lambda w: reverse("initiatives:list") + f"?municipality={w.municipality.slug}&quarter={w.quarter.slug}",
        PUBLIC,
    ),
    Case("initiatives:mine", lambda w: reverse("initiatives:mine"), SIGNED_IN),
    Case("initiatives:create", lambda w: reverse("initiatives:create"), SIGNED_IN),
    Case(
        "initiatives:start_from_model",
        lambda w: reverse("initiatives:start_from_model", args=[w.service_model.slug]),
        SIGNED_IN,
    ),
    Case(
        "initiatives:invitation_accept",
        lambda w: reverse("initiatives:invitation_accept", args=[w.invitation_token]),
        PUBLIC,
    ),
    # Staff pages
    Case(
        "initiatives:staff_overview",
        lambda w: reverse("initiatives:staff_overview", args=[w.municipality.slug]),
        STAFF_OF_MUNICIPALITY,
    ),
    Case(
        "initiatives:takeovers",
        lambda w: reverse("initiatives:takeovers", args=[w.municipality.slug]),
        COORDINATOR_OF_MUNICIPALITY,
    ),
    # Profile: public when published, for the team and the municipality's staff as a draft
    Case("initiatives:detail", on("detail"), PUBLIC),
    Case(
        "initiatives:detail",
        lambda w: reverse("initiatives:detail", args=[w.draft.slug]),
        expect(FORBIDDEN, visitor=FOUND, advisor=OK, coordinator=OK, admin=OK),
    ),
    Case("initiatives:wizard", on("wizard", 1), TEAM),
    Case("initiatives:wizard", on("wizard", 5), TEAM),
    Case("initiatives:submit", on("submit"), GET_NOT_ALLOWED),
    # A published initiative cannot be submitted again: the team is sent back with a message.
    Case("initiatives:submit", on("submit"), expect(FORBIDDEN, visitor=FOUND, member=FOUND, admin=FOUND), "post"),
    Case("initiatives:review", on("review"), COORDINATOR_OF_MUNICIPALITY),
    Case("initiatives:logo", on("logo"), TEAM),
    Case("initiatives:photos", on("photos"), TEAM),
    Case("initiatives:photo_delete", on("photo_delete", MISSING), GET_NOT_ALLOWED),
    Case("initiatives:photo_delete", on("photo_delete", MISSING), TEAM_MISSING, "post"),
    # Members' area and team
    Case("initiatives:members_area", on("members_area"), INSIDE),
    Case("initiatives:team", on("team"), INSIDE),
    Case("initiatives:membership_role", on("membership_role", MISSING), GET_NOT_ALLOWED),
    Case(
        "initiatives:membership_role",
        on("membership_role", MISSING),
        LEAD_MISSING,
        "post",
        data=lambda w: {"role": "core"},
    ),
    Case(
        "initiatives:membership_remove",
        lambda w: reverse("initiatives:membership_remove", args=[w.initiative.slug, w.supporter_membership.pk]),
        expect(FORBIDDEN, visitor=FOUND, admin=OK),
    ),
    Case("initiatives:membership_remove", on("membership_remove", MISSING), LEAD_MISSING, "post"),
    Case("initiatives:invitation_revoke", on("invitation_revoke", MISSING), GET_NOT_ALLOWED),
    Case("initiatives:invitation_revoke", on("invitation_revoke", MISSING), LEAD_MISSING, "post"),
    # Help offers and pledges
    Case("initiatives:help_offer", on("help_offer"), SIGNED_IN),
    Case("initiatives:help_offer_decide", on("help_offer_decide", MISSING), GET_NOT_ALLOWED),
    Case("initiatives:help_offer_decide", on("help_offer_decide", MISSING), TEAM_MISSING, "post"),
    Case("initiatives:pledge", on("pledge"), SIGNED_IN),
    Case("initiatives:pledge_withdraw", on("pledge_withdraw", MISSING), GET_NOT_ALLOWED),
    # Someone else's pledge: only the core team may remove it (withdrawing is idempotent).
    Case(
        "initiatives:pledge_withdraw",
        lambda w: reverse("initiatives:pledge_withdraw", args=[w.initiative.slug, w.pledge.pk]),
        expect(FORBIDDEN, visitor=FOUND, member=FOUND, admin=FOUND),
        "post",
    ),
    # Concept
    Case("initiatives:concept", on("concept"), PUBLIC),
    Case("initiatives:concept_edit", on("concept_edit"), TEAM),
    Case("initiatives:line_item_add", on("line_item_add"), GET_NOT_ALLOWED),
    # Invalid data: the edit page is shown again with the errors, nothing is saved.
    Case("initiatives:line_item_add", on("line_item_add"), TEAM, "post"),
    Case("initiatives:line_item_delete", on("line_item_delete", MISSING), GET_NOT_ALLOWED),
    Case("initiatives:line_item_delete", on("line_item_delete", MISSING), TEAM_MISSING, "post"),
    Case("initiatives:milestone_add", on("milestone_add"), GET_NOT_ALLOWED),
    Case("initiatives:milestone_add", on("milestone_add"), TEAM, "post"),
    Case("initiatives:milestone_toggle", on("milestone_toggle", MISSING), GET_NOT_ALLOWED),
    Case("initiatives:milestone_toggle", on("milestone_toggle", MISSING), TEAM_MISSING, "post"),
    Case("initiatives:milestone_delete", on("milestone_delete", MISSING), GET_NOT_ALLOWED),
    Case("initiatives:milestone_delete", on("milestone_delete", MISSING), TEAM_MISSING, "post"),
    Case("initiatives:concept_history", on("concept_history"), INSIDE),
    Case("initiatives:concept_version", on("concept_version", 1), INSIDE),
    Case("initiatives:concept_copy", on("concept_copy"), SIGNED_IN),
    # Network
    Case("initiatives:network", on("network"), PUBLIC),
    Case("initiatives:link_add", on("link_add"), GET_NOT_ALLOWED),
    Case("initiatives:link_add", on("link_add"), NETWORK, "post"),
    Case("initiatives:link_remove", on("link_remove", MISSING), GET_NOT_ALLOWED),
    Case("initiatives:link_remove", on("link_remove", MISSING), NETWORK_MISSING, "post"),
    Case("initiatives:actor_add", on("actor_add"), GET_NOT_ALLOWED),
    Case("initiatives:actor_add", on("actor_add"), NETWORK, "post"),
    Case("initiatives:actor_remove", on("actor_remove", MISSING), GET_NOT_ALLOWED),
    Case("initiatives:actor_remove", on("actor_remove", MISSING), NETWORK_MISSING, "post"),
    # Financing plan: lead and core team edit it, the municipality's staff see it, supporters do not.
    Case("initiatives:plan", on("plan"), INSIDE),
    Case("initiatives:plan_settings", on("plan_settings"), GET_NOT_ALLOWED),
    # An empty start month is valid: the team's setting is saved (the timeline starts this month) and they return.
    Case("initiatives:plan_settings", on("plan_settings"), TEAM_SAVES, "post"),
    Case("initiatives:plan_line_add", on("plan_line_add"), TEAM),
    # Invalid data: the form is shown again with the errors, nothing is saved.
    Case("initiatives:plan_line_add", on("plan_line_add"), TEAM, "post"),
    Case(
        "initiatives:plan_line_edit",
        lambda w: reverse("initiatives:plan_line_edit", args=[w.initiative.slug, w.financing_line.pk]),
        TEAM,
    ),
    Case("initiatives:plan_line_edit", on("plan_line_edit", MISSING), TEAM_MISSING, "post"),
    # The confirmation page deletes nothing; the POST goes to a line that does not exist.
    Case(
        "initiatives:plan_line_delete",
        lambda w: reverse("initiatives:plan_line_delete", args=[w.initiative.slug, w.financing_line.pk]),
        TEAM,
    ),
    Case("initiatives:plan_line_delete", on("plan_line_delete", MISSING), TEAM_MISSING, "post"),
    # The initiative's organisations: seen with the plan, kept by the team; an empty form is shown again.
    Case("initiatives:organisation", on("organisation"), INSIDE),
    Case("initiatives:organisation", on("organisation"), TEAM, "post"),
    Case("initiatives:organisation_edit", on("organisation_edit", MISSING), TEAM_MISSING),
    Case("initiatives:organisation_delete", on("organisation_delete", MISSING), TEAM_MISSING),
    # The financing check: staff see it; answering is for the team (a question no one asks: back with a message).
    Case("initiatives:check", on("check"), INSIDE),
    Case("initiatives:check", on("check"), TEAM_SAVES, "post", data=lambda w: {"fact": "no-such-question"}),
    # Municipal takeover
    Case("initiatives:takeover", on("takeover"), COORDINATOR_OF_MUNICIPALITY),
    Case(
        "initiatives:takeover_end",
        lambda w: reverse("initiatives:takeover_end", args=[w.carried.slug]),
        COORDINATOR_OF_MUNICIPALITY,
    ),
]
