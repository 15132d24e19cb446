"""Residents' pages: the list of needs, a need with its supports and comments, submitting and reporting."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.web import add_error_messages, paginate, permission_required, submit
from quarters.models import Quarter

from .. import caching, queries, services
from ..forms import CommentForm, NeedFilterForm, NeedForm, ReportForm
from ..models import Comment, Need
from .base import map_context


class CachedCountPaginator(Paginator):
    """Takes the number of needs from the cache: counting all public needs costs more than the page."""

    def __init__(self, object_list, per_page, *, count_name: str):
        super().__init__(object_list, per_page)
        self.count_name = count_name

    @cached_property
    def count(self):
        return caching.public_count(self.count_name, self.object_list.count)


def need_list(request):
    form = NeedFilterForm(request.GET or None)
    filters = form.filters()
    needs = queries.need_list(**filters, user=request.user)
    # The sort order does not change the count: the cached count is keyed by what filters.
    chosen = (filters["quarter"], filters["municipality"], filters["service_area"])
    count_name = "-".join(str(choice.pk) if choice else "" for choice in chosen)
    page = paginate(request, needs, "default", partial(CachedCountPaginator, count_name=count_name))
    return render(
        request,
        "needs/list.html",
        {
            "page_obj": page,
            "form": form,
            "municipality": filters["municipality"],
            "quarter": filters["quarter"],
        },
    )


@permission_required("needs.add_need")
def need_create(request):
    initial = {}
    quarter = Quarter.objects.filter(slug=request.GET.get("quarter") or "").first()
    if quarter:
        initial["quarter"] = quarter
    form = NeedForm(request.POST or None, initial=initial)
    outcome = submit(
        request,
        form,
        lambda: services.need_submit(**form.cleaned_data, by=request.user),
        success=_("Thank you! Your need will be published after a short check."),
    )
    if outcome.ok:
        return redirect(outcome.result)
    return render(request, "needs/need_form.html", {"form": form, **map_context()})


@login_required
def my_needs(request):
    return render(request, "needs/mine.html", {"needs": queries.needs_of_author(request.user)})


def _detail_context(request, need, comment_form=None):
    can_moderate = request.user.has_perm("needs.moderate_need", need)
    return {
        "need": need,
        "comments": queries.comments_visible_to(request.user, need),
        "comment_form": comment_form or CommentForm(),
        "can_moderate": can_moderate,
        "merged_needs": need.merged_needs.all() if can_moderate else [],
    }


def need_detail(request, pk):
    need = queries.need_for_detail(pk, request.user)
    if need is None or not request.user.has_perm("needs.view_need", need):
        merged = Need.objects.filter(pk=pk, status=Need.Status.MERGED).select_related("merged_into").first()
        if merged is not None and merged.merged_into.is_public:
            messages.info(request, _("This need has been merged into the one shown here."))
            return redirect(merged.merged_into)
        raise Http404
    return render(request, "needs/detail.html", _detail_context(request, need))


def _support_response(request, need, error=None):
    need = queries.need_for_detail(need.pk, request.user)
    if request.htmx:
        return render(request, "needs/partials/support.html", {"need": need, "error": error})
    if error:
        messages.error(request, error)
    return redirect(need)


@permission_required("needs.support_need")
@require_POST
def need_support(request, pk):
    """Support or withdraw (htmx: swaps the button and the count; without JavaScript: a normal form post)."""
    need = get_object_or_404(queries.needs_visible_to(request.user), pk=pk)
    withdraw = request.POST.get("action") == "withdraw"
    try:
        if withdraw:
            services.support_withdraw(need=need, by=request.user)
        else:
            services.support_add(need=need, by=request.user)
    except ValidationError as error:
        return _support_response(request, need, error=" ".join(error.messages))
    if not request.htmx:
        messages.success(
            request, _("Your support has been withdrawn.") if withdraw else _("Thank you for your support!")
        )
    return _support_response(request, need)


@permission_required("needs.comment_need")
@require_POST
def comment_create(request, pk):
    need = queries.need_for_detail(pk, request.user)
    if need is None or not request.user.has_perm("needs.view_need", need):
        raise Http404
    form = CommentForm(request.POST)
    outcome = submit(
        request,
        form,
        lambda: services.comment_add(need=need, **form.cleaned_data, by=request.user),
        success=_("Your comment has been published."),
    )
    if outcome.ok:
        return redirect(need.get_absolute_url() + "#comments")
    return render(request, "needs/detail.html", _detail_context(request, need, comment_form=form))


def _report(request, *, need=None, comment=None):
    form = ReportForm(request.POST or None)
    target_need = need or comment.need
    if request.method == "POST" and form.is_valid():
        try:
            services.report_submit(need=need, comment=comment, reason=form.cleaned_data["reason"], by=request.user)
        except ValidationError as error:
            add_error_messages(request, error)
        else:
            messages.success(request, _("Thank you. The coordination of the municipality will look at it."))
        return redirect(target_need)
    return render(request, "needs/report.html", {"form": form, "need": target_need, "comment": comment})


@permission_required("needs.report_item")
def need_report(request, pk):
    need = get_object_or_404(queries.public_needs().select_related("quarter__municipality"), pk=pk)
    return _report(request, need=need)


@permission_required("needs.report_item")
def comment_report(request, pk):
    comment = get_object_or_404(
        Comment.objects.select_related("need__quarter__municipality", "author").filter(
            hidden=False, need__in=queries.public_needs()
        ),
        pk=pk,
    )
    return _report(request, comment=comment)
