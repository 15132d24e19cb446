"""The directory's filters: a search, the town and its quarters, motive, service area, stage, legal form."""

from html import escape

from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import flatatt
from django.urls import reverse_lazy
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from financing.choices import Stage
from financing.models import LegalForm
from needs.models import ServiceArea
from quarters.models import Quarter
from quarters.queries import municipality_choices

from ..models import (
    Motive,
)
from ..queries.visibility import DirectoryFilter


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

    def filters(self) -> DirectoryFilter:
        if not self.is_valid():
            return DirectoryFilter()
        data = self.cleaned_data
        return DirectoryFilter(
            q=data.get("q") or "",
            municipality=data.get("municipality"),
            quarter=data["quarter"].pk if data.get("quarter") else None,
            motive=data.get("motive") or "",
            service_area=data["service_area"].pk if data.get("service_area") else None,
            stage=data.get("stage") or "",
            legal_form=data["legal_form"].pk if data.get("legal_form") else None,
        )
