"""Report jobs: request, send, claim, render, sweep. The job row is the truth; the broker carries ids."""

import hashlib
import logging
import os
import socket
import time
from datetime import timedelta

from celery import current_app
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F, Q
from django.template import TemplateDoesNotExist, TemplateSyntaxError
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from kombu.exceptions import OperationalError as BrokerError

from .documents import base_context, document_type
from .models import ReportJob
from .rendering import render_pdf

logger = logging.getLogger(__name__)
# The task of reports/tasks.py, enqueued by name: the tasks import this module, not the other way round.
RENDER_REPORT_TASK = "reports.render_report"

# A queued job not picked up within this time is sent again by the sweeper.
RESEND_AFTER = timedelta(minutes=2)
# A running job whose worker has been silent longer than the hard time limit is given back to the queue.
STALE_RUNNING_AFTER = timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 60)
MAX_ATTEMPTS = 5


class TransientReportError(Exception):
    """A failure worth retrying (storage or database briefly unavailable)."""


def worker_identity() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def _process_alive(identity: str) -> bool:
    """Whether the process that claimed a job still runs. Unknown (another host): assume it does."""
    host, _, pid = identity.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return True
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def document_context(kind: str, subject, language: str) -> dict:
    """The document's data, built in its language (sentences such as gap reasons are made here)."""
    with translation.override(language):
        return {**base_context(), **document_type(kind).build_context(subject)}


def _document_html(kind: str, subject, language: str) -> str:
    context = document_context(kind, subject, language)
    with translation.override(language):
        return render_to_string(document_type(kind).template, {**context, "LANGUAGE_CODE": language})


def report_request(*, kind: str, subject, language: str, by) -> ReportJob:
    """Create a job and hand it to the queue on commit; an unchanged subject reuses the pending job."""
    html = _document_html(kind, subject, language)
    fingerprint = hashlib.sha256(html.encode()).hexdigest()
    subject_type = ContentType.objects.get_for_model(subject)
    with transaction.atomic():
        pending = (
            ReportJob.objects.select_for_update()
            .filter(
                kind=kind,
                subject_type=subject_type,
                subject_id=subject.pk,
                language=language,
                subject_fingerprint=fingerprint,
                status__in=[ReportJob.Status.QUEUED, ReportJob.Status.RUNNING],
            )
            .first()
        )
        if pending:
            return pending
        job = ReportJob(
            kind=kind,
            subject_type=subject_type,
            subject_id=subject.pk,
            subject_label=str(subject)[:200],
            subject_fingerprint=fingerprint,
            language=language,
            requested_by=by,
        )
        job.full_clean(exclude=["file"])
        job.save()
        transaction.on_commit(lambda: report_job_send(job_id=job.pk))
    return job


def report_job_send(*, job_id: int) -> bool:
    """Publish the job's id. When the broker is down the job stays queued and the sweeper sends it later."""
    render_report = current_app.tasks[RENDER_REPORT_TASK]
    try:
        if settings.CELERY_TASK_ALWAYS_EAGER:
            ReportJob.objects.filter(pk=job_id).update(sent_at=timezone.now())
            render_report.delay(job_id)
        else:
            render_report.delay(job_id)
            ReportJob.objects.filter(pk=job_id).update(sent_at=timezone.now())
    except (BrokerError, ConnectionError, OSError):
        logger.warning("Broker unavailable; report job %s stays queued for the sweeper", job_id)
        return False
    return True


def report_job_claim(*, job_id: int, worker: str) -> bool:
    """Queued → running, as one conditional UPDATE: a redelivered message for a taken job claims nothing.

    A job left running by a process that no longer exists (a killed worker) can be claimed again.
    """
    now = timezone.now()
    claimable = Q(status=ReportJob.Status.QUEUED)
    job = ReportJob.objects.filter(pk=job_id, status=ReportJob.Status.RUNNING).only("claimed_by").first()
    if job is not None and not _process_alive(job.claimed_by):
        claimable |= Q(status=ReportJob.Status.RUNNING, claimed_by=job.claimed_by)
    updated = (
        ReportJob.objects.filter(claimable, pk=job_id)
        .filter(attempts__lt=MAX_ATTEMPTS)
        .update(
            status=ReportJob.Status.RUNNING,
            started_at=now,
            claimed_by=worker,
            attempts=F("attempts") + 1,
            error="",
        )
    )
    return updated == 1


def _fail(job_id: int, message: str) -> None:
    ReportJob.objects.filter(pk=job_id).update(
        status=ReportJob.Status.FAILED, error=message[:2000], finished_at=timezone.now()
    )


def report_job_run(*, job_id: int, worker: str | None = None) -> ReportJob | None:
    """Claim and render one job. Idempotent: a job that is done, or taken by a live worker, is left alone."""
    worker = worker or worker_identity()
    if not report_job_claim(job_id=job_id, worker=worker):
        return None
    job = ReportJob.objects.select_related("subject_type").get(pk=job_id)
    subject = job.subject
    if subject is None:
        _fail(job_id, _("The document's subject no longer exists."))
        return None
    document = document_type(job.kind)
    started = time.perf_counter()
    try:
        pdf = render_pdf(document.template, document_context(job.kind, subject, job.language), job.language)
    except (TemplateSyntaxError, TemplateDoesNotExist) as error:
        _fail(job_id, _("The print template has an error: %(error)s") % {"error": error})
        return None
    except Exception as error:
        logger.exception("Report job %s failed while rendering", job_id)
        _fail(job_id, _("The document could not be rendered: %(error)s") % {"error": error})
        return None
    try:
        job.file.save(document.filename(subject, job.language), ContentFile(pdf.content), save=False)
    except OSError as error:
        ReportJob.objects.filter(pk=job_id).update(status=ReportJob.Status.QUEUED, claimed_by="")
        raise TransientReportError(str(error)) from error
    ReportJob.objects.filter(pk=job_id, claimed_by=worker).update(
        status=ReportJob.Status.DONE,
        file=job.file.name,
        size=len(pdf.content),
        sha256=pdf.sha256,
        pages=pdf.pages,
        finished_at=timezone.now(),
        render_seconds=round(time.perf_counter() - started, 3),
    )
    job.refresh_from_db()
    return job


def report_job_retry(*, job: ReportJob, by) -> ReportJob:
    """A failed job goes back to the queue with a fresh set of attempts."""
    updated = ReportJob.objects.filter(pk=job.pk, status=ReportJob.Status.FAILED).update(
        status=ReportJob.Status.QUEUED, attempts=0, error="", claimed_by="", sent_at=None
    )
    if updated:
        transaction.on_commit(lambda: report_job_send(job_id=job.pk))
    job.refresh_from_db()
    return job


def report_jobs_sweep(*, now=None) -> list[int]:
    """Send again what was never picked up, and give back jobs whose worker died. Returns the ids sent."""
    now = now or timezone.now()
    for job in ReportJob.objects.filter(status=ReportJob.Status.RUNNING).only("pk", "claimed_by", "started_at"):
        stale = job.started_at is None or job.started_at < now - STALE_RUNNING_AFTER
        if stale or not _process_alive(job.claimed_by):
            ReportJob.objects.filter(pk=job.pk, status=ReportJob.Status.RUNNING, claimed_by=job.claimed_by).update(
                status=ReportJob.Status.QUEUED, claimed_by="", sent_at=None
            )
    ReportJob.objects.filter(status=ReportJob.Status.QUEUED, attempts__gte=MAX_ATTEMPTS).update(
        status=ReportJob.Status.FAILED,
        error=_("The document could not be produced after several attempts."),
        finished_at=now,
    )
    due = ReportJob.objects.filter(status=ReportJob.Status.QUEUED).filter(
        Q(sent_at__isnull=True) | Q(sent_at__lt=now - RESEND_AFTER)
    )
    sent = []
    for job_id in due.values_list("pk", flat=True):
        if report_job_send(job_id=job_id):
            sent.append(job_id)
    return sent


def report_render_now(*, kind: str, subject, language: str):
    """Render synchronously, without a job (the render_report command)."""
    return render_pdf(document_type(kind).template, document_context(kind, subject, language), language)
