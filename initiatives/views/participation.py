"""Taking part: offering help (and the team's answer), pledging support."""

from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.web import act, permission_required, refuse, submit

from ..forms.participation import HelpOfferForm, PledgeForm
from ..models import HelpOffer, Pledge
from ..services import participation as participation_services
from .base import get_initiative


@permission_required("initiatives.offer_help", get_initiative)
def help_offer(request, initiative):
    form = HelpOfferForm(request.POST or None, initial={"contact": request.user.email})
    outcome = submit(
        request,
        form,
        lambda: participation_services.help_offer_create(initiative=initiative, **form.cleaned_data, by=request.user),
        success=_("Thank you! The team of the initiative will get back to you."),
    )
    if outcome.ok:
        return redirect(initiative)
    return render(request, "initiatives/help_offer.html", {"initiative": initiative, "form": form})


@require_POST
@permission_required("initiatives.decide_help_offer", get_initiative)
def help_offer_decide(request, initiative, pk):
    offer = get_object_or_404(HelpOffer, pk=pk, initiative=initiative)
    accept = request.POST.get("decision") == "accept"
    return act(
        request,
        lambda: participation_services.help_offer_decide(offer=offer, accept=accept, by=request.user),
        to=reverse("initiatives:members_area", args=[initiative.slug]),
        success=_("The offer has been accepted.") if accept else _("The offer has been declined."),
    )


@permission_required("initiatives.pledge", get_initiative)
def pledge(request, initiative):
    form = PledgeForm(request.POST or None)
    outcome = submit(
        request,
        form,
        lambda: participation_services.pledge_create(initiative=initiative, **form.cleaned_data, by=request.user),
        success=_("Thank you for your pledge. It is not binding; only the initiative's core team sees it."),
    )
    if outcome.ok:
        return redirect(initiative)
    return render(request, "initiatives/pledge.html", {"initiative": initiative, "form": form})


@require_POST
@permission_required("initiatives.view_initiative", get_initiative)
def pledge_withdraw(request, initiative, pk):
    pledge = get_object_or_404(Pledge, pk=pk, initiative=initiative)
    own = request.user.is_authenticated and pledge.user_id == request.user.pk
    if not (own or request.user.has_perm("initiatives.view_pledges", initiative)):
        return refuse(request)
    back = "initiatives:members_area" if request.user.has_perm("initiatives.view_members_area", initiative) else None
    return act(
        request,
        lambda: participation_services.pledge_withdraw(pledge=pledge, by=request.user),
        to=reverse(back, args=[initiative.slug]) if back else initiative,
        success=_("The pledge has been withdrawn."),
    )
