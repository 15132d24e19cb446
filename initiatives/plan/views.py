"""The financing plan of an initiative and its financing check."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.web import act, permission_required, refuse, submit
from financing.check_component import check_context, render_check_page
from financing.choices import Profitability

from ..models import Entity, FinancingLine
from ..views.base import get_initiative
from . import forms as plan_forms
from . import organisation as organisation_services
from . import queries as plan_queries
from . import services as plan_services


def _plan_page(request, initiative, *, settings_form=None):
    overview = plan_queries.overview(initiative)
    can_change = request.user.has_perm("initiatives.change_financing_plan", initiative)
    if can_change and settings_form is None:
        settings_form = plan_forms.PlanSettingsForm(
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


@permission_required("initiatives.view_financing_plan", get_initiative)
def plan(request, initiative):
    return _plan_page(request, initiative)


@require_POST
@permission_required("initiatives.change_financing_plan", get_initiative)
def plan_settings(request, initiative):
    form = plan_forms.PlanSettingsForm(request.POST)
    outcome = submit(
        request,
        form,
        lambda: plan_services.financing_plan_update(
            initiative=initiative, start_month=form.cleaned_data["start_month"], by=request.user
        ),
        success=_("The start month has been saved."),
    )
    if outcome.ok:
        return redirect("initiatives:plan", slug=initiative.slug)
    return _plan_page(request, initiative, settings_form=form)


def _line_form_page(request, initiative, form, line=None):
    return render(request, "initiatives/plan/line_form.html", {"initiative": initiative, "form": form, "line": line})


@permission_required("initiatives.change_financing_plan", get_initiative)
def plan_line_add(request, initiative):
    form = plan_forms.FinancingLineForm(request.POST or None, initiative=initiative)
    outcome = submit(
        request,
        form,
        lambda: plan_services.financing_line_add(initiative=initiative, **form.cleaned_data, by=request.user),
        success=_("The source has been added to the financing plan."),
    )
    if outcome.ok:
        return redirect("initiatives:plan", slug=initiative.slug)
    return _line_form_page(request, initiative, form)


def _line_of(initiative, pk) -> FinancingLine:
    return get_object_or_404(
        FinancingLine.objects.select_related("programme__instrument_type", "instrument"), pk=pk, initiative=initiative
    )


@permission_required("initiatives.change_financing_plan", get_initiative)
def plan_line_edit(request, initiative, pk):
    line = _line_of(initiative, pk)
    form = plan_forms.FinancingLineForm(
        request.POST or None, initiative=initiative, initial=plan_forms.line_initial(line)
    )
    outcome = submit(
        request,
        form,
        lambda: plan_services.financing_line_update(line=line, **form.cleaned_data, by=request.user),
        success=_("The source has been saved."),
    )
    if outcome.ok:
        return redirect("initiatives:plan", slug=initiative.slug)
    return _line_form_page(request, initiative, form, line)


@permission_required("initiatives.change_financing_plan", get_initiative)
def plan_line_delete(request, initiative, pk):
    line = _line_of(initiative, pk)
    if request.method == "POST":
        return act(
            request,
            lambda: plan_services.financing_line_delete(line=line, by=request.user),
            to=reverse("initiatives:plan", args=[initiative.slug]),
            success=_("The source has been removed from the financing plan."),
        )
    return render(request, "initiatives/plan/line_confirm_delete.html", {"initiative": initiative, "line": line})


# --- The initiative's organisations ----------------------------------------------------------------


@permission_required("initiatives.view_financing_plan", get_initiative)
def organisation(request, initiative):
    """The organisations the initiative consists of; the team adds one on the same page."""
    can_change = request.user.has_perm("initiatives.change_financing_plan", initiative)
    if request.method == "POST" and not can_change:
        return refuse(request)
    form = plan_forms.EntityForm(request.POST or None) if can_change else None
    outcome = submit(
        request,
        form,
        lambda: organisation_services.entity_save(initiative=initiative, **form.cleaned_data, by=request.user),
        success=_("The organisation has been saved."),
    )
    if outcome.ok:
        return redirect("initiatives:organisation", slug=initiative.slug)
    return render(
        request,
        "initiatives/plan/organisation.html",
        {
            "initiative": initiative,
            "entities": plan_queries.entities_of(initiative),
            "form": form,
            "can_change": can_change,
        },
    )


def _entity_of(initiative, pk):
    return get_object_or_404(Entity.objects.select_related("legal_form"), pk=pk, initiative=initiative)


@permission_required("initiatives.change_financing_plan", get_initiative)
def organisation_edit(request, initiative, pk):
    entity = _entity_of(initiative, pk)
    form = plan_forms.EntityForm(request.POST or None, initial=plan_forms.entity_initial(entity))
    outcome = submit(
        request,
        form,
        lambda: organisation_services.entity_save(
            initiative=initiative, entity=entity, **form.cleaned_data, by=request.user
        ),
        success=_("The organisation has been saved."),
    )
    if outcome.ok:
        return redirect("initiatives:organisation", slug=initiative.slug)
    return render(
        request, "initiatives/plan/organisation_edit.html", {"initiative": initiative, "entity": entity, "form": form}
    )


@permission_required("initiatives.change_financing_plan", get_initiative)
def organisation_delete(request, initiative, pk):
    """Asks first, and names the sources of the plan that move to the lead organisation."""
    entity = _entity_of(initiative, pk)
    if request.method == "POST":
        return act(
            request,
            lambda: organisation_services.entity_delete(entity=entity, by=request.user),
            to=reverse("initiatives:organisation", args=[initiative.slug]),
            success=_("The organisation has been deleted."),
        )
    return render(
        request,
        "initiatives/plan/organisation_delete.html",
        {"initiative": initiative, "entity": entity, "moving": organisation_services.sources_moving(entity)},
    )


# --- The initiative's financing check ------------------------------------------------------------


def _yes_no(value):
    if value is None:
        return None
    return _("Yes") if value else _("No")


def _fact_rows(initiative, plan, areas, *, profile, lines, can_answer: bool, bound=None) -> list[dict]:
    """The profile the check uses, fact by fact: its value (None: not known) and, for the team, a form to
    answer or change it in place. `bound` is (fact, form) of an answer that was refused. Own funds come
    from the financing plan once it has such a source: then the plan is where they change."""
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
        ("own_funds", _("Own funds"), profile.own_funds, initiative.own_funds),
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
    own_funds_from_plan = bool(plan_queries.own_funds_sources(lines))
    facts = []
    for key, label, value, current in rows:
        form = None
        from_plan = key == "own_funds" and own_funds_from_plan
        if can_answer and bound is not None and bound[0] == key:
            form = bound[1]
        elif can_answer and not from_plan:
            form = plan_forms.fact_form(key, initial=current)
        facts.append(
            {
                "key": key,
                "label": label,
                "value": value,
                "is_money": key in {"capital_need", "own_funds"},
                "form": form,
                "edit_url": wizard_step_3 if can_answer and key in {"legal_form", "stage"} else None,
                "from_plan": from_plan,
            }
        )
    return facts


@permission_required("initiatives.view_financing_check", get_initiative)
def check(request, initiative):
    can_answer = request.user.has_perm("initiatives.answer_financing_check", initiative)
    bound = None
    if request.method == "POST":
        if not can_answer:
            return refuse(request)
        fact = request.POST.get("fact", "")
        form = plan_forms.fact_form(fact, data=request.POST)
        if form is None:
            messages.error(request, _("This question cannot be answered here."))
            return redirect("initiatives:check", slug=initiative.slug)
        outcome = submit(
            request,
            form,
            lambda: plan_services.financing_fact_answer(
                initiative=initiative, fact=fact, value=form.cleaned_data["value"], by=request.user
            ),
            success=_("Saved. The check below takes the answer into account."),
        )
        if outcome.ok:
            return redirect(reverse("initiatives:check", args=[initiative.slug]) + "#profile")
        if ":" in fact:  # a programme's own question: answered with buttons, nothing typed to keep
            for message in [*form.non_field_errors(), *form.errors.get("value", [])]:
                messages.error(request, message)
            return redirect("initiatives:check", slug=initiative.slug)
        bound = (fact, form)
    plan = plan_queries.financing_plan_of(initiative)
    areas = list(initiative.service_areas.all())
    lines = list(plan_queries.financing_lines(initiative))
    can_view_plan = request.user.has_perm("initiatives.view_financing_plan", initiative)
    organisations = plan_queries.organisations_of(initiative, plan, [area.slug for area in areas], lines)
    profile = organisations.profile()
    answers = plan_queries.programme_answers(plan)
    context = check_context(
        request,
        profile,
        # A programme's own question is answered with buttons that save the answer with the initiative.
        answer_url=reverse("initiatives:check", args=[initiative.slug]) if can_answer else "",
        answer_method="post",
    )
    return render_check_page(
        request,
        "initiatives/check.html",
        {
            **context,
            "initiative": initiative,
            "facts": _fact_rows(
                initiative, plan, areas, profile=profile, lines=lines, can_answer=can_answer, bound=bound
            ),
            "can_answer": can_answer,
            "programme_answers": answers,
            "can_view_plan": can_view_plan,
            # The plan's figures as the plan page sums them (no query: the lines are read above).
            "plan_totals": plan_queries.totals_of(initiative, lines) if can_view_plan and lines else None,
            "lead": organisations.lead,
            "other_fits": plan_queries.fits_for_other_organisations(organisations, context["result"]),
        },
    )
