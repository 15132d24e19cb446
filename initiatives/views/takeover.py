"""The municipal takeover: starting and ending it, a municipality's list of them."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from common.web import permission_required, submit

from ..forms.takeover import TakeoverEndForm, TakeoverForm
from ..queries import takeover as takeover_queries
from ..services import takeover as takeover_services
from .base import get_initiative, get_municipality


@permission_required("initiatives.take_over", get_initiative)
def takeover(request, initiative):
    current = takeover_queries.active_takeover(initiative)
    form = TakeoverForm(request.POST or None, municipality=initiative.municipality)
    outcome = submit(
        request,
        form,
        lambda: takeover_services.takeover_start(initiative=initiative, **form.cleaned_data, by=request.user),
        success=_("The municipality now carries the initiative."),
    )
    if outcome.ok:
        return redirect("initiatives:takeovers", municipality_slug=initiative.municipality.slug)
    return render(request, "initiatives/takeover.html", {"initiative": initiative, "form": form, "current": current})


@permission_required("initiatives.take_over", get_initiative)
def takeover_end(request, initiative):
    current = takeover_queries.active_takeover(initiative)
    if current is None:
        messages.info(request, _("The municipality does not carry this initiative."))
        return redirect(initiative)
    form = TakeoverEndForm(request.POST or None)
    outcome = submit(
        request,
        form,
        lambda: takeover_services.takeover_end(takeover=current, note=form.cleaned_data["note"], by=request.user),
        success=_("The municipal takeover has ended."),
    )
    if outcome.ok:
        return redirect("initiatives:takeovers", municipality_slug=initiative.municipality.slug)
    return render(
        request, "initiatives/takeover_end.html", {"initiative": initiative, "form": form, "current": current}
    )


@permission_required("initiatives.view_takeovers", get_municipality)
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
