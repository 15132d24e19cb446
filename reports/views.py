from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.web import permission_required
from initiatives.models import Initiative
from quarters.models import Quarter

from . import services
from .forms import ReportRequestForm
from .models import ReportJob
from .queries import jobs_for


def _subject_reports(request, *, subject, kind, template, extra=None):
    """The list of a subject's documents of one kind, with the form to request a new one."""
    form = ReportRequestForm(request.POST or None, initial={"language": request.LANGUAGE_CODE})
    if request.method == "POST" and form.is_valid():
        job = services.report_request(
            kind=kind, subject=subject, language=form.cleaned_data["language"], by=request.user
        )
        messages.success(request, _("The document has been requested. It will be ready in a moment."))
        return redirect("reports:job", pk=job.pk)
    context = {"subject": subject, "form": form, "jobs": jobs_for(subject, kind)[:20], **(extra or {})}
    return render(request, template, context)


def get_quarter(request, slug):
    return get_object_or_404(Quarter.objects.select_related("municipality"), slug=slug)


def get_initiative(request, slug):
    return get_object_or_404(Initiative.objects.select_related("municipality"), slug=slug)


def get_job(request, pk):
    return get_object_or_404(ReportJob.objects.select_related("requested_by", "subject_type"), pk=pk)


@login_required
@permission_required("reports.request_quarter_report", get_quarter)
def quarter_reports(request, quarter):
    return _subject_reports(
        request, subject=quarter, kind=ReportJob.Kind.QUARTER, template="reports/quarter_reports.html"
    )


@login_required
@permission_required("reports.request_initiative_concept", get_initiative)
def initiative_reports(request, initiative):
    return _subject_reports(
        request,
        subject=initiative,
        kind=ReportJob.Kind.INITIATIVE_CONCEPT,
        template="reports/initiative_reports.html",
    )


@login_required
@permission_required("reports.view_report_job", get_job)
def job_detail(request, job):
    earlier = (
        ReportJob.objects.filter(subject_type=job.subject_type, subject_id=job.subject_id, kind=job.kind)
        .exclude(pk=job.pk)
        .select_related("requested_by")[:20]
    )
    return render(request, "reports/job_detail.html", {"job": job, "earlier": earlier})


@login_required
@permission_required("reports.view_report_job", get_job)
def job_status(request, job):
    """The htmx partial polled while a job is pending."""
    return render(request, "reports/components/job_status.html", {"job": job})


@login_required
@require_POST
@permission_required("reports.view_report_job", get_job)
def job_retry(request, job):
    if job.status != ReportJob.Status.FAILED:
        messages.info(request, _("Only a failed document can be requested again."))
    else:
        services.report_job_retry(job=job, by=request.user)
        messages.success(request, _("The document has been requested again."))
    return redirect("reports:job", pk=job.pk)


@login_required
@permission_required("reports.view_report_job", get_job)
def job_download(request, job):
    if job.status != ReportJob.Status.DONE or not job.file:
        raise Http404(_("This document is not ready."))
    return FileResponse(job.file.open("rb"), as_attachment=True, filename=job.filename, content_type="application/pdf")
