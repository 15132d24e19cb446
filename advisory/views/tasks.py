"""Tasks: one's own, the advisor's overdue ones, creating, completing and reopening them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from quarters.rules import staff_municipality_ids

from .. import queries, services
from ..forms import TaskForm
from ..models import Task
from .common import _case, _form_errors, _municipality, _page, _task, permission


@login_required
def my_tasks(request):
    tasks = queries.tasks_of_user(request.user)
    return render(
        request,
        "advisory/my_tasks.html",
        {
            "open_tasks": _page(request, tasks.filter(done_at__isnull=True)),
            "done_tasks": tasks.filter(done_at__isnull=False).order_by("-done_at")[:20],
            "today": timezone.localdate(),
            "staff_municipality_ids": staff_municipality_ids(request.user),
        },
    )


def _back_to(request, task: Task):
    target = request.POST.get("next", "")
    if target == "my_tasks":
        return redirect("advisory:my_tasks")
    if target == "overdue":
        return redirect("advisory:overdue_tasks", slug=task.case.municipality.slug)
    if target == "initiative" and task.case.initiative_id:
        return redirect("advisory:initiative", slug=task.case.initiative.slug)
    return redirect(task.case.get_absolute_url() + "#tasks")


@login_required
@require_POST
@permission("advisory.complete_task", _task)
def task_complete(request, task):
    services.task_complete(task=task, by=request.user)
    messages.success(request, _("The task is done."))
    return _back_to(request, task)


@login_required
@require_POST
@permission("advisory.complete_task", _task)
def task_reopen(request, task):
    services.task_reopen(task=task, by=request.user)
    messages.success(request, _("The task is open again."))
    return _back_to(request, task)


@permission("advisory.view_dashboard", _municipality)
def overdue_tasks(request, municipality):
    """All the overdue tasks of the dashboard, paged."""
    page = _page(request, queries.overdue_tasks_of_advisor(municipality, request.user))
    return render(
        request,
        "advisory/overdue_tasks.html",
        {
            "municipality": municipality,
            "page_obj": page,
            "querystring": "",
            "today": timezone.localdate(),
            "staff_municipality_ids": staff_municipality_ids(request.user),
        },
    )


@permission("advisory.change_case", _case)
def task_create(request, case):
    initial = {}
    if request.GET.get("consultation", "").isdigit():
        initial["consultation"] = int(request.GET["consultation"])
    form = TaskForm(request.POST or None, case=case, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.task_create(
                case=case,
                title=data["title"],
                owner=data["owner"],
                due_on=data["due_on"],
                consultation=data["consultation"],
                by=request.user,
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("The task has been created."))
            return redirect(case.get_absolute_url() + "#tasks")
    return render(request, "advisory/task_form.html", {"case": case, "form": form})
