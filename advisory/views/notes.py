"""Confidential notes: each display is recorded before rendering; the record of reads."""

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from .. import queries, services
from .common import _case, _consultation, _municipality, _page, permission


@permission("advisory.view_note_reads", _municipality)
def municipality_note_reads(request, municipality):
    page = _page(request, queries.note_reads_of_municipality(municipality), size=50)
    return render(
        request,
        "advisory/note_reads.html",
        {"municipality": municipality, "case": None, "page_obj": page, "querystring": ""},
    )


@permission("advisory.view_confidential_note", _consultation)
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


@permission("advisory.view_confidential_note", _case)
def case_notes(request, case):
    page = _page(request, queries.confidential_notes_of_case(case), size=queries.NOTES_PER_PAGE)
    # Only the notes of this page are shown, so only they are recorded as read.
    notes = services.confidential_notes_read(notes=page.object_list, by=request.user, page="case")
    return render(request, "advisory/case_notes.html", {"case": case, "notes": notes, "page_obj": page})


@permission("advisory.view_note_reads", _case)
def case_note_reads(request, case):
    page = _page(request, queries.note_reads_of_case(case), size=50)
    return render(
        request,
        "advisory/note_reads.html",
        {"municipality": case.municipality, "case": case, "page_obj": page, "querystring": ""},
    )
