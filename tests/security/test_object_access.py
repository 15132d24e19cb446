"""Object-level attacks: changing ids in URLs and forms must never reach another initiative's, another
municipality's or another person's objects; confidential notes never reach a non-staff role.

The role matrix (tests/test_role_matrix.py) checks every URL's status per role on its own objects; here the
attacker holds a right on one object and aims it at another. Requests with ids no page offers go out as forged
posts (`forge_post`, with a valid CSRF token); tampered choices are posted through the forms that offer them.
"""

import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from advisory.models import Case, Consultation, Task
from initiatives.models import (
    ConceptLineItem,
    HelpOffer,
    InitiativeActor,
    InitiativeLink,
    Invitation,
    Membership,
    Milestone,
    MunicipalTakeover,
    Photo,
    Pledge,
)
from needs.models import Need, Survey
from reports.models import ReportJob
from tests.role_matrix import send
from tests.security.conftest import NOTE_OURS, NOTE_THEIRS
from tests.test_role_matrix import world  # noqa: F401 - the role matrix world, a fixture

pytestmark = pytest.mark.django_db


def initiative_url(name, initiative, *args):
    return reverse(f"initiatives:{name}", args=[initiative.slug, *args])


# --- Ids of another initiative's objects under one's own initiative --------------------------------


def _swapped_id_posts(stage):
    """(URL name, pk of an object of `ours`, what must stay unchanged, POST data) for the other lead's own slug."""
    return [
        (
            "line_item_delete",
            stage.line_item.pk,
            lambda: ConceptLineItem.objects.filter(pk=stage.line_item.pk).exists(),
            {},
        ),
        ("milestone_toggle", stage.milestone.pk, lambda: not Milestone.objects.get(pk=stage.milestone.pk).done, {}),
        ("milestone_delete", stage.milestone.pk, lambda: Milestone.objects.filter(pk=stage.milestone.pk).exists(), {}),
        ("photo_delete", stage.photo.pk, lambda: Photo.objects.filter(pk=stage.photo.pk).exists(), {}),
        (
            "membership_role",
            stage.supporter_membership.pk,
            lambda: Membership.objects.get(pk=stage.supporter_membership.pk).role == Membership.Role.SUPPORTER,
            {"role": "lead"},
        ),
        (
            "membership_remove",
            stage.supporter_membership.pk,
            lambda: Membership.objects.filter(pk=stage.supporter_membership.pk).exists(),
            {},
        ),
        (
            "invitation_revoke",
            stage.invitation.pk,
            lambda: Invitation.objects.get(pk=stage.invitation.pk).revoked_at is None,
            {},
        ),
        (
            "help_offer_decide",
            stage.help_offer.pk,
            lambda: HelpOffer.objects.get(pk=stage.help_offer.pk).status == HelpOffer.Status.OPEN,
            {"decision": "accept"},
        ),
        (
            "pledge_withdraw",
            stage.pledge.pk,
            lambda: Pledge.objects.get(pk=stage.pledge.pk).withdrawn_at is None,
            {},
        ),
        (
            "actor_remove",
            stage.actor_link.pk,
            lambda: InitiativeActor.objects.filter(pk=stage.actor_link.pk).exists(),
            {},
        ),
    ]


def _plan_line_unchanged(stage):
    from initiatives.models import FinancingLine

    return lambda: FinancingLine.objects.filter(pk=stage.plan_line.pk, amount=4711).exists()


def test_another_initiatives_financing_plan_is_out_of_reach(stage, client_for):
    """The plan's lines by id: under one's own slug they are not found, under ours they are refused; the plan
    page itself is the core team's and the staff's only (it shows the sources and amounts)."""
    line = stage.plan_line
    data = {"source_name": "Gekapert", "amount": "1", "status": "planned", "tranches": "1"}
    client = client_for(stage.other_lead)
    for name in ("plan_line_edit", "plan_line_delete"):
        assert client.forge_post(initiative_url(name, stage.theirs, line.pk), data).status_code == 404, name
        assert client.forge_post(initiative_url(name, stage.ours, line.pk), data).status_code == 403, name
        assert _plan_line_unchanged(stage)(), name
    for user in (stage.other_lead, stage.supporter):
        response = client_for(user).get(initiative_url("plan", stage.ours))
        assert response.status_code == 403, user.email
        assert "4.711" not in response.content.decode()
    response = client_for(stage.other_lead).forge_post(initiative_url("plan_line_add", stage.ours), data)
    assert response.status_code == 403
    assert not stage.ours.financing_lines.filter(source_name="Gekapert").exists()


def test_ids_of_another_initiative_under_ones_own_slug_are_not_found(stage, client_for):
    """The other lead may do all of this on their own initiative, but not with the ids of ours."""
    client = client_for(stage.other_lead)
    for name, pk, unchanged, data in _swapped_id_posts(stage):
        response = client.forge_post(initiative_url(name, stage.theirs, pk), data)
        assert response.status_code == 404, f"{name}: {response.status_code}"
        assert unchanged(), name


def test_a_link_of_others_cannot_be_removed_through_a_third_initiative(stage, client_for, quarter):
    from tests.initiatives.factories import InitiativeFactory

    third = InitiativeFactory(name="Dritte", slug="dritte", quarter=quarter, lead=stage.far_lead)
    response = client_for(stage.far_lead).forge_post(initiative_url("link_remove", third, stage.link.pk))
    assert response.status_code == 404
    assert InitiativeLink.objects.filter(pk=stage.link.pk).exists()


def test_ids_of_our_objects_under_our_slug_are_refused_to_the_other_lead(stage, client_for):
    client = client_for(stage.other_lead)
    for name, pk, unchanged, data in _swapped_id_posts(stage):
        response = client.forge_post(initiative_url(name, stage.ours, pk), data)
        assert response.status_code == 403, f"{name}: {response.status_code}"
        assert unchanged(), name


def test_another_initiatives_profile_concept_and_team_cannot_be_changed(stage, client_for):
    client = client_for(stage.other_lead)
    ours = stage.ours
    version_count = ours.concept.versions.count()
    attempts = [
        (
            "wizard",
            (1,),
            {"name": "Gekapert", "quarters": [q.pk for q in ours.quarters.all()], "short_description": "x"},
        ),
        ("concept_edit", (), {"offer": "Gekapert"}),
        ("line_item_add", (), {"category": "annual_cost", "label": "Gekapert", "amount": "1"}),
        ("milestone_add", (), {"title": "Gekapert", "due_on": "2030-01-01"}),
        ("team", (), {"email": "attacker@example.org", "role": "lead"}),
        ("logo", (), {}),
        ("submit", (), {}),
        ("takeover", (), {"reason": "x", "review_on": "2030-01-01"}),
    ]
    for name, args, data in attempts:
        response = client.forge_post(initiative_url(name, ours, *args), data)
        assert response.status_code == 403, f"{name}: {response.status_code}"
    ours.refresh_from_db()
    assert ours.name == "Quartierscafé A"
    assert ours.concept.offer == "Kaffee und Kuchen" and ours.concept.versions.count() == version_count
    assert not ConceptLineItem.objects.filter(label="Gekapert").exists()
    assert not Milestone.objects.filter(title="Gekapert").exists()
    assert not Invitation.objects.filter(email="attacker@example.org").exists()
    assert not MunicipalTakeover.objects.exists()


def test_another_initiatives_pledges_stay_hidden(stage, client_for):
    """The pledges are the supporters' private promises: only the initiative's lead and core team see them."""
    amount = "250"
    for user in (stage.other_lead, stage.supporter):
        response = client_for(user).get(initiative_url("members_area", stage.ours))
        body = response.content.decode()
        assert stage.pledge.user.email not in body
        assert not re.search(rf"\b{amount}(,00)?\s*€", body), user.email
    # The lead sees it: the pattern above would find it.
    body = client_for(stage.lead).get(initiative_url("members_area", stage.ours)).content.decode()
    assert re.search(rf"\b{amount}(,00)?\s*€", body)


def test_someone_elses_pledge_cannot_be_withdrawn(stage, client_for):
    response = client_for(stage.supporter).forge_post(initiative_url("pledge_withdraw", stage.ours, stage.pledge.pk))
    assert response.status_code == 403
    stage.pledge.refresh_from_db()
    assert stage.pledge.withdrawn_at is None


# --- Another municipality's cases ------------------------------------------------------------------


def test_another_municipalitys_case_is_refused_to_its_staff(stage, client_for, other_advisor, other_coordinator):
    case, consultation, task = stage.case, stage.consultation, stage.task
    for user in (other_advisor, other_coordinator):
        client = client_for(user)
        for name, pk, data in [
            ("case", case.pk, None),
            ("case_edit", case.pk, {"name": "Gekapert", "quarter": case.quarter_id}),
            ("case_assign", case.pk, {"advisor": user.pk}),
            ("case_phase", case.pk, {"phase": "founding", "on": "2020-01-01"}),
            ("case_close", case.pk, {}),
            ("consultation_create", case.pk, {"summary": "Gekapert", "held_on": "2020-01-01"}),
            ("task_create", case.pk, {"title": "Gekapert"}),
            ("referral_create", case.pk, {"actor_type": "bank", "actor_name": "Gekapert"}),
            ("case_notes", case.pk, None),
            ("consultation_note", consultation.pk, None),
            ("consultation_edit", consultation.pk, {"summary": "Gekapert"}),
            ("task_complete", task.pk, {}),
        ]:
            url = reverse(f"advisory:{name}", args=[pk])
            response = client.get(url) if data is None else client.forge_post(url, data)
            assert response.status_code == 403, f"{user.email} {name}: {response.status_code}"
            assert NOTE_OURS not in response.content.decode()
    case.refresh_from_db()
    assert case.name != "Gekapert" and case.advisor == stage.case.advisor and case.phase == stage.case.phase
    assert not Consultation.objects.filter(summary="Gekapert").exists()
    assert not Task.objects.filter(title="Gekapert").exists()
    assert Task.objects.get(pk=task.pk).done_at is None


# --- Other people's reports ------------------------------------------------------------------------


def test_report_downloads_belong_to_their_subject(stage, reports, client_for, resident, other_coordinator, advisor):
    concept, quarter_report = stage.concept_report, stage.quarter_report
    assert concept.status == ReportJob.Status.DONE and quarter_report.status == ReportJob.Status.DONE
    refused = {
        concept: [stage.other_lead, stage.supporter, resident, other_coordinator, stage.far_lead],
        quarter_report: [stage.lead, stage.other_lead, resident, other_coordinator, advisor],
    }
    for job, users in refused.items():
        for user in users:
            client = client_for(user)
            for name in ("job", "job_status", "download"):
                response = client.get(reverse(f"reports:{name}", args=[job.pk]))
                assert response.status_code == 403, f"{user.email} {name} {job.kind}: {response.status_code}"
    # The lead downloads the concept report; a PDF comes back.
    response = client_for(stage.lead).get(reverse("reports:download", args=[concept.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_reports_of_another_municipalitys_subjects_cannot_be_requested(
    stage, reports, client_for, coordinator, advisor
):
    far_quarter = stage.far.quarters.get()
    for user in (coordinator, advisor):
        client = client_for(user)
        for url in (
            reverse("reports:quarter", args=[far_quarter.slug]),
            reverse("reports:initiative", args=[stage.far.slug]),
        ):
            assert client.forge_post(url, {"language": "de"}).status_code == 403, url
    assert (
        not ReportJob.objects.filter(subject_id__in=[far_quarter.pk, stage.far.pk])
        .exclude(pk__in=[stage.concept_report.pk, stage.quarter_report.pk])
        .exists()
    )


# --- Choices of another municipality in forms -------------------------------------------------------


def test_a_need_of_another_municipality_cannot_be_answered_by_an_initiative(stage, client_for, quarter):
    draft = stage.draft
    draft.wizard_step = 5
    draft.save(update_fields=["wizard_step"])
    response = client_for(stage.other_lead).post(
        initiative_url("wizard", draft, 2),
        {"motives": ["community"], "answered_needs": [stage.need_far.pk, stage.need_here.pk]},
    )
    assert response.status_code == 200  # the form again, with the error
    assert not draft.answered_needs.exists()
    # A submitted (unpublished) need of the own quarter is no choice either.
    response = client_for(stage.other_lead).post(
        initiative_url("wizard", draft, 2), {"motives": ["community"], "answered_needs": [stage.need_submitted.pk]}
    )
    assert response.status_code == 200
    assert not draft.answered_needs.exists()


def test_a_building_of_another_quarter_cannot_be_chosen(stage, client_for, other_quarter):
    from tests.needs.factories import PotentialFactory

    far_building = PotentialFactory(quarter=other_quarter, title="Leerstand Ückendorf")
    draft = stage.draft
    draft.wizard_step = 5
    draft.save(update_fields=["wizard_step"])
    response = client_for(stage.other_lead).post(initiative_url("wizard", draft, 4), {"building": far_building.pk})
    assert response.status_code == 200
    draft.refresh_from_db()
    assert draft.building_id is None


def test_a_need_cannot_be_merged_into_one_of_another_municipality(stage, client_for, coordinator):
    response = client_for(coordinator).post(
        reverse("needs:moderate", args=[stage.need_submitted.pk]), {"action": "merge", "into": stage.need_far.pk}
    )
    assert response.status_code == 200
    stage.need_submitted.refresh_from_db()
    assert stage.need_submitted.status == Need.Status.SUBMITTED


def test_a_coordinator_cannot_enter_a_need_for_another_municipalitys_quarter(stage, client_for, coordinator, quarter):
    from needs.models import ServiceArea

    count = Need.objects.count()
    response = client_for(coordinator).post(
        reverse("needs:on_behalf", args=[quarter.municipality.slug]),
        {
            "quarter": stage.need_far.quarter_id,
            "service_area": ServiceArea.objects.first().pk,
            "title": "Untergeschoben",
            "description": "Ein Bedarf im falschen Quartier.",
            "source": "workshop",
        },
    )
    assert response.status_code == 200
    assert Need.objects.count() == count


def test_a_survey_cannot_reach_another_municipalitys_quarter(stage, client_for, coordinator, quarter, other_quarter):
    response = client_for(coordinator).post(
        reverse("needs:survey_create", args=[quarter.municipality.slug]),
        {
            "title_de": "Umfrage",
            "title_en": "Survey",
            "quarters": [other_quarter.pk],
            "opens_at": "2030-01-01T10:00",
            "closes_at": "2030-02-01T10:00",
        },
    )
    assert response.status_code == 200
    assert not Survey.objects.exists()


def test_advisory_forms_offer_only_the_own_municipality(
    stage, client_for, advisor, coordinator, other_advisor, quarter
):
    municipality = quarter.municipality
    client = client_for(coordinator)
    # A case for an initiative of another municipality.
    response = client.post(
        reverse("advisory:case_open", args=[municipality.slug]),
        {"initiative": stage.far.pk, "quarter": quarter.pk, "advisor": advisor.pk},
    )
    assert response.status_code == 200
    assert not Case.objects.filter(initiative=stage.far, municipality=municipality).exists()
    # A case in another municipality's quarter, an advisor of another municipality.
    response = client.post(
        reverse("advisory:case_open", args=[municipality.slug]),
        {"name": "Gruppe", "quarter": stage.far.quarters.get().pk, "advisor": other_advisor.pk},
    )
    assert response.status_code == 200
    assert not Case.objects.filter(name="Gruppe").exists()
    # A task for someone of another municipality, or for a mere supporter.
    for owner in (other_advisor, stage.supporter, stage.other_lead):
        response = client.post(
            reverse("advisory:task_create", args=[stage.case.pk]), {"title": "Untergeschoben", "owner": owner.pk}
        )
        assert response.status_code == 200, owner.email
    assert not Task.objects.filter(title="Untergeschoben").exists()
    # Reassigning the case to another municipality's advisor.
    response = client.post(reverse("advisory:case_assign", args=[stage.case.pk]), {"advisor": other_advisor.pk})
    assert response.status_code == 200
    stage.case.refresh_from_db()
    assert stage.case.advisor == advisor
    # A workshop with another municipality's case.
    response = client.post(
        reverse("advisory:workshop_create", args=[municipality.slug]),
        {"title": "W", "topic": "financing", "held_on": "2026-01-10", "place": "Rathaus", "cases": [stage.far_case.pk]},
    )
    assert response.status_code == 200


def test_a_takeover_needs_staff_of_the_initiatives_municipality(stage, client_for, coordinator, other_coordinator):
    response = client_for(coordinator).post(
        initiative_url("takeover", stage.ours),
        {"quarter_coordinator": other_coordinator.pk, "reason": "Niemand trägt es.", "review_on": "2030-01-01"},
    )
    assert response.status_code == 200
    assert not MunicipalTakeover.objects.exists()


def test_only_published_initiatives_can_be_linked(stage, client_for):
    response = client_for(stage.lead).post(
        initiative_url("link_add", stage.ours), {"other": stage.draft.pk}, page=initiative_url("network", stage.ours)
    )
    assert response.status_code == 200
    assert not InitiativeLink.objects.filter(to_initiative=stage.draft).exists()
    assert not InitiativeLink.objects.filter(from_initiative=stage.draft).exists()


# --- Confidential notes never reach a non-staff role ------------------------------------------------


def test_no_confidential_note_in_any_page_of_the_initiative_for_non_staff(stage, reports, client_for, resident):
    """Every initiative, advisory and report URL of `ours` and its case, as everyone who is not staff."""
    ours, case = stage.ours, stage.case
    urls = [reverse("advisory:initiative", args=[ours.slug]), reverse("advisory:my_tasks"), reverse("advisory:index")]
    urls += [reverse(f"advisory:{name}", args=[case.pk]) for name in ("case", "case_notes", "case_note_reads")]
    urls += [reverse("advisory:consultation_note", args=[stage.consultation.pk])]
    urls += [reverse(f"reports:{name}", args=[stage.concept_report.pk]) for name in ("job", "job_status")]
    urls += [reverse("reports:initiative", args=[ours.slug]), reverse("accounts:data_export")]
    for name in (
        "detail",
        "members_area",
        "team",
        "concept",
        "concept_edit",
        "concept_history",
        "network",
        "help_offer",
        "pledge",
        "photos",
        "concept_copy",
    ):
        urls.append(initiative_url(name, ours))
    urls.append(initiative_url("concept_version", ours, 1))
    urls.append(initiative_url("wizard", ours, 5))
    for user in (None, resident, stage.supporter, stage.lead, stage.other_lead, stage.far_lead):
        client = client_for(user)
        for url in urls:
            body = client.get(url).content.decode()
            assert NOTE_OURS not in body and NOTE_THEIRS not in body, f"{user and user.email}: {url}"
        if user is not None:
            export = client.post(reverse("accounts:data_export")).content.decode()
            assert NOTE_OURS not in export, user.email


def test_no_confidential_note_in_the_concept_report(stage, reports, client_for):
    response = client_for(stage.lead).get(reverse("reports:download", args=[stage.concept_report.pk]))
    reader = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Quartierscafé A" in text
    assert "Finanzierung besprochen." in text  # the summary is the initiative's to read ...
    assert NOTE_OURS not in text  # ... the note is not


def test_the_role_matrix_world_leaks_no_note_to_non_staff(client_for, world):  # noqa: F811
    """Every URL of the role matrix (all apps, htmx endpoints and downloads) as each non-staff role: the
    matrix world's confidential note (tests/advisory/matrix.py) never appears in a response."""
    from tests.advisory.matrix import MATRIX_SECRET
    from tests.test_role_matrix import CASES

    for role in ("visitor", "resident", "member", "other_lead"):
        client = client_for(world.users[role])
        for case in CASES:
            response = send(client, case, world)
            content = b"".join(response.streaming_content) if response.streaming else response.content
            assert MATRIX_SECRET.encode() not in content, f"{role}: {case.method} {case.name}"


def test_a_block_of_another_municipality_cannot_be_lifted(stage, client_for, coordinator, other_coordinator):
    from needs.models import PostingBlock
    from tests.factories import UserFactory

    block = stage.far.municipality.posting_blocks.create(user=UserFactory(), reason="Spam")
    assert client_for(coordinator).forge_post(reverse("needs:unblock", args=[block.pk])).status_code == 403
    assert PostingBlock.objects.filter(pk=block.pk).exists()
    blocks = reverse("needs:blocks", args=[stage.far.municipality.slug])
    assert client_for(other_coordinator).post(reverse("needs:unblock", args=[block.pk]), page=blocks).status_code == 302
    assert not PostingBlock.objects.filter(pk=block.pk).exists()
