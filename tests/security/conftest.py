"""Two initiatives in Marten (each with its own lead), one in Gelsenkirchen, cases with confidential notes in
both municipalities, report jobs: the objects the attacks in this folder aim at."""

import datetime
import io
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.utils import timezone
from PIL import Image

from advisory import services as advisory_services
from initiatives import services as initiative_services
from initiatives.models import InitiativeActor, Membership
from needs.models import Need
from reports.models import ReportJob
from reports.services import report_request
from tests.conftest import verified_user
from tests.initiatives.factories import (
    ActorFactory,
    HelpOfferFactory,
    InitiativeFactory,
    MembershipFactory,
    PledgeFactory,
)
from tests.needs.factories import NeedFactory, area

NOTE_OURS = "VERTRAULICH-DORTMUND-Schulden-Familie-7731"
NOTE_THEIRS = "VERTRAULICH-GELSENKIRCHEN-Streit-im-Vorstand-8842"


def png(name="bild.png", size=(40, 30)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 120, 40)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def with_language(user, language="de"):
    user.preferred_language = language
    user.save(update_fields=["preferred_language"])
    return user


@pytest.fixture
def stage(quarter, other_quarter, coordinator, advisor, other_coordinator, other_advisor, resident):
    """Everything the attackers reach for. `ours` is the initiative under attack, `theirs` the attacker's own."""
    lead = with_language(verified_user(email="lead-a@example.org", display_name="Lena A"))
    other_lead = with_language(verified_user(email="lead-b@example.org", display_name="Ole B"))
    far_lead = verified_user(email="lead-c@example.org", display_name="Gerd C")
    supporter = verified_user(email="supporter-a@example.org", display_name="Sina A")

    ours = InitiativeFactory(name="Quartierscafé A", slug="quartierscafe-a", quarter=quarter, lead=lead)
    theirs = InitiativeFactory(
        name="Nachbarschaftshilfe B", slug="nachbarschaftshilfe-b", quarter=quarter, lead=other_lead
    )
    far = InitiativeFactory(name="Ückendorf C", slug="ueckendorf-c", quarter=other_quarter, lead=far_lead)
    draft = InitiativeFactory(name="Entwurf D", slug="entwurf-d", quarter=quarter, lead=other_lead, status="draft")
    supporter_membership = MembershipFactory(initiative=ours, user=supporter, role=Membership.Role.SUPPORTER)

    concept = ours.concept
    line_item = initiative_services.line_item_add(
        concept=concept, category="annual_cost", label="Miete", amount=Decimal("1200"), by=lead
    )
    milestone = initiative_services.milestone_add(
        concept=concept, title="Eröffnung", due_on=timezone.localdate() + datetime.timedelta(days=30), by=lead
    )
    initiative_services.concept_update(concept=concept, data={"offer": "Kaffee und Kuchen"}, by=lead)
    pledge = PledgeFactory(initiative=ours, user=resident, amount=Decimal("250"))
    help_offer = HelpOfferFactory(initiative=ours, user=resident)
    invitation, _token = initiative_services.invitation_create(
        initiative=ours, email="invited@example.org", role="core", by=lead
    )
    photo = initiative_services.photo_add(initiative=ours, upload=png(), caption="Eröffnung", by=lead)
    link = initiative_services.link_add(initiative=ours, other=theirs, description="teilen Räume", by=lead)
    actor_link = InitiativeActor.objects.create(initiative=ours, actor=ActorFactory(), role="partner")
    from financing.models import InstrumentType

    donations, _created = InstrumentType.objects.get_or_create(slug="spenden", defaults={"name": "Spenden"})
    plan_line = initiative_services.financing_line_add(
        initiative=ours,
        source_name="Spenden aus der Nachbarschaft",
        instrument=donations,
        amount=Decimal("4711"),
        by=lead,
    )

    need_here = NeedFactory(quarter=quarter, title="Treffpunkt Marten")
    need_submitted = NeedFactory(quarter=quarter, status=Need.Status.SUBMITTED, published_at=None)
    need_far = NeedFactory(quarter=other_quarter, title="Treffpunkt Ückendorf", service_area=area())

    case = advisory_services.case_open(
        municipality=quarter.municipality, quarter=quarter, initiative=ours, advisor=advisor, by=coordinator
    )
    consultation = advisory_services.consultation_log(
        case=case,
        held_on=timezone.localdate() - datetime.timedelta(days=3),
        duration_minutes=60,
        format="on_site",
        topics=["financing"],
        summary="Finanzierung besprochen.",
        confidential_note=NOTE_OURS,
        by=advisor,
    )
    task = advisory_services.task_create(case=case, title="Finanzplan schicken", owner=lead, by=advisor)
    far_case = advisory_services.case_open(
        municipality=other_quarter.municipality,
        quarter=other_quarter,
        initiative=far,
        advisor=other_advisor,
        by=other_coordinator,
    )
    advisory_services.consultation_log(
        case=far_case,
        held_on=timezone.localdate() - datetime.timedelta(days=2),
        duration_minutes=30,
        format="phone",
        topics=[],
        summary="Erstes Gespräch.",
        confidential_note=NOTE_THEIRS,
        by=other_advisor,
    )
    return SimpleNamespace(
        lead=lead,
        other_lead=other_lead,
        far_lead=far_lead,
        supporter=supporter,
        ours=ours,
        theirs=theirs,
        far=far,
        draft=draft,
        supporter_membership=supporter_membership,
        line_item=line_item,
        milestone=milestone,
        pledge=pledge,
        help_offer=help_offer,
        invitation=invitation,
        photo=photo,
        link=link,
        actor_link=actor_link,
        plan_line=plan_line,
        need_here=need_here,
        need_submitted=need_submitted,
        need_far=need_far,
        case=case,
        consultation=consultation,
        task=task,
        far_case=far_case,
    )


@pytest.fixture
def reports(stage, quarter, coordinator):
    """The concept report of `ours` (requested by its lead) and the quarter report, rendered (eagerly)."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        concept_report = report_request(
            kind=ReportJob.Kind.INITIATIVE_CONCEPT, subject=stage.ours, language="de", by=stage.lead
        )
        quarter_report = report_request(kind=ReportJob.Kind.QUARTER, subject=quarter, language="de", by=coordinator)
    concept_report.refresh_from_db()
    quarter_report.refresh_from_db()
    stage.concept_report, stage.quarter_report = concept_report, quarter_report
    return stage
