"""Offers and potentials: residents suggest, coordinators maintain and confirm."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.web import act, permission_required, submit
from quarters.models import Quarter

from .. import services
from ..forms import OfferForm, PotentialForm
from ..models import Offer, Potential, Review
from .base import map_context


def get_offer(request, pk):
    return get_object_or_404(Offer.objects.select_related("quarter__municipality", "service_area"), pk=pk)


def get_potential(request, pk):
    return get_object_or_404(Potential.objects.select_related("quarter__municipality", "service_area"), pk=pk)


def _create(request, form_class, kind_label):
    initial = {}
    quarter = Quarter.objects.filter(slug=request.GET.get("quarter") or "").first()
    if quarter:
        initial["quarter"] = quarter
    form = form_class(request.POST or None, initial=initial)
    outcome = submit(request, form, lambda: services.supply_save(item=form.instance, by=request.user))
    if outcome.ok:
        item = outcome.result
        if item.review == Review.CONFIRMED:
            messages.success(request, _("The entry has been saved and is public."))
        else:
            messages.success(request, _("Thank you for your suggestion! The coordination will check and confirm it."))
        return redirect(item.quarter.get_absolute_url())
    return render(
        request, "needs/supply/form.html", {"form": form, "kind_label": kind_label, "item": None, **map_context()}
    )


def _edit(request, item, form_class, kind_label):
    form = form_class(request.POST or None, instance=item, quarters=item.quarter.municipality.quarters.all())
    outcome = submit(
        request,
        form,
        lambda: services.supply_save(item=form.instance, by=request.user),
        success=_("The entry has been saved."),
    )
    if outcome.ok:
        return redirect(form.instance.quarter.get_absolute_url())
    return render(
        request, "needs/supply/form.html", {"form": form, "kind_label": kind_label, "item": item, **map_context()}
    )


def _confirm(request, item):
    return act(
        request,
        lambda: services.supply_confirm(item=item, by=request.user),
        to=reverse("needs:dashboard", kwargs={"slug": item.quarter.slug}),
        success=_("The entry has been confirmed and is now public."),
    )


def _delete(request, item, kind_label):
    if request.method == "POST":
        quarter = item.quarter
        services.supply_delete(item=item, by=request.user)
        messages.success(request, _("The entry has been deleted."))
        return redirect("needs:dashboard", slug=quarter.slug)
    return render(
        request,
        "needs/confirm.html",
        {
            "title": _("Delete the %(kind)s “%(name)s”?") % {"kind": kind_label, "name": item},
            "text": _("It disappears from the quarter page, the gap analysis and the open data."),
            "button": _("Delete"),
            "cancel": reverse("needs:dashboard", kwargs={"slug": item.quarter.slug}),
        },
    )


@permission_required("needs.suggest_supply")
def offer_create(request):
    return _create(request, OfferForm, _("offer"))


@permission_required("needs.manage_supply", get_offer)
def offer_edit(request, offer):
    return _edit(request, offer, OfferForm, _("offer"))


@require_POST
@permission_required("needs.manage_supply", get_offer)
def offer_confirm(request, offer):
    return _confirm(request, offer)


@permission_required("needs.manage_supply", get_offer)
def offer_delete(request, offer):
    return _delete(request, offer, _("offer"))


@permission_required("needs.suggest_supply")
def potential_create(request):
    return _create(request, PotentialForm, _("potential"))


@permission_required("needs.manage_supply", get_potential)
def potential_edit(request, potential):
    return _edit(request, potential, PotentialForm, _("potential"))


@require_POST
@permission_required("needs.manage_supply", get_potential)
def potential_confirm(request, potential):
    return _confirm(request, potential)


@permission_required("needs.manage_supply", get_potential)
def potential_delete(request, potential):
    return _delete(request, potential, _("potential"))
