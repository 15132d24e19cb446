"""Taking part: offering help, pledging support."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import (
    Pledge,
)


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
