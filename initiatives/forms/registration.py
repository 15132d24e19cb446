"""Registering an initiative: the first form and the steps of the registration wizard."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from financing.choices import Stage
from financing.models import LegalForm
from needs.models import AffectedGroup, Potential, ServiceArea

from ..models import (
    NAME_MAX_LENGTH,
    SHORT_DESCRIPTION_MAX_LENGTH,
    TEXT_MAX_LENGTH,
    Initiative,
    Motive,
)
from ..queries.profile import need_choices
from .fields import MONEY, quarters_field


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
        self.fields["answered_needs"].queryset = need_choices(initiative.quarters.all())
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
