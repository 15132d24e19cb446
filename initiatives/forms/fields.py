"""Fields the forms of the initiative registry share: quarters, amounts, images."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from common.money import AmountError, parse_amount
from quarters.models import Quarter

from .. import images

MONEY = {"max_digits": 12, "decimal_places": 2, "min_value": 0}


def _money_text(value: Decimal) -> str:
    """A Decimal as people type it in Germany: 1234.5 -> "1.234,50", 60000 -> "60.000"."""
    text = f"{value:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return text[:-3] if text.endswith(",00") else text


class MoneyField(forms.CharField):
    """An amount in euros as people type it ("60.000", "1.234,56 €"). Refuses negative amounts, more than two
    decimal places and amounts above one billion with a message that says so; the form keeps the text."""

    max_text = 40

    def __init__(self, *args, allow_zero: bool = False, **kwargs):
        self.allow_zero = allow_zero
        attrs = {"inputmode": "decimal", "autocomplete": "off", "maxlength": self.max_text}
        kwargs.setdefault("widget", forms.TextInput(attrs=attrs))
        super().__init__(*args, **kwargs)

    def prepare_value(self, value):
        return _money_text(value) if isinstance(value, Decimal) else value

    def to_python(self, value):
        text = super().to_python(value)
        if len(text) > self.max_text:
            raise ValidationError(_("Enter an amount in euros, e.g. 60.000 or 1.234,56."), code="invalid_amount")
        try:
            return parse_amount(text, allow_zero=self.allow_zero)
        except AmountError as error:
            raise ValidationError(str(error), code="invalid_amount") from error


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
