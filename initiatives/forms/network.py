"""The network: links to other initiatives, actors with their role."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import (
    Actor,
    InitiativeActor,
)
from ..queries.visibility import public_initiatives


class LinkForm(forms.Form):
    other = forms.ModelChoiceField(label=_("Initiative"), queryset=None)
    description = forms.CharField(
        label=_("Relation"), max_length=200, required=False, help_text=_("E.g. shares rooms, same model, mentors.")
    )

    def __init__(self, *args, initiative, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["other"].queryset = (
            public_initiatives().exclude(pk=initiative.pk).select_related("municipality").order_by("name")
        )
        self.fields["other"].label_from_instance = lambda i: f"{i.name} ({i.municipality.name})"


class ActorLinkForm(forms.Form):
    actor = forms.ModelChoiceField(label=_("Actor"), queryset=None, required=False, empty_label=_("A new actor"))
    actor_name = forms.CharField(label=_("Name of a new actor"), max_length=200, required=False)
    actor_kind = forms.ChoiceField(
        label=_("Kind of the new actor"), choices=Actor.Kind.choices, initial=Actor.Kind.OTHER
    )
    role = forms.ChoiceField(label=_("Role"), choices=InitiativeActor.Role.choices)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args, initiative, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["actor"].queryset = Actor.objects.filter(
            municipality__in=[initiative.municipality_id]
        ) | Actor.objects.filter(municipality__isnull=True)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("actor") and not (cleaned.get("actor_name") or "").strip():
            self.add_error("actor_name", _("Choose an actor or give the name of a new one."))
        return cleaned
