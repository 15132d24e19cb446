"""Consultations of a case."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .. import queries, services
from ..forms import ConsultationForm
from .common import _case, _consultation, _form_errors, permission


def _consultation_data(form) -> dict:
    data = form.cleaned_data
    return {
        "held_on": data["held_on"],
        "duration_minutes": data["duration_minutes"],
        "format": data["format"],
        "topics": data["topics"],
        "participants": data["participants"],
        "participants_text": data["participants_text"],
        "summary": data["summary"],
        "outcomes": data["outcomes"],
        "next_steps": data["next_steps"],
        "confidential_note": data["confidential_note"],
    }


@permission("advisory.change_case", _case)
def consultation_create(request, case):
    form = ConsultationForm(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        try:
            services.consultation_log(case=case, by=request.user, **_consultation_data(form))
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("The consultation has been logged."))
            return redirect(case.get_absolute_url() + "#consultations")
    return render(request, "advisory/consultation_form.html", {"case": case, "form": form, "consultation": None})


@permission("advisory.change_case", _consultation)
def consultation_edit(request, consultation):
    case = consultation.case
    if request.method == "POST":
        form = ConsultationForm(request.POST, case=case)
        if form.is_valid():
            try:
                services.consultation_update(consultation=consultation, by=request.user, **_consultation_data(form))
            except ValidationError as error:
                _form_errors(form, error)
            else:
                messages.success(request, _("The consultation has been saved."))
                return redirect(case.get_absolute_url() + "#consultations")
    else:
        note = queries.confidential_note_for(consultation)
        if note is not None:
            # The form shows the note for editing: that is a read like any other.
            services.confidential_notes_read(notes=[note], by=request.user, page="edit")
        form = ConsultationForm(
            case=case,
            initial={
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
            },
        )
    return render(
        request, "advisory/consultation_form.html", {"case": case, "form": form, "consultation": consultation}
    )
