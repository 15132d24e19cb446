"""The municipal takeover: its start and its end."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from quarters.models import Municipality


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
