"""The logo and photos of an initiative's profile."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .fields import ImageField


class LogoForm(forms.Form):
    logo = ImageField(label=_("Logo"), help_text=_("JPEG, PNG, GIF or WebP, at most 5 MB."))


class PhotoForm(forms.Form):
    image = ImageField(label=_("Photo"), help_text=_("JPEG, PNG, GIF or WebP, at most 5 MB."))
    caption = forms.CharField(label=_("Caption"), max_length=200, required=False)
