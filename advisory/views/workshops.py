"""Workshops of a municipality."""

from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from common.web import paginate, permission_required, submit

from .. import queries, services
from ..forms import WorkshopForm
from .common import get_municipality, get_workshop


@permission_required("advisory.view_workshop", get_municipality)
def workshop_list(request, municipality):
    page = paginate(request, queries.workshops_of(municipality), "cases")
    return render(request, "advisory/workshop_list.html", {"municipality": municipality, "page_obj": page})


@permission_required("advisory.change_workshop", get_municipality)
def workshop_create(request, municipality):
    form = WorkshopForm(request.POST or None, municipality=municipality)
    outcome = submit(
        request,
        form,
        lambda: services.workshop_create(municipality=municipality, by=request.user, **form.service_kwargs()),
        success=_("The workshop has been saved."),
    )
    if outcome.ok:
        return redirect(outcome.result)
    return render(
        request, "advisory/workshop_form.html", {"municipality": municipality, "form": form, "workshop": None}
    )


@permission_required("advisory.view_workshop", get_workshop)
def workshop_detail(request, workshop):
    return render(
        request,
        "advisory/workshop_detail.html",
        {
            "workshop": workshop,
            "municipality": workshop.municipality,
            "cases": queries.workshop_cases(workshop),
            "can_change": request.user.has_perm("advisory.change_workshop", workshop),
        },
    )


@permission_required("advisory.change_workshop", get_workshop)
def workshop_edit(request, workshop):
    form = WorkshopForm(request.POST or None, municipality=workshop.municipality, workshop=workshop)
    if submit(
        request,
        form,
        lambda: services.workshop_update(workshop=workshop, by=request.user, **form.service_kwargs()),
        success=_("The workshop has been saved."),
    ).ok:
        return redirect(workshop)
    return render(
        request,
        "advisory/workshop_form.html",
        {"municipality": workshop.municipality, "form": form, "workshop": workshop},
    )
