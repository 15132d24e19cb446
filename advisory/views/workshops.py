"""Workshops of a municipality."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .. import queries, services
from ..forms import WorkshopForm
from .common import _form_errors, _municipality, _page, _workshop, permission


@permission("advisory.view_workshop", _municipality)
def workshop_list(request, municipality):
    page = _page(request, queries.workshops_of(municipality))
    return render(
        request,
        "advisory/workshop_list.html",
        {"municipality": municipality, "page_obj": page, "querystring": ""},
    )


def _workshop_data(form) -> dict:
    data = form.cleaned_data
    return {
        "title": data["title"],
        "topic": data["topic"],
        "held_on": data["held_on"],
        "place": data["place"],
        "description": data["description"],
        "attendees": data["attendees"],
        "cases": data["cases"],
    }


@permission("advisory.change_workshop", _municipality)
def workshop_create(request, municipality):
    form = WorkshopForm(request.POST or None, municipality=municipality)
    if request.method == "POST" and form.is_valid():
        try:
            workshop = services.workshop_create(municipality=municipality, by=request.user, **_workshop_data(form))
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("The workshop has been saved."))
            return redirect(workshop)
    return render(
        request, "advisory/workshop_form.html", {"municipality": municipality, "form": form, "workshop": None}
    )


@permission("advisory.view_workshop", _workshop)
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


@permission("advisory.change_workshop", _workshop)
def workshop_edit(request, workshop):
    form = WorkshopForm(
        request.POST or None, municipality=workshop.municipality, initial=WorkshopForm.initial_for(workshop)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.workshop_update(workshop=workshop, by=request.user, **_workshop_data(form))
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("The workshop has been saved."))
            return redirect(workshop)
    return render(
        request,
        "advisory/workshop_form.html",
        {"municipality": workshop.municipality, "form": form, "workshop": workshop},
    )
