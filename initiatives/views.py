"""Views of the initiative registry: thin — the form validates, one service writes, a message, a redirect."""

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from financing.choices import Profitability
from financing.models import ServiceModel
from financing.views import render_check
from quarters.models import Municipality

from . import financing_plan, forms, queries, services
from .models import (
    ConceptLineItem,
    ConceptVersion,
    FinancingLine,
    HelpOffer,
    Initiative,
    InitiativeActor,
    InitiativeLink,
    Invitation,
    Membership,
    Milestone,
    Photo,
    Pledge,
)

# --- Helpers -------------------------------------------------------------------------------------


def _deny(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied


def with_initiative(perm):
    """Load the initiative of the URL's slug and check `perm` on it: visitors go to login, others get 403."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, slug, *args, **kwargs):
            initiative = get_object_or_404(Initiative.objects.select_related("municipality", "legal_form"), slug=slug)
            if not request.user.has_perm(perm, initiative):
                return _deny(request)
            return view(request, initiative, *args, **kwargs)

        return wrapped

    return decorator


def with_municipality(perm):
    def decorator(view):
        @wraps(view)
        def wrapped(request, municipality_slug, *args, **kwargs):
            municipality = get_object_or_404(Municipality, slug=municipality_slug)
            if not request.user.has_perm(perm, municipality):
                return _deny(request)
            return view(request, municipality, *args, **kwargs)

        return wrapped

    return decorator


def _form_error(form, error: ValidationError) -> None:
    """Show a service's refusal on the form: on the field it names, else above the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _refuse(request, error: ValidationError, to: str):
    for message in error.messages:
        messages.error(request, message)
    return redirect(to)


def _querystring_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


# --- Directory -----------------------------------------------------------------------------------


def initiative_list(request):
    form = forms.DirectoryForm(request.GET or None)
    initiatives = queries.directory(form.filters())
    page_obj = Paginator(initiatives, queries.PAGE_SIZE).get_page(request.GET.get("page"))
    show_map = bool(settings.MAP_TILE_URL)
    return render(
        request,
        "initiatives/list.html",
        {
            "form": form,
            "page_obj": page_obj,
            "initiatives": page_obj.object_list,
            "querystring_without_page": _querystring_without_page(request),
            "show_map": show_map,
            "map_points": queries.map_points(page_obj.object_list) if show_map else [],
            "map_tile_url": settings.MAP_TILE_URL,
            "map_tile_attribution": settings.MAP_TILE_ATTRIBUTION,
            "searching": bool(request.GET.get("q")),
        },
    )


def directory_quarters(request):
    """htmx: the directory's quarter filter for the municipality just chosen."""
    form = forms.DirectoryForm(request.GET or None)
    return render(request, "initiatives/components/directory_quarter_field.html", {"form": form})


@login_required
def my_initiatives(request):
    return render(request, "initiatives/mine.html", {"initiatives": queries.initiatives_of_member(request.user)})


# --- Registration --------------------------------------------------------------------------------


@login_required
def initiative_create(request):
    form = forms.CreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            initiative = services.initiative_create(**form.cleaned_data, by=request.user)
        except ValidationError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("Your initiative has been saved as a draft. Continue with the next step."))
            return redirect("initiatives:wizard", slug=initiative.slug, step=2)
    return render(request, "initiatives/create.html", {"form": form})


@login_required
def start_from_model(request, model_slug):
    model = get_object_or_404(ServiceModel, slug=model_slug)
    prefill = services.model_prefill(model)
    form = forms.CreateForm(request.POST or None, initial={"short_description": model.summary[:300]})
    if request.method == "POST" and form.is_valid():
        try:
            initiative = services.initiative_start_from_model(model=model, **form.cleaned_data, by=request.user)
        except ValidationError as error:
            _form_error(form, error)
        else:
            messages.success(
                request,
                _("Your initiative has been saved as a draft, pre-filled from “%(model)s”. Check every step.")
                % {"model": model.name},
            )
            return redirect("initiatives:wizard", slug=initiative.slug, step=2)
    return render(request, "initiatives/create.html", {"form": form, "model": model, "prefill": prefill})


@with_initiative("initiatives.change_initiative")
def wizard(request, initiative, step):
    if step not in forms.STEP_TITLES:
        return redirect("initiatives:wizard", slug=initiative.slug, step=1)
    if initiative.status == Initiative.Status.DRAFT and step > initiative.wizard_step:
        return redirect("initiatives:wizard", slug=initiative.slug, step=initiative.wizard_step)
    form = None
    if step in forms.STEP_FORMS:
        form_class = forms.STEP_FORMS[step]
        extra = {} if step in {1, 3} else {"initiative": initiative}
        form = form_class(request.POST or None, initial=forms.step_initial(initiative, step), **extra)
        if request.method == "POST" and form.is_valid():
            try:
                services.initiative_update(initiative=initiative, step=step, data=form.cleaned_data, by=request.user)
            except ValidationError as error:
                _form_error(form, error)
            else:
                messages.success(request, _("Saved."))
                if request.POST.get("leave"):
                    return redirect("initiatives:members_area", slug=initiative.slug)
                return redirect("initiatives:wizard", slug=initiative.slug, step=step + 1)
    context = {
        "initiative": initiative,
        "form": form,
        "step": step,
        "steps": forms.STEP_TITLES.items(),
        "step_title": forms.STEP_TITLES[step],
    }
    if step == 5:
        context.update(
            quarters=initiative.quarters.all(),
            service_areas=initiative.service_areas.all(),
            answered_needs=queries.answered_needs_with_support(initiative, request.user),
            can_submit=initiative.status in {Initiative.Status.DRAFT, Initiative.Status.CHANGES_REQUESTED},
            latest_decision=queries.latest_review_decision(initiative),
        )
    return render(request, "initiatives/wizard.html", context)


@require_POST
@with_initiative("initiatives.submit_initiative")
def submit(request, initiative):
    try:
        services.initiative_submit(initiative=initiative, by=request.user)
    except ValidationError as error:
        return _refuse(request, error, reverse("initiatives:wizard", args=[initiative.slug, 5]))
    messages.success(request, _("Your initiative has been submitted. The municipality will review it."))
    return redirect("initiatives:members_area", slug=initiative.slug)


@with_initiative("initiatives.review_initiative")
def review(request, initiative):
    form = forms.ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        decision, comment = form.cleaned_data["decision"], form.cleaned_data["comment"]
        actions = {
            "publish": (services.initiative_publish, "comment", _("The initiative has been published.")),
            "request_changes": (
                services.initiative_request_changes,
                "comment",
                _("The initiative has been asked for changes."),
            ),
            "reject": (services.initiative_reject, "reason", _("The initiative has been rejected.")),
            "archive": (services.initiative_archive, "comment", _("The initiative has been archived.")),
        }
        service, argument, message = actions[decision]
        try:
            service(initiative=initiative, by=request.user, **{argument: comment})
        except ValidationError as error:
            _form_error(form, error)
        else:
            messages.success(request, message)
            return redirect("initiatives:staff_overview", municipality_slug=initiative.municipality.slug)
    return render(
        request,
        "initiatives/review.html",
        {
            "initiative": initiative,
            "form": form,
            "quarters": initiative.quarters.all(),
            "answered_needs": queries.answered_needs_with_support(initiative, request.user),
            "decisions": queries.review_decisions(initiative),
        },
    )


# --- Profile -------------------------------------------------------------------------------------


def detail(request, slug):
    initiative = queries.initiative_for_detail(slug, request.user)
    if initiative is None:
        if Initiative.objects.filter(slug=slug).exists():
            return _deny(request)
        get_object_or_404(Initiative, slug=slug)
    user = request.user
    totals = queries.pledge_totals(initiative)
    return render(
        request,
        "initiatives/detail.html",
        {
            "initiative": initiative,
            "answered_needs": queries.answered_needs_with_support(initiative, user),
            "activation": queries.activation(initiative, totals=totals),
            "totals": totals,
            "actor_links": queries.actor_links(initiative),
            "links": queries.linked_initiatives(initiative, user),
            "takeover": queries.active_takeover(initiative),
            "can_change": user.has_perm("initiatives.change_initiative", initiative),
            "can_view_members_area": user.has_perm("initiatives.view_members_area", initiative),
            "can_review": user.has_perm("initiatives.review_initiative", initiative),
            "can_take_over": user.has_perm("initiatives.take_over", initiative),
            "can_offer_help": initiative.is_public,
            "can_copy": initiative.is_public,
        },
    )


@with_initiative("initiatives.change_initiative")
def logo(request, initiative):
    form = forms.LogoForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.initiative_logo_set(initiative=initiative, upload=form.cleaned_data["logo"], by=request.user)
        except ValidationError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("The logo has been saved."))
            return redirect("initiatives:photos", slug=initiative.slug)
    return photos_page(request, initiative, logo_form=form)


@with_initiative("initiatives.change_initiative")
def photos(request, initiative):
    form = forms.PhotoForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.photo_add(
                initiative=initiative,
                upload=form.cleaned_data["image"],
                caption=form.cleaned_data["caption"],
                by=request.user,
            )
        except ValidationError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("The photo has been added."))
            return redirect("initiatives:photos", slug=initiative.slug)
    return photos_page(request, initiative, photo_form=form)


def photos_page(request, initiative, *, logo_form=None, photo_form=None):
    return render(
        request,
        "initiatives/photos.html",
        {
            "initiative": initiative,
            "logo_form": logo_form or forms.LogoForm(),
            "photo_form": photo_form or forms.PhotoForm(),
            "photos": initiative.photos.all(),
        },
    )


@require_POST
@with_initiative("initiatives.change_initiative")
def photo_delete(request, initiative, pk):
    photo = get_object_or_404(Photo, pk=pk, initiative=initiative)
    services.photo_delete(photo=photo, by=request.user)
    messages.success(request, _("The photo has been removed."))
    return redirect("initiatives:photos", slug=initiative.slug)


# --- Members' area and team ----------------------------------------------------------------------


@with_initiative("initiatives.view_members_area")
def members_area(request, initiative):
    user = request.user
    can_view_pledges = user.has_perm("initiatives.view_pledges", initiative)
    can_decide_help = user.has_perm("initiatives.decide_help_offer", initiative)
    figures = queries.activation(initiative)
    context = {
        "initiative": initiative,
        "activation": figures,
        "decisions": queries.review_decisions(initiative),
        "can_change": user.has_perm("initiatives.change_initiative", initiative),
        "can_submit": user.has_perm("initiatives.submit_initiative", initiative)
        and initiative.status in {Initiative.Status.DRAFT, Initiative.Status.CHANGES_REQUESTED},
        "can_view_pledges": can_view_pledges,
        "can_decide_help": can_decide_help,
        "can_manage_team": user.has_perm("initiatives.manage_team", initiative),
        "takeover": queries.active_takeover(initiative),
        "my_pledges": initiative.pledges.filter(user=user, withdrawn_at__isnull=True) if user.is_authenticated else [],
    }
    if can_view_pledges:
        totals = queries.pledge_totals(initiative)
        context.update(
            ledger=queries.pledge_ledger(initiative),
            totals=totals,
            viability=queries.viability_check(initiative, totals=totals, figures=figures),
        )
    if can_decide_help:
        context["help_offers"] = queries.help_offers(initiative)
    if context["can_manage_team"]:
        context["invitations"] = queries.open_invitations(initiative)
    return render(request, "initiatives/members_area.html", context)


@with_initiative("initiatives.view_team")
def team(request, initiative):
    can_manage = request.user.has_perm("initiatives.manage_team", initiative)
    form = forms.InvitationForm(request.POST or None)
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.invitation_create(initiative=initiative, **form.cleaned_data, by=request.user)
            except ValidationError as error:
                _form_error(form, error)
            else:
                messages.success(
                    request,
                    _("The invitation has been sent to %(email)s. It is valid for 14 days.")
                    % {"email": form.cleaned_data["email"]},
                )
                return redirect("initiatives:team", slug=initiative.slug)
    return render(
        request,
        "initiatives/team.html",
        {
            "initiative": initiative,
            "memberships": queries.team(initiative),
            "invitations": queries.open_invitations(initiative) if can_manage else [],
            "form": form if can_manage else None,
            "role_choices": Membership.Role.choices,
            "can_manage": can_manage,
        },
    )


@require_POST
@with_initiative("initiatives.manage_team")
def membership_role(request, initiative, pk):
    membership = get_object_or_404(Membership, pk=pk, initiative=initiative)
    form = forms.RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a role from the list."))
        return redirect("initiatives:team", slug=initiative.slug)
    try:
        services.membership_change_role(membership=membership, role=form.cleaned_data["role"], by=request.user)
    except ValidationError as error:
        return _refuse(request, error, reverse("initiatives:team", args=[initiative.slug]))
    messages.success(request, _("The role has been changed."))
    return redirect("initiatives:team", slug=initiative.slug)


@with_initiative("initiatives.manage_team")
def membership_remove(request, initiative, pk):
    membership = get_object_or_404(Membership.objects.select_related("user"), pk=pk, initiative=initiative)
    if request.method == "POST":
        try:
            services.membership_remove(membership=membership, by=request.user)
        except ValidationError as error:
            return _refuse(request, error, reverse("initiatives:team", args=[initiative.slug]))
        messages.success(request, _("%(person)s is no longer in the team.") % {"person": membership.user.public_name})
        return redirect("initiatives:team", slug=initiative.slug)
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
@with_initiative("initiatives.manage_team")
def invitation_revoke(request, initiative, pk):
    invitation = get_object_or_404(Invitation, pk=pk, initiative=initiative)
    try:
        services.invitation_revoke(invitation=invitation, by=request.user)
    except ValidationError as error:
        return _refuse(request, error, reverse("initiatives:team", args=[initiative.slug]))
    messages.success(request, _("The invitation has been withdrawn."))
    return redirect("initiatives:team", slug=initiative.slug)


def invitation_accept(request, token):
    invitation = services.invitation_for_token(token)
    problem = services.invitation_problem(invitation)
    if request.method == "POST" and not problem:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        try:
            membership = services.invitation_accept(token=token, by=request.user)
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


# --- Help offers and pledges ---------------------------------------------------------------------


@with_initiative("initiatives.offer_help")
def help_offer(request, initiative):
    form = forms.HelpOfferForm(request.POST or None, initial={"contact": request.user.email})
    if request.method == "POST" and form.is_valid():
        try:
            services.help_offer_create(initiative=initiative, **form.cleaned_data, by=request.user)
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
        services.help_offer_decide(offer=offer, accept=accept, by=request.user)
    except ValidationError as error:
        return _refuse(request, error, reverse("initiatives:members_area", args=[initiative.slug]))
    messages.success(request, _("The offer has been accepted.") if accept else _("The offer has been declined."))
    return redirect("initiatives:members_area", slug=initiative.slug)


@with_initiative("initiatives.pledge")
def pledge(request, initiative):
    form = forms.PledgeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.pledge_create(initiative=initiative, **form.cleaned_data, by=request.user)
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
    services.pledge_withdraw(pledge=pledge, by=request.user)
    messages.success(request, _("The pledge has been withdrawn."))
    return redirect(
        "initiatives:members_area"
        if request.user.has_perm("initiatives.view_members_area", initiative)
        else "initiatives:detail",
        slug=initiative.slug,
    )


# --- Concept -------------------------------------------------------------------------------------


@with_initiative("initiatives.view_concept")
def concept(request, initiative):
    concept = queries.concept_of(initiative)
    return render(
        request,
        "initiatives/concept.html",
        {
            "initiative": initiative,
            "concept": concept,
            "sections": [(concept.section_label(name), getattr(concept, name)) for name in concept.SECTIONS],
            "line_items": concept.line_items.all(),
            "milestones": concept.milestones.all(),
            "totals": queries.concept_totals(concept.line_items.all()),
            "can_change": request.user.has_perm("initiatives.change_concept", initiative),
            "can_view_history": request.user.has_perm("initiatives.view_concept_history", initiative),
            "can_copy": request.user.has_perm("initiatives.copy_concept", initiative),
        },
    )


@with_initiative("initiatives.change_concept")
def concept_edit(request, initiative):
    concept = queries.concept_of(initiative)
    initial = {name: getattr(concept, name) for name in (*concept.SECTIONS, "volunteer_hours_needed")}
    form = forms.ConceptForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            version = services.concept_update(concept=concept, data=form.cleaned_data, by=request.user)
        except ValidationError as error:
            _form_error(form, error)
        else:
            if version is None:
                messages.info(request, _("Nothing has changed."))
            else:
                messages.success(
                    request, _("The concept has been saved as version %(number)s.") % {"number": version.number}
                )
            return redirect("initiatives:concept", slug=initiative.slug)
    return _concept_edit_page(request, initiative, concept, form=form)


def _concept_edit_page(request, initiative, concept, *, form=None, line_item_form=None, milestone_form=None):
    return render(
        request,
        "initiatives/concept_edit.html",
        {
            "initiative": initiative,
            "concept": concept,
            "form": form
            or forms.ConceptForm(
                initial={name: getattr(concept, name) for name in (*concept.SECTIONS, "volunteer_hours_needed")}
            ),
            "line_item_form": line_item_form or forms.LineItemForm(),
            "milestone_form": milestone_form or forms.MilestoneForm(),
            "line_items": concept.line_items.all(),
            "milestones": concept.milestones.all(),
            "totals": queries.concept_totals(concept.line_items.all()),
        },
    )


@require_POST
@with_initiative("initiatives.change_concept")
def line_item_add(request, initiative):
    concept = queries.concept_of(initiative)
    form = forms.LineItemForm(request.POST)
    if form.is_valid():
        try:
            services.line_item_add(concept=concept, **form.cleaned_data, by=request.user)
        except ValidationError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("The item has been added."))
            return redirect("initiatives:concept_edit", slug=initiative.slug)
    return _concept_edit_page(request, initiative, concept, line_item_form=form)


@require_POST
@with_initiative("initiatives.change_concept")
def line_item_delete(request, initiative, pk):
    item = get_object_or_404(ConceptLineItem, pk=pk, concept__initiative=initiative)
    services.line_item_delete(item=item, by=request.user)
    messages.success(request, _("The item has been removed."))
    return redirect("initiatives:concept_edit", slug=initiative.slug)


@require_POST
@with_initiative("initiatives.change_concept")
def milestone_add(request, initiative):
    concept = queries.concept_of(initiative)
    form = forms.MilestoneForm(request.POST)
    if form.is_valid():
        try:
            services.milestone_add(concept=concept, **form.cleaned_data, by=request.user)
        except ValidationError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("The milestone has been added."))
            return redirect("initiatives:concept_edit", slug=initiative.slug)
    return _concept_edit_page(request, initiative, concept, milestone_form=form)


@require_POST
@with_initiative("initiatives.change_concept")
def milestone_toggle(request, initiative, pk):
    milestone = get_object_or_404(Milestone, pk=pk, concept__initiative=initiative)
    services.milestone_toggle(milestone=milestone, by=request.user)
    messages.success(request, _("The milestone has been updated."))
    return redirect("initiatives:concept_edit", slug=initiative.slug)


@require_POST
@with_initiative("initiatives.change_concept")
def milestone_delete(request, initiative, pk):
    milestone = get_object_or_404(Milestone, pk=pk, concept__initiative=initiative)
    services.milestone_delete(milestone=milestone, by=request.user)
    messages.success(request, _("The milestone has been removed."))
    return redirect("initiatives:concept_edit", slug=initiative.slug)


@with_initiative("initiatives.view_concept_history")
def concept_history(request, initiative):
    versions = queries.concept_versions(initiative.concept)
    page_obj = Paginator(versions, queries.PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "initiatives/concept_history.html",
        {
            "initiative": initiative,
            "page_obj": page_obj,
            "versions": page_obj.object_list,
            "querystring_without_page": _querystring_without_page(request),
        },
    )


@with_initiative("initiatives.view_concept_history")
def concept_version(request, initiative, number):
    version = get_object_or_404(
        ConceptVersion.objects.select_related("created_by"), concept__initiative=initiative, number=number
    )
    previous = (
        ConceptVersion.objects.filter(concept_id=version.concept_id, number__lt=number).order_by("-number").first()
    )
    return render(
        request,
        "initiatives/concept_version.html",
        {
            "initiative": initiative,
            "version": version,
            "previous": previous,
            "diff": services.version_diff(version, previous),
        },
    )


@with_initiative("initiatives.copy_concept")
def concept_copy(request, initiative):
    form = forms.CopyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            copy = services.concept_copy(source=initiative, **form.cleaned_data, by=request.user)
        except ValidationError as error:
            _form_error(form, error)
        else:
            messages.success(
                request,
                _("A new draft has been created from the concept of “%(name)s”. Adapt it to your quarter.")
                % {"name": initiative.name},
            )
            return redirect("initiatives:wizard", slug=copy.slug, step=2)
    return render(request, "initiatives/concept_copy.html", {"initiative": initiative, "form": form})


# --- Network -------------------------------------------------------------------------------------


@with_initiative("initiatives.view_initiative")
def network(request, initiative):
    return _network_page(request, initiative)


def _network_page(request, initiative, *, link_form=None, actor_form=None):
    can_change = request.user.has_perm("initiatives.change_network", initiative)
    return render(
        request,
        "initiatives/network.html",
        {
            "initiative": initiative,
            "links": queries.linked_initiatives(initiative, request.user),
            "actor_links": queries.actor_links(initiative),
            "can_change": can_change,
            "link_form": (link_form or forms.LinkForm(initiative=initiative)) if can_change else None,
            "actor_form": (actor_form or forms.ActorLinkForm(initiative=initiative)) if can_change else None,
        },
    )


@require_POST
@with_initiative("initiatives.change_network")
def link_add(request, initiative):
    form = forms.LinkForm(request.POST, initiative=initiative)
    if form.is_valid():
        try:
            services.link_add(initiative=initiative, **form.cleaned_data, by=request.user)
        except ValidationError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("The initiatives have been linked."))
            return redirect("initiatives:network", slug=initiative.slug)
    return _network_page(request, initiative, link_form=form)


@require_POST
@with_initiative("initiatives.change_network")
def link_remove(request, initiative, pk):
    link = get_object_or_404(
        InitiativeLink.objects.filter(from_initiative=initiative)
        | InitiativeLink.objects.filter(to_initiative=initiative),
        pk=pk,
    )
    services.link_remove(link=link, by=request.user)
    messages.success(request, _("The link has been removed."))
    return redirect("initiatives:network", slug=initiative.slug)


@require_POST
@with_initiative("initiatives.change_network")
def actor_add(request, initiative):
    form = forms.ActorLinkForm(request.POST, initiative=initiative)
    if form.is_valid():
        try:
            services.actor_link_add(initiative=initiative, **form.cleaned_data, by=request.user)
        except ValidationError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("The actor has been added."))
            return redirect("initiatives:network", slug=initiative.slug)
    return _network_page(request, initiative, actor_form=form)


@require_POST
@with_initiative("initiatives.change_network")
def actor_remove(request, initiative, pk):
    link = get_object_or_404(InitiativeActor, pk=pk, initiative=initiative)
    services.actor_link_remove(link=link, by=request.user)
    messages.success(request, _("The actor has been removed."))
    return redirect("initiatives:network", slug=initiative.slug)


# --- Municipal takeover and staff pages ----------------------------------------------------------


@with_initiative("initiatives.take_over")
def takeover(request, initiative):
    current = queries.active_takeover(initiative)
    form = forms.TakeoverForm(request.POST or None, municipality=initiative.municipality)
    if request.method == "POST" and form.is_valid():
        try:
            services.takeover_start(initiative=initiative, **form.cleaned_data, by=request.user)
        except ValidationError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("The municipality now carries the initiative."))
            return redirect("initiatives:takeovers", municipality_slug=initiative.municipality.slug)
    return render(request, "initiatives/takeover.html", {"initiative": initiative, "form": form, "current": current})


@with_initiative("initiatives.take_over")
def takeover_end(request, initiative):
    current = queries.active_takeover(initiative)
    if current is None:
        messages.info(request, _("The municipality does not carry this initiative."))
        return redirect(initiative)
    form = forms.TakeoverEndForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.takeover_end(takeover=current, note=form.cleaned_data["note"], by=request.user)
        except ValidationError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("The municipal takeover has ended."))
            return redirect("initiatives:takeovers", municipality_slug=initiative.municipality.slug)
    return render(
        request, "initiatives/takeover_end.html", {"initiative": initiative, "form": form, "current": current}
    )


@with_municipality("initiatives.view_staff_overview")
def staff_overview(request, municipality):
    initiatives = queries.staff_overview(municipality)
    page_obj = Paginator(initiatives, queries.PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "initiatives/staff_overview.html",
        {
            "municipality": municipality,
            "page_obj": page_obj,
            "initiatives": page_obj.object_list,
            "waiting": queries.review_queue(municipality).count(),
            "can_review": request.user.has_perm("initiatives.view_takeovers", municipality),
            "querystring_without_page": _querystring_without_page(request),
        },
    )


@with_municipality("initiatives.view_takeovers")
def takeovers(request, municipality):
    return render(
        request,
        "initiatives/takeovers.html",
        {"municipality": municipality, "takeovers": queries.takeovers_of(municipality), "today": timezone.localdate()},
    )


# --- Financing plan ------------------------------------------------------------------------------


def _plan_page(request, initiative, *, settings_form=None):
    overview = financing_plan.overview(initiative)
    can_change = request.user.has_perm("initiatives.change_financing_plan", initiative)
    if can_change and settings_form is None:
        settings_form = forms.PlanSettingsForm(
            initial={"start_month": overview.start_month if overview.start_month_set else None}
        )
    return render(
        request,
        "initiatives/plan/page.html",
        {
            "initiative": initiative,
            "plan": overview,
            "can_change": can_change,
            "settings_form": settings_form if can_change else None,
        },
    )


@with_initiative("initiatives.view_financing_plan")
def plan(request, initiative):
    return _plan_page(request, initiative)


@require_POST
@with_initiative("initiatives.change_financing_plan")
def plan_settings(request, initiative):
    form = forms.PlanSettingsForm(request.POST)
    if form.is_valid():
        try:
            services.financing_plan_update(
                initiative=initiative, start_month=form.cleaned_data["start_month"], by=request.user
            )
        except ValidationError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("The start month has been saved."))
            return redirect("initiatives:plan", slug=initiative.slug)
    return _plan_page(request, initiative, settings_form=form)


def _line_form_page(request, initiative, form, line=None):
    return render(request, "initiatives/plan/line_form.html", {"initiative": initiative, "form": form, "line": line})


@with_initiative("initiatives.change_financing_plan")
def plan_line_add(request, initiative):
    form = forms.FinancingLineForm(request.POST or None, initiative=initiative)
    if request.method == "POST" and form.is_valid():
        try:
            services.financing_line_add(initiative=initiative, **form.cleaned_data, by=request.user)
        except ValidationError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("The source has been added to the financing plan."))
            return redirect("initiatives:plan", slug=initiative.slug)
    return _line_form_page(request, initiative, form)


def _line_of(initiative, pk) -> FinancingLine:
    return get_object_or_404(
        FinancingLine.objects.select_related("programme__instrument_type", "instrument"), pk=pk, initiative=initiative
    )


@with_initiative("initiatives.change_financing_plan")
def plan_line_edit(request, initiative, pk):
    line = _line_of(initiative, pk)
    form = forms.FinancingLineForm(request.POST or None, initiative=initiative, initial=forms.line_initial(line))
    if request.method == "POST" and form.is_valid():
        try:
            services.financing_line_update(line=line, **form.cleaned_data, by=request.user)
        except ValidationError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("The source has been saved."))
            return redirect("initiatives:plan", slug=initiative.slug)
    return _line_form_page(request, initiative, form, line)


@with_initiative("initiatives.change_financing_plan")
def plan_line_delete(request, initiative, pk):
    line = _line_of(initiative, pk)
    if request.method == "POST":
        try:
            services.financing_line_delete(line=line, by=request.user)
        except ValidationError as error:
            return _refuse(request, error, reverse("initiatives:plan", args=[initiative.slug]))
        messages.success(request, _("The source has been removed from the financing plan."))
        return redirect("initiatives:plan", slug=initiative.slug)
    return render(request, "initiatives/plan/line_confirm_delete.html", {"initiative": initiative, "line": line})


# --- The initiative's financing check ------------------------------------------------------------


def _yes_no(value):
    if value is None:
        return None
    return _("Yes") if value else _("No")


def _fact_rows(initiative, plan, areas, *, can_answer: bool, bound=None) -> list[dict]:
    """The profile the check uses, fact by fact: its value (None: not known) and, for the team, a form to
    answer or change it in place. `bound` is (fact, form) of an answer that was refused."""
    profitability = dict(Profitability.choices)
    plan_value = (lambda name: getattr(plan, name)) if plan is not None else (lambda name: None)
    wizard_step_3 = reverse("initiatives:wizard", args=[initiative.slug, 3])
    region = initiative.municipality.name
    if initiative.municipality.state:
        region = f"{region} ({initiative.municipality.state})"
    rows = [
        (
            "legal_form",
            _("Legal form"),
            initiative.legal_form.short_name if initiative.legal_form else _("none yet"),
            None,
        ),
        ("stage", _("Stage"), initiative.get_stage_display(), None),
        ("service_areas", _("Service areas"), ", ".join(area.name for area in areas) or None, list(areas) or None),
        ("region", _("Where"), region, None),
        ("capital_need", _("Capital need"), initiative.capital_need, initiative.capital_need),
        ("own_funds", _("Own funds"), initiative.own_funds, initiative.own_funds),
        (
            "profitability",
            _("Profitability"),
            profitability.get(plan_value("profitability")) if plan_value("profitability") else None,
            plan_value("profitability") or None,
        ),
        ("securities", _("Securities"), _yes_no(plan_value("has_securities")), plan_value("has_securities")),
        (
            "gemeinnuetzig",
            _("Recognised as gemeinnützig"),
            _yes_no(plan_value("is_gemeinnuetzig")),
            plan_value("is_gemeinnuetzig"),
        ),
    ]
    facts = []
    for key, label, value, current in rows:
        form = None
        if can_answer and bound is not None and bound[0] == key:
            form = bound[1]
        elif can_answer:
            form = forms.fact_form(key, initial=current)
        facts.append(
            {
                "key": key,
                "label": label,
                "value": value,
                "is_money": key in {"capital_need", "own_funds"},
                "form": form,
                "edit_url": wizard_step_3 if can_answer and key in {"legal_form", "stage"} else None,
            }
        )
    return facts


@with_initiative("initiatives.view_financing_check")
def check(request, initiative):
    can_answer = request.user.has_perm("initiatives.answer_financing_check", initiative)
    bound = None
    if request.method == "POST":
        if not can_answer:
            return _deny(request)
        fact = request.POST.get("fact", "")
        form = forms.fact_form(fact, data=request.POST)
        if form is None:
            messages.error(request, _("This question cannot be answered here."))
            return redirect("initiatives:check", slug=initiative.slug)
        if form.is_valid():
            try:
                services.financing_fact_answer(
                    initiative=initiative, fact=fact, value=form.cleaned_data["value"], by=request.user
                )
            except ValidationError as error:
                _form_error(form, error)
            else:
                messages.success(request, _("Saved. The check below takes the answer into account."))
                return redirect(reverse("initiatives:check", args=[initiative.slug]) + "#profile")
        if ":" in fact:  # a programme's own question: answered with buttons, nothing typed to keep
            for message in [*form.non_field_errors(), *form.errors.get("value", [])]:
                messages.error(request, message)
            return redirect("initiatives:check", slug=initiative.slug)
        bound = (fact, form)
    plan = queries.financing_plan_of(initiative)
    areas = list(initiative.service_areas.all())
    profile = financing_plan.profile_for(initiative, plan, [area.slug for area in areas])
    answers = queries.programme_answers(plan)
    return render_check(
        request,
        profile,
        initiative=initiative,
        template_name="initiatives/check.html",
        # A programme's own question is answered with buttons that save the answer with the initiative.
        answer_template="initiatives/plan/answer_buttons.html" if can_answer else "",
        extra_context={
            "facts": _fact_rows(initiative, plan, areas, can_answer=can_answer, bound=bound),
            "can_answer": can_answer,
            "programme_answers": answers,
            "can_view_plan": request.user.has_perm("initiatives.view_financing_plan", initiative),
        },
    )
