"""Tasks: one's own, the advisor's overdue ones, creating, completing and reopening them."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.web import act, paginate, permission_required, submit
from quarters.rules import staff_municipality_ids

from .. import queries, services
from ..forms import TaskForm
from ..models import Task
from .common import get_case, get_municipality, get_task


@login_required
def my_tasks(request):
    tasks = queries.tasks_of_user(request.user)
    return render(
        request,
        "advisory/my_tasks.html",
        {
            "open_tasks": paginate(request, tasks.filter(done_at__isnull=True), "cases"),
            "done_tasks": tasks.filter(done_at__isnull=False).order_by("-done_at")[:20],
            "today": timezone.localdate(),
            "staff_municipality_ids": staff_municipality_ids(request.user),
        },
    )


@permission_required("advisory.view_dashboard", get_municipality)
def overdue_tasks(request, municipality):
    """All the overdue tasks of the dashboard, paged."""
    page = paginate(request, queries.overdue_tasks_of_advisor(municipality, request.user), "cases")
    return render(
        request,
        "advisory/overdue_tasks.html",
        {
            "municipality": municipality,
            "page_obj": page,
            "today": timezone.localdate(),
            "staff_municipality_ids": staff_municipality_ids(request.user),
        },
    )


@permission_required("advisory.change_case", get_case)
def task_create(request, case):
    form = TaskForm(request.POST or None, case=case, initial=TaskForm.initial_from(request.GET))
    if submit(
        request,
        form,
        lambda: services.task_create(case=case, by=request.user, **form.service_kwargs()),
        success=_("The task has been created."),
    ).ok:
        return redirect(case.get_absolute_url() + "#tasks")
    return render(request, "advisory/task_form.html", {"case": case, "form": form})


def _back_to(request, task: Task) -> str:
    """Where the task's button was pressed: "my tasks", the overdue list, the initiative's view or the case."""
    target = request.POST.get("next", "")
    if target == "my_tasks":
        return reverse("advisory:my_tasks")
    if target == "overdue":
        return reverse("advisory:overdue_tasks", kwargs={"slug": task.case.municipality.slug})
    if target == "initiative" and task.case.initiative_id:
        return reverse("advisory:initiative", kwargs={"slug": task.case.initiative.slug})
    return task.case.get_absolute_url() + "#tasks"


@login_required
@require_POST
@permission_required("advisory.complete_task", get_task)
def task_complete(request, task):
    return act(
        request,
        lambda: services.task_complete(task=task, by=request.user),
        to=_back_to(request, task),
        success=_("The task is done."),
    )


@login_required
@require_POST
@permission_required("advisory.complete_task", get_task)
def task_reopen(request, task):
    return act(
        request,
        lambda: services.task_reopen(task=task, by=request.user),
        to=_back_to(request, task),
        success=_("The task is open again."),
    )
