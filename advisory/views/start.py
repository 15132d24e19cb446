"""Where advice starts."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from quarters.models import Municipality
from quarters.rules import staff_municipality_ids

from .. import queries


@login_required
def index(request):
    """Where advice starts: the staff's dashboards, the initiatives' own views, one's tasks."""
    user = request.user
    municipalities = (
        Municipality.objects.all()
        if user.is_superuser
        else Municipality.objects.filter(pk__in=staff_municipality_ids(user))
    )
    return render(
        request,
        "advisory/index.html",
        {
            "municipalities": municipalities.order_by("name"),
            "initiatives": queries.initiatives_with_case_of(user),
            "open_tasks": queries.tasks_of_user(user).filter(done_at__isnull=True).count(),
        },
    )
