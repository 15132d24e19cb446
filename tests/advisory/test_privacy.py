"""Privacy of advisory casework: confidential notes reach only staff of the case's municipality, every
display is recorded, and exports carry neither names nor notes."""

import csv
import datetime
import io
import json

import pytest
from django.urls import get_resolver, reverse
from django.utils import timezone

from accounts.services import user_data_export, user_delete
from advisory import queries, services
from advisory.models import ConfidentialNoteRead, Consultation, Task
from tests.advisory.conftest import SECRET

pytestmark = pytest.mark.django_db

OTHER_SECRET = "ANDERE-KOMMUNE-VERTRAULICH-0815"


@pytest.fixture
def world(case, consultation, advisor, coordinator, lead, core, supporter, other_quarter, other_advisor):
    """Our case with everything on it, and a case of the other municipality with its own note."""
    task = services.task_create(case=case, consultation=consultation, title="Satzung prüfen", owner=lead, by=advisor)
    referral = services.referral_create(
        case=case, actor_type="bank", actor_name="Bank für Sozialwirtschaft", by=advisor
    )
    workshop = services.workshop_create(
        municipality=case.municipality,
        title="Rechtsformen",
        topic="legal_form",
        held_on=timezone.localdate(),
        place="Bürgerhaus",
        cases=[case],
        by=advisor,
    )
    other_case = services.case_open(
        municipality=other_quarter.municipality, quarter=other_quarter, name="Fremde Gruppe", by=other_advisor
    )
    other_consultation = services.consultation_log(
        case=other_case,
        held_on=timezone.localdate(),
        duration_minutes=30,
        format="phone",
        topics=[],
        summary="Fremd.",
        confidential_note=OTHER_SECRET,
        by=other_advisor,
    )
    return {
        "case": case,
        "consultation": consultation,
        "task": task,
        "referral": referral,
        "workshop": workshop,
        "other_case": other_case,
        "other_consultation": other_consultation,
    }


def advisory_urls(world) -> dict[str, str]:
    """Every advisory URL, built for our case; the test below fails when a new URL is missing here."""
    case, slug = world["case"], world["case"].municipality.slug
    return {
        "index": reverse("advisory:index"),
        "my_tasks": reverse("advisory:my_tasks"),
        "task_complete": reverse("advisory:task_complete", args=[world["task"].pk]),
        "task_reopen": reverse("advisory:task_reopen", args=[world["task"].pk]),
        "dashboard": reverse("advisory:dashboard", args=[slug]),
        "case_list": reverse("advisory:case_list", args=[slug]),
        "overdue_tasks": reverse("advisory:overdue_tasks", args=[slug]),
        "case_open": reverse("advisory:case_open", args=[slug]),
        "coordination": reverse("advisory:coordination", args=[slug]),
        "yearly_report": reverse("advisory:yearly_report", args=[slug]),
        "yearly_report_csv": reverse("advisory:yearly_report_csv", args=[slug]),
        "municipality_note_reads": reverse("advisory:municipality_note_reads", args=[slug]),
        "workshop_list": reverse("advisory:workshop_list", args=[slug]),
        "workshop_create": reverse("advisory:workshop_create", args=[slug]),
        "workshop": reverse("advisory:workshop", args=[world["workshop"].pk]),
        "workshop_edit": reverse("advisory:workshop_edit", args=[world["workshop"].pk]),
        "case": reverse("advisory:case", args=[case.pk]),
        "case_edit": reverse("advisory:case_edit", args=[case.pk]),
        "case_assign": reverse("advisory:case_assign", args=[case.pk]),
        "case_phase": reverse("advisory:case_phase", args=[case.pk]),
        "case_close": reverse("advisory:case_close", args=[case.pk]),
        "case_pause": reverse("advisory:case_pause", args=[case.pk]),
        "case_resume": reverse("advisory:case_resume", args=[case.pk]),
        "consultation_create": reverse("advisory:consultation_create", args=[case.pk]),
        "case_notes": reverse("advisory:case_notes", args=[case.pk]),
        "case_note_reads": reverse("advisory:case_note_reads", args=[case.pk]),
        "task_create": reverse("advisory:task_create", args=[case.pk]),
        "referral_create": reverse("advisory:referral_create", args=[case.pk]),
        "consultation_edit": reverse("advisory:consultation_edit", args=[world["consultation"].pk]),
        "consultation_note": reverse("advisory:consultation_note", args=[world["consultation"].pk]),
        "referral_edit": reverse("advisory:referral_edit", args=[world["referral"].pk]),
        "initiative": reverse("advisory:initiative", args=[case.initiative.slug]),
    }


def test_every_advisory_url_is_in_the_privacy_walk(world):
    advisory = next(p for p in get_resolver().url_patterns if getattr(p, "namespace", None) == "advisory")
    names = {pattern.name for pattern in advisory.url_patterns}
    assert names == set(advisory_urls(world))


NON_STAFF = ["visitor", "resident", "lead", "core", "supporter", "other_advisor", "other_coordinator"]


@pytest.mark.parametrize("role", NON_STAFF)
def test_no_confidential_note_in_any_response_for_non_staff(role, world, client_for, request):
    user = (
        None
        if role == "visitor"
        else request.getfixturevalue(
            {"resident": "resident", "lead": "lead", "core": "core", "supporter": "supporter"}.get(role, role)
        )
    )
    client = client_for(user)
    for name, url in advisory_urls(world).items():
        for method in ("get", "forge_post"):  # posts as is: the walk asks what the server answers, buttons or not
            response = getattr(client, method)(url, follow=True)
            body = response.content.decode(errors="replace")
            assert SECRET not in body, f"{role} {method.upper()} {name}"
            assert OTHER_SECRET not in body, f"{role} {method.upper()} {name}"
    assert not ConfidentialNoteRead.objects.exists()


def test_supporters_see_nothing_of_the_case(world, client_for, supporter):
    client = client_for(supporter)
    assert client.get(advisory_urls(world)["initiative"]).status_code == 403
    assert "Satzung prüfen" not in client.get(reverse("advisory:my_tasks")).content.decode()
    assert world["case"].initiative.name not in client.get(reverse("advisory:index")).content.decode()


@pytest.mark.parametrize("role", ["advisor", "coordinator", "admin_user"])
def test_staff_see_the_note_only_on_note_pages_and_each_display_is_recorded(role, world, client_for, request):
    user = request.getfixturevalue(role)
    client = client_for(user)
    urls = advisory_urls(world)
    for name in ("case", "case_list", "dashboard", "initiative", "workshop", "my_tasks"):
        assert SECRET not in client.get(urls[name]).content.decode(), name
    assert not ConfidentialNoteRead.objects.exists()

    assert SECRET in client.get(urls["consultation_note"]).content.decode()
    assert SECRET in client.get(urls["consultation_note"]).content.decode()
    assert SECRET in client.get(urls["case_notes"]).content.decode()
    reads = ConfidentialNoteRead.objects.filter(reader=user)
    assert reads.count() == 3  # one row per display, the platform admin included
    assert set(reads.values_list("page", flat=True)) == {"note", "case"}


def test_the_other_municipalitys_note_never_reaches_our_staff(world, client_for, advisor, coordinator):
    other = world["other_consultation"]
    for user in (advisor, coordinator):
        client = client_for(user)
        assert client.get(reverse("advisory:consultation_note", args=[other.pk])).status_code == 403
        assert client.get(reverse("advisory:case_notes", args=[world["other_case"].pk])).status_code == 403
        assert client.get(reverse("advisory:case", args=[world["other_case"].pk])).status_code == 403
    assert not ConfidentialNoteRead.objects.exists()


def test_coordinators_see_the_read_record_advisors_do_not(world, client_for, advisor, coordinator):
    urls = advisory_urls(world)
    client_for(advisor).get(urls["consultation_note"])
    for name in ("case_note_reads", "municipality_note_reads"):
        assert client_for(advisor).get(urls[name]).status_code == 403
        page = client_for(coordinator).get(urls[name]).content.decode()
        assert advisor.email in page
        assert SECRET not in page


def test_searching_cases_never_searches_notes(world, client_for, advisor):
    response = client_for(advisor).get(advisory_urls(world)["case_list"], {"q": SECRET[:20]})
    assert list(response.context["page_obj"]) == []
    assert list(queries.case_list(world["case"].municipality, queries.CaseFilter(q="STRENG"))) == []


def test_the_csv_export_has_no_names_and_no_notes(world, client_for, coordinator, advisor, lead, case):
    services.case_move_phase(case=case, phase="financing", by=advisor)
    response = client_for(coordinator).get(
        advisory_urls(world)["yearly_report_csv"], {"year": timezone.localdate().year}
    )
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode()
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0] == ["municipality", "year", "section", "key", "label", "value"]
    figures = {(row[2], row[3]): row[5] for row in rows[1:]}
    assert figures[("consultations", "count")] == "1"
    assert figures[("consultations", "hours")] == "1.5"
    assert figures[("outcomes_phase_reached", "financing")] == "1"
    assert figures[("topics", "legal_form")] == "1"
    assert figures[("referrals_made", "bank")] == "1"
    forbidden = [
        SECRET,
        OTHER_SECRET,
        case.display_name,
        case.initiative.name,
        "Gründung einer eG besprochen.",
        "Lena Lead",
        lead.email,
        "Adam Advisor",
        advisor.email,
        "Bank für Sozialwirtschaft",
        "Satzung prüfen",
    ]
    for text_part in forbidden:
        assert text_part not in text, text_part


def test_the_admin_never_shows_or_searches_note_texts(world, client_for, admin_user):
    client = client_for(admin_user)
    note = world["consultation"].confidential_note
    pages = [
        reverse("admin:advisory_consultation_changelist"),
        reverse("admin:advisory_consultation_change", args=[world["consultation"].pk]),
        reverse("admin:advisory_confidentialnote_changelist"),
        reverse("admin:advisory_confidentialnote_change", args=[note.pk]),
        reverse("admin:advisory_case_change", args=[world["case"].pk]),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert SECRET not in response.content.decode(), url
    found = client.get(reverse("admin:advisory_confidentialnote_changelist"), {"q": SECRET})
    assert found.context["cl"].result_count == 0
    found = client.get(reverse("admin:advisory_consultation_changelist"), {"q": SECRET})
    assert found.context["cl"].result_count == 0
    assert not ConfidentialNoteRead.objects.exists()


def test_the_summaries_for_the_concept_report_carry_no_note(world, initiative):
    summaries = queries.consultation_summaries_for_initiative(initiative)
    assert [s.summary for s in summaries] == ["Gründung einer eG besprochen."]
    assert not hasattr(summaries[0], "confidential_note")
    assert SECRET not in repr(summaries)
    assert summaries[0].topics == ["Rechtsform", "Finanzierung"] or summaries[0].topics == [
        "Legal form",
        "Financing",
    ]


def test_notifications_carry_no_note(world):
    from notifications.models import Notification

    for notification in Notification.objects.all():
        assert SECRET not in notification.subject + notification.body


# --- DSGVO -----------------------------------------------------------------------------------------


def test_the_data_export_holds_own_tasks_and_consultations_never_notes(world, lead, advisor):
    data = user_data_export(user=lead)["advisory"]
    assert [t["task"] for t in data["tasks"]] == ["Satzung prüfen"]
    assert [c["summary"] for c in data["consultations"]] == ["Gründung einer eG besprochen."]
    everything = json.dumps(user_data_export(user=lead), default=str) + json.dumps(
        user_data_export(user=advisor), default=str
    )
    assert SECRET not in everything


def test_deleting_a_member_keeps_the_case_history_anonymised(world, lead, case, client_for, advisor):
    user_delete(user=lead)
    consultation = Consultation.objects.get(pk=world["consultation"].pk)
    assert "Lena Lead" not in consultation.participants_text
    assert consultation.participants.count() == 0
    assert consultation.summary == "Gründung einer eG besprochen."
    assert Task.objects.get(pk=world["task"].pk).owner is None  # an open task goes back to the case
    page = client_for(advisor).get(case.get_absolute_url()).content.decode()
    assert "Lena Lead" not in page
    assert "Gründung einer eG besprochen." in page


def test_a_consultation_date_in_the_past_of_another_year_is_not_in_this_years_csv(world, client_for, coordinator, case):
    services.consultation_log(
        case=case,
        held_on=timezone.localdate().replace(month=1, day=1) - datetime.timedelta(days=1),
        duration_minutes=60,
        format="phone",
        topics=[],
        summary="Letztes Jahr.",
        by=coordinator,
    )
    text = client_for(coordinator).get(advisory_urls(world)["yearly_report_csv"]).content.decode()
    figures = {(row[2], row[3]): row[5] for row in csv.reader(io.StringIO(text), delimiter=";")}
    assert figures[("consultations", "count")] == "1"
