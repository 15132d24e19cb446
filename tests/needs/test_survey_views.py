"""Surveys in the browser: answering in one's language, once per person or code, building and results."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from needs import services
from needs.models import Question, Response, Survey, SurveyCode
from tests.clients import BrowserLikeClient

from .factories import SurveyFactory, area

pytestmark = pytest.mark.django_db


def answer_data(survey, *, text="Ein Treffpunkt", **extra):
    questions = {q.kind: q for q in survey.questions.prefetch_related("choices")}
    meeting = area("begegnung-kultur")
    return {
        f"q{questions['single'].pk}": next(iter(questions["single"].choices.all())).pk,
        f"q{questions['multiple'].pk}": [c.pk for c in questions["multiple"].choices.all()][:2],
        f"q{questions['text'].pk}": text,
        f"q{questions['grid'].pk}_i{meeting.pk}": "5",
        f"q{questions['grid'].pk}_s{meeting.pk}": "1",
        **extra,
    }


def test_the_survey_is_answered_in_the_visitors_language(client, survey):
    english = client.get(survey.get_absolute_url())
    assert "What do you miss?" in english.text and "How important, how satisfied?" in english.text
    client.cookies["django_language"] = "de"
    german = client.get(survey.get_absolute_url())
    assert "Was fehlt Ihnen?" in german.text and "Wie wichtig, wie zufrieden?" in german.text


def test_a_visitor_answers_once_per_session(client, survey, django_assert_max_num_queries):
    # a first-time visitor has no session: the survey, its questions and their choices (2), whether it has
    # codes, the service areas of the grid, its quarters
    with django_assert_max_num_queries(6):
        form = client.get(survey.get_absolute_url())
    assert form.status_code == 200
    response = client.post(survey.get_absolute_url(), answer_data(survey))
    assert response.status_code == 302
    assert Response.objects.count() == 1
    page = client.get(survey.get_absolute_url())
    assert "You have answered this survey" in page.text
    client.post(survey.get_absolute_url(), answer_data(survey), page=form)  # the form again (back button)
    assert Response.objects.count() == 1


def test_a_signed_in_person_answers_once_whatever_the_session(client_for, survey, resident):
    other_browser = BrowserLikeClient()  # another session
    other_browser.force_login(resident, backend="django.contrib.auth.backends.ModelBackend")
    other_browser.cookies["django_language"] = "en"
    still_open = other_browser.get(survey.get_absolute_url())
    client_for(resident).post(survey.get_absolute_url(), answer_data(survey))
    assert "You have answered this survey" in other_browser.get(survey.get_absolute_url()).text
    other_browser.post(survey.get_absolute_url(), answer_data(survey), page=still_open)
    assert Response.objects.filter(user=resident).count() == 1


def test_a_closed_survey_takes_no_answers(client, survey):
    opened_before = client.get(survey.get_absolute_url())
    survey.opens_at = timezone.now() - datetime.timedelta(days=10)
    survey.closes_at = timezone.now() - datetime.timedelta(days=1)
    survey.save()
    page = client.get(survey.get_absolute_url())
    assert "takes no more answers" in page.text and '<form method="post" novalidate' not in page.text
    response = client.post(survey.get_absolute_url(), answer_data(survey), follow=True, page=opened_before)
    assert "not open for answers" in response.text
    assert not Response.objects.exists()


def test_a_code_is_used_once(client, survey, coordinator):
    first, _second = services.survey_codes_generate(survey=survey, count=2, by=coordinator)
    client.post(survey.get_absolute_url(), answer_data(survey, code=first.display))
    assert Response.objects.get().code == first
    client.cookies.pop("sessionid", None)  # another browser with the same paper code
    reused = client.post(survey.get_absolute_url(), answer_data(survey, code=first.code))
    assert reused.status_code == 200 and "already been used" in reused.text
    assert Response.objects.count() == 1


def test_drafts_are_hidden_from_the_public(client, client_for, municipality, quarter, advisor):
    draft = SurveyFactory(municipality=municipality, quarters=[quarter], status=Survey.Status.DRAFT)
    assert client.get(draft.get_absolute_url()).status_code == 302  # to the login
    assert client_for(advisor).get(draft.get_absolute_url()).status_code == 200


def test_a_coordinator_builds_previews_and_publishes(client_for, municipality, quarter, coordinator):
    client = client_for(coordinator)
    opens = timezone.localtime() - datetime.timedelta(hours=1)
    closes = opens + datetime.timedelta(days=14)
    response = client.post(
        reverse("needs:survey_create", args=[municipality.slug]),
        {
            "title_de": "Bedarfserhebung Marten",
            "title_en": "Needs survey Marten",
            "quarters": [quarter.pk],
            "opens_at": opens.strftime("%Y-%m-%dT%H:%M"),
            "closes_at": closes.strftime("%Y-%m-%dT%H:%M"),
            "anonymous_allowed": "on",
        },
    )
    survey = Survey.objects.get()
    assert response.url == reverse("needs:survey_edit", args=[survey.pk])
    add, edit = reverse("needs:question_create", args=[survey.pk]), response.url
    client.post(
        add,
        {
            "kind": "single",
            "text_de": "Wohnen Sie gern hier?",
            "text_en": "Do you like it here?",
            "choices": "Ja | Yes\nNein | No",
        },
        page=edit,
    )
    client.post(add, {"kind": "grid", "text_de": "Wie wichtig, wie zufrieden?", "text_en": "How important?"}, page=edit)
    refused = client.post(add, {"kind": "multiple", "text_de": "Was?", "choices": "Nur eins"}, page=edit)
    assert "at least two options" in refused.text
    assert survey.questions.count() == 2
    assert list(survey.questions.get(kind="single").choices.values_list("text", flat=True)) == [
        {"de": "Ja", "en": "Yes"},
        {"de": "Nein", "en": "No"},
    ]
    preview = client.get(reverse("needs:survey_preview", args=[survey.pk]), {"language": "de"})
    assert "Wohnen Sie gern hier?" in preview.text
    assert (
        "Do you like it here?" in client.get(reverse("needs:survey_preview", args=[survey.pk]), {"language": "en"}).text
    )
    editing = client.get(edit)  # still open in a tab
    assert client.get(reverse("needs:survey_publish", args=[survey.pk])).status_code == 200
    client.post(reverse("needs:survey_publish", args=[survey.pk]))
    survey.refresh_from_db()
    assert survey.status == Survey.Status.PUBLISHED and survey.is_open
    late = client.post(add, {"kind": "text", "text_de": "Noch was?"}, follow=True, page=editing)
    assert "can no longer be changed" in late.text
    delete = reverse("needs:question_delete", args=[survey.questions.first().pk])
    assert client.get(delete).status_code == 200
    client.post(delete)
    assert survey.questions.count() == 2


def test_paper_answers_are_typed_in_and_marked(client_for, survey, coordinator):
    client = client_for(coordinator)
    client.post(reverse("needs:survey_codes", args=[survey.pk]), {"count": 1})
    code = SurveyCode.objects.get()
    printed = client.get(reverse("needs:survey_codes_print", args=[survey.pk]))
    assert code.display in printed.text
    response = client.post(
        reverse("needs:survey_paper", args=[survey.pk]), answer_data(survey, channel="paper", code=code.code)
    )
    assert response.status_code == 302
    paper = Response.objects.get()
    assert paper.channel == Response.Channel.PAPER and paper.entered_by == coordinator and paper.user is None
    assert code.display not in client.get(reverse("needs:survey_codes_print", args=[survey.pk])).text


def test_results_and_csv_reveal_no_one(client_for, client, survey, resident, advisor, django_assert_max_num_queries):
    client.post(survey.get_absolute_url(), answer_data(survey, text="Ein Café"))  # a visitor first
    client_for(resident).post(survey.get_absolute_url(), answer_data(survey, text="Mehr Bänke"))
    staff = client_for(advisor)
    staff.get(reverse("needs:survey_results", args=[survey.pk]))
    # session, user, staff roles, second factor, the survey, channels, questions with choices (2),
    # respondents, choice counts, grid means, free texts, service areas, the context processor (2), the
    # quarters for the filter: 16, however many answers
    with django_assert_max_num_queries(16):
        page = staff.get(reverse("needs:survey_results", args=[survey.pk]))
    assert page.status_code == 200
    assert "Ein Café" in page.text and "Mehr Bänke" in page.text
    assert "Concentrate here" in page.text and "<svg" in page.text
    for personal in ("Rita", "resident@example.org"):
        assert personal not in page.text
    csv_response = staff.get(reverse("needs:survey_results_csv", args=[survey.pk]))
    assert csv_response["Content-Type"].startswith("text/csv")
    assert "Rita" not in csv_response.content.decode()
    assert "Ein Café" in csv_response.content.decode()


def test_results_of_one_quarter_by_its_slug(client_for, survey, quarter, advisor):
    staff = client_for(advisor)
    page = staff.get(reverse("needs:survey_results", args=[survey.pk]), {"quarter": quarter.slug})
    assert page.context["quarter"] == quarter
    assert f'<option value="{quarter.slug}" selected>' in page.text
    assert f"?quarter={quarter.slug}" in page.text  # the CSV of the same quarter
    csv_response = staff.get(reverse("needs:survey_results_csv", args=[survey.pk]), {"quarter": quarter.slug})
    assert csv_response.status_code == 200
    assert (
        staff.get(reverse("needs:survey_results", args=[survey.pk]), {"quartier": quarter.slug}).context["quarter"]
        is None
    )  # the old name is ignored


def test_closing_a_survey_asks_first(client_for, survey, coordinator):
    client = client_for(coordinator)
    assert client.get(reverse("needs:survey_close", args=[survey.pk])).status_code == 200
    survey.refresh_from_db()
    assert survey.is_open
    client.post(reverse("needs:survey_close", args=[survey.pk]))
    survey.refresh_from_db()
    assert survey.state() == Survey.State.CLOSED


def test_another_municipality_cannot_touch_the_survey(client_for, survey, other_coordinator):
    client = client_for(other_coordinator)
    for name in ("survey_edit", "survey_results", "survey_codes", "survey_paper", "survey_preview"):
        assert client.get(reverse(f"needs:{name}", args=[survey.pk])).status_code == 403
    assert client.forge_post(reverse("needs:survey_close", args=[survey.pk])).status_code == 403
    question = survey.questions.filter(kind=Question.Kind.TEXT).first()
    assert client.forge_post(reverse("needs:question_delete", args=[question.pk])).status_code == 403
    assert survey.questions.count() == 4
