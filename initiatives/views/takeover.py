"""The municipal takeover: starting and ending it, a municipality's list of them."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from ..forms.takeover import TakeoverEndForm, TakeoverForm
from ..queries import takeover as takeover_queries
from ..services import takeover as takeover_services
from .base import _form_error, with_initiative, with_municipality


@with_initiative("initiatives.take_over")
def takeover(request, initiative):
    current = takeover_queries.active_takeover(initiative)
    form = TakeoverForm(request.POST or None, municipality=initiative.municipality)
    if request.method == "POST" and form.is_valid():
        try:
            takeover_services.takeover_start(initiative=initiative, **form.cleaned_data, by=request.user)
        except ValidationError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("The municipality now carries the initiative."))
            return redirect("initiatives:takeovers", municipality_slug=initiative.municipality.slug)
    return render(request, "initiatives/takeover.html", {"initiative": initiative, "form": form, "current": current})


@with_initiative("initiatives.take_over")
def takeover_end(request, initiative):
    current = takeover_queries.active_takeover(initiative)
    if current is None:
        messages.info(request, _("The municipality does not carry this initiative."))
        return redirect(initiative)
    form = TakeoverEndForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            takeover_services.takeover_end(takeover=current, note=form.cleaned_data["note"], by=request.user)
        except ValidationError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("The municipal takeover has ended."))
            return redirect("initiatives:takeovers", municipality_slug=initiative.municipality.slug)
    return render(
        request, "initiatives/takeover_end.html", {"initiative": initiative, "form": form, "current": current}
    )


@with_municipality("initiatives.view_takeovers")
def takeovers(request, municipality):
    return render(
        request,
        "initiatives/takeovers.html",
        {
            "municipality": municipality,
            "takeovers": takeover_queries.takeovers_of(municipality),
            "today": timezone.localdate(),
        },
    )
