"""The network of an initiative: linked initiatives and actors."""

from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.web import act, permission_required, submit

from ..forms.network import ActorLinkForm, LinkForm
from ..models import InitiativeActor, InitiativeLink
from ..queries import network as network_queries
from ..services import network as network_services
from .base import get_initiative


@permission_required("initiatives.view_initiative", get_initiative)
def network(request, initiative):
    return _network_page(request, initiative)


def _network_page(request, initiative, *, link_form=None, actor_form=None):
    can_change = request.user.has_perm("initiatives.change_network", initiative)
    return render(
        request,
        "initiatives/network.html",
        {
            "initiative": initiative,
            "links": network_queries.linked_initiatives(initiative, request.user),
            "actor_links": network_queries.actor_links(initiative),
            "can_change": can_change,
            "link_form": (link_form or LinkForm(initiative=initiative)) if can_change else None,
            "actor_form": (actor_form or ActorLinkForm(initiative=initiative)) if can_change else None,
        },
    )


@require_POST
@permission_required("initiatives.change_network", get_initiative)
def link_add(request, initiative):
    form = LinkForm(request.POST, initiative=initiative)
    outcome = submit(
        request,
        form,
        lambda: network_services.link_add(initiative=initiative, **form.cleaned_data, by=request.user),
        success=_("The initiatives have been linked."),
    )
    if outcome.ok:
        return redirect("initiatives:network", slug=initiative.slug)
    return _network_page(request, initiative, link_form=form)


@require_POST
@permission_required("initiatives.change_network", get_initiative)
def link_remove(request, initiative, pk):
    link = get_object_or_404(
        InitiativeLink.objects.filter(from_initiative=initiative)
        | InitiativeLink.objects.filter(to_initiative=initiative),
        pk=pk,
    )
    return act(
        request,
        lambda: network_services.link_remove(link=link, by=request.user),
        to=reverse("initiatives:network", args=[initiative.slug]),
        success=_("The link has been removed."),
    )


@require_POST
@permission_required("initiatives.change_network", get_initiative)
def actor_add(request, initiative):
    form = ActorLinkForm(request.POST, initiative=initiative)
    outcome = submit(
        request,
        form,
        lambda: network_services.actor_link_add(initiative=initiative, **form.cleaned_data, by=request.user),
        success=_("The actor has been added."),
    )
    if outcome.ok:
        return redirect("initiatives:network", slug=initiative.slug)
    return _network_page(request, initiative, actor_form=form)


@require_POST
@permission_required("initiatives.change_network", get_initiative)
def actor_remove(request, initiative, pk):
    link = get_object_or_404(InitiativeActor, pk=pk, initiative=initiative)
    return act(
        request,
        lambda: network_services.actor_link_remove(link=link, by=request.user),
        to=reverse("initiatives:network", args=[initiative.slug]),
        success=_("The actor has been removed."),
    )
