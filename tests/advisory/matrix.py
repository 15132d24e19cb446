"""Role-matrix cases for advisory casework. The world's member leads the initiative whose case the world's
advisor runs; confidential note pages are 403 for the member and for the other municipality's staff."""

import datetime

from django.urls import reverse
from django.utils import timezone

from advisory import services
from tests.advisory.factories import InitiativeFactory, MembershipFactory
from tests.role_matrix import (
    COORDINATOR_OF_MUNICIPALITY,
    FORBIDDEN,
    FOUND,
    NOT_ALLOWED,
    OK,
    SIGNED_IN,
    STAFF_OF_MUNICIPALITY,
    Case,
    expect,
)

# The world's advisor is the assigned advisor, so "editors" and "staff" are the same roles here.
EDITORS = STAFF_OF_MUNICIPALITY
EDITORS_REDIRECTED = expect(FORBIDDEN, visitor=FOUND, advisor=FOUND, coordinator=FOUND, admin=FOUND)
POST_ONLY = expect(NOT_ALLOWED, visitor=FOUND)
MATRIX_SECRET = "MATRIX-VERTRAULICH-4711"


def build(world):
    advisor, coordinator = world.users["advisor"], world.users["coordinator"]
    initiative = InitiativeFactory(
        name="Matrix-Initiative", slug="matrix-initiative", municipality=world.municipality, quarters=[world.quarter]
    )
    MembershipFactory(initiative=initiative, user=world.users["member"], role="lead")
    case = services.case_open(
        municipality=world.municipality, quarter=world.quarter, initiative=initiative, advisor=advisor, by=coordinator
    )
    consultation = services.consultation_log(
        case=case,
        held_on=timezone.localdate() - datetime.timedelta(days=2),
        duration_minutes=60,
        format="on_site",
        topics=["financing"],
        summary="Finanzierung besprochen.",
        confidential_note=MATRIX_SECRET,
        by=advisor,
    )
    world.advisory_initiative = initiative
    world.advisory_case = case
    world.advisory_consultation = consultation
    world.advisory_task = services.task_create(
        case=case, title="Finanzplan schicken", owner=world.users["member"], by=advisor
    )
    world.advisory_referral = services.referral_create(
        case=case, actor_type="bank", actor_name="Bank für Sozialwirtschaft", by=advisor
    )
    world.advisory_workshop = services.workshop_create(
        municipality=world.municipality,
        title="Rechtsformen für Wohnprojekte",
        topic="legal_form",
        held_on=timezone.localdate(),
        place="Bürgerhaus",
        cases=[case],
        by=advisor,
    )


def municipality_url(name):
    return lambda w: reverse(f"advisory:{name}", args=[w.municipality.slug])


def case_url(name):
    return lambda w: reverse(f"advisory:{name}", args=[w.advisory_case.pk])


def task_url(name):
    return lambda w: reverse(f"advisory:{name}", args=[w.advisory_task.pk])


CASES = [
    Case("advisory:index", lambda w: reverse("advisory:index"), SIGNED_IN),
    Case("advisory:my_tasks", lambda w: reverse("advisory:my_tasks"), SIGNED_IN),
    # The task belongs to the member; whoever edits the case may complete it too.
    Case(
        "advisory:task_complete",
        task_url("task_complete"),
        expect(FORBIDDEN, visitor=FOUND, member=FOUND, advisor=FOUND, coordinator=FOUND, admin=FOUND),
        method="post",
    ),
    Case("advisory:task_complete", task_url("task_complete"), POST_ONLY),
    Case(
        "advisory:task_reopen",
        task_url("task_reopen"),
        expect(FORBIDDEN, visitor=FOUND, member=FOUND, advisor=FOUND, coordinator=FOUND, admin=FOUND),
        method="post",
    ),
    Case("advisory:task_reopen", task_url("task_reopen"), POST_ONLY),
    # A municipality's advisory work
    Case("advisory:dashboard", municipality_url("dashboard"), STAFF_OF_MUNICIPALITY),
    Case("advisory:case_list", municipality_url("case_list"), STAFF_OF_MUNICIPALITY),
    Case("advisory:overdue_tasks", municipality_url("overdue_tasks"), STAFF_OF_MUNICIPALITY),
    Case("advisory:case_open", municipality_url("case_open"), STAFF_OF_MUNICIPALITY),
    Case("advisory:coordination", municipality_url("coordination"), COORDINATOR_OF_MUNICIPALITY),
    Case("advisory:yearly_report", municipality_url("yearly_report"), COORDINATOR_OF_MUNICIPALITY),
    Case("advisory:yearly_report_csv", municipality_url("yearly_report_csv"), COORDINATOR_OF_MUNICIPALITY),
    Case(
        "advisory:municipality_note_reads",
        municipality_url("municipality_note_reads"),
        COORDINATOR_OF_MUNICIPALITY,
    ),
    Case("advisory:workshop_list", municipality_url("workshop_list"), STAFF_OF_MUNICIPALITY),
    Case("advisory:workshop_create", municipality_url("workshop_create"), STAFF_OF_MUNICIPALITY),
    Case(
        "advisory:workshop",
        lambda w: reverse("advisory:workshop", args=[w.advisory_workshop.pk]),
        STAFF_OF_MUNICIPALITY,
    ),
    Case(
        "advisory:workshop_edit",
        lambda w: reverse("advisory:workshop_edit", args=[w.advisory_workshop.pk]),
        STAFF_OF_MUNICIPALITY,
    ),
    # A case
    Case("advisory:case", case_url("case"), STAFF_OF_MUNICIPALITY),
    Case("advisory:case_edit", case_url("case_edit"), EDITORS),
    Case("advisory:case_assign", case_url("case_assign"), COORDINATOR_OF_MUNICIPALITY),
    Case(
        "advisory:case_phase",
        case_url("case_phase"),
        EDITORS_REDIRECTED,
        method="post",
        data=lambda w: {"phase": "orientation", "on": timezone.localdate().isoformat()},
    ),
    Case("advisory:case_phase", case_url("case_phase"), POST_ONLY),
    Case("advisory:case_close", case_url("case_close"), EDITORS),
    Case("advisory:case_close", case_url("case_close"), EDITORS_REDIRECTED, method="post"),
    Case("advisory:case_pause", case_url("case_pause"), EDITORS_REDIRECTED, method="post"),
    Case("advisory:case_pause", case_url("case_pause"), POST_ONLY),
    Case("advisory:case_resume", case_url("case_resume"), EDITORS_REDIRECTED, method="post"),
    Case("advisory:case_resume", case_url("case_resume"), POST_ONLY),
    Case("advisory:consultation_create", case_url("consultation_create"), EDITORS),
    # Confidential notes: 403 for the initiative's member and for the other municipality.
    Case("advisory:case_notes", case_url("case_notes"), STAFF_OF_MUNICIPALITY),
    Case(
        "advisory:consultation_note",
        lambda w: reverse("advisory:consultation_note", args=[w.advisory_consultation.pk]),
        STAFF_OF_MUNICIPALITY,
    ),
    Case(
        "advisory:consultation_edit",
        lambda w: reverse("advisory:consultation_edit", args=[w.advisory_consultation.pk]),
        EDITORS,
    ),
    Case("advisory:case_note_reads", case_url("case_note_reads"), COORDINATOR_OF_MUNICIPALITY),
    Case("advisory:task_create", case_url("task_create"), EDITORS),
    Case("advisory:referral_create", case_url("referral_create"), EDITORS),
    Case(
        "advisory:referral_edit",
        lambda w: reverse("advisory:referral_edit", args=[w.advisory_referral.pk]),
        EDITORS,
    ),
    # The initiative's own view: its lead (the member) and the municipality's staff.
    Case(
        "advisory:initiative",
        lambda w: reverse("advisory:initiative", args=[w.advisory_initiative.slug]),
        expect(FORBIDDEN, visitor=FOUND, member=OK, advisor=OK, coordinator=OK, admin=OK),
    ),
]
