"""Surveys: building, publishing, codes, answers online, on paper and assisted, and their results."""

import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone, translation

from needs import services
from needs.models import Answer, Question, Response, Survey, SurveyCode
from needs.models.surveys import CODE_ALPHABET, normalise_code
from needs.results import Quadrant, build_matrix, quadrant, results_csv, survey_results
from needs.services import AnswerSet
from needs.texts import translated
from tests.factories import QuarterFactory

from .factories import SurveyFactory, area

pytestmark = pytest.mark.django_db


def window(days_open=-1, days_close=14):
    now = timezone.now()
    return {
        "opens_at": now + datetime.timedelta(days=days_open),
        "closes_at": now + datetime.timedelta(days=days_close),
    }


def answers_for(survey, *, single=0, multiple=(0, 1), text="Ein Treffpunkt", grid=None):
    questions = {q.kind: q for q in survey.questions.prefetch_related("choices")}
    answer_set = AnswerSet()
    answer_set.choices[questions["single"].pk] = [list(questions["single"].choices.all())[single].pk]
    answer_set.choices[questions["multiple"].pk] = [
        list(questions["multiple"].choices.all())[index].pk for index in multiple
    ]
    answer_set.texts[questions["text"].pk] = text
    answer_set.grids[questions["grid"].pk] = grid or {area("begegnung-kultur").pk: (5, 1)}
    return answer_set


# --- Building and publishing ---------------------------------------------------------------------


def test_a_coordinator_builds_and_publishes_a_survey(municipality, quarter, coordinator):
    survey = services.survey_create(
        municipality=municipality,
        title={"de": "Bedarfserhebung", "en": "Needs survey", "xx": "ignored"},
        quarters=[quarter],
        by=coordinator,
        **window(),
    )
    assert survey.status == Survey.Status.DRAFT
    assert survey.title == {"de": "Bedarfserhebung", "en": "Needs survey"}
    with pytest.raises(ValidationError, match="at least one question"):
        services.survey_publish(survey=survey, by=coordinator)
    services.question_add(
        survey=survey,
        kind=Question.Kind.SINGLE,
        text={"de": "Wohnen Sie gern hier?", "en": "Do you like living here?"},
        choices=[{"de": "Ja", "en": "Yes"}, {"de": "Nein", "en": "No"}],
        by=coordinator,
    )
    services.question_add(survey=survey, kind=Question.Kind.GRID, text={"de": "Bereiche"}, by=coordinator)
    services.survey_publish(survey=survey, by=coordinator)
    survey.refresh_from_db()
    assert survey.status == Survey.Status.PUBLISHED
    assert survey.is_open
    with pytest.raises(ValidationError, match="can no longer be changed"):
        services.question_add(survey=survey, kind=Question.Kind.TEXT, text={"de": "Noch was?"}, by=coordinator)
    assert survey.questions.count() == 2


def test_a_survey_cannot_cover_quarters_of_another_municipality(municipality, other_quarter, coordinator):
    with pytest.raises(ValidationError, match="own municipality"):
        services.survey_create(
            municipality=municipality, title={"de": "X"}, quarters=[other_quarter], by=coordinator, **window()
        )
    assert not Survey.objects.exists()


def test_a_survey_must_close_after_it_opens(municipality, quarter, coordinator):
    with pytest.raises(ValidationError, match="close after"):
        services.survey_create(
            municipality=municipality, title={"de": "X"}, quarters=[quarter], by=coordinator, **window(2, 1)
        )


def test_a_choice_question_needs_two_options(survey, coordinator):
    survey.status = Survey.Status.DRAFT
    survey.save()
    with pytest.raises(ValidationError, match="two options"):
        services.question_add(
            survey=survey,
            kind=Question.Kind.MULTIPLE,
            text={"de": "Was?"},
            choices=[{"de": "Nur eins"}],
            by=coordinator,
        )


def test_questions_move_and_delete_in_drafts(municipality, quarter, coordinator):
    survey = SurveyFactory(municipality=municipality, quarters=[quarter], status=Survey.Status.DRAFT)
    first = services.question_add(survey=survey, kind="text", text={"de": "Eins"}, by=coordinator)
    second = services.question_add(survey=survey, kind="text", text={"de": "Zwei"}, by=coordinator)
    services.question_move(question=second, up=True, by=coordinator)
    assert list(survey.questions.values_list("pk", flat=True)) == [second.pk, first.pk]
    services.question_delete(question=first, by=coordinator)
    assert list(survey.questions.all()) == [second]


def test_texts_are_shown_in_the_visitors_language_with_german_fallback():
    texts = {"de": "Wie wichtig?", "en": "How important?"}
    with translation.override("en"):
        assert translated(texts) == "How important?"
        assert translated({"de": "Nur Deutsch"}) == "Nur Deutsch"
    with translation.override("de"):
        assert translated(texts) == "Wie wichtig?"
    assert translated({}) == ""


def test_closing_a_survey_ends_the_answers(survey, coordinator):
    services.survey_close(survey=survey, by=coordinator)
    survey.refresh_from_db()
    assert survey.state() == Survey.State.CLOSED
    with pytest.raises(ValidationError, match="already closed"):
        services.survey_close(survey=survey, by=coordinator)


# --- Answers -------------------------------------------------------------------------------------


def test_a_visitor_answers_anonymously(survey, quarter):
    response = services.response_submit(survey=survey, answers=answers_for(survey))
    assert response.user is None
    assert response.quarter == quarter  # the survey's only quarter
    assert response.channel == Response.Channel.ONLINE
    assert response.answers.count() == 1 + 2 + 1 + 1


def test_a_signed_in_person_answers_once(survey, resident):
    services.response_submit(survey=survey, answers=answers_for(survey), user=resident)
    with pytest.raises(ValidationError, match="already answered"):
        services.response_submit(survey=survey, answers=answers_for(survey), user=resident)
    assert Response.objects.count() == 1


@pytest.mark.parametrize("state", ["closed", "scheduled", "draft"])
def test_a_survey_that_is_not_open_takes_no_answers(survey, coordinator, state):
    if state == "closed":
        survey.opens_at = timezone.now() - datetime.timedelta(days=10)
        survey.closes_at = timezone.now() - datetime.timedelta(days=1)
    elif state == "scheduled":
        survey.opens_at = timezone.now() + datetime.timedelta(days=1)
        survey.closes_at = timezone.now() + datetime.timedelta(days=10)
    else:
        survey.status = Survey.Status.DRAFT
    survey.save()
    with pytest.raises(ValidationError, match="not open"):
        services.response_submit(survey=survey, answers=answers_for(survey))
    with pytest.raises(ValidationError, match="not open"):
        services.response_submit(
            survey=survey, answers=answers_for(survey), channel=Response.Channel.PAPER, entered_by=coordinator
        )
    assert not Response.objects.exists()


def test_sign_in_can_be_required(survey, resident):
    survey.anonymous_allowed = False
    survey.save()
    with pytest.raises(ValidationError, match="sign in"):
        services.response_submit(survey=survey, answers=answers_for(survey))
    services.response_submit(survey=survey, answers=answers_for(survey), user=resident)


def test_answers_must_fit_their_questions(survey):
    other = SurveyFactory(municipality=survey.municipality)
    stranger = answers_for(survey)
    single = survey.questions.get(kind="single")
    stranger.choices[single.pk] = [next(iter(single.choices.all())).pk, list(single.choices.all())[1].pk]
    with pytest.raises(ValidationError, match="only one option"):
        services.response_submit(survey=survey, answers=stranger)
    foreign = answers_for(survey)
    foreign.choices[single.pk] = [99999]
    with pytest.raises(ValidationError, match="does not fit"):
        services.response_submit(survey=survey, answers=foreign)
    out_of_range = answers_for(survey, grid={area().pk: (6, 1)})
    with pytest.raises(ValidationError, match="1 to 5"):
        services.response_submit(survey=survey, answers=out_of_range)
    assert not Response.objects.exists()
    assert other.responses.count() == 0


def test_required_questions_must_be_answered(survey):
    survey.questions.filter(kind="text").update(required=True)
    with pytest.raises(ValidationError, match="Please answer"):
        services.response_submit(survey=survey, answers=answers_for(survey, text="  "))


def test_a_multi_quarter_survey_asks_for_the_quarter(municipality, quarter, survey):
    second = QuarterFactory(municipality=municipality, name="Eving", slug="dortmund-eving")
    survey.quarters.add(second)
    with pytest.raises(ValidationError, match="quarter you live in"):
        services.response_submit(survey=survey, answers=answers_for(survey))
    response = services.response_submit(survey=survey, answers=answers_for(survey), quarter=second)
    assert response.quarter == second


# --- Codes ---------------------------------------------------------------------------------------


def test_codes_are_unambiguous_unique_and_single_use(survey, quarter, coordinator):
    codes = services.survey_codes_generate(survey=survey, count=40, quarter=quarter, by=coordinator)
    assert len({code.code for code in codes}) == 40
    assert all(set(code.code) <= set(CODE_ALPHABET) for code in codes)
    assert not set("01OIL") & set("".join(code.code for code in codes))
    typed = codes[0].display.lower() + " "  # "abcd-efgh ": case, dash and spaces do not matter
    assert normalise_code(typed) == codes[0].code
    response = services.response_submit(survey=survey, answers=answers_for(survey), code=typed)
    assert response.code == codes[0]
    with pytest.raises(ValidationError, match="already been used"):
        services.response_submit(survey=survey, answers=answers_for(survey), code=codes[0].code)
    with pytest.raises(ValidationError, match="not valid"):
        services.response_submit(survey=survey, answers=answers_for(survey), code="ZZZZZZZZ")
    assert Response.objects.count() == 1


def test_a_code_of_another_survey_is_not_valid(survey, municipality, quarter, coordinator):
    other = SurveyFactory(municipality=municipality, quarters=[quarter])
    code = services.survey_codes_generate(survey=other, count=1, by=coordinator)[0]
    with pytest.raises(ValidationError, match="not valid"):
        services.response_submit(survey=survey, answers=answers_for(survey), code=code.code)
    code.refresh_from_db()
    assert code.used_at is None


def test_a_failed_answer_does_not_use_up_the_code(survey, resident, coordinator):
    code = services.survey_codes_generate(survey=survey, count=1, by=coordinator)[0]
    services.response_submit(survey=survey, answers=answers_for(survey), user=resident)
    with pytest.raises(ValidationError, match="already answered"):
        services.response_submit(survey=survey, answers=answers_for(survey), user=resident, code=code.code)
    code.refresh_from_db()
    assert code.used_at is None


def test_a_code_required_survey_takes_no_answer_without_one(survey, coordinator):
    survey.code_required = True
    survey.save()
    with pytest.raises(ValidationError, match="only be answered with a code"):
        services.response_submit(survey=survey, answers=answers_for(survey))
    with pytest.raises(ValidationError, match="code"):
        services.response_submit(
            survey=survey, answers=answers_for(survey), channel=Response.Channel.PAPER, entered_by=coordinator
        )


def test_code_batches_are_limited(survey, coordinator, other_quarter):
    with pytest.raises(ValidationError, match="between 1 and 500"):
        services.survey_codes_generate(survey=survey, count=501, by=coordinator)
    with pytest.raises(ValidationError, match="not part of the survey"):
        services.survey_codes_generate(survey=survey, count=1, quarter=other_quarter, by=coordinator)
    assert not SurveyCode.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_uses_of_one_code_give_one_answer(municipality, quarter, coordinator):
    """The conditional update lets exactly one of two racing answers claim the code (PostgreSQL runs it truly
    in parallel; SQLite serialises the writers, which gives the same outcome)."""
    survey = SurveyFactory(municipality=municipality, quarters=[quarter])
    question = survey.questions.create(kind="text", text={"de": "Was?"})
    code = services.survey_codes_generate(survey=survey, count=1, by=coordinator)[0]
    outcomes = []
    barrier = threading.Barrier(2)

    def answer():
        try:
            barrier.wait()
            answer_set = AnswerSet(texts={question.pk: "Gleichzeitig"})
            services.response_submit(survey=survey, answers=answer_set, code=code.code)
            outcomes.append("ok")
        except ValidationError:
            outcomes.append("refused")
        except Exception as error:  # SQLite may report the lock instead of waiting
            outcomes.append(type(error).__name__)
        finally:
            connection.close()

    threads = [threading.Thread(target=answer) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count("ok") == 1
    assert Response.objects.filter(code=code).count() == 1


# --- Paper and assisted answers ------------------------------------------------------------------


def test_paper_answers_are_marked_and_count_in_every_total(survey, coordinator, resident):
    code = services.survey_codes_generate(survey=survey, count=1, by=coordinator)[0]
    services.response_submit(survey=survey, answers=answers_for(survey, grid={area().pk: (5, 1)}), user=resident)
    paper = services.response_submit(
        survey=survey,
        answers=answers_for(survey, grid={area().pk: (3, 3)}),
        code=code.code,
        channel=Response.Channel.PAPER,
        entered_by=coordinator,
    )
    assert paper.channel == Response.Channel.PAPER
    assert paper.user is None
    assert paper.entered_by == coordinator
    results = survey_results(survey)
    assert results.responses == 2
    assert {str(label): count for label, count in results.by_channel}["Paper, typed in"] == 1
    grid = next(r for r in results.questions if r.matrix)
    row = next(row for row in grid.matrix.rows if row.area == area())
    assert row.importance == 4.0 and row.satisfaction == 2.0 and row.answers == 2


def test_staff_cannot_type_in_an_online_answer_or_one_with_an_account(survey, coordinator, resident):
    with pytest.raises(ValueError):
        services.response_submit(survey=survey, answers=answers_for(survey), entered_by=coordinator)
    with pytest.raises(ValueError):
        services.response_submit(
            survey=survey,
            answers=answers_for(survey),
            user=resident,
            channel=Response.Channel.ASSISTED,
            entered_by=coordinator,
        )


# --- Results -------------------------------------------------------------------------------------


def test_results_count_and_share_per_question(survey, django_assert_max_num_queries):
    for single, multiple, text in [(0, (0, 1), "Zeit"), (0, (1,), "apfel"), (1, (1, 2), "Bank")]:
        services.response_submit(
            survey=survey, answers=answers_for(survey, single=single, multiple=multiple, text=text)
        )
    # channels, questions, choices, respondents, choice counts, grid means, free texts, service areas
    with django_assert_max_num_queries(8):
        results = survey_results(survey)
    assert results.responses == 3
    by_kind = {result.question.kind: result for result in results.questions}
    assert [(o.count, o.share) for o in by_kind["single"].options] == [(2, 66.7), (1, 33.3)]
    assert [(o.count, o.share) for o in by_kind["multiple"].options] == [(1, 33.3), (3, 100.0), (1, 33.3)]
    assert by_kind["text"].texts == ["apfel", "Bank", "Zeit"]  # alphabetical, not in the order given
    assert by_kind["single"].respondents == 3


def test_the_importance_performance_matrix_names_where_to_concentrate(survey):
    grid = {
        area("begegnung-kultur").pk: (5, 1),
        area("gesundheit-pflege").pk: (5, 5),
        area("sport-freizeit").pk: (1, 1),
        area("digitale-teilhabe").pk: (1, 5),
    }
    services.response_submit(survey=survey, answers=answers_for(survey, grid=grid))
    matrix = next(r for r in survey_results(survey).questions if r.matrix).matrix
    assert matrix.importance_cut == 3 and matrix.satisfaction_cut == 3
    quadrants = {row.area.slug: row.quadrant for row in matrix.rows if row.quadrant}
    assert quadrants == {
        "begegnung-kultur": Quadrant.CONCENTRATE,
        "gesundheit-pflege": Quadrant.KEEP_UP,
        "sport-freizeit": Quadrant.LOW_PRIORITY,
        "digitale-teilhabe": Quadrant.OVERKILL,
    }
    assert [row.area.slug for row in matrix.concentrate] == ["begegnung-kultur"]


def test_quadrant_cut_lines():
    assert quadrant(4, 2, 3, 3) == Quadrant.CONCENTRATE
    assert quadrant(3, 3, 3, 3) == Quadrant.KEEP_UP
    assert build_matrix([]).importance_cut == 3


def test_results_of_one_quarter_and_the_csv_reveal_no_one(survey, municipality, quarter, resident):
    second = QuarterFactory(municipality=municipality, name="Eving", slug="dortmund-eving")
    survey.quarters.add(second)
    services.response_submit(
        survey=survey, answers=answers_for(survey, text="=HYPERLINK()"), quarter=quarter, user=resident
    )
    services.response_submit(survey=survey, answers=answers_for(survey, text="Anderes"), quarter=second)
    assert survey_results(survey, quarter).responses == 1
    csv_text = results_csv(survey_results(survey))
    assert "'=HYPERLINK()" in csv_text  # no formula injection
    assert resident.email not in csv_text and "Rita" not in csv_text
    assert "Response" not in csv_text


def test_answers_are_stored_without_time_of_day_or_address(survey):
    response = services.response_submit(survey=survey, answers=answers_for(survey))
    field_names = {field.name for field in Response._meta.get_fields()}
    assert "ip" not in "".join(field_names)
    assert isinstance(response.submitted_on, datetime.date) and not isinstance(response.submitted_on, datetime.datetime)
    assert Answer.objects.filter(response=response).exists()
