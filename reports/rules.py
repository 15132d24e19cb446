import rules

from initiatives import rules as initiative_rules
from quarters.rules import is_coordinator_of, is_platform_admin

from .documents import document_type
from .models import ReportJob

# The quarter report is the coordinators' document.
rules.add_perm("reports.request_quarter_report", is_coordinator_of | is_platform_admin)
# The concept report is the initiative's: its lead and core team (or the quarter coordinator carrying it)
# request it, and the municipality's staff who accompany the initiative may too.
rules.add_perm("reports.request_initiative_concept", initiative_rules.core_team | initiative_rules.staff)


@rules.predicate
def can_access_job(user, job: ReportJob) -> bool:
    """Seeing or downloading a job needs the right to request its kind for its subject."""
    subject = job.subject
    return subject is not None and user.has_perm(document_type(job.kind).permission, subject)


rules.add_perm("reports.view_report_job", can_access_job)
