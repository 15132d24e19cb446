from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from common.widgets import PlainSelect
from quarters.forms import PlaceFilterForm
from quarters.models import Quarter

from .models import AffectedGroup, Need, Offer, Potential, Question, Response, ServiceArea, Survey
from .models.needs import COMMENT_MAX_LENGTH, DESCRIPTION_MAX_LENGTH, REASON_MAX_LENGTH, TITLE_MAX_LENGTH
from .models.surveys import TEXT_ANSWER_MAX_LENGTH
from .services import AnswerSet


class QuarterChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.municipality.name})"


def quarter_field(queryset=None, **kwargs):
    queryset = queryset if queryset is not None else Quarter.objects.all()
    return QuarterChoiceField(
        queryset=queryset.select_related("municipality").order_by("municipality__name", "name"),
        label=_("Quarter"),
        **kwargs,
    )


class LocationFields(forms.Form):
    latitude = forms.DecimalField(
        label=_("Latitude"), required=False, max_digits=9, decimal_places=6, min_value=-90, max_value=90
    )
    longitude = forms.DecimalField(
        label=_("Longitude"), required=False, max_digits=9, decimal_places=6, min_value=-180, max_value=180
    )

    def clean(self):
        cleaned = super().clean()
        if (cleaned.get("latitude") is None) != (cleaned.get("longitude") is None):
            raise ValidationError(_("Give both latitude and longitude, or neither."))
        return cleaned


class NeedForm(LocationFields):
    quarter = quarter_field()
    service_area = forms.ModelChoiceField(queryset=ServiceArea.objects.all(), label=_("Service area"))
    title = forms.CharField(
        label=_("Title"),
        max_length=TITLE_MAX_LENGTH,
        help_text=_("In a few words: what is missing?"),
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=DESCRIPTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Who needs it, how often, what happens today without it? At most 4,000 characters."),
    )
    affected_groups = forms.MultipleChoiceField(
        label=_("Who is affected?"),
        choices=AffectedGroup.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    show_name = forms.BooleanField(
        label=_("Show my display name next to the need"),
        required=False,
        help_text=_("Otherwise your need is shown without a name."),
    )

    field_order = ["quarter", "service_area", "title", "description", "affected_groups", "latitude", "longitude"]


class OnBehalfNeedForm(NeedForm):
    """A coordinator enters a need collected at a workshop or door-to-door."""

    source = forms.ChoiceField(
        label=_("Collected"), choices=[c for c in Need.Source.choices if c[0] != Need.Source.ONLINE]
    )

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["quarter"].queryset = self.fields["quarter"].queryset.filter(municipality=municipality)
        del self.fields["show_name"]


def service_area_filter() -> forms.ModelChoiceField:
    """The service-area filter of the lists (needs, initiatives), by slug."""
    return forms.ModelChoiceField(
        label=_("Service area"),
        queryset=ServiceArea.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("All"),
        widget=PlainSelect,
    )


class NeedFilterForm(PlaceFilterForm):
    """The needs list's filters and order: `?municipality=<slug>&quarter=<slug>&service_area=<slug>&sort=newest`.
    The town and its quarters come from the place filter (quarters.forms)."""

    SORTS = {
        "support": _("Most supported"),
        "newest": _("Newest"),
        "area": _("Service area"),
    }

    service_area = service_area_filter()
    sort = forms.ChoiceField(label=_("Sort by"), choices=list(SORTS.items()), required=False, widget=PlainSelect)

    def filters(self) -> dict:
        """The arguments of queries.need_list: a value that is not offered is left out, the others still filter."""
        data = {}
        if self.is_bound:
            self.is_valid()  # cleaned_data keeps the valid fields when another one is not
            data = self.cleaned_data
        return {
            "municipality": data.get("municipality"),
            "quarter": data.get("quarter"),
            "service_area": data.get("service_area"),
            "sort": data.get("sort") or "support",
        }


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Your comment"), max_length=COMMENT_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 3})
    )
    show_name = forms.BooleanField(label=_("Show my display name next to the comment"), required=False)


class ReportForm(forms.Form):
    reason = forms.CharField(
        label=_("What is wrong with it?"),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: insulting, discriminating, advertising, personal data of others."),
    )


class ModerationForm(forms.Form):
    PUBLISH, MERGE, REJECT = "publish", "merge", "reject"
    action = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (PUBLISH, _("Publish")),
            (MERGE, _("Merge into another need (its supports move along)")),
            (REJECT, _("Reject with a reason the submitter sees")),
        ],
        widget=forms.RadioSelect,
    )
    into = forms.ModelChoiceField(queryset=Need.objects.none(), label=_("Merge into"), required=False)
    reason = forms.CharField(
        label=_("Reason for the rejection"),
        max_length=REASON_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, targets, allowed_actions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = targets
        self.fields["action"].choices = [c for c in self.fields["action"].choices if c[0] in allowed_actions]

    def clean(self):
        cleaned = super().clean()
        action = cleaned.get("action")
        if action == self.MERGE and not cleaned.get("into"):
            self.add_error("into", _("Choose the need to merge into."))
        if action == self.REJECT and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", _("Please give a reason the submitter can read."))
        return cleaned


class ReportDecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("hide", _("Hide")), ("keep", _("Keep"))])
    block_author = forms.BooleanField(required=False, label=_("Also block the author from posting"))


# --- Surveys -------------------------------------------------------------------------------------

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class SurveyForm(forms.Form):
    title_de = forms.CharField(label=_("Title (German)"), max_length=200)
    title_en = forms.CharField(label=_("Title (English)"), max_length=200, required=False)
    intro_de = forms.CharField(
        label=_("Introduction (German)"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    intro_en = forms.CharField(
        label=_("Introduction (English)"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    quarters = forms.ModelMultipleChoiceField(
        queryset=Quarter.objects.none(), label=_("Quarters"), widget=forms.CheckboxSelectMultiple
    )
    opens_at = forms.DateTimeField(label=_("Opens at"), widget=DATETIME_WIDGET)
    closes_at = forms.DateTimeField(label=_("Closes at"), widget=DATETIME_WIDGET)
    anonymous_allowed = forms.BooleanField(
        label=_("Visitors may answer without an account (one answer per browser session)"), required=False, initial=True
    )
    code_required = forms.BooleanField(label=_("Only people with a printed single-use code may answer"), required=False)

    def __init__(self, *args, municipality, survey: Survey | None = None, **kwargs):
        if survey is not None:
            kwargs.setdefault(
                "initial",
                {
                    "title_de": survey.title.get("de", ""),
                    "title_en": survey.title.get("en", ""),
                    "intro_de": survey.intro.get("de", ""),
                    "intro_en": survey.intro.get("en", ""),
                    "quarters": list(survey.quarters.all()),
                    "opens_at": survey.opens_at,
                    "closes_at": survey.closes_at,
                    "anonymous_allowed": survey.anonymous_allowed,
                    "code_required": survey.code_required,
                },
            )
        super().__init__(*args, **kwargs)
        self.fields["quarters"].queryset = municipality.quarters.order_by("name")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("opens_at") and cleaned.get("closes_at") and cleaned["closes_at"] <= cleaned["opens_at"]:
            self.add_error("closes_at", _("The survey must close after it opens."))
        return cleaned

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "title": {"de": data["title_de"], "en": data["title_en"]},
            "intro": {"de": data["intro_de"], "en": data["intro_en"]},
            "quarters": data["quarters"],
            "opens_at": data["opens_at"],
            "closes_at": data["closes_at"],
            "anonymous_allowed": data["anonymous_allowed"],
            "code_required": data["code_required"],
        }


class QuestionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Question.Kind.choices)
    text_de = forms.CharField(label=_("Question (German)"), max_length=500)
    text_en = forms.CharField(label=_("Question (English)"), max_length=500, required=False)
    required = forms.BooleanField(label=_("An answer is required"), required=False)
    choices = forms.CharField(
        label=_("Options"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "For choice questions: one option per line, the German text first and, after a “|”, the English text."
        ),
    )

    def clean(self):
        cleaned = super().clean()
        options = []
        for line in (cleaned.get("choices") or "").splitlines():
            if not line.strip():
                continue
            german, _sep, english = line.partition("|")
            if len(german) > 200 or len(english) > 200:
                self.add_error("choices", _("An option may have at most 200 characters."))
                break
            options.append({"de": german.strip(), "en": english.strip()})
        if cleaned.get("kind") in {Question.Kind.SINGLE, Question.Kind.MULTIPLE} and len(options) < 2:
            self.add_error("choices", _("A choice question needs at least two options."))
        if len(options) > 30:
            self.add_error("choices", _("At most 30 options."))
        cleaned["options"] = options
        return cleaned

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "text": {"de": data["text_de"], "en": data["text_en"]},
            "required": data["required"],
            "choices": data["options"],
        }


class CodesForm(forms.Form):
    count = forms.IntegerField(label=_("Number of codes"), min_value=1, max_value=500, initial=50)
    quarter = forms.ModelChoiceField(
        queryset=Quarter.objects.none(),
        label=_("Quarter (optional)"),
        required=False,
        help_text=_("Answers with these codes count for this quarter, e.g. when you hand them out there."),
    )

    def __init__(self, *args, survey, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["quarter"].queryset = survey.quarters.order_by("name")


IMPORTANCE_CHOICES = [
    ("", "–"),
    ("1", _("1 – not important")),
    ("2", "2"),
    ("3", "3"),
    ("4", "4"),
    ("5", _("5 – very important")),
]
SATISFACTION_CHOICES = [
    ("", "–"),
    ("1", _("1 – very dissatisfied")),
    ("2", "2"),
    ("3", "3"),
    ("4", "4"),
    ("5", _("5 – very satisfied")),
]


class SurveyAnswerForm(forms.Form):
    """Built from the survey's questions in the visitor's language; `answer_set()` hands them to the service."""

    def __init__(self, *args, survey: Survey, questions, areas, with_code: bool, staff_entry: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.survey, self.questions, self.areas = survey, list(questions), list(areas)
        self.grids = []  # (question, [(area, importance field name, satisfaction field name)])
        quarters = list(survey.quarters.all())
        if staff_entry:
            self.fields["channel"] = forms.ChoiceField(
                label=_("How was it answered?"),
                choices=[c for c in Response.Channel.choices if c[0] != Response.Channel.ONLINE],
            )
        if with_code:
            self.fields["code"] = forms.CharField(
                label=_("Code on the paper form") if staff_entry else _("Your code"),
                max_length=20,
                required=survey.code_required,
                help_text=_("The code printed on the invitation, e.g. ABCD-EFGH."),
            )
        if len(quarters) > 1:
            self.fields["quarter"] = forms.ModelChoiceField(
                queryset=survey.quarters.order_by("name"),
                label=_("Which quarter do you live in?"),
                required=not with_code,
            )
        for question in self.questions:
            name = f"q{question.pk}"
            label = question.text_display
            if question.kind == Question.Kind.SINGLE:
                self.fields[name] = forms.TypedChoiceField(
                    label=label,
                    choices=[(c.pk, c.text_display) for c in question.choices.all()],
                    coerce=int,
                    widget=forms.RadioSelect,
                    required=question.required,
                )
            elif question.kind == Question.Kind.MULTIPLE:
                self.fields[name] = forms.TypedMultipleChoiceField(
                    label=label,
                    choices=[(c.pk, c.text_display) for c in question.choices.all()],
                    coerce=int,
                    widget=forms.CheckboxSelectMultiple,
                    required=question.required,
                )
            elif question.kind == Question.Kind.TEXT:
                self.fields[name] = forms.CharField(
                    label=label,
                    max_length=TEXT_ANSWER_MAX_LENGTH,
                    widget=forms.Textarea(attrs={"rows": 3}),
                    required=question.required,
                )
            else:
                rows = []
                for area in self.areas:
                    importance, satisfaction = f"{name}_i{area.pk}", f"{name}_s{area.pk}"
                    self.fields[importance] = forms.TypedChoiceField(
                        label=_("How important is “%(area)s” to you?") % {"area": area.name},
                        choices=IMPORTANCE_CHOICES,
                        coerce=int,
                        empty_value=None,
                        required=False,
                    )
                    self.fields[satisfaction] = forms.TypedChoiceField(
                        label=_("How satisfied are you with “%(area)s” in your quarter?") % {"area": area.name},
                        choices=SATISFACTION_CHOICES,
                        coerce=int,
                        empty_value=None,
                        required=False,
                    )
                    rows.append((area, self[importance], self[satisfaction]))
                self.grids.append((question, rows))

    def items(self):
        """The questions in order, each with its field or its grid rows, for the template."""
        grids = {question.pk: rows for question, rows in self.grids}
        return [
            {"question": question, "grid": grids[question.pk]}
            if question.pk in grids
            else {"question": question, "field": self[f"q{question.pk}"]}
            for question in self.questions
        ]

    def clean(self):
        cleaned = super().clean()
        for question, rows in self.grids:
            rated = any(cleaned.get(i.name) is not None or cleaned.get(s.name) is not None for _a, i, s in rows)
            if question.required and not rated:
                raise ValidationError(
                    _("Please rate at least one service area in “%(question)s”.") % {"question": question.text_display}
                )
        return cleaned

    def answer_set(self) -> AnswerSet:
        data = self.cleaned_data
        answers = AnswerSet()
        for question in self.questions:
            name = f"q{question.pk}"
            if question.kind == Question.Kind.SINGLE:
                if data.get(name) not in (None, ""):
                    answers.choices[question.pk] = [data[name]]
            elif question.kind == Question.Kind.MULTIPLE:
                answers.choices[question.pk] = list(data.get(name) or [])
            elif question.kind == Question.Kind.TEXT:
                answers.texts[question.pk] = data.get(name) or ""
        for question, rows in self.grids:
            answers.grids[question.pk] = {
                area.pk: (data.get(importance.name), data.get(satisfaction.name))
                for area, importance, satisfaction in rows
            }
        return answers


# --- Supply --------------------------------------------------------------------------------------


def _formfield(model_field, **kwargs):
    """Links typed without a scheme are https (Django 6's default, chosen now)."""
    if isinstance(model_field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return model_field.formfield(**kwargs)


class SupplyFormMixin:
    def __init__(self, *args, quarters=None, **kwargs):
        super().__init__(*args, **kwargs)
        queryset = quarters if quarters is not None else Quarter.objects.all()
        self.fields["quarter"] = quarter_field(queryset)
        if self.instance.pk:
            self.fields["quarter"].initial = self.instance.quarter_id


class OfferForm(SupplyFormMixin, forms.ModelForm):
    class Meta:
        model = Offer
        formfield_callback = _formfield
        fields = [
            "quarter",
            "service_area",
            "name",
            "operator",
            "status",
            "description",
            "address",
            "website",
            "latitude",
            "longitude",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}


class PotentialForm(SupplyFormMixin, forms.ModelForm):
    class Meta:
        model = Potential
        formfield_callback = _formfield
        fields = [
            "quarter",
            "kind",
            "title",
            "description",
            "service_area",
            "address",
            "building_status",
            "owner_type",
            "floor_area",
            "hours_per_month",
            "amount",
            "website",
            "latitude",
            "longitude",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "building_status": _("Buildings only."),
            "owner_type": _("Buildings only."),
            "floor_area": _("Buildings only."),
            "hours_per_month": _("Skills and time only."),
            "amount": _("Local funds only."),
        }
