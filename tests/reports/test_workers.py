"""Reports produced by a real Celery worker against a real Redis, including broker and worker failures.

These tests need PostgreSQL (the worker is another process and reads the test database) and the
redis-server binary. Without them they skip, in CI (KUDEQUA_REQUIRE_SERVICES=1) they fail.
"""

import hashlib
import io
import time
import uuid
from pathlib import Path

import pytest
from django.db import connection
from pypdf import PdfReader

from reports.models import ReportJob
from reports.services import report_jobs_sweep, report_request
from tests.conftest import require_service
from tests.factories import QuarterFactory, QuarterStatisticsFactory
from tests.reports.workers import CeleryWorker, RedisServer, point_app_at, redis_server_available, wait_for

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

QUEUE = f"kudequa-test-{uuid.uuid4().hex[:10]}"


@pytest.fixture
def services_ready(db):
    require_service("PostgreSQL", connection.vendor == "postgresql", "set DATABASE_URL to a PostgreSQL database")
    require_service("redis-server", redis_server_available())


@pytest.fixture
def broker(services_ready, tmp_path):
    server = RedisServer(tmp_path).start()
    yield server
    server.stop()


@pytest.fixture
def publish_to(broker):
    from kudequa.celery import app

    previous = (app.conf.broker_url, app.conf.task_default_queue)
    point_app_at(broker.url, QUEUE)
    yield broker
    point_app_at(*previous)


@pytest.fixture
def start_worker(broker, settings, tmp_path):
    workers = []

    def start(concurrency=2):
        worker = CeleryWorker(
            broker.url, QUEUE, settings.PRIVATE_MEDIA_ROOT, tmp_path / "worker.log", concurrency=concurrency
        ).start()
        workers.append(worker)
        return worker

    yield start
    for worker in workers:
        worker.stop()


def worker_log(tmp_path: Path) -> str:
    path = tmp_path / "worker.log"
    return path.read_text(errors="replace")[-4000:] if path.exists() else "(no log)"


def pdf_text(job: ReportJob) -> str:
    with job.file.open("rb") as handle:
        content = handle.read()
    assert hashlib.sha256(content).hexdigest() == job.sha256
    assert len(content) == job.size
    reader = PdfReader(io.BytesIO(content))
    assert len(reader.pages) == job.pages
    return "\n".join(page.extract_text() for page in reader.pages)


def all_done(job_ids) -> bool:
    return ReportJob.objects.filter(pk__in=job_ids, status=ReportJob.Status.DONE).count() == len(job_ids)


def assert_one_good_file_per_job(job_ids, private_root):
    for job in ReportJob.objects.filter(pk__in=job_ids):
        assert job.status == ReportJob.Status.DONE, (job.pk, job.status, job.error)
        directory = Path(private_root) / "reports" / str(job.pk)
        files = sorted(p.name for p in directory.iterdir())
        assert files == [job.filename], (job.pk, files)  # no second file, no half-written .part file
        assert job.subject.name in pdf_text(job)


def test_worker_renders_a_real_pdf(publish_to, start_worker, coordinator, quarter, settings, tmp_path):
    QuarterStatisticsFactory(
        quarter=quarter, population=9200, age_under_18=1510, age_18_to_64=5390, age_65_to_79=1640, age_80_plus=660
    )
    start_worker()
    job = report_request(kind=ReportJob.Kind.QUARTER, subject=quarter, language="de", by=coordinator)

    assert wait_for(lambda: all_done([job.pk]), timeout=90), worker_log(tmp_path)
    job.refresh_from_db()
    text = pdf_text(job)
    assert "Marten" in text
    assert "9.200" in text  # the population, formatted the German way
    assert job.attempts == 1
    assert job.render_seconds is not None


def test_same_unchanged_subject_reuses_the_pending_job(publish_to, coordinator, quarter):
    # No worker runs: the first job stays queued, and a second request for the same content reuses it.
    first = report_request(kind=ReportJob.Kind.QUARTER, subject=quarter, language="de", by=coordinator)
    second = report_request(kind=ReportJob.Kind.QUARTER, subject=quarter, language="de", by=coordinator)
    assert first.pk == second.pk
    other_language = report_request(kind=ReportJob.Kind.QUARTER, subject=quarter, language="en", by=coordinator)
    assert other_language.pk != first.pk


def test_broker_down_at_request_then_back(publish_to, start_worker, coordinator, quarter, tmp_path):
    broker = publish_to
    broker.stop()

    started = time.monotonic()
    job = report_request(kind=ReportJob.Kind.QUARTER, subject=quarter, language="de", by=coordinator)
    assert time.monotonic() - started < 15  # the request does not hang on the dead broker
    job.refresh_from_db()
    assert job.status == ReportJob.Status.QUEUED
    assert job.sent_at is None  # nothing reached the queue: the sweeper must send it

    broker.start()  # the same port again
    point_app_at(broker.url, QUEUE)
    start_worker()
    assert report_jobs_sweep() == [job.pk]
    assert wait_for(lambda: all_done([job.pk]), timeout=90), worker_log(tmp_path)
    job.refresh_from_db()
    assert "Marten" in pdf_text(job)


def test_killed_workers_lose_no_job_and_leave_no_half_file(publish_to, start_worker, coordinator, settings, tmp_path):
    quarters = [QuarterFactory(name=f"Testquartier {n:02d}") for n in range(50)]
    job_ids = [
        report_request(kind=ReportJob.Kind.QUARTER, subject=q, language="de", by=coordinator).pk for q in quarters
    ]

    worker = start_worker(concurrency=2)
    # Kill single children while they render: their jobs must be taken up again.
    killed_children = 0
    deadline = time.monotonic() + 60
    while killed_children < 3 and time.monotonic() < deadline:
        rendering = ReportJob.objects.filter(pk__in=job_ids, status=ReportJob.Status.RUNNING).exists()
        if rendering and worker.kill_child():
            killed_children += 1
            time.sleep(1.0)
        time.sleep(0.05)
    assert killed_children == 3, worker_log(tmp_path)

    # Then kill the whole worker, children and all, while jobs are still open.
    wait_for(lambda: ReportJob.objects.filter(pk__in=job_ids, status=ReportJob.Status.DONE).count() >= 10, 60)
    worker.kill()
    open_jobs = ReportJob.objects.filter(pk__in=job_ids).exclude(status=ReportJob.Status.DONE).count()
    assert open_jobs > 0, "the worker finished everything before it could be killed"

    # A new worker starts; the sweeper (beat's job) hands back what the dead processes held.
    start_worker(concurrency=2)

    def sweep():
        report_jobs_sweep(now=_later())

    assert wait_for(lambda: all_done(job_ids), timeout=240, interval=3.0, on_tick=sweep), worker_log(tmp_path)
    assert_one_good_file_per_job(job_ids, settings.PRIVATE_MEDIA_ROOT)
    # The jobs whose renderer was killed were claimed again: the reclaim path really ran.
    assert ReportJob.objects.filter(pk__in=job_ids, attempts__gte=2).exists()


def _later():
    """Sweeping as if the resend delay had passed, so the test need not wait minutes."""
    from django.utils import timezone

    from reports.services import RESEND_AFTER

    return timezone.now() + RESEND_AFTER


def test_worker_renders_the_concept_report_without_confidential_notes(
    publish_to, start_worker, coordinator, quarter, tmp_path
):
    from decimal import Decimal

    from initiatives.models import ConceptLineItem
    from tests.advisory.factories import CaseFactory, ConfidentialNoteFactory, ConsultationFactory
    from tests.initiatives.factories import InitiativeFactory

    initiative = InitiativeFactory(name="Multifunktionaler Raum Marten", quarter=quarter, capital_need=63000)
    for category, label, amount in [
        ("one_off_cost", "Umbau", "45000"),
        ("one_off_cost", "Ausstattung", "18000"),
        ("annual_cost", "Miete", "9600"),
        ("annual_revenue", "Café", "16500"),
    ]:
        ConceptLineItem.objects.create(
            concept=initiative.concept, category=category, label=label, amount=Decimal(amount)
        )
    case = CaseFactory(quarter=quarter, initiative=initiative, name=initiative.name)
    consultation = ConsultationFactory(case=case, summary="Rechtsform eG oder e.V. besprochen.")
    ConfidentialNoteFactory(consultation=consultation, text="VERTRAULICH: Konflikt im Vorstand")

    start_worker()
    job = report_request(kind=ReportJob.Kind.INITIATIVE_CONCEPT, subject=initiative, language="de", by=coordinator)
    assert wait_for(lambda: all_done([job.pk]), timeout=90), worker_log(tmp_path)
    job.refresh_from_db()
    text = pdf_text(job)
    flat = " ".join(text.split())  # split() takes the no-break space before € for a space too
    assert "Multifunktionaler Raum Marten" in flat
    assert "63.000 €" in flat  # one-off costs: 45.000 + 18.000
    assert "9.600 €" in flat and "16.500 €" in flat
    assert "Rechtsform eG oder e.V. besprochen." in flat  # the summary the initiative may read
    assert "VERTRAULICH" not in flat and "Konflikt im Vorstand" not in flat
