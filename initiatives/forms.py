from decimal import Decimal
from html import escape

from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import flatatt
from django.urls import reverse_lazy
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from common.money import AmountError, parse_amount
from financing.choices import Profitability, Stage
from financing.matching import question_text
from financing.models import InstrumentType, LegalForm
from needs.models import AffectedGroup, Potential, ServiceArea
from quarters.models import Municipality, Quarter
from quarters.queries import municipality_choices

from . import images, queries
from .models import (
    MAX_TRANCHES,
    NAME_MAX_LENGTH,
    SHORT_DESCRIPTION_MAX_LENGTH,
    TEXT_MAX_LENGTH,
    Actor,
    Concept,
    ConceptLineItem,
    FinancingLine,
    Initiative,
    InitiativeActor,
    Membership,
    Motive,
    Pledge,
)

MONEY = {"max_digits": 12, "decimal_places": 2, "min_value": 0}


class QuarterMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.municipality.name})"


def quarters_field(**kwargs):
    return QuarterMultipleChoiceField(
        queryset=Quarter.objects.select_related("municipality").order_by("municipality__name", "name"),
        label=_("Quarter(s)"),
        help_text=_("The municipality of the first quarter reviews your initiative; all quarters must belong to it."),
        **kwargs,
    )


class ImageField(forms.FileField):
    """A file field whose value is checked and re-encoded by Pillow (see images.py)."""

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if upload and hasattr(upload, "read"):
            images.reencode(upload)  # raises ValidationError with a clear message; the service re-encodes again
            upload.seek(0)
        return upload


# --- Registration steps --------------------------------------------------------------------------


class BasicsForm(forms.Form):
    """Step 1: the basics."""

    name = forms.CharField(label=_("Name of the initiative"), max_length=NAME_MAX_LENGTH)
    quarters = quarters_field()
    short_description = forms.CharField(
        label=_("Short description"),
        max_length=SHORT_DESCRIPTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One or two sentences for the directory."),
    )
    description = forms.CharField(
        label=_("Description"), max_length=TEXT_MAX_LENGTH, required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    target_groups = forms.MultipleChoiceField(
        label=_("Target groups"), choices=AffectedGroup.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    target_groups_note = forms.CharField(label=_("Target groups (in your words)"), max_length=300, required=False)
    contact_person = forms.CharField(label=_("Contact person"), max_length=120, required=False)
    contact_email = forms.EmailField(label=_("Contact e-mail"), required=False)
    contact_phone = forms.CharField(label=_("Contact phone"), max_length=40, required=False)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")


class CreateForm(forms.Form):
    """The first step for a new initiative: only what a draft needs."""

    name = forms.CharField(label=_("Name of the initiative"), max_length=NAME_MAX_LENGTH)
    quarters = quarters_field()
    short_description = forms.CharField(
        label=_("Short description"),
        max_length=SHORT_DESCRIPTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One or two sentences for the directory."),
    )


class MotiveForm(forms.Form):
    """Step 2: motive, needs answered, services offered."""

    motives = forms.MultipleChoiceField(
        label=_("Why are you starting?"),
        choices=Motive.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose one or more."),
    )
    answered_needs = forms.ModelMultipleChoiceField(
        label=_("Needs of the quarter your initiative answers"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Published needs of your quarters. Their supports show the demand for your offer."),
    )
    service_areas = forms.ModelMultipleChoiceField(
        label=_("Services offered"),
        queryset=ServiceArea.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, initiative, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["answered_needs"].queryset = queries.need_choices(initiative.quarters.all())
        self.fields["answered_needs"].label_from_instance = lambda need: f"{need.title} ({need.quarter.name})"


class LegalFormChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return str(obj)


class OrganisationForm(forms.Form):
    """Step 3: organisation."""

    legal_form = LegalFormChoiceField(
        label=_("Legal form"),
        queryset=LegalForm.objects.all(),
        required=False,
        empty_label=_("None yet"),
        help_text=_("The legal forms of the financing catalogue."),
    )
    stage = forms.ChoiceField(label=_("Stage"), choices=Stage.choices)


class ResourcesForm(forms.Form):
    """Step 4: resources."""

    space = forms.CharField(
        label=_("Space"),
        max_length=TEXT_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What space you use or need: a room, a shop, a building."),
    )
    building = forms.ModelChoiceField(
        label=_("Building"),
        queryset=None,
        required=False,
        empty_label=_("No building from the list"),
        help_text=_("A vacant or threatened building listed among the potentials of your quarters."),
    )
    capital_need = forms.DecimalField(label=_("Capital need (€)"), required=False, **MONEY)
    own_funds = forms.DecimalField(label=_("Own funds (€)"), required=False, **MONEY)
    volunteer_hours_per_month = forms.IntegerField(
        label=_("Volunteer hours per month the team gives"), required=False, min_value=0, max_value=100000
    )
    latitude = forms.DecimalField(
        label=_("Latitude"), required=False, max_digits=9, decimal_places=6, min_value=-90, max_value=90
    )
    longitude = forms.DecimalField(
        label=_("Longitude"), required=False, max_digits=9, decimal_places=6, min_value=-180, max_value=180
    )

    def __init__(self, *args, initiative, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["building"].queryset = Potential.objects.filter(
            kind=Potential.Kind.BUILDING, quarter__in=initiative.quarters.all()
        ).order_by("title")

    def clean(self):
        cleaned = super().clean()
        if (cleaned.get("latitude") is None) != (cleaned.get("longitude") is None):
            raise ValidationError(_("Give both latitude and longitude, or neither."))
        return cleaned


STEP_FORMS = {1: BasicsForm, 2: MotiveForm, 3: OrganisationForm, 4: ResourcesForm}
STEP_TITLES = {
    1: _("Basics"),
    2: _("Motive and needs"),
    3: _("Organisation"),
    4: _("Resources"),
    5: _("Review and submit"),
}


def step_initial(initiative: Initiative, step: int) -> dict:
    initial = {}
    for name in STEP_FORMS[step].base_fields:
        value = getattr(initiative, name)
        if hasattr(value, "all"):
            value = list(value.all())
        initial[name] = value
    return initial


# --- Review --------------------------------------------------------------------------------------


class ReviewForm(forms.Form):
    class Decision:
        PUBLISH = "publish"
        REQUEST_CHANGES = "request_changes"
        REJECT = "reject"
        ARCHIVE = "archive"

    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            ("publish", _("Publish")),
            ("request_changes", _("Ask for changes")),
            ("reject", _("Reject")),
            ("archive", _("Archive (published initiatives)")),
        ],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment for the initiative"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required when you ask for changes or reject: the initiative reads it."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") in {"request_changes", "reject"} and not (cleaned.get("comment") or "").strip():
            self.add_error("comment", _("Please write a comment the initiative can read."))
        return cleaned


# --- Logo and photos -----------------------------------------------------------------------------


class LogoForm(forms.Form):
    logo = ImageField(label=_("Logo"), help_text=_("JPEG, PNG, GIF or WebP, at most 5 MB."))


class PhotoForm(forms.Form):
    image = ImageField(label=_("Photo"), help_text=_("JPEG, PNG, GIF or WebP, at most 5 MB."))
    caption = forms.CharField(label=_("Caption"), max_length=200, required=False)


# --- Team, help, pledges -------------------------------------------------------------------------


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices, initial=Membership.Role.CORE)


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices)


class HelpOfferForm(forms.Form):
    skills = forms.CharField(
        label=_("What can you do?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Skills, experience, what you enjoy doing."),
    )
    hours_per_month = forms.IntegerField(label=_("Hours per month"), min_value=0, max_value=200, initial=4)
    contact = forms.CharField(
        label=_("How can the team reach you?"), max_length=200, help_text=_("E-mail or phone; only the team sees it.")
    )


class PledgeForm(forms.Form):
    kind = forms.ChoiceField(label=_("What do you pledge?"), choices=Pledge.Kind.choices, widget=forms.RadioSelect)
    share_count = forms.IntegerField(label=_("Number of shares"), required=False, min_value=1, max_value=100000)
    share_price = forms.DecimalField(
        label=_("Price per share (€)"), required=False, max_digits=12, decimal_places=2, min_value=0.01
    )
    amount = forms.DecimalField(
        label=_("Amount (€)"),
        required=False,
        max_digits=12,
        decimal_places=2,
        min_value=0.01,
        help_text=_("For a subordinated loan or a donation."),
    )
    hours_per_month = forms.IntegerField(label=_("Hours per month"), required=False, min_value=1, max_value=1000)
    room = forms.CharField(label=_("Room"), max_length=300, required=False, help_text=_("Which room, when, for what."))
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


# --- Concept -------------------------------------------------------------------------------------


class ConceptForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in Concept.SECTIONS:
            field = Concept._meta.get_field(name)
            self.fields[name] = forms.CharField(
                label=field.verbose_name.capitalize(),
                required=False,
                max_length=TEXT_MAX_LENGTH,
                widget=forms.Textarea(attrs={"rows": 5}),
            )
        self.fields["volunteer_hours_needed"] = forms.IntegerField(
            label=_("Volunteer hours needed per month"), required=False, min_value=0, max_value=100000
        )


class LineItemForm(forms.Form):
    category = forms.ChoiceField(label=_("Category"), choices=ConceptLineItem.Category.choices)
    label = forms.CharField(label=_("Item"), max_length=200)
    amount = forms.DecimalField(label=_("Amount (€)"), **MONEY)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class MilestoneForm(forms.Form):
    title = forms.CharField(label=_("Milestone"), max_length=200)
    due_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class CopyForm(forms.Form):
    name = forms.CharField(label=_("Name of the new initiative"), max_length=NAME_MAX_LENGTH)
    quarters = quarters_field()
    short_description = forms.CharField(
        label=_("Short description"),
        max_length=SHORT_DESCRIPTION_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Leave empty to take the original's."),
    )


# --- Network -------------------------------------------------------------------------------------


class LinkForm(forms.Form):
    other = forms.ModelChoiceField(label=_("Initiative"), queryset=None)
    description = forms.CharField(
        label=_("Relation"), max_length=200, required=False, help_text=_("E.g. shares rooms, same model, mentors.")
    )

    def __init__(self, *args, initiative, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["other"].queryset = (
            queries.public_initiatives().exclude(pk=initiative.pk).select_related("municipality").order_by("name")
        )
        self.fields["other"].label_from_instance = lambda i: f"{i.name} ({i.municipality.name})"


class ActorLinkForm(forms.Form):
    actor = forms.ModelChoiceField(label=_("Actor"), queryset=None, required=False, empty_label=_("A new actor"))
    actor_name = forms.CharField(label=_("Name of a new actor"), max_length=200, required=False)
    actor_kind = forms.ChoiceField(
        label=_("Kind of the new actor"), choices=Actor.Kind.choices, initial=Actor.Kind.OTHER
    )
    role = forms.ChoiceField(label=_("Role"), choices=InitiativeActor.Role.choices)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args, initiative, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["actor"].queryset = Actor.objects.filter(
            municipality__in=[initiative.municipality_id]
        ) | Actor.objects.filter(municipality__isnull=True)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("actor") and not (cleaned.get("actor_name") or "").strip():
            self.add_error("actor_name", _("Choose an actor or give the name of a new one."))
        return cleaned


# --- Takeover ------------------------------------------------------------------------------------


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.public_name if obj.display_name else obj.email


class TakeoverForm(forms.Form):
    quarter_coordinator = StaffChoiceField(label=_("Quarter coordinator"), queryset=None)
    reason = forms.CharField(
        label=_("Why does the municipality take over?"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )
    review_on = forms.DateField(label=_("Review on"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, municipality: Municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["quarter_coordinator"].queryset = (
            User.objects.filter(staff_roles__municipality=municipality, is_active=True).distinct().order_by("email")
        )


class TakeoverEndForm(forms.Form):
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Who carries the initiative now?"),
    )


# --- Directory -----------------------------------------------------------------------------------


class PlainSelect(forms.Select):
    """A select whose options are written in Python, not through a template each: the directory's list of
    hundreds of municipalities costs more through the option template than the rest of the page. Flat
    choices only (no groups). Plain `html.escape` per option: `format_html` costs ten times as much."""

    def render(self, name, value, attrs=None, renderer=None):
        final_attrs = self.build_attrs(self.attrs, attrs)
        final_attrs["name"] = name
        chosen = {str(v) for v in self.format_value(value)}
        options = []
        for option_value, label in self.choices:
            option_value = "" if option_value is None else str(option_value)
            selected = " selected" if option_value in chosen else ""
            options.append(f'<option value="{escape(option_value)}"{selected}>{escape(str(label))}</option>')
        return mark_safe(f"<select{flatatt(final_attrs)}>{''.join(options)}</select>")  # noqa: S308 -- escaped above


class DirectoryQuarterField(forms.ModelChoiceField):
    """The quarter filter: a quarter that is not one of the offered ones (the town was changed without
    JavaScript, an old link) is ignored instead of failing the whole search."""

    widget = PlainSelect

    def to_python(self, value):
        try:
            return super().to_python(value)
        except ValidationError:
            return None


def _chosen_id(data, name: str) -> int | None:
    value = (data or {}).get(name) or ""
    return int(value) if str(value).isdigit() else None


def _municipality_choices():
    return [("", _("All")), *municipality_choices()]


class DirectoryForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    municipality = forms.TypedChoiceField(
        label=_("Municipality"),
        choices=_municipality_choices,  # cached, renewed when a municipality changes
        coerce=int,
        empty_value=None,
        required=False,
        # htmx: reload the quarter select with the quarters of the chosen town (without JavaScript the
        # "Show" button does the same with the whole page).
        widget=PlainSelect(
            attrs={
                "hx-get": reverse_lazy("initiatives:directory_quarters"),
                "hx-trigger": "change",
                "hx-target": "#div_id_quarter",
                "hx-swap": "outerHTML",
            }
        ),
    )
    quarter = DirectoryQuarterField(
        label=_("Quarter"), queryset=Quarter.objects.none(), required=False, empty_label=_("All")
    )
    motive = forms.ChoiceField(
        label=_("Motive"), choices=[("", _("All")), *Motive.choices], required=False, widget=PlainSelect
    )
    service_area = forms.ModelChoiceField(
        label=_("Service area"),
        queryset=ServiceArea.objects.all(),
        required=False,
        empty_label=_("All"),
        widget=PlainSelect,
    )
    stage = forms.ChoiceField(
        label=_("Stage"), choices=[("", _("All")), *Stage.choices], required=False, widget=PlainSelect
    )
    legal_form = forms.ModelChoiceField(
        label=_("Legal form"),
        queryset=LegalForm.objects.all(),
        required=False,
        empty_label=_("All"),
        widget=PlainSelect,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the quarters of the chosen town are offered: all of them would be thousands of options. A link
        # with a quarter but no town offers the quarters of that quarter's town.
        field = self.fields["quarter"]
        municipality_id = _chosen_id(self.data, "municipality")
        quarter_id = _chosen_id(self.data, "quarter")
        if municipality_id:
            field.queryset = Quarter.objects.filter(municipality_id=municipality_id).only("name").order_by("name")
        elif quarter_id:
            town = Quarter.objects.filter(pk=quarter_id).values("municipality_id")
            field.queryset = Quarter.objects.filter(municipality_id__in=town).only("name").order_by("name")
        else:
            field.empty_label = _("Choose a municipality first")
            field.help_text = _("The quarters of the chosen municipality are offered here.")
        field.label_from_instance = lambda quarter: quarter.name

    def filters(self) -> queries.DirectoryFilter:
        if not self.is_valid():
            return queries.DirectoryFilter()
        data = self.cleaned_data
        return queries.DirectoryFilter(
            q=data.get("q") or "",
            municipality=data.get("municipality"),
            quarter=data["quarter"].pk if data.get("quarter") else None,
            motive=data.get("motive") or "",
            service_area=data["service_area"].pk if data.get("service_area") else None,
            stage=data.get("stage") or "",
            legal_form=data["legal_form"].pk if data.get("legal_form") else None,
        )


# --- Financing plan and check --------------------------------------------------------------------


def _money_text(value: Decimal) -> str:
    """A Decimal as people type it in Germany: 1234.5 -> "1.234,50", 60000 -> "60.000"."""
    text = f"{value:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return text[:-3] if text.endswith(",00") else text


class MoneyField(forms.CharField):
    """An amount in euros as people type it ("60.000", "1.234,56 €"). Refuses negative amounts, more than two
    decimal places and amounts above one billion with a message that says so; the form keeps the text."""

    max_text = 40

    def __init__(self, *args, allow_zero: bool = False, **kwargs):
        self.allow_zero = allow_zero
        attrs = {"inputmode": "decimal", "autocomplete": "off", "maxlength": self.max_text}
        kwargs.setdefault("widget", forms.TextInput(attrs=attrs))
        super().__init__(*args, **kwargs)

    def prepare_value(self, value):
        return _money_text(value) if isinstance(value, Decimal) else value

    def to_python(self, value):
        text = super().to_python(value)
        if len(text) > self.max_text:
            raise ValidationError(_("Enter an amount in euros, e.g. 60.000 or 1.234,56."), code="invalid_amount")
        try:
            return parse_amount(text, allow_zero=self.allow_zero)
        except AmountError as error:
            raise ValidationError(str(error), code="invalid_amount") from error


class ProgrammeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.instrument_type.name})"


DATE_INPUT = {"attrs": {"type": "date"}, "format": "%Y-%m-%d"}


class FinancingLineForm(forms.Form):
    programme = ProgrammeChoiceField(
        label=_("Programme from the catalogue"),
        queryset=None,
        required=False,
        empty_label=_("No programme: another source"),
        help_text=_("Its instrument type comes with it."),
    )
    source_name = forms.CharField(
        label=_("Other source"),
        max_length=255,
        required=False,
        help_text=_("Only without a programme, e.g. “Donations from the neighbourhood” or “Own funds”."),
    )
    instrument = forms.ModelChoiceField(
        label=_("Instrument type of the other source"),
        queryset=InstrumentType.objects.order_by("position", "slug"),
        required=False,
    )
    amount = MoneyField(label=_("Amount (€)"), help_text=_("E.g. 5.000 or 1.234,56."))
    status = forms.ChoiceField(label=_("Status"), choices=FinancingLine.Status.choices)
    expected_on = forms.DateField(
        label=_("Expected on"),
        required=False,
        widget=forms.DateInput(**DATE_INPUT),
        help_text=_("When the (first) payment comes. Empty: in the start month of the plan."),
    )
    tranches = forms.IntegerField(
        label=_("Monthly payments"),
        min_value=1,
        max_value=MAX_TRANCHES,
        initial=1,
        help_text=_("Grants often pay in tranches: the amount is split into this many equal monthly payments."),
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args, initiative, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = queries.programme_choices(initiative)

    def clean(self):
        cleaned = super().clean()
        programme = cleaned.get("programme")
        source_name = (cleaned.get("source_name") or "").strip()
        instrument = cleaned.get("instrument")
        if programme is not None and (source_name or instrument is not None):
            self.add_error(None, _("Choose a programme or name another source with its instrument type, not both."))
        elif programme is None and "programme" not in self.errors:
            if not source_name:
                self.add_error("source_name", _("Choose a programme, or name the source."))
            if instrument is None and "instrument" not in self.errors:
                self.add_error("instrument", _("Choose the instrument type of this source."))
        return cleaned


def line_initial(line: FinancingLine) -> dict:
    return {
        "programme": line.programme,
        "source_name": "" if line.programme_id else line.source_name,
        "instrument": None if line.programme_id else line.instrument,
        "amount": line.amount,
        "status": line.status,
        "expected_on": line.expected_on,
        "tranches": line.tranches,
        "note": line.note,
    }


class PlanSettingsForm(forms.Form):
    start_month = forms.DateField(
        label=_("Start month"),
        required=False,
        input_formats=["%Y-%m", "%m.%Y", "%m/%Y", "%Y-%m-%d", "%d.%m.%Y"],
        widget=forms.DateInput(attrs={"type": "month", "placeholder": "2026-04"}, format="%Y-%m"),
        help_text=_("When the one-off costs fall due and running costs begin, e.g. 2026-04 for April 2026."),
    )


YES_NO_UNKNOWN = [("yes", _("Yes")), ("no", _("No")), ("", _("Don't know"))]


def _yes_no_field(label):
    return forms.TypedChoiceField(
        label=label,
        choices=YES_NO_UNKNOWN,
        required=False,
        widget=forms.RadioSelect,
        coerce=lambda value: {"yes": True, "no": False}.get(value),
        empty_value=None,
    )


def _fact_field(key: str):
    label = question_text(key) if ":" not in key else _("Your answer")
    if key in {"capital_need", "own_funds"}:
        return MoneyField(label=label, allow_zero=True, help_text=_("E.g. 60.000 or 1.234,56."))
    if key == "service_areas":
        return forms.ModelMultipleChoiceField(
            label=label, queryset=ServiceArea.objects.all(), widget=forms.CheckboxSelectMultiple
        )
    if key == "profitability":
        return forms.ChoiceField(
            label=label,
            choices=[*Profitability.choices, ("", _("Don't know"))],
            required=False,
            widget=forms.RadioSelect,
        )
    if key in {"securities", "gemeinnuetzig"} or key.split(":", 1)[0] in {"area", "condition"}:
        return _yes_no_field(label)
    return None


def fact_form(key: str, *, data=None, initial=None) -> forms.Form | None:
    """The one-field form (field "value") that answers a question of the financing check, or None.

    Initiative facts get a prefix, since the profile shows several of them on one page; the programmes' own
    questions are answered with yes/no buttons named plainly "value".
    """
    field = _fact_field(key)
    if field is None:
        return None
    if isinstance(initial, bool):
        initial = "yes" if initial else "no"
    form_class = type("FactForm", (forms.Form,), {"value": field})
    prefix = None if ":" in key else f"fact-{key}"
    return form_class(data=data, initial={"value": initial} if initial is not None else None, prefix=prefix)
