"""Confidential notes: each display is recorded before rendering; the record of reads."""

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from common.web import paginate, permission_required

from .. import queries, services
from .common import get_case, get_consultation, get_municipality


def _reads_page(request, reads):
    return paginate(request, reads, "note_reads")


@permission_required("advisory.view_confidential_note", get_consultation)
def consultation_note(request, consultation):
    note = queries.confidential_note_for(consultation)
    if note is None:
        raise Http404(_("This consultation has no confidential note."))
    note.consultation = consultation
    services.confidential_notes_read(notes=[note], by=request.user, page="note")
    return render(
        request,
        "advisory/consultation_note.html",
        {"case": consultation.case, "consultation": consultation, "note": note},
    )


@permission_required("advisory.view_confidential_note", get_case)
def case_notes(request, case):
    page = paginate(request, queries.confidential_notes_of_case(case))
    # Only the notes of this page are shown, so only they are recorded as read.
    notes = services.confidential_notes_read(notes=page.object_list, by=request.user, page="case")
    return render(request, "advisory/case_notes.html", {"case": case, "notes": notes, "page_obj": page})


@permission_required("advisory.view_note_reads", get_case)
def case_note_reads(request, case):
    page = _reads_page(request, queries.note_reads_of_case(case))
    return render(
        request, "advisory/note_reads.html", {"municipality": case.municipality, "case": case, "page_obj": page}
    )


@permission_required("advisory.view_note_reads", get_municipality)
def municipality_note_reads(request, municipality):
    page = _reads_page(request, queries.note_reads_of_municipality(municipality))
    return render(request, "advisory/note_reads.html", {"municipality": municipality, "case": None, "page_obj": page})
