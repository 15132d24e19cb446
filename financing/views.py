"""Pages of the financing catalogue, the check and the way from a quarter's gaps to service models."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from common.web import Outcome, act, paginate, permission_required, submit
from needs.models import ServiceArea
from quarters.models import Quarter

from . import importexport, queries, services, suggestions
from .check_component import check_context, render_check_page
from .choices import QUESTION_PREFIXES, Level
from .forms import (
    CheckForm,
    FinancingLineFormSet,
    LegalFormLineFormSet,
    ProgrammeFilterForm,
    ProgrammeForm,
    ProgrammeImportForm,
    ServiceModelForm,
    formset_lines,
)
from .models import InstrumentType, LegalForm, Programme, ServiceModel


def _programme(request, slug):
    return get_object_or_404(queries.programme_detail(), slug=slug)


def _service_model(request, slug):
    return get_object_or_404(queries.service_model_detail(), slug=slug)


# --- overview, legal forms, instruments ----------------------------------------------------------


def index(request):
    return render(
        request,
        "financing/index.html",
        {
            "legal_form_count": LegalForm.objects.count(),
            "instrument_count": InstrumentType.objects.count(),
            "programme_count": Programme.objects.count(),
            "model_count": ServiceModel.objects.count(),
            "quarters": Quarter.objects.select_related("municipality").order_by("municipality__name", "name"),
        },
    )


def legal_form_list(request):
    return render(request, "financing/legal_form_list.html", {"legal_forms": queries.legal_forms()})


def legal_form_detail(request, slug):
    legal_form = get_object_or_404(LegalForm, slug=slug)
    service_models = legal_form.service_model_lines.select_related("service_model").order_by("service_model__name")
    return render(
        request,
        "financing/legal_form_detail.html",
        {"legal_form": legal_form, "service_model_lines": service_models},
    )


def legal_form_comparison(request):
    return render(
        request, "financing/legal_form_comparison.html", {"legal_forms": list(queries.founding_legal_forms())}
    )


def instrument_list(request):
    return render(request, "financing/instrument_list.html", {"instruments": queries.instrument_types()})


def instrument_detail(request, slug):
    instrument = get_object_or_404(queries.instrument_detail(slug))
    return render(request, "financing/instrument_detail.html", {"instrument": instrument})


# --- programmes ---------------------------------------------------------------------------------


def programme_list(request):
    form = ProgrammeFilterForm(request.GET or None)
    programmes = queries.programmes_list()
    if form.is_valid():
        programmes = queries.filter_programmes(programmes, form.cleaned_data)
    return render(
        request,
        "financing/programme_list.html",
        {
            "form": form,
            "page_obj": paginate(request, programmes, "default"),
            "can_add": request.user.has_perm("financing.add_programme"),
            "can_export": request.user.has_perm("financing.export_programmes"),
        },
    )


def programme_detail(request, slug):
    programme = get_object_or_404(queries.programme_detail(), slug=slug)
    return render(
        request,
        "financing/programme_detail.html",
        {
            "programme": programme,
            "can_change": request.user.has_perm("financing.change_programme", programme),
            "level_choices": Level,
        },
    )


def _programme_form_kwargs(user):
    return {
        "municipalities": queries.municipalities_for_programmes(user),
        "allow_shared": user.is_superuser,
    }


@permission_required("financing.add_programme")
def programme_create(request):
    form = ProgrammeForm(request.POST or None, **_programme_form_kwargs(request.user))
    outcome = submit(
        request,
        form,
        lambda: services.programme_create(
            fields=form.service_fields(), municipality=form.cleaned_data.get("municipality"), by=request.user
        ),
        success=_("The programme has been saved."),
    )
    if outcome.ok:
        return redirect(outcome.result)
    return render(request, "financing/programme_form.html", {"form": form})


@permission_required("financing.change_programme", _programme)
def programme_update(request, programme):
    form = ProgrammeForm(request.POST or None, instance=programme)
    outcome = submit(
        request,
        form,
        lambda: services.programme_update(programme=programme, fields=form.service_fields(), by=request.user),
        success=_("The programme has been saved."),
    )
    if outcome.ok:
        return redirect(programme)
    return render(request, "financing/programme_form.html", {"form": form, "programme": programme})


@permission_required("financing.delete_programme", _programme)
def programme_delete(request, programme):
    if request.method == "POST":
        return act(
            request,
            lambda: services.programme_delete(programme=programme, by=request.user),
            to="financing:programme_list",
            success=_("The programme has been deleted."),
        )
    return render(request, "financing/programme_confirm_delete.html", {"programme": programme})


@permission_required("financing.export_programmes")
def programme_export(request, file_format):
    form = ProgrammeFilterForm(request.GET or None)
    programmes = queries.programmes_list().prefetch_related("eligible_legal_forms", "service_areas")
    if form.is_valid():
        programmes = queries.filter_programmes(programmes, form.cleaned_data)
    stamp = timezone.localdate().isoformat()
    if file_format == "json":
        response = HttpResponse(importexport.export_json(programmes), content_type="application/json; charset=utf-8")
    else:
        response = HttpResponse(importexport.export_csv(programmes), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="programme-{stamp}.{file_format}"'
    return response


@permission_required("financing.import_programmes")
@require_http_methods(["GET", "POST"])
def programme_import(request):
    form = ProgrammeImportForm(request.POST or None, request.FILES or None, **_programme_form_kwargs(request.user))
    check = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        municipality = form.cleaned_data.get("municipality")
        try:
            raw_rows = importexport.read_file(upload.read(), upload.name, form.cleaned_data["file_format"])
        except importexport.FileError as error:
            form.add_error("file", str(error))
        else:
            check = importexport.check_rows(raw_rows, municipality=municipality, user=request.user)
            if check.ok:
                created, updated = services.programmes_import(
                    rows=check.rows, municipality=municipality, by=request.user
                )
                messages.success(
                    request,
                    _("Import done: %(created)s programmes created, %(updated)s updated.")
                    % {"created": created, "updated": updated},
                )
                return redirect("financing:programme_list")
            messages.error(
                request,
                ngettext(
                    "Nothing was imported: %(count)s problem was found.",
                    "Nothing was imported: %(count)s problems were found.",
                    len(check.errors),
                )
                % {"count": len(check.errors)},
            )
    return render(request, "financing/programme_import.html", {"form": form, "check": check})


# --- service models -----------------------------------------------------------------------------


def service_model_list(request):
    return render(
        request,
        "financing/service_model_list.html",
        {
            "service_models": queries.service_models_list(),
            "can_add": request.user.has_perm("financing.add_servicemodel"),
        },
    )


def service_model_detail(request, slug):
    model = get_object_or_404(queries.service_model_detail(), slug=slug)
    financing_lines = list(model.financing_lines.all())
    return render(
        request,
        "financing/service_model_detail.html",
        {
            "model": model,
            "financing_lines": financing_lines,
            "has_shares": any(line.share_percent is not None for line in financing_lines),
            "can_change": request.user.has_perm("financing.change_servicemodel", model),
        },
    )


def _service_model_form(request, instance=None):
    form = ServiceModelForm(request.POST or None, instance=instance)
    legal_forms = LegalFormLineFormSet(request.POST or None, instance=instance, prefix="legal")
    financing = FinancingLineFormSet(request.POST or None, instance=instance, prefix="financing")

    def save():
        fields = dict(form.cleaned_data)
        lines = {
            "legal_form_lines": formset_lines(legal_forms, ("legal_form", "reason")),
            "financing_lines": formset_lines(financing, ("instrument_type", "share_percent", "note")),
        }
        if instance is None:
            return services.service_model_create(fields=fields, by=request.user, **lines)
        return services.service_model_update(service_model=instance, fields=fields, by=request.user, **lines)

    # The lines are checked first: the service runs only when the form and both formsets are valid.
    lines_valid = request.method == "POST" and legal_forms.is_valid() and financing.is_valid()
    outcome = (
        submit(request, form, save, success=_("The service model has been saved.")) if lines_valid else Outcome(False)
    )
    if outcome.ok:
        return redirect(outcome.result)
    return render(
        request,
        "financing/service_model_form.html",
        {"form": form, "legal_forms": legal_forms, "financing": financing, "model": instance},
    )


@permission_required("financing.add_servicemodel")
def service_model_create(request):
    return _service_model_form(request)


@permission_required("financing.change_servicemodel", _service_model)
def service_model_update(request, service_model):
    return _service_model_form(request, service_model)


# --- from gaps to models ------------------------------------------------------------------------


def quarter_models(request, quarter_slug):
    quarter = get_object_or_404(Quarter.objects.select_related("municipality"), slug=quarter_slug)
    gaps = queries.quarter_gaps(quarter)
    resources = queries.quarter_resources(quarter)
    models = queries.service_models_for_matching()
    area_names = {area.slug: area.name for area in ServiceArea.objects.all()}
    results = suggestions.suggest(gaps or [], models, resources, area_names=area_names)
    return render(
        request,
        "financing/quarter_models.html",
        {
            "quarter": quarter,
            "gaps_available": gaps is not None,
            "has_gaps": bool(results),
            "results": results,
            "resources": resources,
        },
    )


# --- the check ----------------------------------------------------------------------------------


def _answers(request) -> tuple[tuple[str, bool], ...]:
    """Answers to programme-specific questions, sent as answer=area:<slug>:yes."""
    answers = []
    for value in request.GET.getlist("answer"):
        key, _sep, verdict = value.rpartition(":")
        if key and verdict in ("yes", "no") and key.split(":", 1)[0] in QUESTION_PREFIXES:
            answers.append((key, verdict == "yes"))
    return tuple(answers)


def _question_field(form, result):
    """The form field that answers the key question, to ask it in place (None for programme-specific ones)."""
    if form is None or result is None or result.key_question is None:
        return None
    name = CheckForm.FIELD_FOR_QUESTION.get(result.key_question.key)
    return form[name] if name else None


def check(request):
    form = CheckForm(request.GET or None)
    profile = None
    if request.GET and form.is_valid():
        profile = form.profile(_answers(request))
    context = check_context(request, profile, answer_url=reverse("financing:check"))
    context.update(form=form, question_field=_question_field(form, context["result"]))
    return render_check_page(request, "financing/check.html", context)
