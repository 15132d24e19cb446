"""Surveys: answering (online, with a code, or typed in from paper), building, publishing, results."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common import charts
from common.web import act, add_error_messages, add_service_errors, permission_required, submit
from quarters.models import Quarter

from .. import services
from ..forms import CodesForm, QuestionForm, SurveyAnswerForm, SurveyForm
from ..models import Question, Response, ServiceArea, Survey, SurveyCode
from ..results import results_csv
from ..results import survey_results as build_results
from .base import get_municipality

SESSION_KEY = "needs_surveys_answered"  # survey ids this browser session has answered


def get_survey(request, pk):
    return get_object_or_404(Survey.objects.select_related("municipality"), pk=pk)


def get_question(request, pk):
    return get_object_or_404(Question.objects.select_related("survey__municipality"), pk=pk)


def _answer_form(survey, data=None, *, staff_entry=False):
    questions = survey.questions.prefetch_related("choices")
    areas = ServiceArea.objects.all() if any(q.kind == Question.Kind.GRID for q in questions) else []
    with_code = staff_entry or survey.code_required or survey.codes.exists()
    return SurveyAnswerForm(
        data, survey=survey, questions=questions, areas=areas, with_code=with_code, staff_entry=staff_entry
    )


def _confirm(request, *, title, text, button, cancel):
    return render(request, "needs/confirm.html", {"title": title, "text": text, "button": button, "cancel": cancel})


def survey_list(request):
    now = timezone.now()
    published = Survey.objects.filter(status=Survey.Status.PUBLISHED).prefetch_related("quarters__municipality")
    return render(
        request,
        "needs/surveys/list.html",
        {
            "open_surveys": published.filter(opens_at__lte=now, closes_at__gt=now).order_by("closes_at"),
            "upcoming_surveys": published.filter(opens_at__gt=now).order_by("opens_at"),
            "closed_surveys": published.filter(closes_at__lte=now).order_by("-closes_at")[:10],
        },
    )


def _already_answered(request, survey) -> bool:
    if survey.pk in request.session.get(SESSION_KEY, []):
        return True
    return request.user.is_authenticated and Response.objects.filter(survey=survey, user=request.user).exists()


def _remember_answered(request, survey) -> None:
    answered = request.session.get(SESSION_KEY, [])
    request.session[SESSION_KEY] = [*answered, survey.pk]


@permission_required("needs.view_survey", get_survey)
def survey_answer(request, survey):
    state = survey.state()
    context = {"survey": survey, "state": state, "can_manage": request.user.has_perm("needs.manage_survey", survey)}
    if state != Survey.State.OPEN:
        if request.method == "POST":
            messages.error(request, _("This survey is not open for answers."))
        return render(request, "needs/surveys/answer.html", context)
    if _already_answered(request, survey):
        return render(request, "needs/surveys/answer.html", {**context, "answered": True})
    if not request.user.is_authenticated and not survey.anonymous_allowed:
        return render(request, "needs/surveys/answer.html", {**context, "sign_in_required": True})
    form = _answer_form(survey, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.response_submit(
                survey=survey,
                answers=form.answer_set(),
                quarter=form.cleaned_data.get("quarter"),
                code=form.cleaned_data.get("code", ""),
                user=request.user if request.user.is_authenticated else None,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            _remember_answered(request, survey)
            messages.success(request, _("Thank you for your answers!"))
            return redirect(survey)
    return render(request, "needs/surveys/answer.html", {**context, "form": form})


@permission_required("needs.manage_survey", get_municipality)
def survey_manage_list(request, municipality):
    surveys = (
        Survey.objects.filter(municipality=municipality)
        .annotate(
            response_total=Count("responses", distinct=True),
            offline_total=Count("responses", filter=~Q(responses__channel=Response.Channel.ONLINE), distinct=True),
        )
        .prefetch_related("quarters")
        .order_by("-created_at")
    )
    return render(request, "needs/surveys/manage_list.html", {"municipality": municipality, "surveys": surveys})


@permission_required("needs.manage_survey", get_municipality)
def survey_create(request, municipality):
    form = SurveyForm(request.POST or None, municipality=municipality)
    outcome = submit(
        request,
        form,
        lambda: services.survey_create(municipality=municipality, **form.service_kwargs(), by=request.user),
        success=_("The survey has been created as a draft. Now add its questions."),
    )
    if outcome.ok:
        return redirect("needs:survey_edit", pk=outcome.result.pk)
    return render(request, "needs/surveys/form.html", {"form": form, "municipality": municipality})


def _edit_context(survey, *, form=None, question_form=None):
    return {
        "survey": survey,
        "municipality": survey.municipality,
        "form": form or (SurveyForm(municipality=survey.municipality, survey=survey) if survey.is_draft else None),
        "question_form": question_form or QuestionForm(),
        "questions": survey.questions.prefetch_related("choices"),
        "code_counts": survey.codes.aggregate(total=Count("id"), used=Count("id", filter=Q(used_at__isnull=False))),
        "response_total": survey.responses.count(),
    }


@permission_required("needs.manage_survey", get_survey)
def survey_edit(request, survey):
    form = None
    if request.method == "POST":
        form = SurveyForm(request.POST, municipality=survey.municipality, survey=survey)
        if form.is_valid():
            try:
                services.survey_update(survey=survey, **form.service_kwargs(), by=request.user)
            except ValidationError as error:
                add_error_messages(request, error)
                return redirect("needs:survey_edit", pk=survey.pk)
            messages.success(request, _("The survey has been saved."))
            return redirect("needs:survey_edit", pk=survey.pk)
    return render(request, "needs/surveys/edit.html", _edit_context(survey, form=form))


@require_POST
@permission_required("needs.manage_survey", get_survey)
def question_create(request, survey):
    form = QuestionForm(request.POST)
    if form.is_valid():
        try:
            services.question_add(survey=survey, **form.service_kwargs(), by=request.user)
        except ValidationError as error:
            add_error_messages(request, error)
        else:
            messages.success(request, _("The question has been added."))
        return redirect(reverse("needs:survey_edit", kwargs={"pk": survey.pk}) + "#questions")
    return render(request, "needs/surveys/edit.html", _edit_context(survey, question_form=form))


@permission_required("needs.manage_survey", get_question)
def question_delete(request, question):
    survey = question.survey
    back = reverse("needs:survey_edit", kwargs={"pk": survey.pk}) + "#questions"
    if request.method != "POST":
        return _confirm(
            request,
            title=_("Delete the question?"),
            text=question.text_display,
            button=_("Delete question"),
            cancel=back,
        )
    return act(
        request,
        lambda: services.question_delete(question=question, by=request.user),
        to=back,
        success=_("The question has been deleted."),
    )


@require_POST
@permission_required("needs.manage_survey", get_question)
def question_move(request, question):
    return act(
        request,
        lambda: services.question_move(question=question, up=request.POST.get("direction") != "down", by=request.user),
        to=reverse("needs:survey_edit", kwargs={"pk": question.survey_id}) + "#questions",
    )


@permission_required("needs.manage_survey", get_survey)
def survey_preview(request, survey):
    language = request.GET.get("language")
    if language not in dict(settings.LANGUAGES):
        language = translation.get_language()
    with translation.override(language):
        form = _answer_form(survey)
        # Render the questions in the preview language; the page around them stays in the visitor's.
        questions_html = render_to_string(
            "needs/surveys/partials/questions.html", {"form": form, "survey": survey, "preview": True}, request
        )
    return render(
        request,
        "needs/surveys/preview.html",
        {
            "survey": survey,
            "questions_html": questions_html,
            "preview_language": language,
            "languages": settings.LANGUAGES,
        },
    )


@permission_required("needs.manage_survey", get_survey)
def survey_publish(request, survey):
    if request.method == "POST":
        return act(
            request,
            lambda: services.survey_publish(survey=survey, by=request.user),
            to=reverse("needs:survey_edit", kwargs={"pk": survey.pk}),
            success=_("The survey has been published."),
        )
    return render(request, "needs/surveys/publish.html", {"survey": survey})


@permission_required("needs.manage_survey", get_survey)
def survey_close(request, survey):
    if request.method != "POST":
        return _confirm(
            request,
            title=_("Close the survey now?"),
            text=_("“%(title)s” will take no more answers, online or typed in from paper.")
            % {"title": survey.title_text},
            button=_("Close the survey"),
            cancel=reverse("needs:survey_edit", kwargs={"pk": survey.pk}),
        )
    return act(
        request,
        lambda: services.survey_close(survey=survey, by=request.user),
        to=reverse("needs:survey_edit", kwargs={"pk": survey.pk}),
        success=_("The survey has been closed. It takes no more answers."),
    )


@permission_required("needs.manage_survey", get_survey)
def survey_codes(request, survey):
    form = CodesForm(request.POST or None, survey=survey)
    outcome = submit(
        request, form, lambda: services.survey_codes_generate(survey=survey, **form.cleaned_data, by=request.user)
    )
    if outcome.ok:
        messages.success(request, _("%(count)s codes have been created.") % {"count": len(outcome.result)})
        return redirect("needs:survey_codes", pk=survey.pk)
    counts = survey.codes.aggregate(total=Count("id"), used=Count("id", filter=Q(used_at__isnull=False)))
    return render(request, "needs/surveys/codes.html", {"survey": survey, "form": form, "counts": counts})


@permission_required("needs.manage_survey", get_survey)
def survey_codes_print(request, survey):
    codes = SurveyCode.objects.filter(survey=survey, used_at__isnull=True).select_related("quarter")
    quarter = Quarter.objects.filter(slug=request.GET.get("quarter") or "").first()
    if quarter is not None:
        codes = codes.filter(quarter=quarter)
    answer_url = request.build_absolute_uri(survey.get_absolute_url())
    return render(
        request, "needs/surveys/codes_print.html", {"survey": survey, "codes": codes, "answer_url": answer_url}
    )


@permission_required("needs.manage_survey", get_survey)
def survey_paper_entry(request, survey):
    state = survey.state()
    form = _answer_form(survey, request.POST or None, staff_entry=True) if state == Survey.State.OPEN else None
    if request.method == "POST":
        if form is None:
            messages.error(request, _("This survey is not open for answers."))
            return redirect("needs:survey_edit", pk=survey.pk)
        if form.is_valid():
            try:
                services.response_submit(
                    survey=survey,
                    answers=form.answer_set(),
                    quarter=form.cleaned_data.get("quarter"),
                    code=form.cleaned_data.get("code", ""),
                    channel=form.cleaned_data["channel"],
                    entered_by=request.user,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The answers have been saved. You can type in the next form."))
                return redirect("needs:survey_paper", pk=survey.pk)
    offline = survey.responses.exclude(channel=Response.Channel.ONLINE).count()
    return render(request, "needs/surveys/paper.html", {"survey": survey, "form": form, "offline": offline})


def _results_quarter(request, survey):
    slug = request.GET.get("quarter")
    return survey.quarters.filter(slug=slug).first() if slug else None


@permission_required("needs.view_survey_results", get_survey)
def survey_results(request, survey):
    quarter = _results_quarter(request, survey)
    results = build_results(survey, quarter)
    for result in results.questions:
        result.chart_id = f"chart-q{result.question.pk}"
        if result.options:
            result.chart = charts.horizontal_bars([(o.label, o.count) for o in result.options])
        if result.matrix:
            result.scatter = charts.importance_performance(
                result.matrix.rows,
                importance_cut=result.matrix.importance_cut,
                satisfaction_cut=result.matrix.satisfaction_cut,
            )
    return render(
        request,
        "needs/surveys/results.html",
        {"survey": survey, "results": results, "quarter": quarter, "quarters": survey.quarters.order_by("name")},
    )


@permission_required("needs.view_survey_results", get_survey)
def survey_results_csv(request, survey):
    quarter = _results_quarter(request, survey)
    response = HttpResponse(results_csv(build_results(survey, quarter)), content_type="text/csv; charset=utf-8")
    suffix = f"-{quarter.slug}" if quarter else ""
    response["Content-Disposition"] = f'attachment; filename="umfrage-{survey.pk}{suffix}-ergebnisse.csv"'
    return response
