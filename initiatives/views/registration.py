"""Registering an initiative: the first step, starting from a service model, the wizard, submitting."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.web import add_error_messages, permission_required, submit
from financing.models import ServiceModel

from ..forms.registration import STEP_FORMS, STEP_TITLES, CreateForm, step_initial
from ..models import Initiative
from ..queries import profile as profile_queries
from ..queries import review as review_queries
from ..services import registration as registration_services
from ..services import review as review_services
from ..services import transfer as transfer_services
from .base import get_initiative


@permission_required("initiatives.add_initiative")
def initiative_create(request):
    form = CreateForm(request.POST or None)
    outcome = submit(
        request,
        form,
        lambda: registration_services.initiative_create(**form.cleaned_data, by=request.user),
        success=_("Your initiative has been saved as a draft. Continue with the next step."),
    )
    if outcome.ok:
        return redirect("initiatives:wizard", slug=outcome.result.slug, step=2)
    return render(request, "initiatives/create.html", {"form": form})


@permission_required("initiatives.add_initiative")
def start_from_model(request, model_slug):
    model = get_object_or_404(ServiceModel, slug=model_slug)
    prefill = transfer_services.model_prefill(model)
    form = CreateForm(request.POST or None, initial={"short_description": model.summary[:300]})
    outcome = submit(
        request,
        form,
        lambda: transfer_services.initiative_start_from_model(model=model, **form.cleaned_data, by=request.user),
        success=_("Your initiative has been saved as a draft, pre-filled from “%(model)s”. Check every step.")
        % {"model": model.name},
    )
    if outcome.ok:
        return redirect("initiatives:wizard", slug=outcome.result.slug, step=2)
    return render(request, "initiatives/create.html", {"form": form, "model": model, "prefill": prefill})


@permission_required("initiatives.change_initiative", get_initiative)
def wizard(request, initiative, step):
    if step not in STEP_TITLES:
        return redirect("initiatives:wizard", slug=initiative.slug, step=1)
    if initiative.status == Initiative.Status.DRAFT and step > initiative.wizard_step:
        return redirect("initiatives:wizard", slug=initiative.slug, step=initiative.wizard_step)
    form = None
    if step in STEP_FORMS:
        form_class = STEP_FORMS[step]
        extra = {} if step in {1, 3} else {"initiative": initiative}
        form = form_class(request.POST or None, initial=step_initial(initiative, step), **extra)
        outcome = submit(
            request,
            form,
            lambda: registration_services.initiative_update(
                initiative=initiative, step=step, data=form.cleaned_data, by=request.user
            ),
            success=_("Saved."),
        )
        if outcome.ok:
            if request.POST.get("leave"):
                return redirect("initiatives:members_area", slug=initiative.slug)
            return redirect("initiatives:wizard", slug=initiative.slug, step=step + 1)
    context = {
        "initiative": initiative,
        "form": form,
        "step": step,
        "steps": STEP_TITLES.items(),
        "step_title": STEP_TITLES[step],
    }
    if step == 5:
        context.update(
            quarters=initiative.quarters.all(),
            service_areas=initiative.service_areas.all(),
            answered_needs=profile_queries.answered_needs_with_support(initiative, request.user),
            can_submit=initiative.status in {Initiative.Status.DRAFT, Initiative.Status.CHANGES_REQUESTED},
            latest_decision=review_queries.latest_review_decision(initiative),
        )
    return render(request, "initiatives/wizard.html", context)


@require_POST
@permission_required("initiatives.submit_initiative", get_initiative)
def submit_for_review(request, initiative):
    # A refusal sends the team back to the last step (what is missing), success to the members' area.
    try:
        review_services.initiative_submit(initiative=initiative, by=request.user)
    except ValidationError as error:
        add_error_messages(request, error)
        return redirect("initiatives:wizard", slug=initiative.slug, step=5)
    messages.success(request, _("Your initiative has been submitted. The municipality will review it."))
    return redirect("initiatives:members_area", slug=initiative.slug)
