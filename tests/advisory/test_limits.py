"""Long lists stay short: the dashboard shows the first rows with a count and a link to the full, paged list;
the case page and the confidential notes page are paged, and only the notes shown are recorded as read."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from advisory import queries
from advisory.models import Case, ConfidentialNoteRead
from tests.advisory.factories import CaseFactory, ConfidentialNoteFactory, ConsultationFactory, TaskFactory
from tests.conftest import verified_user
from tests.factories import StaffRoleFactory

pytestmark = pytest.mark.django_db

LIMIT = queries.DASHBOARD_LIMIT


def day(offset):
    return timezone.localdate() + datetime.timedelta(days=offset)


def names_in(response, key):
    return [case.display_name for case in response.context[key]]


@pytest.fixture
def colleague(municipality):
    user = verified_user(email="colleague@example.org", display_name="Kim Kollegin")
    StaffRoleFactory(user=user, municipality=municipality, role="advisor")
    return user


@pytest.fixture
def caseload(advisor, quarter):
    """More open cases than the dashboard shows, each with one overdue task owned by the advisor."""
    cases = [CaseFactory(quarter=quarter, advisor=advisor, name=f"Fall {index:02}") for index in range(LIMIT + 5)]
    for index, case in enumerate(cases):
        TaskFactory(case=case, owner=advisor, title=f"Überfällig {index:02}", due_on=day(-100 + index))
    return cases


# --- The dashboard ---------------------------------------------------------------------------------


def test_the_dashboard_shows_the_first_rows_with_counts_and_links(client_for, advisor, municipality, caseload):
    response = client_for(advisor).get(reverse("advisory:dashboard", args=[municipality.slug]))
    board = response.context["board"]
    total = LIMIT + 5
    assert (board.open_cases, len(board.cases), board.more_cases) == (total, LIMIT, True)
    assert (board.overdue_count, len(board.overdue_tasks), board.more_overdue_tasks) == (total, LIMIT, True)
    # The longest overdue first.
    assert [task.title for task in board.overdue_tasks] == [f"Überfällig {index:02}" for index in range(LIMIT)]
    page = response.content.decode()
    assert len(re.findall(r"Überfällig \d\d", page)) == LIMIT
    assert reverse("advisory:overdue_tasks", args=[municipality.slug]) in page
    assert f"{reverse('advisory:case_list', args=[municipality.slug])}?advisor={advisor.pk}&amp;status=active" in page


def test_the_dashboards_case_link_leads_to_all_the_advisors_open_cases(
    client_for, advisor, colleague, municipality, quarter, caseload
):
    CaseFactory(quarter=quarter, advisor=colleague, name="Fall der Kollegin")
    closed = CaseFactory(quarter=quarter, advisor=advisor, name="Fall geschlossen")
    Case.objects.filter(pk=closed.pk).update(status="closed", phase="closed", closed_on=day(0))
    client = client_for(advisor)
    link = re.search(
        r'href="([^"]*faelle/\?[^"]*)"',
        client.get(reverse("advisory:dashboard", args=[municipality.slug])).content.decode(),
    ).group(1)
    listed = client.get(link.replace("&amp;", "&"))
    assert listed.context["page_obj"].paginator.count == len(caseload)  # no colleague's case, no closed one
    shown = names_in(listed, "page_obj")
    assert sorted(shown) == sorted(case.name for case in caseload)
    # The same order as on the dashboard: the case list continues it.
    assert shown[:LIMIT] == [case.display_name for case in queries.advisor_dashboard(municipality, advisor).cases]


def test_the_overdue_tasks_page_lists_them_all_paged(client_for, advisor, municipality, quarter, caseload):
    for index in range(5):  # beyond one page of the list
        TaskFactory(case=caseload[0], owner=advisor, title=f"Noch eine {index}", due_on=day(-1))
    client = client_for(advisor)
    url = reverse("advisory:overdue_tasks", args=[municipality.slug])
    first, second = client.get(url), client.get(url, {"page": 2})
    assert first.context["page_obj"].paginator.count == LIMIT + 10
    titles = [task.title for task in first.context["page_obj"]] + [task.title for task in second.context["page_obj"]]
    assert len(titles) == len(set(titles)) == LIMIT + 10
    assert titles[0] == "Überfällig 00"
    assert 'aria-label="Seiten"' in first.content.decode() or 'aria-label="Pages"' in first.content.decode()


def test_overdue_tasks_are_the_advisors_own_and_those_of_the_advisors_cases(
    advisor, colleague, municipality, quarter, other_quarter, lead
):
    mine = CaseFactory(quarter=quarter, advisor=advisor)
    theirs = CaseFactory(quarter=quarter, advisor=colleague)
    elsewhere = CaseFactory(quarter=other_quarter, advisor=advisor)
    expected = {
        TaskFactory(case=mine, owner=lead, title="Meinem Fall, der Initiative", due_on=day(-3)),
        TaskFactory(case=mine, owner=None, title="Meinem Fall, niemandem", due_on=day(-2)),
        TaskFactory(case=theirs, owner=advisor, title="Mir, im Fall der Kollegin", due_on=day(-1)),
    }
    TaskFactory(case=theirs, owner=colleague, title="Nicht meins", due_on=day(-5))
    TaskFactory(case=mine, owner=advisor, title="Noch nicht fällig", due_on=day(0))
    TaskFactory(case=mine, owner=advisor, title="Ohne Datum", due_on=None)
    TaskFactory(case=mine, owner=advisor, title="Erledigt", due_on=day(-9), done_at=timezone.now())
    TaskFactory(case=elsewhere, owner=advisor, title="Andere Kommune", due_on=day(-9))
    overdue = queries.overdue_tasks_of_advisor(municipality, advisor)
    assert list(overdue) == sorted(expected, key=lambda task: task.due_on)
    assert overdue.count() == 3


def test_the_most_urgent_cases_come_first(advisor, municipality, quarter):
    recent = CaseFactory(quarter=quarter, advisor=advisor, name="A kürzlich beraten")
    ConsultationFactory(case=recent, held_on=day(-1))
    long_ago = CaseFactory(quarter=quarter, advisor=advisor, name="B lange nicht beraten")
    ConsultationFactory(case=long_ago, held_on=day(-90))
    never = CaseFactory(quarter=quarter, advisor=advisor, name="C nie beraten")
    paused = CaseFactory(quarter=quarter, advisor=advisor, name="D pausiert", status="paused", paused_on=day(-5))
    overdue = CaseFactory(quarter=quarter, advisor=advisor, name="E mit Überfälligem")
    ConsultationFactory(case=overdue, held_on=day(-1))
    TaskFactory(case=overdue, owner=advisor, due_on=day(-1))
    board = queries.advisor_dashboard(municipality, advisor)
    assert [case.pk for case in board.cases] == [overdue.pk, never.pk, long_ago.pk, recent.pk, paused.pk]


# --- The case list's filters -----------------------------------------------------------------------


def test_the_case_list_filters_by_advisor_and_open_or_paused(client_for, advisor, colleague, municipality, quarter):
    CaseFactory(quarter=quarter, advisor=advisor, name="Offen")
    CaseFactory(quarter=quarter, advisor=advisor, name="Pausiert", status="paused", paused_on=day(-1))
    CaseFactory(quarter=quarter, advisor=advisor, name="Zu", status="closed", phase="closed", closed_on=day(0))
    CaseFactory(quarter=quarter, advisor=colleague, name="Kollegin")
    url = reverse("advisory:case_list", args=[municipality.slug])
    client = client_for(advisor)
    assert names_in(client.get(url, {"advisor": advisor.pk, "status": "active"}), "page_obj") == ["Offen", "Pausiert"]
    assert names_in(client.get(url, {"advisor": colleague.pk}), "page_obj") == ["Kollegin"]
    page = client.get(url).content.decode()
    assert re.search(r'<label\s+for="id_advisor"', page) and re.search(r'<label\s+for="id_sort"', page)


# --- The case page and the confidential notes ------------------------------------------------------


@pytest.fixture
def long_case(case):
    """A case with more consultations than a page holds, each with a confidential note."""
    for offset in range(queries.CONSULTATIONS_PER_PAGE + 5):
        consultation = ConsultationFactory(case=case, held_on=day(-offset - 1), summary=f"Gespräch {offset:02}")
        ConfidentialNoteFactory(consultation=consultation, text=f"NOTIZ-{offset:02}")
    return case


def test_the_case_page_shows_the_latest_consultations_and_pages_the_older(client_for, advisor, long_case):
    client = client_for(advisor)
    size = queries.CONSULTATIONS_PER_PAGE
    first = client.get(long_case.get_absolute_url())
    assert [c.summary for c in first.context["consultations"]] == [f"Gespräch {n:02}" for n in range(size)]
    page = first.content.decode()
    assert "Gespräch 00" in page and f"Gespräch {size:02}" not in page
    assert "?page=2#consultations" in page
    second = client.get(long_case.get_absolute_url(), {"page": 2})
    assert [c.summary for c in second.context["consultations"]] == [f"Gespräch {n:02}" for n in range(size, size + 5)]
    assert "?page=1#consultations" in second.content.decode()
    # The case page shows no note, so it records no read.
    assert not ConfidentialNoteRead.objects.exists()


def test_only_the_notes_shown_are_recorded_as_read_in_one_insert(client_for, advisor, coordinator, long_case):
    client = client_for(advisor)
    url = reverse("advisory:case_notes", args=[long_case.pk])
    with CaptureQueriesContext(connection) as captured:
        page = client.get(url).content.decode()
    inserts = [q["sql"] for q in captured.captured_queries if q["sql"].startswith("INSERT")]
    assert len(inserts) == 1 and "advisory_confidentialnoteread" in inserts[0]
    shown = {f"NOTIZ-{n:02}" for n in range(queries.NOTES_PER_PAGE)}
    assert all(text in page for text in shown) and "NOTIZ-24" not in page
    reads = ConfidentialNoteRead.objects.filter(reader=advisor, case=long_case, page="case")
    assert sorted(reads.values_list("note__text", flat=True)) == sorted(shown)

    client.get(url, {"page": 2})
    assert sorted(reads.values_list("note__text", flat=True)) == [
        f"NOTIZ-{n:02}" for n in range(queries.NOTES_PER_PAGE + 5)
    ]

    # The coordinators see who read which note, and when.
    log = client_for(coordinator).get(reverse("advisory:case_note_reads", args=[long_case.pk]))
    assert log.context["page_obj"].paginator.count == queries.NOTES_PER_PAGE + 5
    assert all(read.reader == advisor for read in log.context["page_obj"])


# --- My tasks ---------------------------------------------------------------------------------------


def test_my_open_tasks_are_paged(client_for, advisor, case):
    for index in range(queries.PAGE_SIZE + 3):
        TaskFactory(case=case, owner=advisor, title=f"Aufgabe {index:02}", due_on=day(index))
    client = client_for(advisor)
    first = client.get(reverse("advisory:my_tasks"))
    second = client.get(reverse("advisory:my_tasks"), {"page": 2})
    titles = [task.title for task in first.context["open_tasks"]] + [t.title for t in second.context["open_tasks"]]
    assert titles == [f"Aufgabe {index:02}" for index in range(queries.PAGE_SIZE + 3)]
