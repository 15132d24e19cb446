from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import User


class SignupForm(forms.Form):
    """Extra fields on allauth's sign-up form."""

    # allauth's sign-up form inherits this; the consent comes last, right before the button.
    field_order = ["email", "display_name", "password1", "password2", "privacy_accepted"]

    display_name = forms.CharField(
        label=_("Display name"),
        max_length=80,
        required=False,
        help_text=_("Optional. Shown next to your contributions only when you choose so."),
    )
    privacy_accepted = forms.BooleanField(
        label=_("I have read the privacy notice."),
        required=True,
        error_messages={"required": _("Please confirm that you have read the privacy notice.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The label links to the privacy notice; a new tab keeps what the person has typed so far.
        privacy_link = format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a>', reverse("privacy"), gettext("privacy notice")
        )
        self.fields["privacy_accepted"].label = format_html(
            gettext("I have read the {privacy_link}."), privacy_link=privacy_link
        )

    def signup(self, request, user):
        user.display_name = self.cleaned_data["display_name"]
        language = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
        if language in dict(settings.LANGUAGES):
            user.preferred_language = language
        user.save(update_fields=["display_name", "preferred_language"])


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["display_name", "preferred_language"]


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("To protect you, we ask for your password once more."),
    )
    confirm = forms.BooleanField(
        label=_("I understand that my account will be deleted and cannot be restored."), required=True
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("The password is not correct."))
        return password
