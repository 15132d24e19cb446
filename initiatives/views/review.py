"""The municipality's review and its staff's overview of the initiatives."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from common.web import paginate

from ..forms.review import ReviewForm
from ..queries import profile as profile_queries
from ..queries import review as review_queries
from ..services import review as review_services
from .base import _form_error, _querystring_without_page, with_initiative, with_municipality


@with_initiative("initiatives.review_initiative")
def review(request, initiative):
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        decision, comment = form.cleaned_data["decision"], form.cleaned_data["comment"]
        actions = {
            "publish": (review_services.initiative_publish, "comment", _("The initiative has been published.")),
            "request_changes": (
                review_services.initiative_request_changes,
                "comment",
                _("The initiative has been asked for changes."),
            ),
            "reject": (review_services.initiative_reject, "reason", _("The initiative has been rejected.")),
            "archive": (review_services.initiative_archive, "comment", _("The initiative has been archived.")),
        }
        service, argument, message = actions[decision]
        try:
            service(initiative=initiative, by=request.user, **{argument: comment})
        except ValidationError as error:
            _form_error(form, error)
        else:
            messages.success(request, message)
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


@with_municipality("initiatives.view_staff_overview")
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
            "querystring_without_page": _querystring_without_page(request),
        },
    )
