"""The members' area and the team: roles, invitations."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from common.web import act, permission_required, refuse, submit

from ..forms.team import InvitationForm, RoleForm
from ..models import (
    Initiative,
    Invitation,
    Membership,
)
from ..queries import participation as participation_queries
from ..queries import review as review_queries
from ..queries import takeover as takeover_queries
from ..queries import team as team_queries
from ..services import team as team_services
from .base import get_initiative


@permission_required("initiatives.view_members_area", get_initiative)
def members_area(request, initiative):
    user = request.user
    can_view_pledges = user.has_perm("initiatives.view_pledges", initiative)
    can_decide_help = user.has_perm("initiatives.decide_help_offer", initiative)
    figures = participation_queries.activation(initiative)
    context = {
        "initiative": initiative,
        "activation": figures,
        "decisions": review_queries.review_decisions(initiative),
        "can_change": user.has_perm("initiatives.change_initiative", initiative),
        "can_submit": user.has_perm("initiatives.submit_initiative", initiative)
        and initiative.status in {Initiative.Status.DRAFT, Initiative.Status.CHANGES_REQUESTED},
        "can_view_pledges": can_view_pledges,
        "can_decide_help": can_decide_help,
        "can_manage_team": user.has_perm("initiatives.manage_team", initiative),
        "takeover": takeover_queries.active_takeover(initiative),
        "my_pledges": initiative.pledges.filter(user=user, withdrawn_at__isnull=True) if user.is_authenticated else [],
    }
    if can_view_pledges:
        totals = participation_queries.pledge_totals(initiative)
        context.update(
            ledger=participation_queries.pledge_ledger(initiative),
            totals=totals,
            viability=participation_queries.viability_check(initiative, totals=totals, figures=figures),
        )
    if can_decide_help:
        context["help_offers"] = participation_queries.help_offers(initiative)
    if context["can_manage_team"]:
        context["invitations"] = team_queries.open_invitations(initiative)
    return render(request, "initiatives/members_area.html", context)


@permission_required("initiatives.view_team", get_initiative)
def team(request, initiative):
    can_manage = request.user.has_perm("initiatives.manage_team", initiative)
    if request.method == "POST" and not can_manage:
        return refuse(request)
    form = InvitationForm(request.POST or None)
    outcome = submit(
        request,
        form,
        lambda: team_services.invitation_create(initiative=initiative, **form.cleaned_data, by=request.user),
    )
    if outcome.ok:
        messages.success(
            request,
            ngettext(
                "The invitation has been sent to %(email)s. It is valid for %(days)s day.",
                "The invitation has been sent to %(email)s. It is valid for %(days)s days.",
                settings.INVITATION_VALID_DAYS,
            )
            % {"email": form.cleaned_data["email"], "days": settings.INVITATION_VALID_DAYS},
        )
        return redirect("initiatives:team", slug=initiative.slug)
    return render(
        request,
        "initiatives/team.html",
        {
            "initiative": initiative,
            "memberships": team_queries.team_members(initiative),
            "invitations": team_queries.open_invitations(initiative) if can_manage else [],
            "form": form if can_manage else None,
            "role_choices": Membership.Role.choices,
            "can_manage": can_manage,
        },
    )


@require_POST
@permission_required("initiatives.manage_team", get_initiative)
def membership_role(request, initiative, pk):
    membership = get_object_or_404(Membership, pk=pk, initiative=initiative)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a role from the list."))
        return redirect("initiatives:team", slug=initiative.slug)
    return act(
        request,
        lambda: team_services.membership_change_role(
            membership=membership, role=form.cleaned_data["role"], by=request.user
        ),
        to=reverse("initiatives:team", args=[initiative.slug]),
        success=_("The role has been changed."),
    )


@permission_required("initiatives.manage_team", get_initiative)
def membership_remove(request, initiative, pk):
    membership = get_object_or_404(Membership.objects.select_related("user"), pk=pk, initiative=initiative)
    if request.method == "POST":
        return act(
            request,
            lambda: team_services.membership_remove(membership=membership, by=request.user),
            to=reverse("initiatives:team", args=[initiative.slug]),
            success=_("%(person)s is no longer in the team.") % {"person": membership.user.public_name},
        )
    return render(
        request,
        "initiatives/confirm.html",
        {
            "initiative": initiative,
            "title": _("Remove from the team"),
            "question": _("Do you want to remove %(person)s from the team of “%(name)s”?")
            % {"person": membership.user.public_name, "name": initiative.name},
            "confirm_label": _("Remove"),
            "cancel_url": reverse("initiatives:team", args=[initiative.slug]),
        },
    )


@require_POST
@permission_required("initiatives.manage_team", get_initiative)
def invitation_revoke(request, initiative, pk):
    invitation = get_object_or_404(Invitation, pk=pk, initiative=initiative)
    return act(
        request,
        lambda: team_services.invitation_revoke(invitation=invitation, by=request.user),
        to=reverse("initiatives:team", args=[initiative.slug]),
        success=_("The invitation has been withdrawn."),
    )


def invitation_accept(request, token):
    invitation = team_services.invitation_for_token(token)
    problem = team_services.invitation_problem(invitation)
    if request.method == "POST" and not problem:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        try:
            membership = team_services.invitation_accept(token=token, by=request.user)
        except ValidationError as error:
            problem = " ".join(error.messages)
        else:
            messages.success(
                request,
                _("Welcome to the team of “%(name)s”.") % {"name": membership.initiative.name},
            )
            return redirect("initiatives:members_area", slug=membership.initiative.slug)
    return render(
        request,
        "initiatives/invitation.html",
        {"invitation": invitation if not problem else None, "problem": problem},
        status=200 if not problem else 410 if invitation is not None else 404,
    )
