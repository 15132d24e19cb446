"""Reads: visibility, the dashboards' figures, the yearly report and the counts for the reports app."""

import datetime

import pytest
from django.utils import timezone

from advisory import queries, services
from advisory.models import Case

pytestmark = pytest.mark.django_db


def day(offset):
    return timezone.localdate() + datetime.timedelta(days=offset)


def log(case, by, held_on, minutes, topics, **extra):
    return services.consultation_log(
        case=case,
        held_on=held_on,
        duration_minutes=minutes,
        format="on_site",
        topics=topics,
        summary="x",
        by=by,
        **extra,
    )


def test_cases_visible_to_staff_of_the_municipality_and_the_admin(
    case, advisor, coordinator, other_coordinator, resident, lead, admin_user, other_quarter, other_advisor
):
    from django.contrib.auth.models import AnonymousUser

    other = services.case_open(
        municipality=other_quarter.municipality, quarter=other_quarter, name="Fremd", by=other_advisor
    )
    assert list(queries.cases_visible_to(advisor)) == [case]
    assert list(queries.cases_visible_to(coordinator)) == [case]
    assert list(queries.cases_visible_to(other_coordinator)) == [other]
    assert set(queries.cases_visible_to(admin_user)) == {case, other}
    for user in (resident, lead, AnonymousUser()):
        assert not queries.cases_visible_to(user).exists()


def test_the_case_list_figures(case, advisor, lead):
    log(case, advisor, day(-10), 90, ["financing"])
    log(case, advisor, day(-3), 30, ["legal_form"])
    services.task_create(case=case, title="alt", owner=lead, due_on=day(-1), by=advisor)
    services.task_create(case=case, title="neu", owner=lead, due_on=day(3), by=advisor)
    done = services.task_create(case=case, title="fertig", owner=lead, due_on=day(-5), by=advisor)
    services.task_complete(task=done, by=lead)
    row = queries.case_list(case.municipality).get()
    assert (row.consultation_count, row.minutes, row.last_consultation) == (2, 120, day(-3))
    assert (row.open_task_count, row.overdue_task_count) == (2, 1)


def test_the_advisors_dashboard_counts_only_their_own_work(case, advisor, coordinator, municipality, quarter):
    other_case = services.case_open(municipality=municipality, quarter=quarter, name="Andere", by=coordinator)
    log(case, advisor, day(0), 60, ["financing", "legal_form"])
    log(case, advisor, day(0).replace(day=1) - datetime.timedelta(days=1), 30, ["financing"])  # last month
    log(other_case, coordinator, day(0), 120, ["building"])
    services.case_move_phase(case=case, phase="financing", by=advisor)
    board = queries.advisor_dashboard(municipality, advisor)
    # phases in order without "closed": first contact, orientation, concept, legal form, financing, ...
    assert [count for _label, count in board.caseload] == [0, 0, 0, 0, 1, 0, 0]
    assert board.open_cases == 1
    assert [row.consultations for row in board.months[-2:]] == [1, 1]
    assert [row.minutes for row in board.months[-2:]] == [30, 60]
    assert len(board.months) == 12 and board.months[-1].month == day(0).replace(day=1)
    # in the order of the topics: legal form, financing, ...
    assert [count for _label, count in board.topics][:2] == [1, 2]
    assert board.total_hours == 1.5


def test_the_coordinators_overview(case, advisor, coordinator, municipality, quarter, lead):
    services.case_open(municipality=municipality, quarter=quarter, name="Ohne Beratung", by=coordinator)
    log(case, advisor, day(0), 45, ["concept"])
    services.task_create(case=case, title="alt", owner=lead, due_on=day(-2), by=advisor)
    overview = queries.coordinator_overview(municipality, day(0).year)
    rows = {row.person: row for row in overview.advisors}
    assert (rows[advisor].open_cases, rows[advisor].consultations, rows[advisor].minutes) == (1, 1, 45)
    assert rows[advisor].overdue_tasks == 1
    assert (rows[coordinator].open_cases, rows[coordinator].consultations) == (0, 0)
    assert [c.name for c in overview.unassigned] == ["Ohne Beratung"]
    assert overview.open_cases == 2


def test_the_yearly_report(case, advisor, municipality, quarter, coordinator):
    year = day(0).year
    log(case, advisor, day(0), 60, ["financing", "funding_programmes"])
    services.consultation_log(
        case=case, held_on=day(0), duration_minutes=30, format="phone", topics=["financing"], summary="x", by=advisor
    )
    services.referral_create(case=case, actor_type="bank", actor_name="B", status="successful", by=advisor)
    services.referral_create(case=case, actor_type="bank", actor_name="C", status="unsuccessful", by=advisor)
    services.referral_create(case=case, actor_type="foundation", actor_name="D", by=advisor)
    services.case_move_phase(case=case, phase="concept", by=advisor)
    services.case_move_phase(case=case, phase="financing", by=advisor)
    closed = services.case_open(municipality=municipality, quarter=quarter, name="Zu", by=coordinator)
    services.case_move_phase(case=closed, phase="closed", by=coordinator)
    services.workshop_create(
        municipality=municipality, title="W", topic="concept", held_on=day(0), place="P", attendees=9, by=advisor
    )
    report = queries.yearly_report(municipality, year)
    assert (report.cases_active, report.cases_opened, report.cases_closed) == (2, 2, 1)
    assert (report.consultations, report.minutes, report.hours) == (2, 90, 1.5)
    assert dict(report.formats) and sum(n for _l, n in report.formats) == 2
    assert sorted(n for _l, n in report.topics if n) == [1, 2]
    referrals = {row[0]: row[1:] for row in report.referrals}
    assert sorted(referrals.values())[-2:] == [(1, 0, 0), (2, 1, 1)]
    assert report.referrals_total == 3
    assert sorted(n for _l, n in report.phases_reached if n) == [1, 1, 1]  # concept, financing, closed
    assert (report.workshops, report.workshop_attendees) == (1, 9)
    last_year = queries.yearly_report(municipality, year - 1)
    assert (last_year.cases_active, last_year.consultations) == (0, 0)


def test_a_case_closed_last_year_is_not_active_this_year(municipality, quarter, coordinator):
    old = Case.objects.create(
        municipality=municipality,
        quarter=quarter,
        name="Alt",
        opened_on=datetime.date(2020, 1, 1),
        phase="closed",
        status="closed",
        closed_on=datetime.date(2021, 6, 1),
    )
    assert queries.yearly_report(municipality, 2021).cases_active == 1
    assert queries.yearly_report(municipality, 2022).cases_active == 0
    assert queries.report_years(municipality, today=datetime.date(2023, 5, 1)) == [2023, 2022, 2021, 2020]
    assert old.pk


def test_activity_counts_for_the_reports(case, advisor, municipality, quarter, other_quarter, other_advisor):
    log(case, advisor, day(0), 60, ["financing"])
    log(case, advisor, day(0), 30, ["financing", "building"])
    services.referral_create(case=case, actor_type="bank", actor_name="B", by=advisor)
    services.workshop_create(
        municipality=municipality, title="W", topic="concept", held_on=day(0), place="P", cases=[case], by=advisor
    )
    foreign = services.case_open(
        municipality=other_quarter.municipality, quarter=other_quarter, name="Fremd", by=other_advisor
    )
    log(foreign, other_advisor, day(0), 600, ["concept"])

    activity = queries.activity_for_quarter(quarter)
    assert (activity.cases_open, activity.cases_total, activity.consultations, activity.minutes) == (1, 1, 2, 90)
    assert (activity.referrals, activity.workshops, activity.hours) == (1, 1, 1.5)
    assert activity.topics["financing"] == 2 and activity.topics["building"] == 1 and activity.topics["concept"] == 0
    assert queries.activity_for_quarter(quarter, year=day(0).year - 1).consultations == 0
    assert queries.activity_for_municipality(municipality, day(0).year) == activity


def test_the_report_queries_are_few(case, advisor, municipality, quarter, initiative, django_assert_num_queries):
    log(case, advisor, day(0), 60, ["financing"], confidential_note="geheim")
    # consultations + their topics
    with django_assert_num_queries(2):
        queries.consultation_summaries_for_initiative(initiative)
    # cases, consultations, topics, referrals, workshops
    with django_assert_num_queries(5):
        queries.activity_for_quarter(quarter)
    with django_assert_num_queries(5):
        queries.activity_for_municipality(municipality, day(0).year)


def test_tasks_of_user_for_staff_and_members(case, advisor, lead, core, admin_user):
    services.task_create(case=case, title="a", owner=lead, by=advisor)
    services.task_create(case=case, title="b", owner=advisor, by=advisor)
    assert [t.title for t in queries.tasks_of_user(lead)] == ["a"]
    assert [t.title for t in queries.tasks_of_user(advisor)] == ["b"]
    assert not queries.tasks_of_user(core).exists()
