"""The directory's filters: a search, the town and its quarters, motive, service area, stage, legal form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from common.widgets import PlainSelect
from financing.choices import Stage
from financing.models import LegalForm
from needs.forms import service_area_filter
from quarters.forms import PlaceFilterForm

from ..models import (
    Motive,
)
from ..queries.visibility import DirectoryFilter


class DirectoryForm(PlaceFilterForm):
    """Values are slugs (`?municipality=dortmund&quarter=dortmund-marten&service_area=mobilitaet`); the town and
    its quarters come from the place filter (quarters.forms)."""

    field_order = ["q", "municipality", "quarter"]

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    motive = forms.ChoiceField(
        label=_("Motive"), choices=[("", _("All")), *Motive.choices], required=False, widget=PlainSelect
    )
    service_area = service_area_filter()
    stage = forms.ChoiceField(
        label=_("Stage"), choices=[("", _("All")), *Stage.choices], required=False, widget=PlainSelect
    )
    legal_form = forms.ModelChoiceField(
        label=_("Legal form"),
        queryset=LegalForm.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("All"),
        widget=PlainSelect,
    )

    def filters(self) -> DirectoryFilter:
        if not self.is_valid():
            return DirectoryFilter()
        data = self.cleaned_data
        return DirectoryFilter(
            q=data.get("q") or "",
            municipality=data["municipality"].pk if data.get("municipality") else None,
            quarter=data["quarter"].pk if data.get("quarter") else None,
            motive=data.get("motive") or "",
            service_area=data["service_area"].pk if data.get("service_area") else None,
            stage=data.get("stage") or "",
            legal_form=data["legal_form"].pk if data.get("legal_form") else None,
        )
