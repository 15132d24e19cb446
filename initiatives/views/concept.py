"""The business concept: reading, editing, its history, copying it."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.web import paginate

from ..forms.concept import ConceptForm, CopyForm, LineItemForm, MilestoneForm
from ..models import (
    ConceptLineItem,
    ConceptVersion,
    Milestone,
)
from ..queries import concept as concept_queries
from ..services import concept as concept_services
from ..services import transfer as transfer_services
from .base import _form_error, _querystring_without_page, with_initiative


@with_initiative("initiatives.view_concept")
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


@with_initiative("initiatives.change_concept")
def concept_edit(request, initiative):
    concept = concept_queries.concept_of(initiative)
    initial = {name: getattr(concept, name) for name in (*concept.SECTIONS, "volunteer_hours_needed")}
    form = ConceptForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            version = concept_services.concept_update(concept=concept, data=form.cleaned_data, by=request.user)
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
            or ConceptForm(
                initial={name: getattr(concept, name) for name in (*concept.SECTIONS, "volunteer_hours_needed")}
            ),
            "line_item_form": line_item_form or LineItemForm(),
            "milestone_form": milestone_form or MilestoneForm(),
            "line_items": concept.line_items.all(),
            "milestones": concept.milestones.all(),
            "totals": concept_queries.concept_totals(concept.line_items.all()),
        },
    )


@require_POST
@with_initiative("initiatives.change_concept")
def line_item_add(request, initiative):
    concept = concept_queries.concept_of(initiative)
    form = LineItemForm(request.POST)
    if form.is_valid():
        try:
            concept_services.line_item_add(concept=concept, **form.cleaned_data, by=request.user)
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
    concept_services.line_item_delete(item=item, by=request.user)
    messages.success(request, _("The item has been removed."))
    return redirect("initiatives:concept_edit", slug=initiative.slug)


@require_POST
@with_initiative("initiatives.change_concept")
def milestone_add(request, initiative):
    concept = concept_queries.concept_of(initiative)
    form = MilestoneForm(request.POST)
    if form.is_valid():
        try:
            concept_services.milestone_add(concept=concept, **form.cleaned_data, by=request.user)
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
    concept_services.milestone_toggle(milestone=milestone, by=request.user)
    messages.success(request, _("The milestone has been updated."))
    return redirect("initiatives:concept_edit", slug=initiative.slug)


@require_POST
@with_initiative("initiatives.change_concept")
def milestone_delete(request, initiative, pk):
    milestone = get_object_or_404(Milestone, pk=pk, concept__initiative=initiative)
    concept_services.milestone_delete(milestone=milestone, by=request.user)
    messages.success(request, _("The milestone has been removed."))
    return redirect("initiatives:concept_edit", slug=initiative.slug)


@with_initiative("initiatives.view_concept_history")
def concept_history(request, initiative):
    versions = concept_queries.concept_versions(initiative.concept)
    page_obj = paginate(request, versions, "default")
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
            "diff": concept_services.version_diff(version, previous),
        },
    )


@with_initiative("initiatives.copy_concept")
def concept_copy(request, initiative):
    form = CopyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            copy = transfer_services.concept_copy(source=initiative, **form.cleaned_data, by=request.user)
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
