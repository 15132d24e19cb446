"""Forms of the financing plan and of the initiative's financing check."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from financing.choices import QUESTION_PREFIXES, Profitability
from financing.matching import question_text
from financing.models import InstrumentType, LegalForm
from needs.models import ServiceArea

from ..forms.fields import MoneyField
from ..models import (
    MAX_TRANCHES,
    Entity,
    FinancingLine,
)
from .loans import MAX_TERM_MONTHS
from .queries import programme_choices


class RateField(forms.CharField):
    """A percentage as people type it: "1,5", "1.5" or "1,5 %" (a comma or a dot before the decimals, no
    thousands). Empty: None. The service checks the range; the form keeps the text."""

    max_text = 12

    def __init__(self, *args, **kwargs):
        attrs = {"inputmode": "decimal", "autocomplete": "off", "maxlength": self.max_text}
        kwargs.setdefault("widget", forms.TextInput(attrs=attrs))
        super().__init__(*args, **kwargs)

    def prepare_value(self, value):
        return f"{value.normalize():f}".replace(".", ",") if isinstance(value, Decimal) else value

    def to_python(self, value):
        text = super().to_python(value)
        text = text.replace("%", "").replace(" ", "").replace("\u00a0", "").replace(",", ".")
        if not text:
            return None
        try:
            rate = Decimal(text) if len(text) <= self.max_text else None
        except ArithmeticError:
            rate = None
        if rate is None or not rate.is_finite():
            raise ValidationError(_("Enter the interest rate as a number, e.g. 1,5."), code="invalid_rate")
        return rate


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
    repayment = forms.ChoiceField(
        label=_("Repayment"),
        choices=[("", _("No terms given")), *FinancingLine.Repayment.choices],
        required=False,
        help_text=_(
            "Annuity: equal monthly payments of interest and repayment. Linear: equal repayments plus the interest "
            "on what is still owed. Bullet: interest every month, everything repaid at the end. Interest-free "
            "subordinated loan: no interest, repaid in one at the end of the term."
        ),
    )
    interest_rate = RateField(label=_("Interest rate (percent a year)"), required=False, help_text=_("E.g. 1,5."))
    term_months = forms.IntegerField(
        label=_("Term (months)"),
        required=False,
        widget=forms.NumberInput(attrs={"min": 1, "max": MAX_TERM_MONTHS}),
        help_text=_("From the month after the payout to the last payment, e.g. 120 for ten years."),
    )
    grace_months = forms.IntegerField(
        label=_("Months without repayment"),
        required=False,
        widget=forms.NumberInput(attrs={"min": 0}),
        help_text=_("At the beginning of the term only the interest is paid. Empty: none."),
    )

    entity = forms.ModelChoiceField(
        label=_("Received by"),
        queryset=Entity.objects.none(),
        required=False,
        empty_label=_("The lead organisation"),
        help_text=_("Which organisation of the initiative receives this money: the check judges the source for it."),
    )

    LOAN_FIELDS = ("repayment", "interest_rate", "term_months", "grace_months")

    def __init__(self, *args, initiative, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programme_choices(initiative)
        entities = Entity.objects.filter(initiative=initiative).select_related("legal_form")
        if len(entities) > 1:  # one organisation (or none) receives everything: nothing to choose
            self.fields["entity"].queryset = entities
        else:
            del self.fields["entity"]

    @property
    def source_fields(self) -> list:
        return [self[name] for name in self.fields if name not in self.LOAN_FIELDS]

    @property
    def loan_fields(self) -> list:
        return [self[name] for name in self.LOAN_FIELDS]

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
        "entity": line.entity_id,
        "source_name": "" if line.programme_id else line.source_name,
        "instrument": None if line.programme_id else line.instrument,
        "amount": line.amount,
        "status": line.status,
        "expected_on": line.expected_on,
        "tranches": line.tranches,
        "note": line.note,
        "repayment": line.repayment,
        "interest_rate": line.interest_rate,
        "term_months": line.term_months,
        "grace_months": line.grace_months,
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
    if key in {"securities", "gemeinnuetzig"} or key.split(":", 1)[0] in QUESTION_PREFIXES:
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


class EntityForm(forms.Form):
    """An organisation of the initiative (organisation.entity_save)."""

    name = forms.CharField(
        label=_("Name"), max_length=200, help_text=_("E.g. “Elterninitiative Inklusives Wohnen Eving e.V.”.")
    )
    legal_form = forms.ModelChoiceField(
        label=_("Legal form"),
        queryset=LegalForm.objects.order_by("position", "name"),
        required=False,
        empty_label=_("No legal form yet"),
    )
    founding = forms.ChoiceField(label=_("Founding"), choices=Entity.Founding.choices)
    own_funds = MoneyField(label=_("Own funds (€)"), required=False, allow_zero=True, help_text=_("Empty: not known."))
    is_gemeinnuetzig = forms.NullBooleanField(
        label=_("Recognised as gemeinnützig"),
        required=False,
        widget=forms.Select(choices=[("unknown", _("Not known")), ("true", _("Yes")), ("false", _("No"))]),
    )
    is_lead = forms.BooleanField(
        label=_("Lead organisation"),
        required=False,
        help_text=_("The organisation that speaks and applies for the initiative; an initiative has one."),
    )


def entity_initial(entity: Entity) -> dict:
    return {
        "name": entity.name,
        "legal_form": entity.legal_form_id,
        "founding": entity.founding,
        "own_funds": entity.own_funds,
        "is_gemeinnuetzig": entity.is_gemeinnuetzig,
        "is_lead": entity.is_lead,
    }
