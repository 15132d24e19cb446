"""The business concept: reading, editing, its history, copying it."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.web import act, paginate, permission_required, submit

from ..forms.concept import ConceptForm, CopyForm, LineItemForm, MilestoneForm
from ..models import ConceptLineItem, ConceptVersion, Milestone
from ..queries import concept as concept_queries
from ..services import concept as concept_services
from ..services import transfer as transfer_services
from .base import get_initiative


@permission_required("initiatives.view_concept", get_initiative)
def concept(request, initiative):
    concept = concept_queries.concept_of(initiative)
    return render(
        request,
        "initiatives/concept.html",
        {
            "initiative": initiative,
            "concept": concept,
            "sections": [(concept.section_label(name), getattr(concept, name)) for name in concept.SECTIONS],
            "line_items": concept.line_items.all(),
            "milestones": concept.milestones.all(),
            "totals": concept_queries.concept_totals(concept.line_items.all()),
            "can_change": request.user.has_perm("initiatives.change_concept", initiative),
            "can_view_history": request.user.has_perm("initiatives.view_concept_history", initiative),
            "can_copy": request.user.has_perm("initiatives.copy_concept", initiative),
        },
    )


def _concept_initial(concept) -> dict:
    return {name: getattr(concept, name) for name in (*concept.SECTIONS, "volunteer_hours_needed")}


@permission_required("initiatives.change_concept", get_initiative)
def concept_edit(request, initiative):
    concept = concept_queries.concept_of(initiative)
    form = ConceptForm(request.POST or None, initial=_concept_initial(concept))
    outcome = submit(
        request, form, lambda: concept_services.concept_update(concept=concept, data=form.cleaned_data, by=request.user)
    )
    if outcome.ok:
        version = outcome.result
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
            "form": form or ConceptForm(initial=_concept_initial(concept)),
            "line_item_form": line_item_form or LineItemForm(),
            "milestone_form": milestone_form or MilestoneForm(),
            "line_items": concept.line_items.all(),
            "milestones": concept.milestones.all(),
            "totals": concept_queries.concept_totals(concept.line_items.all()),
        },
    )


@require_POST
@permission_required("initiatives.change_concept", get_initiative)
def line_item_add(request, initiative):
    concept = concept_queries.concept_of(initiative)
    form = LineItemForm(request.POST)
    outcome = submit(
        request,
        form,
        lambda: concept_services.line_item_add(concept=concept, **form.cleaned_data, by=request.user),
        success=_("The item has been added."),
    )
    if outcome.ok:
        return redirect("initiatives:concept_edit", slug=initiative.slug)
    return _concept_edit_page(request, initiative, concept, line_item_form=form)


@require_POST
@permission_required("initiatives.change_concept", get_initiative)
def line_item_delete(request, initiative, pk):
    item = get_object_or_404(ConceptLineItem, pk=pk, concept__initiative=initiative)
    return act(
        request,
        lambda: concept_services.line_item_delete(item=item, by=request.user),
        to=reverse("initiatives:concept_edit", args=[initiative.slug]),
        success=_("The item has been removed."),
    )


@require_POST
@permission_required("initiatives.change_concept", get_initiative)
def milestone_add(request, initiative):
    concept = concept_queries.concept_of(initiative)
    form = MilestoneForm(request.POST)
    outcome = submit(
        request,
        form,
        lambda: concept_services.milestone_add(concept=concept, **form.cleaned_data, by=request.user),
        success=_("The milestone has been added."),
    )
    if outcome.ok:
        return redirect("initiatives:concept_edit", slug=initiative.slug)
    return _concept_edit_page(request, initiative, concept, milestone_form=form)


@require_POST
@permission_required("initiatives.change_concept", get_initiative)
def milestone_toggle(request, initiative, pk):
    milestone = get_object_or_404(Milestone, pk=pk, concept__initiative=initiative)
    return act(
        request,
        lambda: concept_services.milestone_toggle(milestone=milestone, by=request.user),
        to=reverse("initiatives:concept_edit", args=[initiative.slug]),
        success=_("The milestone has been updated."),
    )


@require_POST
@permission_required("initiatives.change_concept", get_initiative)
def milestone_delete(request, initiative, pk):
    milestone = get_object_or_404(Milestone, pk=pk, concept__initiative=initiative)
    return act(
        request,
        lambda: concept_services.milestone_delete(milestone=milestone, by=request.user),
        to=reverse("initiatives:concept_edit", args=[initiative.slug]),
        success=_("The milestone has been removed."),
    )


@permission_required("initiatives.view_concept_history", get_initiative)
def concept_history(request, initiative):
    page_obj = paginate(request, concept_queries.concept_versions(initiative.concept), "default")
    return render(
        request,
        "initiatives/concept_history.html",
        {"initiative": initiative, "page_obj": page_obj, "versions": page_obj.object_list},
    )


@permission_required("initiatives.view_concept_history", get_initiative)
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
            "diff": concept_services.version_diff(version, previous),
        },
    )


@permission_required("initiatives.copy_concept", get_initiative)
def concept_copy(request, initiative):
    form = CopyForm(request.POST or None)
    outcome = submit(
        request,
        form,
        lambda: transfer_services.concept_copy(source=initiative, **form.cleaned_data, by=request.user),
        success=_("A new draft has been created from the concept of “%(name)s”. Adapt it to your quarter.")
        % {"name": initiative.name},
    )
    if outcome.ok:
        return redirect("initiatives:wizard", slug=outcome.result.slug, step=2)
    return render(request, "initiatives/concept_copy.html", {"initiative": initiative, "form": form})
