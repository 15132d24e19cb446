"""The municipality's review and its staff's overview of the initiatives."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy

from common.web import paginate, permission_required, submit

from ..forms.review import ReviewForm
from ..queries import profile as profile_queries
from ..queries import review as review_queries
from ..services import review as review_services
from .base import get_initiative, get_municipality

DONE = {
    "publish": gettext_lazy("The initiative has been published."),
    "request_changes": gettext_lazy("The initiative has been asked for changes."),
    "reject": gettext_lazy("The initiative has been rejected."),
    "archive": gettext_lazy("The initiative has been archived."),
}


@permission_required("initiatives.review_initiative", get_initiative)
def review(request, initiative):
    form = ReviewForm(request.POST or None)
    outcome = submit(
        request,
        form,
        lambda: review_services.initiative_decide(
            initiative=initiative,
            decision=form.cleaned_data["decision"],
            by=request.user,
            reason=form.cleaned_data["comment"],
        ),
    )
    if outcome.ok:
        messages.success(request, DONE[form.cleaned_data["decision"]])
        return redirect("initiatives:staff_overview", municipality_slug=initiative.municipality.slug)
    return render(
        request,
        "initiatives/review.html",
        {
            "initiative": initiative,
            "form": form,
            "quarters": initiative.quarters.all(),
            "answered_needs": profile_queries.answered_needs_with_support(initiative, request.user),
            "decisions": review_queries.review_decisions(initiative),
        },
    )


@permission_required("initiatives.view_staff_overview", get_municipality)
def staff_overview(request, municipality):
    initiatives = review_queries.staff_overview(municipality)
    page_obj = paginate(request, initiatives, "default")
    return render(
        request,
        "initiatives/staff_overview.html",
        {
            "municipality": municipality,
            "page_obj": page_obj,
            "initiatives": page_obj.object_list,
            "waiting": review_queries.review_queue(municipality).count(),
            "can_review": request.user.has_perm("initiatives.view_takeovers", municipality),
        },
    )
