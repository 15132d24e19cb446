"""Taking part: offering help (and the team's answer), pledging support."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..forms.participation import HelpOfferForm, PledgeForm
from ..models import (
    HelpOffer,
    Pledge,
)
from ..services import participation as participation_services
from .base import _deny, _form_error, _refuse, with_initiative


@with_initiative("initiatives.offer_help")
def help_offer(request, initiative):
    form = HelpOfferForm(request.POST or None, initial={"contact": request.user.email})
    if request.method == "POST" and form.is_valid():
        try:
            participation_services.help_offer_create(initiative=initiative, **form.cleaned_data, by=request.user)
        except ValidationError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("Thank you! The team of the initiative will get back to you."))
            return redirect(initiative)
    return render(request, "initiatives/help_offer.html", {"initiative": initiative, "form": form})


@require_POST
@with_initiative("initiatives.decide_help_offer")
def help_offer_decide(request, initiative, pk):
    offer = get_object_or_404(HelpOffer, pk=pk, initiative=initiative)
    accept = request.POST.get("decision") == "accept"
    try:
        participation_services.help_offer_decide(offer=offer, accept=accept, by=request.user)
    except ValidationError as error:
        return _refuse(request, error, reverse("initiatives:members_area", args=[initiative.slug]))
    messages.success(request, _("The offer has been accepted.") if accept else _("The offer has been declined."))
    return redirect("initiatives:members_area", slug=initiative.slug)


@with_initiative("initiatives.pledge")
def pledge(request, initiative):
    form = PledgeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            participation_services.pledge_create(initiative=initiative, **form.cleaned_data, by=request.user)
        except ValidationError as error:
            _form_error(form, error)
        else:
            messages.success(
                request, _("Thank you for your pledge. It is not binding; only the initiative's core team sees it.")
            )
            return redirect(initiative)
    return render(request, "initiatives/pledge.html", {"initiative": initiative, "form": form})


@require_POST
@with_initiative("initiatives.view_initiative")
def pledge_withdraw(request, initiative, pk):
    pledge = get_object_or_404(Pledge, pk=pk, initiative=initiative)
    own = request.user.is_authenticated and pledge.user_id == request.user.pk
    if not (own or request.user.has_perm("initiatives.view_pledges", initiative)):
        return _deny(request)
    participation_services.pledge_withdraw(pledge=pledge, by=request.user)
    messages.success(request, _("The pledge has been withdrawn."))
    return redirect(
        "initiatives:members_area"
        if request.user.has_perm("initiatives.view_members_area", initiative)
        else "initiatives:detail",
        slug=initiative.slug,
    )
