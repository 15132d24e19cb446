"""Report jobs in the embedded default (tasks in-process): requesting, polling, downloading, failing, retrying."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from reports.models import ReportJob
from reports.rendering import StaticOnlyURLFetcher, render_pdf
from reports.services import report_job_run, report_request
from tests.factories import QuarterStatisticsFactory

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


@pytest.fixture
def statistics(quarter):
    return QuarterStatisticsFactory(quarter=quarter)


def test_coordinator_requests_and_downloads_the_quarter_report(
    client_for, coordinator, quarter, statistics, django_capture_on_commit_callbacks
):
    client = client_for(coordinator)
    page = client.get(reverse("reports:quarter", args=[quarter.slug]))
    assert page.status_code == 200
    assert "noch kein Dokument angefordert" in page.text  # the empty state

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reports:quarter", args=[quarter.slug]), {"language": "de"})
    job = ReportJob.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("reports:job", args=[job.pk])
    assert job.status == ReportJob.Status.DONE
    assert job.requested_by == coordinator

    detail = client.get(response.url)
    assert reverse("reports:download", args=[job.pk]) in detail.text
    download = client.get(reverse("reports:download", args=[job.pk]))
    assert download["Content-Type"] == "application/pdf"
    assert 'filename="quartiersbericht-' in download["Content-Disposition"]
    text = pdf_text(b"".join(download.streaming_content))
    assert "Quartiersbericht Marten" in text
    assert "10.000" in text


def test_pending_job_page_polls_with_htmx(client_for, coordinator, quarter):
    job = report_request(kind=ReportJob.Kind.QUARTER, subject=quarter, language="de", by=coordinator)
    # No on_commit execution here: the job is still queued, as while a worker is busy.
    response = client_for(coordinator).get(reverse("reports:job_status", args=[job.pk]), headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert 'hx-trigger="every 2s"' in response.text
    assert "<html" not in response.text  # a partial, not a page


def test_english_report(client_for, coordinator, quarter, statistics, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client_for(coordinator).post(reverse("reports:quarter", args=[quarter.slug]), {"language": "en"})
    job = ReportJob.objects.get()
    with job.file.open("rb") as handle:
        content = handle.read()
    assert "Quarter report Marten" in pdf_text(content)
    assert PdfReader(io.BytesIO(content)).trailer["/Root"]["/Lang"] == "en"


def test_failing_template_gives_a_failed_job_with_a_readable_error_and_can_be_retried(
    client_for, coordinator, quarter, settings, tmp_path, django_capture_on_commit_callbacks
):
    broken = tmp_path / "templates" / "reports"
    broken.mkdir(parents=True)
    (broken / "quarter_report.html").write_text("{% if %}broken{% endif %}")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path / "templates", *settings.TEMPLATES[0]["DIRS"]]}]

    job = ReportJob.objects.create(
        kind=ReportJob.Kind.QUARTER,
        subject_type_id=_quarter_type(),
        subject_id=quarter.pk,
        subject_label=str(quarter),
        requested_by=coordinator,
    )
    assert report_job_run(job_id=job.pk) is None
    job.refresh_from_db()
    assert job.status == ReportJob.Status.FAILED
    assert "Druckvorlage" in job.error or "template" in job.error

    page = client_for(coordinator).get(reverse("reports:job", args=[job.pk]))
    assert "konnte nicht erstellt werden" in page.text
    assert job.error.split(":")[0] in page.text

    # Repaired template: the retry produces the document.
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": settings.TEMPLATES[0]["DIRS"][1:]}]
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(coordinator).post(
            reverse("reports:job_retry", args=[job.pk]), page=reverse("reports:job", args=[job.pk])
        )
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == ReportJob.Status.DONE
    assert job.attempts == 1


def _quarter_type():
    from django.contrib.contenttypes.models import ContentType

    from quarters.models import Quarter

    return ContentType.objects.get_for_model(Quarter).pk


def test_other_municipality_cannot_see_or_download(
    client_for, coordinator, other_coordinator, quarter, statistics, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        job = report_request(kind=ReportJob.Kind.QUARTER, subject=quarter, language="de", by=coordinator)
    client = client_for(other_coordinator)
    assert client.get(reverse("reports:download", args=[job.pk])).status_code == 403
    assert client.get(reverse("reports:job", args=[job.pk])).status_code == 403
    assert client.forge_post(reverse("reports:quarter", args=[quarter.slug]), {"language": "de"}).status_code == 403
    assert ReportJob.objects.count() == 1


def test_fetcher_refuses_everything_but_our_static_files():
    fetcher = StaticOnlyURLFetcher()
    for hostile in ("http://example.com/tracker.png", "file:///etc/passwd", "https://kudequa.invalid/static/../x"):
        with pytest.raises(ValueError, match="Refused"):
            fetcher.fetch(hostile)
    response = fetcher.fetch("https://kudequa.invalid/static/css/print.css")
    assert b"@page" in response.read()


def test_hostile_user_text_is_escaped_and_fetches_nothing(quarter, monkeypatch):
    fetched = []
    original = StaticOnlyURLFetcher.fetch

    def recording_fetch(self, url, headers=None):
        fetched.append(url)
        return original(self, url, headers)

    monkeypatch.setattr(StaticOnlyURLFetcher, "fetch", recording_fetch)
    quarter.name = '<img src="file:///etc/passwd"><img src="http://example.com/x.png">Marten'
    from reports.content import quarter_report_context
    from reports.documents import base_context

    pdf = render_pdf("reports/quarter_report.html", {**base_context(), **quarter_report_context(quarter)}, "de")
    text = pdf_text(pdf.content)
    assert 'src="file:///etc/passwd"' in text.replace("\n", "")  # shown as text, not loaded as an image
    assert fetched == ["https://kudequa.invalid/static/css/print.css"]


def test_render_report_command(quarter, statistics, tmp_path):
    out = tmp_path / "bericht.pdf"
    call_command("render_report", "quarter", quarter.slug, "--out", str(out))
    assert "Quartiersbericht Marten" in pdf_text(out.read_bytes())
