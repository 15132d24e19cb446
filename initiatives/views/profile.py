"""An initiative's public profile, its logo and photos."""

from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.web import act, permission_required, refuse, submit

from ..forms.photos import LogoForm, PhotoForm
from ..models import (
    Initiative,
    Photo,
)
from ..queries import network as network_queries
from ..queries import participation as participation_queries
from ..queries import profile as profile_queries
from ..queries import takeover as takeover_queries
from ..services import photos as photos_services
from .base import get_initiative


def detail(request, slug):
    initiative = profile_queries.initiative_for_detail(slug, request.user)
    if initiative is None:
        if Initiative.objects.filter(slug=slug).exists():
            return refuse(request)
        get_object_or_404(Initiative, slug=slug)
    user = request.user
    totals = participation_queries.pledge_totals(initiative)
    return render(
        request,
        "initiatives/detail.html",
        {
            "initiative": initiative,
            "answered_needs": profile_queries.answered_needs_with_support(initiative, user),
            "activation": participation_queries.activation(initiative, totals=totals),
            "totals": totals,
            "actor_links": network_queries.actor_links(initiative),
            "links": network_queries.linked_initiatives(initiative, user),
            "takeover": takeover_queries.active_takeover(initiative),
            "can_change": user.has_perm("initiatives.change_initiative", initiative),
            "can_view_members_area": user.has_perm("initiatives.view_members_area", initiative),
            "can_review": user.has_perm("initiatives.review_initiative", initiative),
            "can_take_over": user.has_perm("initiatives.take_over", initiative),
            "can_offer_help": user.has_perm("initiatives.ask_for_help", initiative),
            "can_copy": user.has_perm("initiatives.show_concept_copy", initiative),
        },
    )


@permission_required("initiatives.change_initiative", get_initiative)
def logo(request, initiative):
    form = LogoForm(request.POST or None, request.FILES or None)
    outcome = submit(
        request,
        form,
        lambda: photos_services.initiative_logo_set(
            initiative=initiative, upload=form.cleaned_data["logo"], by=request.user
        ),
        success=_("The logo has been saved."),
    )
    if outcome.ok:
        return redirect("initiatives:photos", slug=initiative.slug)
    return photos_page(request, initiative, logo_form=form)


@permission_required("initiatives.change_initiative", get_initiative)
def photos(request, initiative):
    form = PhotoForm(request.POST or None, request.FILES or None)
    outcome = submit(
        request,
        form,
        lambda: photos_services.photo_add(
            initiative=initiative,
            upload=form.cleaned_data["image"],
            caption=form.cleaned_data["caption"],
            by=request.user,
        ),
        success=_("The photo has been added."),
    )
    if outcome.ok:
        return redirect("initiatives:photos", slug=initiative.slug)
    return photos_page(request, initiative, photo_form=form)


def photos_page(request, initiative, *, logo_form=None, photo_form=None):
    return render(
        request,
        "initiatives/photos.html",
        {
            "initiative": initiative,
            "logo_form": logo_form or LogoForm(),
            "photo_form": photo_form or PhotoForm(),
            "photos": initiative.photos.all(),
        },
    )


@require_POST
@permission_required("initiatives.change_initiative", get_initiative)
def photo_delete(request, initiative, pk):
    photo = get_object_or_404(Photo, pk=pk, initiative=initiative)
    return act(
        request,
        lambda: photos_services.photo_delete(photo=photo, by=request.user),
        to=reverse("initiatives:photos", args=[initiative.slug]),
        success=_("The photo has been removed."),
    )
