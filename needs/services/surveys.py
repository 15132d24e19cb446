"""Writes for surveys: build, publish, close, print codes, and take answers online, on paper or assisted."""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from quarters.models import Municipality, Quarter

from ..caching import quarter_changed
from ..models import Answer, Choice, Question, Response, ServiceArea, Survey, SurveyCode
from ..models.surveys import TEXT_ANSWER_MAX_LENGTH, new_code, normalise_code
from ..texts import clean_texts

MAX_CODES_PER_BATCH = 500


def _require_draft(survey: Survey) -> None:
    if not survey.is_draft:
        raise ValidationError(
            _(
                "This survey has been published; its questions can no longer be changed, "
                "so that answers stay comparable."
            )
        )


def _check_quarters(municipality: Municipality, quarters) -> list[Quarter]:
    quarters = list(quarters)
    if not quarters:
        raise ValidationError(_("Choose at least one quarter."))
    if any(quarter.municipality_id != municipality.pk for quarter in quarters):
        raise ValidationError(_("A survey can only cover quarters of its own municipality."))
    return quarters


@transaction.atomic
def survey_create(
    *,
    municipality: Municipality,
    title: dict,
    intro: dict | None = None,
    quarters,
    opens_at: datetime.datetime,
    closes_at: datetime.datetime,
    anonymous_allowed: bool = True,
    code_required: bool = False,
    by,
) -> Survey:
    quarters = _check_quarters(municipality, quarters)
    survey = Survey(
        municipality=municipality,
        title=clean_texts(title),
        intro=clean_texts(intro or {}),
        opens_at=opens_at,
        closes_at=closes_at,
        anonymous_allowed=anonymous_allowed,
        code_required=code_required,
        created_by=by,
    )
    survey.full_clean()
    survey.save()
    survey.quarters.set(quarters)
    return survey


@transaction.atomic
def survey_update(
    *,
    survey: Survey,
    title: dict,
    intro: dict | None = None,
    quarters,
    opens_at: datetime.datetime,
    closes_at: datetime.datetime,
    anonymous_allowed: bool = True,
    code_required: bool = False,
    by,
) -> Survey:
    _require_draft(survey)
    quarters = _check_quarters(survey.municipality, quarters)
    survey.title = clean_texts(title)
    survey.intro = clean_texts(intro or {})
    survey.opens_at, survey.closes_at = opens_at, closes_at
    survey.anonymous_allowed, survey.code_required = anonymous_allowed, code_required
    survey.full_clean()
    survey.save()
    survey.quarters.set(quarters)
    return survey


@transaction.atomic
def question_add(
    *, survey: Survey, kind: str, text: dict, required: bool = False, choices: list[dict] | None = None, by
) -> Question:
    _require_draft(survey)
    choices = [clean_texts(choice) for choice in (choices or [])]
    choices = [choice for choice in choices if choice]
    if kind in {Question.Kind.SINGLE, Question.Kind.MULTIPLE} and len(choices) < 2:
        raise ValidationError(_("A choice question needs at least two options."))
    if kind not in {Question.Kind.SINGLE, Question.Kind.MULTIPLE}:
        choices = []
    position = (survey.questions.order_by("-position").values_list("position", flat=True).first() or 0) + 1
    question = Question(survey=survey, kind=kind, text=clean_texts(text), required=required, position=position)
    question.full_clean()
    question.save()
    Choice.objects.bulk_create(
        Choice(question=question, position=index, text=choice) for index, choice in enumerate(choices, start=1)
    )
    return question


@transaction.atomic
def question_delete(*, question: Question, by) -> None:
    _require_draft(question.survey)
    question.delete()


@transaction.atomic
def question_move(*, question: Question, up: bool, by) -> None:
    """Swap the question with its neighbour above (or below)."""
    _require_draft(question.survey)
    siblings = list(question.survey.questions.order_by("position", "id"))
    index = siblings.index(question)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(siblings):
        return
    siblings[index], siblings[other] = siblings[other], siblings[index]
    for position, sibling in enumerate(siblings, start=1):
        if sibling.position != position:
            Question.objects.filter(pk=sibling.pk).update(position=position)


@transaction.atomic
def survey_publish(*, survey: Survey, by) -> Survey:
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    _require_draft(survey)
    if not survey.questions.exists():
        raise ValidationError(_("Add at least one question before publishing."))
    if not survey.quarters.exists():
        raise ValidationError(_("Choose at least one quarter before publishing."))
    if survey.closes_at <= timezone.now():
        raise ValidationError(_("The closing date has passed. Please move it into the future first."))
    survey.status = Survey.Status.PUBLISHED
    survey.published_at = timezone.now()
    survey.save(update_fields=["status", "published_at"])
    quarter_changed(survey.quarters.values_list("pk", flat=True))  # published grids feed the gap analysis
    return survey


@transaction.atomic
def survey_close(*, survey: Survey, by) -> Survey:
    """Close a published survey now; it takes no answers from here on."""
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if survey.is_draft:
        raise ValidationError(_("A draft cannot be closed; it has not been published."))
    now = timezone.now()
    if survey.closes_at <= now:
        raise ValidationError(_("This survey is already closed."))
    if survey.opens_at >= now:
        survey.opens_at = now - datetime.timedelta(seconds=1)
    survey.closes_at = now
    survey.save(update_fields=["opens_at", "closes_at"])
    return survey


@transaction.atomic
def survey_codes_generate(*, survey: Survey, count: int, quarter: Quarter | None = None, by) -> list[SurveyCode]:
    if not 1 <= count <= MAX_CODES_PER_BATCH:
        raise ValidationError(_("Create between 1 and %(max)s codes at a time.") % {"max": MAX_CODES_PER_BATCH})
    if quarter is not None and not survey.quarters.filter(pk=quarter.pk).exists():
        raise ValidationError(_("This quarter is not part of the survey."))
    if survey.state() == Survey.State.CLOSED:
        raise ValidationError(_("This survey is closed."))
    codes: set[str] = set()
    while len(codes) < count:
        candidates = {new_code() for _ in range(count - len(codes))}
        taken = set(SurveyCode.objects.filter(code__in=candidates).values_list("code", flat=True))
        codes |= candidates - taken
    return SurveyCode.objects.bulk_create(
        SurveyCode(survey=survey, code=code, quarter=quarter) for code in sorted(codes)
    )


# --- Answers -------------------------------------------------------------------------------------


@dataclass
class AnswerSet:
    """What a respondent answered, keyed by question: choice ids, a text, or {area_id: (importance, satisfaction)}."""

    choices: dict[int, list[int]] = field(default_factory=dict)
    texts: dict[int, str] = field(default_factory=dict)
    grids: dict[int, dict[int, tuple[int | None, int | None]]] = field(default_factory=dict)


def _claim_code(survey: Survey, typed: str) -> SurveyCode | None:
    code = normalise_code(typed)
    if not code:
        if survey.code_required:
            raise ValidationError(_("This survey can only be answered with a code. Please enter yours."))
        return None
    # The conditional update is the single-use guarantee: of two simultaneous uses only one matches.
    claimed = SurveyCode.objects.filter(survey=survey, code=code, used_at__isnull=True).update(used_at=timezone.now())
    if not claimed:
        if SurveyCode.objects.filter(survey=survey, code=code).exists():
            raise ValidationError(_("This code has already been used. Each code can be used once."))
        raise ValidationError(_("This code is not valid for this survey. Please check what you typed."))
    return SurveyCode.objects.get(survey=survey, code=code)


def _validate_answers(survey: Survey, answers: AnswerSet) -> list[Answer]:
    questions = list(survey.questions.prefetch_related("choices"))
    area_ids = set(ServiceArea.objects.values_list("pk", flat=True))
    rows, missing = [], []
    for question in questions:
        if question.has_choices:
            chosen = answers.choices.get(question.pk, [])
            valid = {choice.pk for choice in question.choices.all()}
            if any(choice_id not in valid for choice_id in chosen) or len(set(chosen)) != len(chosen):
                raise ValidationError(
                    _("An answer does not fit the question “%(question)s”.") % {"question": question.text_display}
                )
            if question.kind == Question.Kind.SINGLE and len(chosen) > 1:
                raise ValidationError(
                    _("Choose only one option for “%(question)s”.") % {"question": question.text_display}
                )
            rows += [Answer(question=question, choice_id=choice_id) for choice_id in chosen]
            answered = bool(chosen)
        elif question.kind == Question.Kind.TEXT:
            text = (answers.texts.get(question.pk) or "").strip()
            if len(text) > TEXT_ANSWER_MAX_LENGTH:
                raise ValidationError(
                    _("The answer to “%(question)s” is too long.") % {"question": question.text_display}
                )
            if text:
                rows.append(Answer(question=question, text=text))
            answered = bool(text)
        else:
            ratings = answers.grids.get(question.pk, {})
            answered = False
            for area_id, (importance, satisfaction) in ratings.items():
                if area_id not in area_ids:
                    raise ValidationError(
                        _("An answer does not fit the question “%(question)s”.") % {"question": question.text_display}
                    )
                for value in (importance, satisfaction):
                    if value is not None and not 1 <= value <= 5:
                        raise ValidationError(_("Ratings go from 1 to 5."))
                if importance is None and satisfaction is None:
                    continue
                rows.append(
                    Answer(question=question, service_area_id=area_id, importance=importance, satisfaction=satisfaction)
                )
                answered = True
        if question.required and not answered:
            missing.append(question.text_display)
    if missing:
        raise ValidationError(_("Please answer: %(questions)s") % {"questions": "; ".join(missing)})
    return rows


@transaction.atomic
def response_submit(
    *,
    survey: Survey,
    answers: AnswerSet,
    quarter: Quarter | None = None,
    code: str = "",
    user=None,
    channel: str = Response.Channel.ONLINE,
    entered_by=None,
) -> Response:
    """Store one person's answers. Online: the person themselves; paper or assisted: typed in by staff."""
    if survey.state() != Survey.State.OPEN:
        raise ValidationError(_("This survey is not open for answers."))
    if channel == Response.Channel.ONLINE:
        if entered_by is not None:
            raise ValueError("Online answers are given by the respondent.")
        if user is None and not survey.anonymous_allowed:
            raise ValidationError(_("Please sign in to answer this survey."))
    elif entered_by is None or user is not None:
        raise ValueError("Paper and assisted answers are typed in by staff, without the respondent's account.")

    quarters = list(survey.quarters.all())
    rows = _validate_answers(survey, answers)
    if user is not None and Response.objects.filter(survey=survey, user=user).exists():
        raise ValidationError(_("You have already answered this survey. Thank you!"))
    if channel == Response.Channel.ONLINE or code or survey.code_required:
        survey_code = _claim_code(survey, code)
    else:
        survey_code = None  # paper without a code: the coordinator vouches for it
    if survey_code is not None and survey_code.quarter_id:
        quarter = survey_code.quarter
    elif len(quarters) == 1:
        quarter = quarters[0]
    if quarter is None or quarter not in quarters:
        raise ValidationError(_("Please choose the quarter you live in."))

    response = Response(
        survey=survey, quarter=quarter, user=user, code=survey_code, channel=channel, entered_by=entered_by
    )
    try:
        with transaction.atomic():
            response.save()
    except IntegrityError:
        raise ValidationError(_("You have already answered this survey. Thank you!")) from None
    for row in rows:
        row.response = response
    Answer.objects.bulk_create(rows)
    quarter_changed(quarter.pk)
    return response
