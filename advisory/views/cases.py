"""The case list and a case: open, edit, assign, move through the phases, close, pause, resume."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import queries, services
from ..forms import AssignForm, CaseFilterForm, CaseForm, PhaseForm
from ..models import Phase
from .common import _case, _form_errors, _municipality, _page, _querystring_without_page, permission


@permission("advisory.view_cases", _municipality)
def case_list(request, municipality):
    form = CaseFilterForm(request.GET or None, municipality=municipality)
    page = _page(request, queries.case_list(municipality, form.filters()))
    return render(
        request,
        "advisory/case_list.html",
        {
            "municipality": municipality,
            "form": form,
            "page_obj": page,
            "querystring": _querystring_without_page(request),
            "today": timezone.localdate(),
        },
    )


@permission("advisory.add_case", _municipality)
def case_open(request, municipality):
    can_assign = request.user.has_perm("advisory.assign_case", municipality)
    form = CaseForm(request.POST or None, municipality=municipality, can_assign=can_assign)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case = services.case_open(
                municipality=municipality,
                quarter=data["quarter"],
                initiative=data["initiative"],
                name=data["name"],
                contact_name=data["contact_name"],
                contact_email=data["contact_email"],
                contact_phone=data["contact_phone"],
                advisor=data.get("advisor"),
                by=request.user,
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("The case has been opened."))
            return redirect(case)
    return render(request, "advisory/case_form.html", {"municipality": municipality, "form": form, "case": None})


@permission("advisory.view_case", _case)
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
            "consultations": _page(request, queries.consultations_of_case(case), size=queries.CONSULTATIONS_PER_PAGE),
            "tasks": queries.tasks_of_case(case),
            "referrals": queries.referrals_of_case(case),
            "workshops": queries.workshops_of_case(case),
            "history": queries.phase_history(case),
            "can_change": can_change,
            "can_assign": user.has_perm("advisory.assign_case", case),
            "can_see_reads": user.has_perm("advisory.view_note_reads", case),
            "phase_form": PhaseForm(initial={"phase": case.phase}) if can_change else None,
            "today": timezone.localdate(),
        },
    )


@permission("advisory.change_case", _case)
def case_edit(request, case):
    initial = {
        "initiative": case.initiative,
        "name": case.name,
        "quarter": case.quarter,
        "contact_name": case.contact_name,
        "contact_email": case.contact_email,
        "contact_phone": case.contact_phone,
    }
    form = CaseForm(request.POST or None, municipality=case.municipality, case=case, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.case_update(
                case=case,
                by=request.user,
                name=data["name"],
                quarter=data["quarter"],
                initiative=data["initiative"],
                contact_name=data["contact_name"],
                contact_email=data["contact_email"],
                contact_phone=data["contact_phone"],
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("The case has been saved."))
            return redirect(case)
    return render(request, "advisory/case_form.html", {"municipality": case.municipality, "form": form, "case": case})


@permission("advisory.assign_case", _case)
def case_assign(request, case):
    form = AssignForm(request.POST or None, municipality=case.municipality, initial={"advisor": case.advisor})
    if request.method == "POST" and form.is_valid():
        try:
            services.case_assign(case=case, advisor=form.cleaned_data["advisor"], by=request.user)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("The advisor has been assigned."))
            return redirect(case)
    return render(request, "advisory/case_assign.html", {"case": case, "form": form})


@login_required
@require_POST
@permission("advisory.change_case", _case)
def case_phase(request, case):
    form = PhaseForm(request.POST)
    if form.is_valid():
        services.case_move_phase(
            case=case, phase=form.cleaned_data["phase"], on=form.cleaned_data["on"], by=request.user
        )
        messages.success(request, _("The case is now in the phase “%(phase)s”.") % {"phase": case.get_phase_display()})
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect(case)


@permission("advisory.change_case", _case)
def case_close(request, case):
    """Closing needs a confirmation step: the case leaves the caseload and takes no new consultations."""
    if request.method == "POST":
        services.case_move_phase(case=case, phase=Phase.CLOSED, by=request.user)
        messages.success(request, _("The case has been closed."))
        return redirect(case)
    return render(request, "advisory/case_close.html", {"case": case})


@login_required
@require_POST
@permission("advisory.change_case", _case)
def case_pause(request, case):
    try:
        services.case_pause(case=case, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The case is paused."))
    return redirect(case)


@login_required
@require_POST
@permission("advisory.change_case", _case)
def case_resume(request, case):
    try:
        services.case_resume(case=case, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The case is open again."))
    return redirect(case)
