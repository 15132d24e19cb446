"""The advisory pages: the Eving-like journey through the forms, and the number of queries per page."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from advisory import queries, services
from advisory.models import Case, ConfidentialNoteRead, Consultation, PhaseChange, Referral, Task, Workshop
from notifications.models import Notification
from tests.advisory.conftest import SECRET
from tests.advisory.factories import InitiativeFactory
from tests.initiatives.factories import ActorFactory

pytestmark = pytest.mark.django_db


def today():
    return timezone.localdate()


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


# --- The journey ---------------------------------------------------------------------------------


def test_an_advisor_runs_a_case_from_first_contact_to_financing(client_for, advisor, municipality, quarter, lead):
    client = client_for(advisor)
    initiative = lead.initiative_memberships.get().initiative

    response = client.post(
        reverse("advisory:case_open", args=[municipality.slug]),
        {"initiative": initiative.pk, "name": "", "quarter": quarter.pk, "contact_name": "Vorstand"},
    )
    case = Case.objects.get(initiative=initiative)
    assert response.status_code == 302 and response.url == case.get_absolute_url()
    assert case.advisor == advisor and case.name == initiative.name

    response = client.post(
        reverse("advisory:consultation_create", args=[case.pk]),
        {
            "held_on": (today() - datetime.timedelta(days=1)).isoformat(),
            "duration_minutes": 90,
            "format": "on_site",
            "topics": ["legal_form", "financing"],
            "participants": [lead.pk],
            "participants_text": "Vorstand",
            "summary": "Gründung besprochen.",
            "outcomes": "eG bevorzugt.",
            "next_steps": "Finanzplan schicken.",
            "confidential_note": SECRET,
        },
    )
    assert response.status_code == 302
    consultation = case.consultations.get()
    assert consultation.confidential_note.text == SECRET

    for phase in ("orientation", "concept", "legal_form", "financing"):
        response = client.post(
            reverse("advisory:case_phase", args=[case.pk]),
            {"phase": phase, "on": today()},
            page=case.get_absolute_url(),
        )
        assert response.status_code == 302
    case.refresh_from_db()
    assert case.phase == "financing"
    assert PhaseChange.objects.filter(case=case).count() == 5

    response = client.post(
        reverse("advisory:task_create", args=[case.pk]),
        {
            "title": "Finanzplan an die Bank",
            "owner": lead.pk,
            "due_on": (today() + datetime.timedelta(days=1)).isoformat(),
            "consultation": consultation.pk,
        },
    )
    assert response.status_code == 302
    task = Task.objects.get(case=case)
    assert (task.owner, task.consultation) == (lead, consultation)
    assert Notification.objects.filter(recipient=lead, kind="advisory").exists()

    response = client.post(
        reverse("advisory:referral_create", args=[case.pk]),
        {
            "actor_type": "bank",
            "actor_name": "Bank für Sozialwirtschaft",
            "reason": "Baufinanzierung",
            "referred_on": today().isoformat(),
            "status": "referred",
            "result": "",
        },
    )
    assert response.status_code == 302
    referral = Referral.objects.get(case=case)
    response = client.post(
        reverse("advisory:referral_edit", args=[referral.pk]), {"status": "successful", "result": "Zusage"}
    )
    referral.refresh_from_db()
    assert (referral.status, referral.result, referral.closed_on) == ("successful", "Zusage", today())

    response = client.post(
        reverse("advisory:workshop_create", args=[municipality.slug]),
        {
            "title": "Rechtsformen für Wohnprojekte",
            "topic": "legal_form",
            "held_on": today().isoformat(),
            "place": "Bürgerhaus",
            "attendees": 12,
            "cases": [case.pk],
        },
    )
    workshop = Workshop.objects.get()
    assert response.url == workshop.get_absolute_url()
    assert list(workshop.cases.all()) == [case]

    page = client.get(case.get_absolute_url()).content.decode()
    for text in ("Gründung besprochen.", "Finanzplan an die Bank", "Bank für Sozialwirtschaft", "Rechtsformen"):
        assert text in page
    assert SECRET not in page  # the case page links to the note; it never shows it


def test_closing_needs_the_confirmation_step(client_for, advisor, case):
    client = client_for(advisor)
    response = client.get(reverse("advisory:case_close", args=[case.pk]))
    assert response.status_code == 200
    case.refresh_from_db()
    assert case.status == "open"
    client.post(reverse("advisory:case_close", args=[case.pk]))
    case.refresh_from_db()
    assert (case.status, case.phase) == ("closed", "closed")


def test_pause_and_resume_through_the_page(client_for, advisor, case):
    client = client_for(advisor)
    page = client.get(case.get_absolute_url())
    client.post(reverse("advisory:case_pause", args=[case.pk]), page=page)
    case.refresh_from_db()
    assert case.status == "paused"
    response = client.post(reverse("advisory:case_pause", args=[case.pk]), page=page)  # the page from before
    assert "Only an open case can be paused." in " ".join(messages_of(response)) or messages_of(response)
    client.post(reverse("advisory:case_resume", args=[case.pk]), page=case.get_absolute_url())
    case.refresh_from_db()
    assert case.status == "open"


def test_a_phase_in_the_future_is_refused_with_a_message(client_for, advisor, case):
    response = client_for(advisor).post(
        reverse("advisory:case_phase", args=[case.pk]),
        {"phase": "concept", "on": (today() + datetime.timedelta(days=2)).isoformat()},
        page=case.get_absolute_url(),
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.phase == "first_contact"


def test_a_coordinator_assigns_at_opening_an_advisor_cannot(client_for, coordinator, advisor, municipality, quarter):
    url = reverse("advisory:case_open", args=[municipality.slug])
    assert "advisor" in client_for(coordinator).get(url).context["form"].fields
    assert "advisor" not in client_for(advisor).get(url).context["form"].fields
    client_for(coordinator).post(url, {"name": "Repair-Café", "quarter": quarter.pk, "advisor": advisor.pk})
    assert Case.objects.get(name="Repair-Café").advisor == advisor


def test_a_group_case_needs_a_name(client_for, advisor, municipality, quarter):
    response = client_for(advisor).post(
        reverse("advisory:case_open", args=[municipality.slug]), {"name": "", "quarter": quarter.pk}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["name"]


def test_linking_the_initiative_through_the_edit_form(client_for, advisor, municipality, quarter, initiative):
    case = services.case_open(municipality=municipality, quarter=quarter, name="Eltern aus Eving", by=advisor)
    client_for(advisor).post(
        reverse("advisory:case_edit", args=[case.pk]),
        {"initiative": initiative.pk, "name": "Eltern aus Eving", "quarter": quarter.pk},
    )
    case.refresh_from_db()
    assert case.initiative == initiative


def test_assigning_through_the_page(client_for, coordinator, case, municipality):
    from tests.conftest import verified_user, with_totp
    from tests.factories import StaffRoleFactory

    second = with_totp(verified_user(email="second@example.org"))
    StaffRoleFactory(user=second, municipality=municipality, role="advisor")
    client_for(coordinator).post(reverse("advisory:case_assign", args=[case.pk]), {"advisor": second.pk})
    case.refresh_from_db()
    assert case.advisor == second


def test_editing_a_consultation_shows_the_note_and_records_the_read(client_for, advisor, consultation):
    client = client_for(advisor)
    url = reverse("advisory:consultation_edit", args=[consultation.pk])
    response = client.get(url)
    assert SECRET in response.content.decode()
    assert ConfidentialNoteRead.objects.filter(reader=advisor, page="edit").count() == 1
    client.post(
        url,
        {
            "held_on": consultation.held_on.isoformat(),
            "duration_minutes": 30,
            "format": "phone",
            "topics": ["building"],
            "summary": "Geändert.",
            "confidential_note": SECRET,
        },
    )
    consultation.refresh_from_db()
    assert (consultation.summary, consultation.duration_minutes) == ("Geändert.", 30)
    assert ConfidentialNoteRead.objects.count() == 1  # saving is not a read


def test_the_lead_completes_their_task_from_the_initiatives_view(client_for, case, advisor, lead, initiative):
    task = services.task_create(case=case, title="Finanzplan", owner=lead, by=advisor)
    response = client_for(lead).post(
        reverse("advisory:task_complete", args=[task.pk]),
        {"next": "initiative"},
        page=reverse("advisory:initiative", args=[initiative.slug]),
    )
    assert response.url == reverse("advisory:initiative", args=[initiative.slug])
    task.refresh_from_db()
    assert task.done_at is not None
    client_for(lead).post(
        reverse("advisory:task_reopen", args=[task.pk]), {"next": "my_tasks"}, page=reverse("advisory:my_tasks")
    )
    task.refresh_from_db()
    assert task.done_at is None


def test_the_core_team_cannot_complete_someone_elses_task(client_for, case, advisor, core):
    task = services.task_create(case=case, title="Beraterin", owner=advisor, by=advisor)
    assert client_for(core).forge_post(reverse("advisory:task_complete", args=[task.pk])).status_code == 403


def test_my_tasks_lists_only_tasks_in_cases_one_still_belongs_to(client_for, case, advisor, lead, other_quarter):
    services.task_create(case=case, title="Satzung prüfen", owner=lead, by=advisor)
    services.task_create(case=case, title="Bank anrufen", owner=advisor, by=advisor)
    page = client_for(lead).get(reverse("advisory:my_tasks")).content.decode()
    assert "Satzung prüfen" in page and "Bank anrufen" not in page
    lead.initiative_memberships.update(role="supporter")  # supporters see nothing of the case
    page = client_for(lead).get(reverse("advisory:my_tasks")).content.decode()
    assert "Satzung prüfen" not in page


def test_the_initiatives_view_without_a_case(client_for, lead, initiative):
    response = client_for(lead).get(reverse("advisory:initiative", args=[initiative.slug]))
    assert response.status_code == 200
    assert response.context["case"] is None


def test_the_initiatives_view_shows_phase_summaries_and_tasks(client_for, consultation, case, advisor, lead):
    services.task_create(case=case, title="Finanzplan schicken", owner=lead, by=advisor)
    services.referral_create(case=case, actor_type="bank", actor_name="Hausbank Geheim", by=advisor)
    page = client_for(lead).get(reverse("advisory:initiative", args=[case.initiative.slug])).content.decode()
    assert "Gründung einer eG besprochen." in page
    assert "Finanzplan schicken" in page
    assert 'aria-current="step"' in page
    assert "Hausbank Geheim" not in page  # referrals stay with the staff


def test_the_dashboard_shows_the_advisors_own_work(client_for, advisor, consultation, case, municipality):
    services.task_create(
        case=case, title="Überfällig", owner=advisor, due_on=today() - datetime.timedelta(days=2), by=advisor
    )
    response = client_for(advisor).get(reverse("advisory:dashboard", args=[municipality.slug]))
    board = response.context["board"]
    assert board.open_cases == 1
    assert board.total_consultations == 1 and board.total_minutes == 90
    assert [t.title for t in board.overdue_tasks] == ["Überfällig"]
    page = response.content.decode()
    assert "<svg" in page and "<table" in page
    assert "1,5" in page  # hours, formatted the German way


def test_the_case_list_filters_and_searches_summaries(client_for, advisor, consultation, case, municipality, quarter):
    services.case_open(municipality=municipality, quarter=quarter, name="Repair-Café", by=advisor)
    url = reverse("advisory:case_list", args=[municipality.slug])
    names = lambda response: [c.display_name for c in response.context["page_obj"]]  # noqa: E731
    client = client_for(advisor)
    assert names(client.get(url, {"q": "Gründung"})) == [case.display_name]
    assert names(client.get(url, {"q": "Repair"})) == ["Repair-Café"]
    assert names(client.get(url, {"phase": "first_contact", "status": "open"})) == [case.display_name, "Repair-Café"]


def test_the_yearly_report_and_coordination_pages(client_for, coordinator, consultation, municipality):
    year = consultation.held_on.year
    response = client_for(coordinator).get(reverse("advisory:yearly_report", args=[municipality.slug]), {"year": year})
    assert response.context["report"].consultations == 1
    response = client_for(coordinator).get(reverse("advisory:coordination", args=[municipality.slug]), {"year": "x"})
    assert response.context["overview"].year == today().year


# --- Queries per page ----------------------------------------------------------------------------
#
# Every page a signed-in staff member opens costs five queries before the view runs (the session comes
# from the cache): the user, the staff roles (read once, cached on the user; the MFA middleware needs
# them), the TOTP check of the MFA middleware, and in the template the unread notification count and the
# staff municipalities of the menu.
# Other signed-in people cost four (no TOTP check). Each test adds more objects and checks that the count
# does not grow.

STAFF_BASE = 5
MEMBER_BASE = 4


def more_work(case, advisor, lead, count=3):
    for index in range(count):
        consultation = services.consultation_log(
            case=case,
            held_on=today() - datetime.timedelta(days=index + 1),
            duration_minutes=30,
            format="video",
            topics=["financing", "concept"],
            summary=f"Weiteres Gespräch {index}",
            participants=[lead, advisor],
            confidential_note=f"Notiz {index}",
            by=advisor,
        )
        services.task_create(case=case, consultation=consultation, title=f"Aufgabe {index}", owner=lead, by=advisor)
        services.task_create(
            case=case, title=f"Alt {index}", owner=advisor, due_on=today() - datetime.timedelta(days=3), by=advisor
        )
        services.referral_create(case=case, actor_type="foundation", actor_name=f"Stiftung {index}", by=advisor)
        actor = ActorFactory(kind="bank", municipality=case.municipality)
        services.referral_create(case=case, actor=actor, by=advisor)  # the case page shows the directory's actor


def more_cases(municipality, quarter, advisor, count=3):
    for index in range(count):
        group = services.case_open(municipality=municipality, quarter=quarter, name=f"Gruppe {index}", by=advisor)
        services.consultation_log(
            case=group,
            held_on=today(),
            duration_minutes=45,
            format="phone",
            topics=["building"],
            summary="x",
            by=advisor,
        )


def assert_same_count(client, url, queries, grow, django_assert_num_queries):
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200
    grow()
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200


def test_queries_case_page(client_for, coordinator, advisor, lead, case, consultation, django_assert_num_queries):
    # base + case + phase history + consultation count + the page of consultations + their topics + their
    # linked participants + tasks + referrals + workshops
    assert_same_count(
        client_for(coordinator),
        case.get_absolute_url(),
        STAFF_BASE + 9,
        lambda: more_work(case, advisor, lead),
        django_assert_num_queries,
    )


def test_queries_case_list(client_for, advisor, case, consultation, municipality, quarter, django_assert_num_queries):
    # base + municipality + the advisors of the filter + page count + the page of cases (figures as
    # subqueries, advisor/quarter/initiative joined)
    assert_same_count(
        client_for(advisor),
        reverse("advisory:case_list", args=[municipality.slug]),
        STAFF_BASE + 4,
        lambda: more_cases(municipality, quarter, advisor),
        django_assert_num_queries,
    )


def test_queries_dashboard(client_for, advisor, lead, case, consultation, municipality, django_assert_num_queries):
    # base + municipality + caseload by phase + consultations per month + topics + the first overdue tasks +
    # their count + the most urgent own cases
    assert_same_count(
        client_for(advisor),
        reverse("advisory:dashboard", args=[municipality.slug]),
        STAFF_BASE + 7,
        lambda: more_work(case, advisor, lead),
        django_assert_num_queries,
    )


def test_queries_coordination(
    client_for, coordinator, advisor, case, consultation, municipality, quarter, django_assert_num_queries
):
    # base + municipality + staff list + cases per advisor + consultations per advisor + overdue tasks per
    # advisor + phases + months + unassigned cases + paused count + years of the form
    assert_same_count(
        client_for(coordinator),
        reverse("advisory:coordination", args=[municipality.slug]),
        STAFF_BASE + 10,
        lambda: more_cases(municipality, quarter, advisor),
        django_assert_num_queries,
    )


def test_queries_yearly_report(
    client_for, coordinator, advisor, lead, case, consultation, municipality, django_assert_num_queries
):
    # base + municipality + case figures + consultations by format + referrals by actor and status + phases
    # reached + workshops + topics + years of the form
    assert_same_count(
        client_for(coordinator),
        reverse("advisory:yearly_report", args=[municipality.slug]),
        STAFF_BASE + 8,
        lambda: more_work(case, advisor, lead),
        django_assert_num_queries,
    )


def test_queries_yearly_report_csv(
    client_for, coordinator, advisor, lead, case, consultation, municipality, django_assert_num_queries
):
    # The CSV renders no template: user, staff roles, TOTP check (the session comes from the cache) +
    # municipality + the six report queries (case figures, formats, referrals, phases, workshops, topics)
    assert_same_count(
        client_for(coordinator),
        reverse("advisory:yearly_report_csv", args=[municipality.slug]),
        3 + 7,
        lambda: more_work(case, advisor, lead),
        django_assert_num_queries,
    )


def test_queries_case_notes(client_for, advisor, lead, case, consultation, django_assert_num_queries):
    # base + case + note count + the page of notes (with consultation and author) + one bulk insert of the
    # read records
    assert_same_count(
        client_for(advisor),
        reverse("advisory:case_notes", args=[case.pk]),
        STAFF_BASE + 4,
        lambda: more_work(case, advisor, lead),
        django_assert_num_queries,
    )


def test_queries_note_page(client_for, advisor, consultation, django_assert_num_queries):
    client = client_for(advisor)
    # base + consultation with case + the note + the read record
    with django_assert_num_queries(STAFF_BASE + 3):
        client.get(reverse("advisory:consultation_note", args=[consultation.pk]))


def test_queries_note_reads(client_for, coordinator, advisor, lead, case, consultation, django_assert_num_queries):
    def read_more():
        more_work(case, advisor, lead)
        services.confidential_notes_read(notes=queries.confidential_notes_of_case(case), by=advisor)

    read_more()
    # base + case + page count + the page of reads (reader and consultation joined)
    assert_same_count(
        client_for(coordinator),
        reverse("advisory:case_note_reads", args=[case.pk]),
        STAFF_BASE + 3,
        read_more,
        django_assert_num_queries,
    )
    client = client_for(coordinator)
    # base + municipality + page count + the page of reads (reader, case, consultation joined)
    with django_assert_num_queries(STAFF_BASE + 3):
        client.get(reverse("advisory:municipality_note_reads", args=[case.municipality.slug]))


def test_queries_workshops(client_for, advisor, case, municipality, quarter, django_assert_num_queries):
    def add():
        for index in range(3):
            more_cases(municipality, quarter, advisor, count=1)
            services.workshop_create(
                municipality=municipality,
                title=f"W{index}",
                topic="concept",
                held_on=today(),
                place="Saal",
                cases=list(Case.objects.all()),
                by=advisor,
            )

    add()
    # base + municipality + page count + the page of workshops (case count annotated)
    assert_same_count(
        client_for(advisor),
        reverse("advisory:workshop_list", args=[municipality.slug]),
        STAFF_BASE + 3,
        add,
        django_assert_num_queries,
    )
    workshop = Workshop.objects.first()
    # base + workshop with municipality and author + its cases with initiative and quarter
    assert_same_count(client_for(advisor), workshop.get_absolute_url(), STAFF_BASE + 2, add, django_assert_num_queries)


def test_queries_initiative_view(client_for, lead, advisor, case, consultation, django_assert_num_queries):
    # base + initiative + the lead's roles (rules) + the case + consultations + their topics + tasks + workshops
    assert_same_count(
        client_for(lead),
        reverse("advisory:initiative", args=[case.initiative.slug]),
        MEMBER_BASE + 7,
        lambda: more_work(case, advisor, lead),
        django_assert_num_queries,
    )


def test_queries_my_tasks(client_for, lead, advisor, case, django_assert_num_queries):
    services.task_create(case=case, title="Eins", owner=lead, by=advisor)
    # base + count of open tasks + the page of open tasks + recently done tasks (cases, initiatives and
    # municipalities joined)
    assert_same_count(
        client_for(lead),
        reverse("advisory:my_tasks"),
        MEMBER_BASE + 3,
        lambda: more_work(case, advisor, lead),
        django_assert_num_queries,
    )


def test_queries_index(client_for, lead, advisor, case, django_assert_num_queries):
    client = client_for(lead)
    # base + the lead's initiatives with a case + the count of open tasks
    with django_assert_num_queries(MEMBER_BASE + 2):
        client.get(reverse("advisory:index"))


def test_consultations_are_listed_newest_first(client_for, advisor, lead, case, consultation):
    more_work(case, advisor, lead)
    listed = list(client_for(advisor).get(case.get_absolute_url()).context["consultations"])
    assert [c.held_on for c in listed] == sorted((c.held_on for c in listed), reverse=True)
    assert Consultation.objects.count() == 4


def test_other_municipalities_do_not_see_the_initiative_of_another(client_for, other_coordinator, initiative):
    other = InitiativeFactory(municipality=initiative.municipality)
    response = client_for(other_coordinator).get(reverse("advisory:initiative", args=[other.slug]))
    assert response.status_code == 403
