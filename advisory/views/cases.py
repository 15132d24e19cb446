"""The case list and a case: open, edit, assign, move through the phases, close, pause, resume."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.web import act, paginate, permission_required, submit

from .. import queries, services
from ..forms import AssignForm, CaseFilterForm, CaseForm, PhaseForm
from ..models import Phase
from .common import get_case, get_municipality


@permission_required("advisory.view_cases", get_municipality)
def case_list(request, municipality):
    form = CaseFilterForm(request.GET or None, municipality=municipality)
    page = paginate(request, queries.case_list(municipality, form.filters()), "cases")
    return render(
        request,
        "advisory/case_list.html",
        {"municipality": municipality, "form": form, "page_obj": page, "today": timezone.localdate()},
    )


@permission_required("advisory.add_case", get_municipality)
def case_open(request, municipality):
    can_assign = request.user.has_perm("advisory.assign_case", municipality)
    form = CaseForm(request.POST or None, municipality=municipality, can_assign=can_assign)
    outcome = submit(
        request,
        form,
        lambda: services.case_open(municipality=municipality, by=request.user, **form.service_kwargs()),
        success=_("The case has been opened."),
    )
    if outcome.ok:
        return redirect(outcome.result)
    return render(request, "advisory/case_form.html", {"municipality": municipality, "form": form, "case": None})


@permission_required("advisory.view_case", get_case)
def case_detail(request, case):
    user = request.user
    can_change = user.has_perm("advisory.change_case", case)
    return render(
        request,
        "advisory/case_detail.html",
        {
            "case": case,
            "municipality": case.municipality,
            # The latest consultations; older ones on further pages (?page=).
            "consultations": paginate(request, queries.consultations_of_case(case)),
            "tasks": queries.tasks_of_case(case),
            "referrals": queries.referrals_of_case(case),
            "workshops": queries.workshops_of_case(case),
            "history": queries.phase_history(case),
            "can_change": can_change,
            "can_assign": user.has_perm("advisory.assign_case", case),
            "can_see_reads": user.has_perm("advisory.view_note_reads", case),
            "phase_form": PhaseForm(case=case) if can_change else None,
            "today": timezone.localdate(),
        },
    )


@permission_required("advisory.change_case", get_case)
def case_edit(request, case):
    form = CaseForm(request.POST or None, municipality=case.municipality, case=case)
    if submit(
        request,
        form,
        lambda: services.case_update(case=case, by=request.user, **form.service_kwargs()),
        success=_("The case has been saved."),
    ).ok:
        return redirect(case)
    return render(request, "advisory/case_form.html", {"municipality": case.municipality, "form": form, "case": case})


@permission_required("advisory.assign_case", get_case)
def case_assign(request, case):
    form = AssignForm(request.POST or None, case=case)
    if submit(
        request,
        form,
        lambda: services.case_assign(case=case, by=request.user, **form.service_kwargs()),
        success=_("The advisor has been assigned."),
    ).ok:
        return redirect(case)
    return render(request, "advisory/case_assign.html", {"case": case, "form": form})


@login_required
@require_POST
@permission_required("advisory.change_case", get_case)
def case_phase(request, case):
    form = PhaseForm(request.POST)
    if submit(request, form, lambda: services.case_move_phase(case=case, by=request.user, **form.service_kwargs())).ok:
        # The message names the phase the case is in now, after the service moved it.
        messages.success(request, _("The case is now in the phase “%(phase)s”.") % {"phase": case.get_phase_display()})
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect(case)


@permission_required("advisory.change_case", get_case)
def case_close(request, case):
    """Closing needs a confirmation step: the case leaves the caseload and takes no new consultations."""
    if request.method == "POST":
        return act(
            request,
            lambda: services.case_move_phase(case=case, phase=Phase.CLOSED, by=request.user),
            to=case,
            success=_("The case has been closed."),
        )
    return render(request, "advisory/case_close.html", {"case": case})


@login_required
@require_POST
@permission_required("advisory.change_case", get_case)
def case_pause(request, case):
    return act(
        request, lambda: services.case_pause(case=case, by=request.user), to=case, success=_("The case is paused.")
    )


@login_required
@require_POST
@permission_required("advisory.change_case", get_case)
def case_resume(request, case):
    return act(
        request, lambda: services.case_resume(case=case, by=request.user), to=case, success=_("The case is open again.")
    )
