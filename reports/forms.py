from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class ReportRequestForm(forms.Form):
    language = forms.ChoiceField(label=_("Language of the document"), choices=settings.LANGUAGES, initial="de")
