from django import forms
from django.db.models import BLANK_CHOICE_DASH
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from initiatives.models import Actor
from quarters.models import Quarter

from . import queries
from .models import (
    TEXT_MAX_LENGTH,
    Case,
    ConfidentialNote,
    Consultation,
    Phase,
    Referral,
    Topic,
    Workshop,
)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def _person_label(user):
    return f"{user.public_name} ({user.email})"


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return _person_label(obj)


class PeopleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return _person_label(obj)


class CaseChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.display_name


class ServiceForm(forms.Form):
    """A form that feeds one service: its fields are named like the service's keyword arguments."""

    def service_kwargs(self) -> dict:
        """The cleaned fields as keyword arguments for the service (call after `is_valid()`)."""
        return {name: self.cleaned_data[name] for name in self.fields}


class CaseForm(ServiceForm):
    """Open or edit a case. For an initiative the name may stay empty: the initiative's name is used."""

    initiative = forms.ModelChoiceField(
        label=_("Initiative"),
        queryset=None,
        required=False,
        help_text=_("Leave empty for a group that has not registered yet; link it later."),
    )
    name = forms.CharField(
        label=_("Name of the group"),
        max_length=160,
        required=False,
        help_text=_("Required for a group without a registered initiative."),
    )
    quarter = forms.ModelChoiceField(label=_("Quarter"), queryset=None)
    contact_name = forms.CharField(label=_("Contact person"), max_length=120, required=False)
    contact_email = forms.EmailField(label=_("Contact e-mail"), required=False)
    contact_phone = forms.CharField(label=_("Contact phone"), max_length=40, required=False)

    def __init__(self, *args, municipality, case=None, can_assign=False, **kwargs):
        if case is not None:
            kwargs.setdefault("initial", self.initial_for(case))
        super().__init__(*args, **kwargs)
        self.fields["initiative"].queryset = queries.initiatives_without_case(
            municipality, current=case.initiative if case else None
        )
        self.fields["quarter"].queryset = Quarter.objects.filter(municipality=municipality).order_by("name")
        if can_assign and case is None:
            self.fields["advisor"] = PersonChoiceField(
                label=_("Advisor"),
                queryset=queries.staff_choices(municipality),
                required=False,
                help_text=_("An advisor who opens a case takes it on unless someone else is chosen."),
            )

    @staticmethod
    def initial_for(case: Case) -> dict:
        return {
            "initiative": case.initiative,
            "name": case.name,
            "quarter": case.quarter,
            "contact_name": case.contact_name,
            "contact_email": case.contact_email,
            "contact_phone": case.contact_phone,
        }

    def clean(self):
        data = super().clean()
        initiative = data.get("initiative")
        if not (data.get("name") or "").strip() and initiative is None:
            self.add_error("name", _("Give the group's name, or choose its initiative."))
        if initiative is not None and not (data.get("name") or "").strip():
            data["name"] = initiative.name
        return data


class AssignForm(ServiceForm):
    advisor = PersonChoiceField(
        label=_("Advisor"), queryset=None, required=False, help_text=_("Leave empty to unassign the case.")
    )

    def __init__(self, *args, case: Case, **kwargs):
        kwargs.setdefault("initial", {"advisor": case.advisor})
        super().__init__(*args, **kwargs)
        self.fields["advisor"].queryset = queries.staff_choices(case.municipality)


class PhaseForm(ServiceForm):
    phase = forms.ChoiceField(
        label=_("Move to phase"), choices=[(v, label) for v, label in Phase.choices if v != Phase.CLOSED]
    )
    on = forms.DateField(label=_("As of"), widget=DateInput(), initial=timezone.localdate)

    def __init__(self, *args, case: Case | None = None, **kwargs):
        if case is not None:
            kwargs.setdefault("initial", {"phase": case.phase})
        super().__init__(*args, **kwargs)

    def clean_on(self):
        on = self.cleaned_data["on"]
        if on > timezone.localdate():
            raise forms.ValidationError(_("The date cannot lie in the future."))
        return on


class ConsultationForm(ServiceForm):
    held_on = forms.DateField(label=_("Date"), widget=DateInput(), initial=timezone.localdate)
    duration_minutes = forms.IntegerField(label=_("Duration (minutes)"), min_value=1, max_value=24 * 60, initial=60)
    format = forms.ChoiceField(label=_("Format"), choices=Consultation.Format.choices)
    topics = forms.MultipleChoiceField(
        label=_("Topics"), choices=Topic.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    participants = PeopleChoiceField(
        label=_("Participants with an account"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Linked people find this consultation in their data export."),
    )
    participants_text = forms.CharField(
        label=_("Participants"),
        max_length=500,
        required=False,
        help_text=_("Who took part, as you would write it in the minutes."),
    )
    summary = forms.CharField(
        label=_("Summary"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=TEXT_MAX_LENGTH,
        help_text=_("The initiative's lead and core team can read the summary."),
    )
    outcomes = forms.CharField(
        label=_("Outcomes"), widget=forms.Textarea(attrs={"rows": 3}), max_length=TEXT_MAX_LENGTH, required=False
    )
    next_steps = forms.CharField(
        label=_("Next steps"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=TEXT_MAX_LENGTH,
        required=False,
        help_text=_("Turn them into tasks with an owner and a due date on the case page."),
    )
    confidential_note = forms.CharField(
        label=_("Confidential note"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=TEXT_MAX_LENGTH,
        required=False,
        help_text=_(
            "Only advisors and coordinators of the municipality can read this. Every reading is recorded. "
            "The initiative never sees it."
        ),
    )

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participants"].queryset = queries.participant_choices(case)

    @staticmethod
    def initial_for(consultation: Consultation, note: ConfidentialNote | None) -> dict:
        """The consultation to edit, with its confidential note (the caller records that read)."""
        return {
            "held_on": consultation.held_on,
            "duration_minutes": consultation.duration_minutes,
            "format": consultation.format,
            "topics": consultation.topic_values(),
            "participants": list(consultation.participants.values_list("pk", flat=True)),
            "participants_text": consultation.participants_text,
            "summary": consultation.summary,
            "outcomes": consultation.outcomes,
            "next_steps": consultation.next_steps,
            "confidential_note": note.text if note else "",
        }

    def clean_held_on(self):
        held_on = self.cleaned_data["held_on"]
        if held_on > timezone.localdate():
            raise forms.ValidationError(_("A consultation cannot lie in the future."))
        return held_on


class TaskForm(ServiceForm):
    title = forms.CharField(label=_("Task"), max_length=200)
    owner = PersonChoiceField(
        label=_("Owner"),
        queryset=None,
        required=False,
        help_text=_("An advisor, or someone of the initiative's lead and core team. The owner is notified."),
    )
    due_on = forms.DateField(label=_("Due on"), widget=DateInput(), required=False)
    consultation = forms.ModelChoiceField(label=_("From consultation"), queryset=None, required=False)

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = queries.owner_choices(case)
        self.fields["consultation"].queryset = case.consultations.order_by("-held_on")

    @staticmethod
    def initial_from(query) -> dict:
        """A task from a consultation: the case page links here with ?consultation=<pk>."""
        consultation = query.get("consultation", "")
        return {"consultation": int(consultation)} if consultation.isdigit() else {}


class ActorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.get_kind_display()})"


class ReferralForm(ServiceForm):
    """Refer a case to an actor of the directory, or to one not in it by kind and name."""

    actor = ActorChoiceField(
        label=_("Actor from the directory"),
        queryset=None,
        required=False,
        empty_label=_("Not in the directory"),
        help_text=_("Choosing one fills in the kind and the name."),
    )
    actor_type = forms.ChoiceField(
        label=_("Kind of actor"), choices=BLANK_CHOICE_DASH + Actor.Kind.choices, required=False
    )
    actor_name = forms.CharField(
        label=_("Actor"), max_length=200, required=False, help_text=_("E.g. the bank or foundation.")
    )
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=TEXT_MAX_LENGTH, required=False
    )
    referred_on = forms.DateField(label=_("Referred on"), widget=DateInput(), initial=timezone.localdate)
    status = forms.ChoiceField(label=_("Status"), choices=Referral.Status.choices, initial=Referral.Status.PLANNED)
    result = forms.CharField(
        label=_("Result"), widget=forms.Textarea(attrs={"rows": 3}), max_length=TEXT_MAX_LENGTH, required=False
    )

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["actor"].queryset = queries.referral_actor_choices(case)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("actor"):
            # Without an actor of the directory, kind and name are needed (the service checks this again).
            for name in ("actor_type", "actor_name"):
                if name not in self.errors and not (cleaned.get(name) or "").strip():
                    self.add_error(name, self.fields[name].error_messages["required"])
        return cleaned


class ReferralUpdateForm(ServiceForm):
    status = forms.ChoiceField(label=_("Status"), choices=Referral.Status.choices)
    result = forms.CharField(
        label=_("Result"), widget=forms.Textarea(attrs={"rows": 3}), max_length=TEXT_MAX_LENGTH, required=False
    )
    closed_on = forms.DateField(
        label=_("Concluded on"),
        widget=DateInput(),
        required=False,
        help_text=_("For a successful, unsuccessful or cancelled referral; today if empty."),
    )

    def __init__(self, *args, referral: Referral, **kwargs):
        kwargs.setdefault(
            "initial", {"status": referral.status, "result": referral.result, "closed_on": referral.closed_on}
        )
        super().__init__(*args, **kwargs)


class WorkshopForm(ServiceForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    topic = forms.ChoiceField(label=_("Topic"), choices=Topic.choices)
    held_on = forms.DateField(label=_("Date"), widget=DateInput())
    place = forms.CharField(label=_("Place"), max_length=200)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), max_length=TEXT_MAX_LENGTH, required=False
    )
    attendees = forms.IntegerField(label=_("Number of attendees"), min_value=0, max_value=32767, required=False)
    cases = CaseChoiceField(
        label=_("Participating initiatives and groups"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, municipality, workshop: Workshop | None = None, **kwargs):
        if workshop is not None:
            kwargs.setdefault("initial", self.initial_for(workshop))
        super().__init__(*args, **kwargs)
        self.fields["cases"].queryset = queries.open_cases_of(municipality)

    @staticmethod
    def initial_for(workshop: Workshop) -> dict:
        return {
            "title": workshop.title,
            "topic": workshop.topic,
            "held_on": workshop.held_on,
            "place": workshop.place,
            "description": workshop.description,
            "attendees": workshop.attendees,
            "cases": list(workshop.cases.values_list("pk", flat=True)),
        }


class CaseFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, help_text=_("Name or consultation summary."))
    phase = forms.ChoiceField(label=_("Phase"), required=False, choices=[("", _("All phases")), *Phase.choices])
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), (queries.ACTIVE, _("Open or paused")), *Case.Status.choices],
    )
    advisor = forms.TypedChoiceField(label=_("Advisor"), required=False, coerce=int, empty_value=None)
    sort = forms.ChoiceField(
        label=_("Order"),
        required=False,
        choices=[("", _("Phase and name")), (queries.SORT_URGENCY, _("Most urgent first"))],
    )

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        # Plain choices from one query: a ModelChoiceField would ask again to validate.
        self.fields["advisor"].choices = [
            ("", _("All advisors")),
            *((person.pk, person.public_name) for person in queries.staff_choices(municipality)),
        ]

    def filters(self) -> queries.CaseFilter:
        if not self.is_valid():
            return queries.CaseFilter()
        data = self.cleaned_data
        return queries.CaseFilter(
            q=data["q"], phase=data["phase"], status=data["status"], advisor=data["advisor"], sort=data["sort"]
        )


class YearForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(year, str(year)) for year in years]
