"""The demo seeds the Marten and Eving initiatives from the seed document, idempotently."""

import io

import pytest
from django.core.management import call_command

from initiatives.models import Initiative, MunicipalTakeover

pytestmark = pytest.mark.django_db


def test_seed_demo_creates_marten_and_eving_once():
    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())  # the second run changes nothing
    marten = Initiative.objects.get(slug="multifunktionaler-raum-marten")
    eving = Initiative.objects.get(slug="elterninitiative-inklusives-wohnen-eving")
    assert Initiative.objects.count() == 2
    assert {marten.status, eving.status} == {"published"}

    takeover = MunicipalTakeover.objects.get(initiative=marten, ended_at__isnull=True)
    assert takeover.quarter_coordinator.email == "koordination@dortmund.demo.kudequa.de"
    assert marten.memberships.get(role="lead").user.email == "marten@demo.kudequa.de"
    assert {"Wirtschaftsförderung Dortmund"} <= set(marten.actor_links.values_list("actor__name", flat=True))

    assert eving.memberships.get(role="lead").user.email == "eving@demo.kudequa.de"
    # An e.V. founding an eG: the lead e.V. gives the initiative its legal form; the eG receives the shares.
    assert eving.legal_form is None or eving.legal_form.slug == "ev"
    if eving.legal_form is not None:
        organisations = [(entity.legal_form.slug, entity.is_lead) for entity in eving.entities.all()]
        assert organisations == [("ev", True), ("eg", False)]
    assert eving.pledges.filter(kind="shares").exists() and eving.pledges.filter(kind="donation").exists()

    for initiative in (marten, eving):
        quarter = initiative.quarters.get()
        assert all(need.quarter_id == quarter.pk for need in initiative.answered_needs.all())
        assert initiative.memberships.filter(role="supporter").exists()
        concept = initiative.concept
        assert concept.line_items.exists() and concept.milestones.exists() and concept.versions.exists()
