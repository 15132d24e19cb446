"""Consultations of a case."""

from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from common.web import permission_required, submit

from .. import queries, services
from ..forms import ConsultationForm
from .common import get_case, get_consultation


@permission_required("advisory.change_case", get_case)
def consultation_create(request, case):
    form = ConsultationForm(request.POST or None, case=case)
    if submit(
        request,
        form,
        lambda: services.consultation_log(case=case, by=request.user, **form.service_kwargs()),
        success=_("The consultation has been logged."),
    ).ok:
        return redirect(case.get_absolute_url() + "#consultations")
    return render(request, "advisory/consultation_form.html", {"case": case, "form": form, "consultation": None})


@permission_required("advisory.change_case", get_consultation)
def consultation_edit(request, consultation):
    case = consultation.case
    if request.method == "POST":
        form = ConsultationForm(request.POST, case=case)
        if submit(
            request,
            form,
            lambda: services.consultation_update(consultation=consultation, by=request.user, **form.service_kwargs()),
            success=_("The consultation has been saved."),
        ).ok:
            return redirect(case.get_absolute_url() + "#consultations")
    else:
        note = queries.confidential_note_for(consultation)
        if note is not None:
            # The form shows the note for editing: that is a read like any other.
            services.confidential_notes_read(notes=[note], by=request.user, page="edit")
        form = ConsultationForm(case=case, initial=ConsultationForm.initial_for(consultation, note))
    return render(
        request, "advisory/consultation_form.html", {"case": case, "form": form, "consultation": consultation}
    )
