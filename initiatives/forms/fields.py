"""Fields the forms of the initiative registry share: quarters, amounts, images."""

from django import forms
from django.utils.translation import gettext_lazy as _

from quarters.models import Quarter

from .. import images

MONEY = {"max_digits": 12, "decimal_places": 2, "min_value": 0}


class QuarterMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.municipality.name})"


def quarters_field(**kwargs):
    return QuarterMultipleChoiceField(
        queryset=Quarter.objects.select_related("municipality").order_by("municipality__name", "name"),
        label=_("Quarter(s)"),
        help_text=_("The municipality of the first quarter reviews your initiative; all quarters must belong to it."),
        **kwargs,
    )


class ImageField(forms.FileField):
    """A file field whose value is checked and re-encoded by Pillow (see images.py)."""

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if upload and hasattr(upload, "read"):
            images.reencode(upload)  # raises ValidationError with a clear message; the service re-encodes again
            upload.seek(0)
        return upload
