from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from common.money import AmountError, parse_amount
from needs.models import ServiceArea
from quarters.models import Municipality

from .choices import NO_LEGAL_FORM, Level, Profitability, Stage, State, state_code
from .importexport import FORMATS, MAX_FILE_SIZE
from .matching.profile import Profile
from .models import (
    InstrumentType,
    LegalForm,
    Programme,
    ServiceModel,
    ServiceModelFinancing,
    ServiceModelLegalForm,
)

YES_NO_UNKNOWN = [("", _("Don't know / not given")), ("yes", _("Yes")), ("no", _("No"))]


class EuroField(forms.CharField):
    """An amount in euros as people type it ("60.000", "1.234,56 €"); refuses negative and unreadable amounts."""

    def __init__(self, *args, maximum: Decimal | None = None, **kwargs):
        self.maximum = maximum
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}))
        super().__init__(*args, **kwargs)

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            text = f"{value:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")
            return text[:-3] if text.endswith(",00") else text
        return value

    def to_python(self, value):
        value = super().to_python(value)
        try:
            amount = parse_amount(value)
        except AmountError as error:
            raise ValidationError(str(error), code="invalid_amount") from error
        if amount is not None and self.maximum is not None and amount > self.maximum:
            raise ValidationError(
                _("The value must not be more than %(max)s.") % {"max": self.maximum}, code="too_large"
            )
        return amount


class NullBooleanChoiceField(forms.TypedChoiceField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("choices", YES_NO_UNKNOWN)
        kwargs.setdefault("required", False)
        kwargs["coerce"] = lambda value: {"yes": True, "no": False}.get(value)
        kwargs["empty_value"] = None
        super().__init__(*args, **kwargs)

    def prepare_value(self, value):
        if value is True:
            return "yes"
        if value is False:
            return "no"
        return value


class ProgrammeFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    instrument_type = forms.ModelChoiceField(
        label=_("Instrument type"),
        queryset=InstrumentType.objects.order_by("position"),
        required=False,
        to_field_name="slug",
    )
    level = forms.ChoiceField(label=_("Level"), choices=[("", _("All levels")), *Level.choices], required=False)
    state = forms.ChoiceField(label=_("Federal state"), choices=[("", _("All states")), *State.choices], required=False)
    municipality = forms.ModelChoiceField(
        label=_("Municipality"), queryset=Municipality.objects.order_by("name"), required=False, to_field_name="slug"
    )
    legal_form = forms.ModelChoiceField(
        label=_("Open to legal form"),
        queryset=LegalForm.objects.order_by("position"),
        required=False,
        to_field_name="slug",
    )
    service_area = forms.ModelChoiceField(
        label=_("Purpose"), queryset=ServiceArea.objects.all(), required=False, to_field_name="slug"
    )


def _municipality_field(municipalities, *, allow_shared: bool, required: bool):
    field = forms.ModelChoiceField(
        label=_("Catalogue"),
        queryset=municipalities,
        required=required and not allow_shared,
        empty_label=_("Shared catalogue (all municipalities)") if allow_shared else None,
        help_text=_("A municipality's own programme is kept by its coordinators."),
    )
    return field


class ProgrammeForm(forms.ModelForm):
    amount_min = EuroField(label=_("Minimum amount (€)"))
    amount_max = EuroField(label=_("Maximum amount (€)"))
    own_share_percent = EuroField(label=_("Own share (%)"), maximum=Decimal(100))
    open_to_individuals = NullBooleanChoiceField(label=_("Open to individuals and informal groups"))
    requires_gemeinnuetzig = NullBooleanChoiceField(label=_("Only for gemeinnützig organisations"))
    requires_securities = NullBooleanChoiceField(label=_("Securities required"))
    pays_after_spending = NullBooleanChoiceField(
        label=_("Pays only after spending"), help_text=_("Not given: as usual for its instrument type.")
    )
    rolling = NullBooleanChoiceField(label=_("Rolling application"))
    profitability = forms.MultipleChoiceField(
        label=_("Profitability fit"), choices=Profitability.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    stages = forms.MultipleChoiceField(
        label=_("Suitable stages"), choices=Stage.choices, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Programme
        fields = [
            "name",
            "provider",
            "instrument_type",
            "level",
            "state",
            "area_restriction",
            "extra_condition",
            "eligible_legal_forms",
            "open_to_individuals",
            "requires_gemeinnuetzig",
            "eligibility_note",
            "service_areas",
            "purposes_note",
            "profitability",
            "stages",
            "amount_min",
            "amount_max",
            "own_share_percent",
            "own_share_note",
            "requires_securities",
            "securities_note",
            "pays_after_spending",
            "deadline",
            "rolling",
            "deadline_note",
            "sources",
            "source_excerpt",
            "checked_on",
            "note",
        ]
        widgets = {
            "eligible_legal_forms": forms.CheckboxSelectMultiple,
            "service_areas": forms.CheckboxSelectMultiple,
            "deadline": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "checked_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "eligibility_note": forms.Textarea(attrs={"rows": 2}),
            "purposes_note": forms.Textarea(attrs={"rows": 2}),
            "sources": forms.Textarea(attrs={"rows": 2}),
            "source_excerpt": forms.Textarea(attrs={"rows": 3}),
            "note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, municipalities=None, allow_shared=False, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None and municipalities is not None:
            self.fields["municipality"] = _municipality_field(municipalities, allow_shared=allow_shared, required=True)
            self.order_fields(["municipality"])
        self.fields["eligible_legal_forms"].queryset = LegalForm.objects.order_by("position")
        self.fields["instrument_type"].queryset = InstrumentType.objects.order_by("position")

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("amount_min"), cleaned.get("amount_max")
        if low is not None and high is not None and low > high:
            self.add_error("amount_max", _("The maximum amount must not be below the minimum amount."))
        return cleaned

    def service_fields(self) -> dict:
        return {name: value for name, value in self.cleaned_data.items() if name != "municipality"}


class ProgrammeImportForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("CSV or JSON, UTF-8, at most 1 MB; the columns as in the export."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.json,text/csv,application/json"}),
    )
    file_format = forms.ChoiceField(label=_("Format"), choices=[(value, value.upper()) for value in FORMATS])

    def __init__(self, *args, municipalities=None, allow_shared=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"] = _municipality_field(municipalities, allow_shared=allow_shared, required=True)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
        if extension not in FORMATS:
            raise ValidationError(_("Upload a .csv or .json file."), code="file_type")
        if upload.size > MAX_FILE_SIZE:
            raise ValidationError(_("The file is larger than 1 MB."), code="file_size")
        return upload


class CheckForm(forms.Form):
    """The financing check: every fact optional; what is missing is asked for in the result."""

    legal_form = forms.ChoiceField(label=_("Legal form"), required=False)
    stage = forms.ChoiceField(
        label=_("Stage"), choices=[("", _("Don't know / not given")), *Stage.choices], required=False
    )
    service_areas = forms.ModelMultipleChoiceField(
        label=_("Service areas"),
        queryset=ServiceArea.objects.all(),
        to_field_name="slug",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    state = forms.ChoiceField(
        label=_("Federal state"), choices=[("", _("Don't know / not given")), *State.choices], required=False
    )
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label=_("Don't know / not given"),
    )
    capital_need = EuroField(label=_("Money needed (€)"))
    own_funds = EuroField(label=_("Own funds (€)"))
    profitability = forms.ChoiceField(
        label=_("Profitability"), choices=[("", _("Don't know / not given")), *Profitability.choices], required=False
    )
    has_securities = NullBooleanChoiceField(label=_("Securities available"))
    is_gemeinnuetzig = NullBooleanChoiceField(label=_("Recognised as gemeinnützig"))

    FIELD_FOR_QUESTION = {
        "legal_form": "legal_form",
        "gemeinnuetzig": "is_gemeinnuetzig",
        "region": "municipality",
        "service_areas": "service_areas",
        "stage": "stage",
        "profitability": "profitability",
        "capital_need": "capital_need",
        "own_funds": "own_funds",
        "securities": "has_securities",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["legal_form"].choices = [
            ("", _("Don't know / not given")),
            (NO_LEGAL_FORM, _("No legal form yet")),
            *[(form.slug, str(form)) for form in LegalForm.objects.order_by("position")],
        ]

    def profile(self, answers: tuple = ()) -> Profile:
        data = self.cleaned_data
        municipality = data.get("municipality")
        state = data.get("state") or None
        if municipality is not None and not state:
            state = state_code(municipality.state)
        return Profile(
            legal_form=data.get("legal_form") or None,
            stage=data.get("stage") or None,
            service_areas=frozenset(area.slug for area in data.get("service_areas") or ()),
            state=state,
            municipality=municipality.slug if municipality else None,
            capital_need=data.get("capital_need"),
            own_funds=data.get("own_funds"),
            profitability=data.get("profitability") or None,
            has_securities=data.get("has_securities"),
            is_gemeinnuetzig=data.get("is_gemeinnuetzig"),
            answers=answers,
        )


class ServiceModelForm(forms.ModelForm):
    one_off_cost_min = EuroField(label=_("One-off costs from (€)"))
    one_off_cost_max = EuroField(label=_("One-off costs up to (€)"))
    running_cost_min = EuroField(label=_("Running costs per year from (€)"))
    running_cost_max = EuroField(label=_("Running costs per year up to (€)"))
    needs_space = NullBooleanChoiceField(label=_("Needs space (a room or building)"))
    needs_volunteers = NullBooleanChoiceField(label=_("Needs volunteers"))
    needs_paid_coordinator = NullBooleanChoiceField(label=_("Needs a paid coordinator"))

    class Meta:
        model = ServiceModel
        fields = [
            "name",
            "summary",
            "service_areas",
            "service_area_note",
            "legal_forms_note",
            "financing_note",
            "one_off_cost_min",
            "one_off_cost_max",
            "running_cost_min",
            "running_cost_max",
            "cost_note",
            "needs_space",
            "needs_volunteers",
            "needs_paid_coordinator",
            "needs_note",
            "risks",
            "example",
            "sources",
            "source_excerpt",
            "checked_on",
        ]
        widgets = {
            "service_areas": forms.CheckboxSelectMultiple,
            "checked_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "summary": forms.Textarea(attrs={"rows": 3}),
            "service_area_note": forms.Textarea(attrs={"rows": 2}),
            "legal_forms_note": forms.Textarea(attrs={"rows": 2}),
            "financing_note": forms.Textarea(attrs={"rows": 2}),
            "cost_note": forms.Textarea(attrs={"rows": 2}),
            "needs_note": forms.Textarea(attrs={"rows": 2}),
            "risks": forms.Textarea(attrs={"rows": 3}),
            "example": forms.Textarea(attrs={"rows": 2}),
            "sources": forms.Textarea(attrs={"rows": 3}),
            "source_excerpt": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self):
        cleaned = super().clean()
        for low, high in (("one_off_cost_min", "one_off_cost_max"), ("running_cost_min", "running_cost_max")):
            if cleaned.get(low) is not None and cleaned.get(high) is not None and cleaned[low] > cleaned[high]:
                self.add_error(high, _("The upper end of the range must not be below the lower end."))
        return cleaned


class FinancingLineForm(forms.ModelForm):
    share_percent = EuroField(label=_("Share (%)"), maximum=Decimal(100))

    class Meta:
        model = ServiceModelFinancing
        fields = ["instrument_type", "share_percent", "note"]


class BaseFinancingFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        total = Decimal(0)
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or form.cleaned_data.get("DELETE"):
                continue
            total += form.cleaned_data.get("share_percent") or 0
        if total > 100:
            raise ValidationError(
                _("The shares of the financing mix add up to %(total)s %%; they must not exceed 100 %%.")
                % {"total": format(total.normalize(), "f")}
            )


LegalFormLineFormSet = inlineformset_factory(
    ServiceModel,
    ServiceModelLegalForm,
    fields=["legal_form", "reason"],
    extra=1,
    can_delete=True,
    widgets={"reason": forms.Textarea(attrs={"rows": 2})},
)
FinancingLineFormSet = inlineformset_factory(
    ServiceModel,
    ServiceModelFinancing,
    form=FinancingLineForm,
    formset=BaseFinancingFormSet,
    extra=1,
    can_delete=True,
)


def formset_lines(formset, names) -> list[tuple]:
    """The kept lines of a valid formset as tuples of `names`, in order."""
    lines = []
    for form in formset.forms:
        data = getattr(form, "cleaned_data", None)
        if not data or data.get("DELETE") or not data.get(names[0]):
            continue
        lines.append(tuple(data.get(name) for name in names))
    return lines
