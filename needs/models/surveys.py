"""Surveys (Bedarfserhebung): questions with per-language texts, responses online, on paper or assisted."""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.models import person_field
from needs.texts import translated

TEXT_ANSWER_MAX_LENGTH = 2000
# No 0/O, 1/I/L: codes are read from paper and typed in by hand.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(value: str) -> str:
    """What a person types ("abcd-efgh ") to the stored form ("ABCDEFGH")."""
    return "".join(ch for ch in (value or "").upper() if ch.isalnum())


class Survey(models.Model):
    """A needs survey for one or more quarters of a municipality."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    class State(models.TextChoices):
        """Derived from status and dates, never stored."""

        DRAFT = "draft", _("Draft")
        SCHEDULED = "scheduled", _("Published, opens later")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    municipality = models.ForeignKey(
        "quarters.Municipality", on_delete=models.PROTECT, related_name="surveys", verbose_name=_("municipality")
    )
    quarters = models.ManyToManyField("quarters.Quarter", related_name="surveys", verbose_name=_("quarters"))
    title = models.JSONField(_("title"), default=dict)
    intro = models.JSONField(_("introduction"), default=dict, blank=True)
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    anonymous_allowed = models.BooleanField(
        _("visitors may answer without an account"), default=True, help_text=_("One answer per browser session.")
    )
    code_required = models.BooleanField(
        _("a single-use code is required"),
        default=False,
        help_text=_("Only people with a printed code can answer, e.g. for a door-to-door survey."),
    )
    created_by = person_field()
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["-opens_at"]
        constraints = [
            models.CheckConstraint(condition=Q(closes_at__gt=F("opens_at")), name="survey_closes_after_opening"),
        ]

    def __str__(self):
        return self.title_text

    def get_absolute_url(self):
        return reverse("needs:survey_answer", kwargs={"pk": self.pk})

    @property
    def title_text(self):
        return translated(self.title)

    @property
    def intro_text(self):
        return translated(self.intro)

    def state(self, now=None):
        if self.status == self.Status.DRAFT:
            return self.State.DRAFT
        now = now or timezone.now()
        if now < self.opens_at:
            return self.State.SCHEDULED
        if now >= self.closes_at:
            return self.State.CLOSED
        return self.State.OPEN

    @property
    def current_state(self):
        return self.state()

    @property
    def is_open(self):
        return self.state() == self.State.OPEN

    @property
    def is_draft(self):
        return self.status == self.Status.DRAFT

    def clean(self):
        if not translated(self.title):
            raise ValidationError({"title": _("Please give the survey a title.")})
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("The survey must close after it opens.")})


class Question(models.Model):
    class Kind(models.TextChoices):
        SINGLE = "single", _("Single choice")
        MULTIPLE = "multiple", _("Multiple choice")
        TEXT = "text", _("Free text")
        GRID = "grid", _("Importance and satisfaction per service area (1–5)")

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions", verbose_name=_("survey"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    text = models.JSONField(_("question"), default=dict)
    required = models.BooleanField(_("answer required"), default=False)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["survey", "position", "id"]

    def __str__(self):
        return self.text_display

    @property
    def text_display(self):
        return translated(self.text)

    @property
    def municipality(self):
        return self.survey.municipality

    @property
    def has_choices(self):
        return self.kind in {self.Kind.SINGLE, self.Kind.MULTIPLE}

    def clean(self):
        if not translated(self.text):
            raise ValidationError({"text": _("Please enter the question.")})


class Choice(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices", verbose_name=_("question"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    text = models.JSONField(_("option"), default=dict)

    class Meta:
        verbose_name = _("option")
        verbose_name_plural = _("options")
        ordering = ["question", "position", "id"]

    def __str__(self):
        return self.text_display

    @property
    def text_display(self):
        return translated(self.text)


class SurveyCode(models.Model):
    """A single-use code, printed for paper and door-to-door participation. Used once, never again."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="codes", verbose_name=_("survey"))
    code = models.CharField(_("code"), max_length=16, unique=True)
    quarter = models.ForeignKey(
        "quarters.Quarter",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("quarter"),
        help_text=_("Optional: answers with this code count for this quarter."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)

    class Meta:
        verbose_name = _("survey code")
        verbose_name_plural = _("survey codes")
        ordering = ["survey", "created_at", "code"]

    def __str__(self):
        return self.display

    @property
    def display(self):
        half = len(self.code) // 2
        return f"{self.code[:half]}-{self.code[half:]}"


class Response(models.Model):
    """One person's answers to a survey. Holds no IP address and no time of day; the user only to stop doubles."""

    class Channel(models.TextChoices):
        ONLINE = "online", _("Online")
        PAPER = "paper", _("Paper, typed in")
        ASSISTED = "assisted", _("Assisted (door-to-door or by phone)")

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses", verbose_name=_("survey"))
    quarter = models.ForeignKey(
        "quarters.Quarter",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="survey_responses",
        verbose_name=_("quarter"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="survey_responses",
        verbose_name=_("account"),
    )
    code = models.OneToOneField(
        SurveyCode,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="response",
        verbose_name=_("code"),
    )
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices, default=Channel.ONLINE)
    entered_by = person_field(_("typed in by"))
    submitted_on = models.DateField(_("submitted on"), default=timezone.localdate)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        ordering = ["survey", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "user"], condition=Q(user__isnull=False), name="response_once_per_account"
            ),
        ]

    def __str__(self):
        return f"{self.survey_id}#{self.pk}"


class Answer(models.Model):
    """One answer: a chosen option, a free text, or an importance/satisfaction pair for one service area."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers", verbose_name=_("response"))
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers", verbose_name=_("question"))
    choice = models.ForeignKey(
        Choice, on_delete=models.CASCADE, null=True, blank=True, related_name="answers", verbose_name=_("option")
    )
    text = models.TextField(_("text"), blank=True, validators=[MaxLengthValidator(TEXT_ANSWER_MAX_LENGTH)])
    service_area = models.ForeignKey(
        "needs.ServiceArea",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="survey_answers",
        verbose_name=_("service area"),
    )
    importance = models.PositiveSmallIntegerField(_("importance"), null=True, blank=True)
    satisfaction = models.PositiveSmallIntegerField(_("satisfaction"), null=True, blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.CheckConstraint(
                condition=Q(importance__isnull=True) | Q(importance__gte=1, importance__lte=5),
                name="answer_importance_1_to_5",
            ),
            models.CheckConstraint(
                condition=Q(satisfaction__isnull=True) | Q(satisfaction__gte=1, satisfaction__lte=5),
                name="answer_satisfaction_1_to_5",
            ),
            models.UniqueConstraint(
                fields=["response", "question", "choice"],
                condition=Q(choice__isnull=False),
                name="answer_choice_once",
            ),
            models.UniqueConstraint(
                fields=["response", "question", "service_area"],
                condition=Q(service_area__isnull=False),
                name="answer_area_once",
            ),
        ]

    def __str__(self):
        return f"{self.response_id}/{self.question_id}"
