"""The needs survey of Marten and Eving with its codes and answers."""

import datetime

from django.utils import timezone

from ..models import (
    Answer,
    Choice,
    Question,
    Response,
    Survey,
    SurveyCode,
)
from ..models.surveys import new_code
from .common import _days_ago

SURVEY_TITLE = "Was braucht Ihr Quartier? Bedarfserhebung 2026"

# Importance and satisfaction the demo answers lean towards: (importance, satisfaction) per quarter and area.
LEANINGS = {
    "dortmund-marten": {
        "begegnung-kultur": (5, 1),
        "gesundheit-pflege": (5, 3),
        "mobilitaet": (4, 2),
        "nahversorgung": (5, 3),
        "digitale-teilhabe": (3, 2),
        "wohnen": (3, 4),
        "bildung-betreuung": (3, 4),
        "beratung-soziales": (3, 3),
        "sport-freizeit": (2, 4),
    },
    "dortmund-eving": {
        "wohnen": (5, 1),
        "beratung-soziales": (4, 2),
        "bildung-betreuung": (5, 3),
        "sport-freizeit": (4, 2),
        "begegnung-kultur": (3, 3),
        "gesundheit-pflege": (4, 4),
        "mobilitaet": (3, 4),
        "nahversorgung": (3, 4),
        "digitale-teilhabe": (3, 3),
    },
}
FREE_TEXTS = {
    "dortmund-marten": [
        "Ein Ort, an dem man sich einfach so treffen kann.",
        "Ein Mittagstisch und ein Raum für Kurse.",
        "Die alte Sparkasse sollte ein Bürgertreff werden.",
        "Mehr Angebote für Ältere, die allein leben.",
        "Ein Café ohne Konsumzwang.",
    ],
    "dortmund-eving": [
        "Wohnen mit Unterstützung für junge Erwachsene mit Behinderung.",
        "Mehr Kita-Plätze.",
        "Beratung in meiner Sprache.",
        "Freizeit für alle, auch mit Rollstuhl.",
        "Ein Wohnprojekt, das die Eltern mittragen können.",
    ],
}


def _survey(demo, areas, people, rng):
    dortmund = demo.municipalities["dortmund"]
    marten, eving = demo.quarters["dortmund-marten"], demo.quarters["dortmund-eving"]
    survey = Survey.objects.filter(municipality=dortmund, title__de=SURVEY_TITLE).first()
    if survey is None:
        survey = Survey.objects.create(
            municipality=dortmund,
            title={"de": SURVEY_TITLE, "en": "What does your quarter need? Needs survey 2026"},
            intro={
                "de": "Die Stadt Dortmund möchte wissen, was in Marten und Eving fehlt. Die Antworten sind anonym.",
                "en": "The City of Dortmund wants to know what Marten and Eving lack. The answers are anonymous.",
            },
            opens_at=_days_ago(30),
            closes_at=timezone.now() + datetime.timedelta(days=30),
            status=Survey.Status.PUBLISHED,
            published_at=_days_ago(30),
            created_by=demo.users["coordinator"],
        )
        survey.quarters.set([marten, eving])
        Question.objects.create(
            survey=survey,
            position=1,
            kind=Question.Kind.GRID,
            required=True,
            text={
                "de": "Wie wichtig sind Ihnen diese Bereiche, und wie zufrieden sind Sie damit in Ihrem Quartier?",
                "en": "How important are these areas to you, and how satisfied are you with them in your quarter?",
            },
        )
        duration = Question.objects.create(
            survey=survey,
            position=2,
            kind=Question.Kind.SINGLE,
            text={"de": "Wie lange wohnen Sie schon im Quartier?", "en": "How long have you lived in the quarter?"},
        )
        for position, (de, en) in enumerate(
            [("Weniger als 2 Jahre", "Less than 2 years"), ("2 bis 10 Jahre", "2 to 10 years"), ("Länger", "Longer")],
            start=1,
        ):
            Choice.objects.create(question=duration, position=position, text={"de": de, "en": en})
        contribution = Question.objects.create(
            survey=survey,
            position=3,
            kind=Question.Kind.MULTIPLE,
            text={"de": "Was würden Sie selbst einbringen?", "en": "What would you contribute yourself?"},
        )
        for position, (de, en) in enumerate(
            [
                ("Zeit für Nachbarschaftshilfe", "Time for neighbourly help"),
                ("Fachwissen", "Expertise"),
                ("Geld, z. B. Genossenschaftsanteile", "Money, e.g. cooperative shares"),
                ("Räume", "Rooms"),
            ],
            start=1,
        ):
            Choice.objects.create(question=contribution, position=position, text={"de": de, "en": en})
        Question.objects.create(
            survey=survey,
            position=4,
            kind=Question.Kind.TEXT,
            text={"de": "Was fehlt Ihnen im Quartier am meisten?", "en": "What do you miss most in your quarter?"},
        )
    if not survey.codes.exists():
        SurveyCode.objects.bulk_create(
            SurveyCode(survey=survey, code=new_code(), quarter=quarter)
            for quarter in (marten, eving)
            for _ in range(15)
        )
    if not survey.responses.exists():
        _answers(survey, areas, people, rng, {"dortmund-marten": marten, "dortmund-eving": eving})
    return survey


def _answers(survey, areas, people, rng, quarters):
    questions = {question.kind: question for question in survey.questions.all()}
    grid, single, multiple, text = (questions[kind] for kind in ("grid", "single", "multiple", "text"))
    singles, multiples = list(single.choices.all()), list(multiple.choices.all())
    respondents = iter(people)
    for slug, quarter in quarters.items():
        codes = iter(survey.codes.filter(quarter=quarter, used_at__isnull=True))
        texts = iter(FREE_TEXTS[slug])
        for index in range(18):
            paper = index % 4 == 3  # every fourth answer came on paper, typed in with its code
            code = next(codes) if paper else None
            if code is not None:
                SurveyCode.objects.filter(pk=code.pk).update(used_at=timezone.now())
            response = Response.objects.create(
                survey=survey,
                quarter=quarter,
                user=None if paper or index % 3 == 0 else next(respondents, None),
                code=code,
                channel=Response.Channel.PAPER if paper else Response.Channel.ONLINE,
                entered_by=None,
                submitted_on=timezone.localdate() - datetime.timedelta(days=rng.randint(0, 28)),
            )
            rows = []
            for area_slug, (importance, satisfaction) in LEANINGS[slug].items():
                rows.append(
                    Answer(
                        response=response,
                        question=grid,
                        service_area=areas[area_slug],
                        importance=max(1, min(5, importance + rng.choice([-1, 0, 0, 0, 1]))),
                        satisfaction=max(1, min(5, satisfaction + rng.choice([-1, 0, 0, 0, 1]))),
                    )
                )
            rows.append(Answer(response=response, question=single, choice=rng.choice(singles)))
            for choice in rng.sample(multiples, rng.randint(1, 2)):
                rows.append(Answer(response=response, question=multiple, choice=choice))
            free_text = next(texts, None)
            if free_text:
                rows.append(Answer(response=response, question=text, text=free_text))
            Answer.objects.bulk_create(rows)
