"""The business concept: its sections, costs and revenues, milestones; copying it."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import (
    NAME_MAX_LENGTH,
    SHORT_DESCRIPTION_MAX_LENGTH,
    TEXT_MAX_LENGTH,
    Concept,
    ConceptLineItem,
)
from .fields import MoneyField, quarters_field


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
    amount = MoneyField(label=_("Amount (€)"), allow_zero=True, help_text=_("E.g. 5.000 or 1.234,56."))
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
