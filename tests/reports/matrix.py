"""Role-matrix cases for the reports app: the quarter report belongs to the coordinators."""

from django.test import TestCase
from django.urls import reverse

from reports.models import ReportJob
from reports.services import report_request
from tests.role_matrix import FORBIDDEN, FOUND, NOT_ALLOWED, OK, Case, expect

COORDINATORS = expect(FORBIDDEN, visitor=FOUND, coordinator=OK, admin=OK)
# The concept report: the initiative's core team ("member" is core in tests/initiatives/matrix.py) and the
# staff of its municipality.
INITIATIVE_TEAM_AND_STAFF = expect(FORBIDDEN, visitor=FOUND, member=OK, advisor=OK, coordinator=OK, admin=OK)


def build(world):
    coordinator = world.users["coordinator"]
    with TestCase.captureOnCommitCallbacks(execute=True):  # the eager task renders the PDF
        world.quarter_report = report_request(
            kind=ReportJob.Kind.QUARTER, subject=world.quarter, language="de", by=coordinator
        )
        world.concept_report = report_request(
            kind=ReportJob.Kind.INITIATIVE_CONCEPT, subject=world.initiative, language="de", by=coordinator
        )
    world.failed_report = ReportJob.objects.create(
        kind=ReportJob.Kind.QUARTER,
        subject_type=world.quarter_report.subject_type,
        subject_id=world.quarter.pk,
        subject_label=str(world.quarter),
        requested_by=coordinator,
        status=ReportJob.Status.FAILED,
        error="Testfehler",
    )


CASES = [
    Case("reports:quarter", lambda w: reverse("reports:quarter", args=[w.quarter.slug]), COORDINATORS),
    Case("reports:job", lambda w: reverse("reports:job", args=[w.quarter_report.pk]), COORDINATORS),
    Case(
        "reports:initiative",
        lambda w: reverse("reports:initiative", args=[w.initiative.slug]),
        INITIATIVE_TEAM_AND_STAFF,
    ),
    Case("reports:job", lambda w: reverse("reports:job", args=[w.concept_report.pk]), INITIATIVE_TEAM_AND_STAFF),
    Case(
        "reports:download",
        lambda w: reverse("reports:download", args=[w.concept_report.pk]),
        INITIATIVE_TEAM_AND_STAFF,
    ),
    Case("reports:job_status", lambda w: reverse("reports:job_status", args=[w.quarter_report.pk]), COORDINATORS),
    Case("reports:download", lambda w: reverse("reports:download", args=[w.quarter_report.pk]), COORDINATORS),
    # Retrying redirects back to the job page for everyone who may see it.
    Case(
        "reports:job_retry",
        lambda w: reverse("reports:job_retry", args=[w.failed_report.pk]),
        expect(FORBIDDEN, visitor=FOUND, coordinator=FOUND, admin=FOUND),
        method="post",
    ),
    Case(
        "reports:job_retry",
        lambda w: reverse("reports:job_retry", args=[w.failed_report.pk]),
        expect(NOT_ALLOWED, visitor=FOUND),
    ),
]
