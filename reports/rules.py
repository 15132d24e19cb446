import rules

from quarters.rules import is_coordinator_of, is_platform_admin

from .models import ReportJob

# The quarter report is the coordinators' document.
rules.add_perm("reports.request_quarter_report", is_coordinator_of | is_platform_admin)


def can_access_job(user, job: ReportJob) -> bool:
    """Seeing or downloading a job needs the right to request its kind for its subject."""
    from .documents import document_type

    subject = job.subject
    return subject is not None and user.has_perm(document_type(job.kind).permission, subject)
