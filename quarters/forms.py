"""The place filter of the lists (needs, initiatives): a municipality and one of its quarters, both by slug, as
in `?municipality=dortmund&quarter=dortmund-marten`.

Only the chosen municipality's quarters are offered (all of them would be thousands of options). A quarter of
another municipality (the town was changed without JavaScript, an old link) is dropped instead of failing the
filter; a link with a quarter alone chooses its municipality. With JavaScript the municipality select reloads the
quarter select through `quarters:quarter_options` (template `components/quarter_field.html`); without, the
form's "Show" button does the same with the whole page.
"""

from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from common.widgets import PlainSelect

from .models import Municipality, Quarter
from .queries import municipality_by_slug, municipality_choices

# The wrapper crispy forms writes around the quarter field: what htmx replaces when the municipality changes.
QUARTER_FIELD_WRAPPER = "div_id_quarter"


class PlaceField(forms.ChoiceField):
    """A slug the form looks up itself (`PlaceFilterForm.clean_<name>`): one that is not offered is dropped
    instead of failing the whole filter."""

    widget = PlainSelect

    def validate(self, value):
        """Nothing to refuse: `chosen_place` keeps what exists and fits, and drops the rest."""


def _municipality_choices():
    return [("", _("All")), *municipality_choices()]  # cached, renewed when a municipality changes


def chosen_place(municipality_slug: str, quarter_slug: str) -> tuple[Municipality | None, Quarter | None]:
    """The municipality and quarter a filter names: a quarter of another municipality is dropped, a quarter alone
    (or with a municipality that does not exist) brings its municipality along. The municipality comes from the
    cache, a quarter costs one query."""
    municipality = municipality_by_slug(municipality_slug) if municipality_slug else None
    quarter = None
    if quarter_slug:
        quarter = (
            Quarter.objects.select_related("municipality")
            .only("name", "slug", "municipality__name", "municipality__slug")
            .filter(slug=quarter_slug)
            .first()
        )
    if municipality is None:
        return (quarter.municipality if quarter else None), quarter
    if quarter is not None and quarter.municipality_id != municipality.pk:
        quarter = None
    return municipality, quarter


class PlaceFilterForm(forms.Form):
    """Filter forms of lists inherit `municipality` and `quarter` from here; `cleaned_data` holds the
    `Municipality` and `Quarter` (or None), `chosen_municipality`/`chosen_quarter` the same before validation."""

    municipality = PlaceField(
        label=_("Municipality"),
        choices=_municipality_choices,
        required=False,
        widget=PlainSelect(
            attrs={
                "hx-get": reverse_lazy("quarters:quarter_options"),
                "hx-trigger": "change",
                "hx-include": "closest form",
                "hx-target": f"#{QUARTER_FIELD_WRAPPER}",
                "hx-swap": "outerHTML",
            }
        ),
    )
    quarter = PlaceField(label=_("Quarter"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        municipality_name, quarter_name = self.add_prefix("municipality"), self.add_prefix("quarter")
        self.chosen_municipality, self.chosen_quarter = None, None
        if self.is_bound:
            municipality_slug = str(self.data.get(municipality_name) or "")
            quarter_slug = str(self.data.get(quarter_name) or "")
            self.chosen_municipality, self.chosen_quarter = chosen_place(municipality_slug, quarter_slug)
            if self.chosen_municipality is not None and municipality_slug != self.chosen_municipality.slug:
                # A link with a quarter alone: the select shows the quarter's municipality as chosen.
                self.data = self.data.copy()
                self.data[municipality_name] = self.chosen_municipality.slug
        field = self.fields["quarter"]
        municipality = self.chosen_municipality
        if municipality is None:
            field.choices = [("", _("Choose a municipality first"))]
            field.help_text = _("The quarters of the chosen municipality are offered here.")
        else:
            quarters = Quarter.objects.filter(municipality=municipality).order_by("name").values_list("slug", "name")
            field.choices = [("", _("All")), *quarters]

    def clean_municipality(self) -> Municipality | None:
        return self.chosen_municipality

    def clean_quarter(self) -> Quarter | None:
        return self.chosen_quarter


FLAG_CHOICES = [("", _("not known")), ("yes", _("yes")), ("no", _("no"))]


class FundingAreasForm(forms.Form):
    """Whether each quarter of one page is a Städtebauförderung area: yes, no or not known (one field each,
    named "area-<pk>")."""

    def __init__(self, *args, quarters, **kwargs):
        super().__init__(*args, **kwargs)
        self.quarters = list(quarters)
        for quarter in self.quarters:
            value = {True: "yes", False: "no"}.get(quarter.urban_development_area, "")
            self.fields[f"area-{quarter.pk}"] = forms.ChoiceField(
                label=quarter.name, choices=FLAG_CHOICES, required=False, initial=value
            )

    def rows(self):
        return [(quarter, self[f"area-{quarter.pk}"]) for quarter in self.quarters]

    def values(self) -> dict:
        """{quarter: True, False or None} as chosen."""
        meaning = {"yes": True, "no": False, "": None}
        return {quarter: meaning[self.cleaned_data[f"area-{quarter.pk}"]] for quarter in self.quarters}
