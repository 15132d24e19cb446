from celery import shared_task

from .services import TransientReportError, report_job_run, report_jobs_sweep


@shared_task(
    name="reports.render_report",
    autoretry_for=(TransientReportError,),
    retry_backoff=True,
    retry_backoff_max=300,
    max_retries=5,
    acks_late=True,
    reject_on_worker_lost=True,
)
def render_report(job_id: int) -> bool:
    """Render one report job.

    Idempotent: the service claims the job with a conditional UPDATE, so a redelivered or duplicate
    message for a job that is done or held by a live worker does nothing; the file name is fixed per
    job and written atomically, so rendering twice leaves one file.
    """
    return report_job_run(job_id=job_id) is not None


@shared_task(name="reports.sweep_jobs")
def sweep_jobs() -> int:
    """Re-send jobs queued too long and requeue jobs of dead workers. Idempotent by the job states."""
    return len(report_jobs_sweep())
