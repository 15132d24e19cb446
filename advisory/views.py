"""Views of advisory casework: thin. The form validates, one service writes, a message, a redirect.

Permissions come from advisory/rules.py: signed-out visitors go to the login, everyone else without the
permission gets 403. Confidential notes are shown only by `case_notes`, `consultation_note` and
`consultation_edit`, and each of them records the display before rendering.
"""

import csv
from functools import wraps
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from initiatives.models import Initiative, Membership
from quarters.models import Municipality
from quarters.rules import staff_municipality_ids

from . import queries, services
from .charts import bar_chart
from .forms import (
    AssignForm,
    CaseFilterForm,
    CaseForm,
    ConsultationForm,
    PhaseForm,
    ReferralForm,
    ReferralUpdateForm,
    TaskForm,
    WorkshopForm,
    YearForm,
)
from .models import Case, Consultation, Phase, Referral, Task

# --- Helpers --------------------------------------------------------------------------------------


def _refuse(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied


def permission(perm: str, getter):
    """Load the object with `getter(request, **kwargs)`, check `perm` on it, call `view(request, obj)`."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, **kwargs):
            obj = getter(request, **kwargs)
            if not request.user.has_perm(perm, obj):
                return _refuse(request)
            return view(request, obj)

        return wrapped

    return decorator


def _municipality(request, slug):
    return get_object_or_404(Municipality, slug=slug)


def _case(request, pk):
    case = queries.case_for_detail(pk)
    if case is None:
        raise Http404
    return case


def _consultation(request, pk):
    return get_object_or_404(
        Consultation.objects.select_related("case__municipality", "case__initiative", "case__quarter"), pk=pk
    )


def _task(request, pk):
    return get_object_or_404(Task.objects.select_related("case__municipality", "case__initiative"), pk=pk)


def _referral(request, pk):
    return get_object_or_404(Referral.objects.select_related("case__municipality", "case__initiative"), pk=pk)


def _workshop(request, pk):
    workshop = queries.workshop_for_detail(pk)
    if workshop is None:
        raise Http404
    return workshop


def _initiative(request, slug):
    return get_object_or_404(Initiative.objects.select_related("municipality"), slug=slug)


def _form_errors(form, error: ValidationError) -> None:
    """A refusal from a service, shown on the form's fields where it names one."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _year(request) -> int:
    try:
        return int(request.GET.get("year", ""))
    except ValueError:
        return timezone.localdate().year


def _page(request, queryset, size=queries.PAGE_SIZE):
    return Paginator(queryset, size).get_page(request.GET.get("page"))


def _querystring_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


# --- Start and "my tasks" -------------------------------------------------------------------------


@login_required
def index(request):
    """Where advice starts: the staff's dashboards, the initiatives' own views, one's tasks."""
    user = request.user
    municipalities = (
        Municipality.objects.all()
        if user.is_superuser
        else Municipality.objects.filter(pk__in=staff_municipality_ids(user))
    )
    initiatives = Initiative.objects.filter(
        memberships__user=user,
        memberships__role__in=(Membership.Role.LEAD, Membership.Role.CORE),
        advisory_case__isnull=False,
    ).order_by("name")
    return render(
        request,
        "advisory/index.html",
        {
            "municipalities": municipalities.order_by("name"),
            "initiatives": initiatives,
            "open_tasks": queries.tasks_of_user(user).filter(done_at__isnull=True).count(),
        },
    )


@login_required
def my_tasks(request):
    tasks = queries.tasks_of_user(request.user)
    return render(
        request,
        "advisory/my_tasks.html",
        {
            "open_tasks": _page(request, tasks.filter(done_at__isnull=True)),
            "done_tasks": tasks.filter(done_at__isnull=False).order_by("-done_at")[:20],
            "today": timezone.localdate(),
            "staff_municipality_ids": staff_municipality_ids(request.user),
        },
    )


def _back_to(request, task: Task):
    target = request.POST.get("next", "")
    if target == "my_tasks":
        return redirect("advisory:my_tasks")
    if target == "overdue":
        return redirect("advisory:overdue_tasks", slug=task.case.municipality.slug)
    if target == "initiative" and task.case.initiative_id:
        return redirect("advisory:initiative", slug=task.case.initiative.slug)
    return redirect(task.case.get_absolute_url() + "#tasks")


@login_required
@require_POST
@permission("advisory.complete_task", _task)
def task_complete(request, task):
    services.task_complete(task=task, by=request.user)
    messages.success(request, _("The task is done."))
    return _back_to(request, task)


@login_required
@require_POST
@permission("advisory.complete_task", _task)
def task_reopen(request, task):
    services.task_reopen(task=task, by=request.user)
    messages.success(request, _("The task is open again."))
    return _back_to(request, task)


# --- Municipality pages ---------------------------------------------------------------------------


def _chart(items, title, heading):
    return bar_chart(items, title=title, value_heading=heading)


@permission("advisory.view_dashboard", _municipality)
def dashboard(request, municipality):
    board = queries.advisor_dashboard(municipality, request.user)
    months = [(f"{row.month:%m/%Y}", row.consultations, row.hours) for row in board.months]
    return render(
        request,
        "advisory/dashboard.html",
        {
            "municipality": municipality,
            "board": board,
            "months": months,
            "caseload_chart": _chart(board.caseload, _("My open cases by phase"), _("Cases")),
            "hours_chart": _chart(
                [(label, hours) for label, _count, hours in months], _("Consultation hours per month"), _("Hours")
            ),
            "topics_chart": _chart(board.topics, _("Topics of my consultations (12 months)"), _("Consultations")),
            "can_coordinate": request.user.has_perm("advisory.view_coordination", municipality),
            # The full lists behind the dashboard's first rows: the case list filtered the same way.
            "my_cases_query": urlencode(
                {"advisor": request.user.pk, "status": queries.ACTIVE, "sort": queries.SORT_URGENCY}
            ),
        },
    )


@permission("advisory.view_dashboard", _municipality)
def overdue_tasks(request, municipality):
    """All the overdue tasks of the dashboard, paged."""
    page = _page(request, queries.overdue_tasks_of_advisor(municipality, request.user))
    return render(
        request,
        "advisory/overdue_tasks.html",
        {
            "municipality": municipality,
            "page_obj": page,
            "querystring": "",
            "today": timezone.localdate(),
            "staff_municipality_ids": staff_municipality_ids(request.user),
        },
    )


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


@permission("advisory.view_coordination", _municipality)
def coordination(request, municipality):
    year = _year(request)
    overview = queries.coordinator_overview(municipality, year)
    return render(
        request,
        "advisory/coordination.html",
        {
            "municipality": municipality,
            "overview": overview,
            "year_form": YearForm(initial={"year": year}, years=queries.report_years(municipality)),
            "caseload_chart": _chart(overview.caseload, _("Open cases by phase"), _("Cases")),
            "hours_chart": _chart(
                [(f"{row.month:%m/%Y}", row.hours) for row in overview.months],
                _("Consultation hours per month"),
                _("Hours"),
            ),
            "advisor_chart": _chart(
                [(row.person.public_name, row.hours) for row in overview.advisors],
                _("Consultation hours per advisor"),
                _("Hours"),
            ),
        },
    )


@permission("advisory.view_yearly_report", _municipality)
def yearly_report(request, municipality):
    year = _year(request)
    report = queries.yearly_report(municipality, year)
    return render(
        request,
        "advisory/yearly_report.html",
        {
            "municipality": municipality,
            "report": report,
            "year_form": YearForm(initial={"year": year}, years=queries.report_years(municipality)),
            "topics_chart": _chart(report.topics, _("Consultations by topic"), _("Consultations")),
        },
    )


@permission("advisory.view_yearly_report", _municipality)
def yearly_report_csv(request, municipality):
    """The yearly report's figures as CSV: counts only, no names, no notes, no text written by anyone."""
    year = _year(request)
    report = queries.yearly_report(municipality, year)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="beratung-{municipality.slug}-{year}.csv"'
    writer = csv.writer(response, delimiter=";")
    writer.writerow(["municipality", "year", "section", "key", "label", "value"])
    for section, key, label, value in report.csv_rows():
        writer.writerow([municipality.name, year, section, key, label, value])
    return response


@permission("advisory.view_note_reads", _municipality)
def municipality_note_reads(request, municipality):
    page = _page(request, queries.note_reads_of_municipality(municipality), size=50)
    return render(
        request,
        "advisory/note_reads.html",
        {"municipality": municipality, "case": None, "page_obj": page, "querystring": ""},
    )


# --- Workshops ------------------------------------------------------------------------------------


@permission("advisory.view_workshop", _municipality)
def workshop_list(request, municipality):
    page = _page(request, queries.workshops_of(municipality))
    return render(
        request,
        "advisory/workshop_list.html",
        {"municipality": municipality, "page_obj": page, "querystring": ""},
    )


def _workshop_data(form) -> dict:
    data = form.cleaned_data
    return {
        "title": data["title"],
        "topic": data["topic"],
        "held_on": data["held_on"],
        "place": data["place"],
        "description": data["description"],
        "attendees": data["attendees"],
        "cases": data["cases"],
    }


@permission("advisory.change_workshop", _municipality)
def workshop_create(request, municipality):
    form = WorkshopForm(request.POST or None, municipality=municipality)
    if request.method == "POST" and form.is_valid():
        try:
            workshop = services.workshop_create(municipality=municipality, by=request.user, **_workshop_data(form))
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("The workshop has been saved."))
            return redirect(workshop)
    return render(
        request, "advisory/workshop_form.html", {"municipality": municipality, "form": form, "workshop": None}
    )


@permission("advisory.view_workshop", _workshop)
def workshop_detail(request, workshop):
    return render(
        request,
        "advisory/workshop_detail.html",
        {
            "workshop": workshop,
            "municipality": workshop.municipality,
            "cases": queries.workshop_cases(workshop),
            "can_change": request.user.has_perm("advisory.change_workshop", workshop),
        },
    )


@permission("advisory.change_workshop", _workshop)
def workshop_edit(request, workshop):
    form = WorkshopForm(
        request.POST or None, municipality=workshop.municipality, initial=WorkshopForm.initial_for(workshop)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.workshop_update(workshop=workshop, by=request.user, **_workshop_data(form))
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("The workshop has been saved."))
            return redirect(workshop)
    return render(
        request,
        "advisory/workshop_form.html",
        {"municipality": workshop.municipality, "form": form, "workshop": workshop},
    )


# --- A case ---------------------------------------------------------------------------------------


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


# --- Consultations and confidential notes ---------------------------------------------------------


def _consultation_data(form) -> dict:
    data = form.cleaned_data
    return {
        "held_on": data["held_on"],
        "duration_minutes": data["duration_minutes"],
        "format": data["format"],
        "topics": data["topics"],
        "participants": data["participants"],
        "participants_text": data["participants_text"],
        "summary": data["summary"],
        "outcomes": data["outcomes"],
        "next_steps": data["next_steps"],
        "confidential_note": data["confidential_note"],
    }


@permission("advisory.change_case", _case)
def consultation_create(request, case):
    form = ConsultationForm(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        try:
            services.consultation_log(case=case, by=request.user, **_consultation_data(form))
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("The consultation has been logged."))
            return redirect(case.get_absolute_url() + "#consultations")
    return render(request, "advisory/consultation_form.html", {"case": case, "form": form, "consultation": None})


@permission("advisory.change_case", _consultation)
def consultation_edit(request, consultation):
    case = consultation.case
    if request.method == "POST":
        form = ConsultationForm(request.POST, case=case)
        if form.is_valid():
            try:
                services.consultation_update(consultation=consultation, by=request.user, **_consultation_data(form))
            except ValidationError as error:
                _form_errors(form, error)
            else:
                messages.success(request, _("The consultation has been saved."))
                return redirect(case.get_absolute_url() + "#consultations")
    else:
        note = queries.confidential_note_for(consultation)
        if note is not None:
            # The form shows the note for editing: that is a read like any other.
            services.confidential_notes_read(notes=[note], by=request.user, page="edit")
        form = ConsultationForm(
            case=case,
            initial={
                "held_on": consultation.held_on,
                "duration_minutes": consultation.duration_minutes,
                "format": consultation.format,
                "topics": consultation.topic_values(),
                "participants": list(consultation.participants.values_list("pk", flat=True)),
                "participants_text": consultation.participants_text,
                "summary": consultation.summary,
                "outcomes": consultation.outcomes,
                "next_steps": consultation.next_steps,
                "confidential_note": note.text if note else "",
            },
        )
    return render(
        request, "advisory/consultation_form.html", {"case": case, "form": form, "consultation": consultation}
    )


@permission("advisory.view_confidential_note", _consultation)
def consultation_note(request, consultation):
    note = queries.confidential_note_for(consultation)
    if note is None:
        raise Http404(_("This consultation has no confidential note."))
    note.consultation = consultation
    services.confidential_notes_read(notes=[note], by=request.user, page="note")
    return render(
        request,
        "advisory/consultation_note.html",
        {"case": consultation.case, "consultation": consultation, "note": note},
    )


@permission("advisory.view_confidential_note", _case)
def case_notes(request, case):
    page = _page(request, queries.confidential_notes_of_case(case), size=queries.NOTES_PER_PAGE)
    # Only the notes of this page are shown, so only they are recorded as read.
    notes = services.confidential_notes_read(notes=page.object_list, by=request.user, page="case")
    return render(request, "advisory/case_notes.html", {"case": case, "notes": notes, "page_obj": page})


@permission("advisory.view_note_reads", _case)
def case_note_reads(request, case):
    page = _page(request, queries.note_reads_of_case(case), size=50)
    return render(
        request,
        "advisory/note_reads.html",
        {"municipality": case.municipality, "case": case, "page_obj": page, "querystring": ""},
    )


# --- Tasks and referrals --------------------------------------------------------------------------


@permission("advisory.change_case", _case)
def task_create(request, case):
    initial = {}
    if request.GET.get("consultation", "").isdigit():
        initial["consultation"] = int(request.GET["consultation"])
    form = TaskForm(request.POST or None, case=case, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.task_create(
                case=case,
                title=data["title"],
                owner=data["owner"],
                due_on=data["due_on"],
                consultation=data["consultation"],
                by=request.user,
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("The task has been created."))
            return redirect(case.get_absolute_url() + "#tasks")
    return render(request, "advisory/task_form.html", {"case": case, "form": form})


@permission("advisory.change_case", _case)
def referral_create(request, case):
    form = ReferralForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.referral_create(
                case=case,
                actor_type=data["actor_type"],
                actor_name=data["actor_name"],
                reason=data["reason"],
                status=data["status"],
                result=data["result"],
                referred_on=data["referred_on"],
                by=request.user,
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("The referral has been saved."))
            return redirect(case.get_absolute_url() + "#referrals")
    return render(request, "advisory/referral_form.html", {"case": case, "form": form, "referral": None})


@permission("advisory.change_case", _referral)
def referral_edit(request, referral):
    form = ReferralUpdateForm(
        request.POST or None,
        initial={"status": referral.status, "result": referral.result, "closed_on": referral.closed_on},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.referral_update(
                referral=referral,
                status=data["status"],
                result=data["result"],
                closed_on=data["closed_on"],
                by=request.user,
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("The referral has been saved."))
            return redirect(referral.case.get_absolute_url() + "#referrals")
    return render(request, "advisory/referral_form.html", {"case": referral.case, "form": form, "referral": referral})


# --- The initiative's own view --------------------------------------------------------------------


@permission("advisory.view_initiative_advice", _initiative)
def initiative_case(request, initiative):
    """What the initiative's lead and core team see of their case: no notes, no referrals, no contacts."""
    case = queries.case_of_initiative(initiative)
    context = {"initiative": initiative, "case": case, "today": timezone.localdate()}
    if case is not None:
        context.update(
            summaries=queries.consultation_summaries_for_initiative(initiative),
            tasks=queries.tasks_of_case(case),
            workshops=queries.workshops_of_case(case),
            phases=_phase_steps(case),
        )
    return render(request, "advisory/initiative_case.html", context)


def _phase_steps(case: Case) -> list[tuple[str, str]]:
    """Every phase with its state for the progress list: done, current or to come."""
    steps = []
    for index, (value, label) in enumerate(Phase.choices):
        if value == case.phase:
            state = "current"
        elif index < case.phase_index:
            state = "done"
        else:
            state = "open"
        steps.append((label, state))
    return steps
