"""Coordinators' moderation: the queue, decisions on needs and reports, needs entered for residents, blocks."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.web import add_error_messages, add_service_errors, permission_required, submit

from .. import queries, services
from ..forms import ModerationForm, OnBehalfNeedForm, ReportDecisionForm
from ..models import AbuseReport, Need, PostingBlock
from .base import get_municipality, map_context


def get_need(request, pk):
    return get_object_or_404(Need.objects.select_related("quarter__municipality", "service_area", "author"), pk=pk)


def get_report(request, pk):
    return get_object_or_404(
        AbuseReport.objects.select_related("need__quarter__municipality", "comment__need__quarter__municipality"),
        pk=pk,
    )


def get_block(request, pk):
    return get_object_or_404(PostingBlock.objects.select_related("municipality", "user"), pk=pk)


@permission_required("needs.moderate_need", get_municipality)
def queue(request, municipality):
    return render(
        request,
        "needs/moderation/queue.html",
        {"municipality": municipality, "decision_form": ReportDecisionForm(), **queries.moderation_queue(municipality)},
    )


ACTIONS_BY_STATUS = {
    Need.Status.SUBMITTED: {ModerationForm.PUBLISH, ModerationForm.MERGE, ModerationForm.REJECT},
    Need.Status.PUBLISHED: {ModerationForm.MERGE, ModerationForm.REJECT},
}


@permission_required("needs.moderate_need", get_need)
def moderate(request, need):
    allowed = ACTIONS_BY_STATUS.get(need.status, set())
    form = ModerationForm(request.POST or None, targets=queries.merge_targets(need), allowed_actions=allowed)
    if request.method == "POST":
        if not allowed:
            messages.error(request, _("This need has already been merged or rejected."))
            return redirect(need)
        if form.is_valid():
            action = form.cleaned_data["action"]
            try:
                if action == ModerationForm.PUBLISH:
                    services.need_publish(need=need, by=request.user)
                    messages.success(request, _("The need has been published; the submitter has been told."))
                elif action == ModerationForm.MERGE:
                    services.need_merge(need=need, into=form.cleaned_data["into"], by=request.user)
                    messages.success(request, _("The need has been merged; its supports have moved along."))
                else:
                    services.need_reject(need=need, reason=form.cleaned_data["reason"], by=request.user)
                    messages.success(request, _("The need has been rejected; the submitter sees the reason."))
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return redirect("needs:moderation", slug=need.quarter.municipality.slug)
    return render(request, "needs/moderation/moderate.html", {"need": need, "form": form, "allowed": allowed})


@require_POST
@permission_required("needs.moderate_need", get_report)
def decide_report(request, report):
    form = ReportDecisionForm(request.POST)
    municipality = report.municipality
    if not form.is_valid():
        messages.error(request, _("Please choose whether to hide or keep the item."))
    else:
        try:
            services.report_decide(
                report=report,
                hide=form.cleaned_data["decision"] == "hide",
                block_author=form.cleaned_data["block_author"],
                by=request.user,
            )
        except ValidationError as error:
            add_error_messages(request, error)
        else:
            if form.cleaned_data["decision"] == "hide":
                messages.success(request, _("The item has been hidden."))
            else:
                messages.success(request, _("The item stays visible; the report is closed."))
    return redirect("needs:moderation", slug=municipality.slug)


@permission_required("needs.enter_need_on_behalf", get_municipality)
def need_on_behalf(request, municipality):
    form = OnBehalfNeedForm(request.POST or None, municipality=municipality)
    outcome = submit(
        request,
        form,
        lambda: services.need_enter_on_behalf(municipality=municipality, **form.cleaned_data, by=request.user),
        success=_("The need has been entered and published."),
    )
    if outcome.ok:
        return redirect(outcome.result)
    return render(
        request, "needs/moderation/on_behalf.html", {"form": form, "municipality": municipality, **map_context()}
    )


@permission_required("needs.block_user", get_municipality)
def blocks(request, municipality):
    return render(
        request,
        "needs/moderation/blocks.html",
        {"municipality": municipality, "blocks": queries.blocks_of(municipality)},
    )


@require_POST
@permission_required("needs.block_user", get_block)
def unblock(request, block):
    municipality = block.municipality
    services.posting_block_remove(block=block, by=request.user)
    messages.success(request, _("The account may post again."))
    return redirect("needs:blocks", slug=municipality.slug)
