"""Checks on the role matrix itself (tests/test_role_matrix.py walks every URL as every role):

- every case requests the URL it names (a case cannot quietly test another page);
- every role of tests/role_matrix.py, the lead of another initiative included, has an expectation in every case;
- every URL that answers GET with 405 (POST only) also has a POST case;
- the kinds of URL the attacks aim at are all in: htmx partials, downloads, exports.
"""

import pytest
from django.urls import resolve

from tests.role_matrix import NOT_ALLOWED, OK, ROLES
from tests.test_role_matrix import CASES, _our_url_names, world  # noqa: F401 - world is a fixture

pytestmark = pytest.mark.django_db


def test_the_roles_include_every_attacker():
    assert {
        "visitor",
        "resident",
        "member",
        "other_lead",
        "advisor",
        "coordinator",
        "other_advisor",
        "other_coordinator",
        "admin",
    } <= set(ROLES)
    for case in CASES:
        assert set(case.expected) == set(ROLES), case.name


def test_every_case_requests_the_url_it_names(world):  # noqa: F811
    wrong = []
    for case in CASES:
        path = case.url(world).split("?", 1)[0]
        match = resolve(path)
        if match.view_name != case.name:
            wrong.append(f"{case.name} requests {path} ({match.view_name})")
    assert not wrong, wrong


def test_post_only_urls_have_a_post_case():
    post_only = {case.name for case in CASES if case.method == "get" and NOT_ALLOWED in case.expected.values()}
    with_post = {case.name for case in CASES if case.method == "post"}
    assert not sorted(post_only - with_post)


def test_htmx_endpoints_downloads_and_exports_are_in_the_matrix():
    names = {case.name for case in CASES}
    for name in (
        "needs:support",  # htmx: the support button
        "reports:job_status",  # htmx: the polled job status
        "reports:download",
        "needs:survey_results_csv",
        "needs:opendata_csv",
        "needs:opendata_json",
        "advisory:yearly_report_csv",
        "financing:programme_export_csv",
        "financing:programme_export_json",
        "accounts:data_export",
    ):
        assert name in names, name
    ours = set(_our_url_names())
    assert names >= {name for name in ours if not name.startswith(("admin:", "account_", "mfa_"))}


def test_no_page_of_another_municipality_answers_200_to_its_staff():
    """The other municipality's staff get 200 only where everyone does, or where the catalogue is shared."""
    shared_catalogue = {"financing:programme_create", "financing:programme_import", "financing:programme_export_csv"}
    shared_catalogue |= {"financing:programme_export_json", "financing:service_model_create"}
    shared_catalogue |= {"financing:service_model_update"}
    signed_in_pages = {case.name for case in CASES if case.expected["resident"] == OK}
    for case in CASES:
        for role in ("other_advisor", "other_coordinator"):
            if case.expected[role] == OK:
                assert case.name in signed_in_pages | shared_catalogue, f"{role} may open {case.name}"
