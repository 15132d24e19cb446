"""Writes for needs and participation: submit, moderate, merge, support, comment, report, block.

Every function is keyword-only and atomic; a refusal is a ValidationError with a message for the person,
raised before anything changes.
"""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, F, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from notifications.models import Kind
from notifications.services import notify
from quarters.models import Municipality, Quarter
from quarters.rules import is_staff_of

from .. import ratelimit
from ..caching import public_needs_changed, quarter_changed
from ..models import AbuseReport, Comment, Need, PostingBlock, ServiceArea, Support


def refuse_if_blocked(user, municipality: Municipality) -> None:
    if PostingBlock.objects.filter(user=user, municipality=municipality).exists():
        raise ValidationError(
            _("Your account has been blocked from posting in %(municipality)s. Please contact the municipality.")
            % {"municipality": municipality.name}
        )


def _consume(action: str, user, message: str) -> None:
    if not ratelimit.consume(action, user):
        raise ValidationError(message)


def _notify_author(need: Need, by, subject, body) -> None:
    """Tell the submitter, in their language; not when they moderated their own entry.

    `subject` and `body` are lazy translations, rendered here in the recipient's language.
    """
    author = need.author
    if author is None or author == by or not author.is_active:
        return
    values = {"title": need.title, "reason": need.rejection_reason}
    with translation.override(author.preferred_language):
        notify(
            recipient=author,
            kind=Kind.NEEDS,
            subject=str(subject) % values,
            body=str(body) % values,
            url=need.get_absolute_url(),
        )


@transaction.atomic
def need_submit(
    *,
    quarter: Quarter,
    service_area: ServiceArea,
    title: str,
    description: str,
    affected_groups: list[str] | None = None,
    latitude=None,
    longitude=None,
    show_name: bool = False,
    by,
) -> Need:
    """A resident submits a need; it waits for moderation."""
    refuse_if_blocked(by, quarter.municipality)
    need = Need(
        quarter=quarter,
        service_area=service_area,
        title=title,
        description=description,
        affected_groups=list(affected_groups or []),
        latitude=latitude,
        longitude=longitude,
        show_name=show_name,
        author=by,
        source=Need.Source.ONLINE,
    )
    need.full_clean()
    limit, _period = ratelimit.limit_for("need")
    _consume(
        "need",
        by,
        _("You have submitted %(limit)s needs within the last hour. Please wait a while before you submit more.")
        % {"limit": limit},
    )
    need.save()
    quarter_changed(quarter.pk)
    return need


@transaction.atomic
def need_enter_on_behalf(
    *,
    municipality: Municipality,
    quarter: Quarter,
    service_area: ServiceArea,
    title: str,
    description: str,
    source: str,
    affected_groups: list[str] | None = None,
    latitude=None,
    longitude=None,
    by,
) -> Need:
    """A coordinator enters a need collected at a workshop or door-to-door; it is published at once."""
    if quarter.municipality_id != municipality.pk:
        raise ValidationError(_("This quarter belongs to another municipality."))
    if source == Need.Source.ONLINE:
        raise ValidationError(_("Please say where the need was collected."))
    now = timezone.now()
    need = Need(
        quarter=quarter,
        service_area=service_area,
        title=title,
        description=description,
        affected_groups=list(affected_groups or []),
        latitude=latitude,
        longitude=longitude,
        author=by,
        show_name=False,
        source=source,
        status=Need.Status.PUBLISHED,
        moderated_by=by,
        moderated_at=now,
        published_at=now,
    )
    need.full_clean()
    need.save()
    quarter_changed(quarter.pk)
    public_needs_changed()
    return need


def _lock(need: Need) -> Need:
    return (
        Need.objects.select_for_update(of=("self",)).select_related("quarter__municipality", "author").get(pk=need.pk)
    )


@transaction.atomic
def need_publish(*, need: Need, by) -> Need:
    need = _lock(need)
    if need.status != Need.Status.SUBMITTED:
        raise ValidationError(
            _("Only submitted needs can be published; this one is “%(status)s”.")
            % {"status": need.get_status_display()}
        )
    now = timezone.now()
    need.status = Need.Status.PUBLISHED
    need.published_at = now
    need.moderated_by = by
    need.moderated_at = now
    need.save(update_fields=["status", "published_at", "moderated_by", "moderated_at", "updated_at"])
    quarter_changed(need.quarter_id)
    public_needs_changed()
    _notify_author(
        need,
        by,
        gettext_lazy("Your need “%(title)s” has been published"),
        gettext_lazy("Your need “%(title)s” is now public. Others can support and comment on it."),
    )
    return need


@transaction.atomic
def need_reject(*, need: Need, reason: str, by) -> Need:
    need = _lock(need)
    if need.status not in {Need.Status.SUBMITTED, Need.Status.PUBLISHED}:
        raise ValidationError(_("This need has already been merged or rejected."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Please give a reason the submitter can read."))
    need.status = Need.Status.REJECTED
    need.rejection_reason = reason
    need.moderated_by = by
    need.moderated_at = timezone.now()
    need.full_clean()
    need.save(update_fields=["status", "rejection_reason", "moderated_by", "moderated_at", "updated_at"])
    quarter_changed(need.quarter_id)
    public_needs_changed()
    _notify_author(
        need,
        by,
        gettext_lazy("Your need “%(title)s” has not been published"),
        gettext_lazy("The moderation has not published your need “%(title)s”. The reason: %(reason)s"),
    )
    return need


@transaction.atomic
def need_merge(*, need: Need, into: Need, by) -> Need:
    """Merge `need` into `into`: its supports move along (one per person), then it points to `into`."""
    if need.pk == into.pk:
        raise ValidationError(_("A need cannot be merged into itself."))
    # Lock both rows in a fixed order so two merges cannot deadlock.
    locked = {
        n.pk: n
        for n in Need.objects.select_for_update(of=("self",))
        .select_related("quarter", "author")
        .filter(pk__in=[need.pk, into.pk])
        .order_by("pk")
    }
    need, into = locked[need.pk], locked[into.pk]
    if need.status not in {Need.Status.SUBMITTED, Need.Status.PUBLISHED}:
        raise ValidationError(_("This need has already been merged or rejected."))
    if into.status != Need.Status.PUBLISHED:
        raise ValidationError(_("A need can only be merged into a published need."))
    if into.quarter_id != need.quarter_id:
        raise ValidationError(_("A need can only be merged into a need of the same quarter."))

    already = Support.objects.filter(need=into).values("user_id")
    Support.objects.filter(need=need).exclude(user_id__in=already).update(need=into)
    Support.objects.filter(need=need).delete()  # duplicates: the person supports the target already
    Need.objects.filter(merged_into=need).update(merged_into=into)  # keep chains one step long
    recount_supports(need_ids=[need.pk, into.pk])

    need.status = Need.Status.MERGED
    need.merged_into = into
    need.moderated_by = by
    need.moderated_at = timezone.now()
    need.save(update_fields=["status", "merged_into", "moderated_by", "moderated_at", "updated_at"])
    quarter_changed(need.quarter_id)
    public_needs_changed()
    _notify_author(
        need,
        by,
        gettext_lazy("Your need “%(title)s” has been merged"),
        gettext_lazy(
            "Your need “%(title)s” describes the same as another need and has been merged into it. "
            "Its supports now count there."
        ),
    )
    return need


@transaction.atomic
def support_add(*, need: Need, by) -> Support:
    if not need.is_public:
        raise ValidationError(_("Only published needs can be supported."))
    try:
        with transaction.atomic():
            support = Support.objects.create(need=need, user=by)
    except IntegrityError:
        raise ValidationError(_("You already support this need.")) from None
    # F(): concurrent supports of a popular need each add one, none is lost.
    Need.objects.filter(pk=need.pk).update(support_count=F("support_count") + 1)
    quarter_changed(need.quarter_id)
    return support


@transaction.atomic
def support_withdraw(*, need: Need, by) -> None:
    deleted, _detail = Support.objects.filter(need=need, user=by).delete()
    if not deleted:
        raise ValidationError(_("You do not support this need."))
    Need.objects.filter(pk=need.pk, support_count__gt=0).update(support_count=F("support_count") - 1)
    quarter_changed(need.quarter_id)


@transaction.atomic
def recount_supports(*, need_ids: Iterable[int] | None = None) -> int:
    """Set Need.support_count from the support rows, for changes that bypass support_add/support_withdraw
    (a merge, an account deleted with its supports, the admin). Without ids: every need. Returns the rows set.
    """
    counted = (
        Support.objects.filter(need=OuterRef("pk"))
        .order_by()
        .values("need")
        .annotate(total=Count("pk"))
        .values("total")
    )
    needs = Need.objects.all() if need_ids is None else Need.objects.filter(pk__in=list(need_ids))
    return needs.update(support_count=Coalesce(Subquery(counted, output_field=IntegerField()), Value(0)))


@transaction.atomic
def comment_add(*, need: Need, text: str, show_name: bool = False, by) -> Comment:
    if not need.is_public:
        raise ValidationError(_("Only published needs can be commented on."))
    refuse_if_blocked(by, need.quarter.municipality)
    comment = Comment(need=need, author=by, text=text, show_name=show_name)
    comment.full_clean()
    limit, _period = ratelimit.limit_for("comment")
    _consume(
        "comment",
        by,
        _("You have written %(limit)s comments within the last hour. Please wait a while before you write more.")
        % {"limit": limit},
    )
    comment.save()
    quarter_changed(need.quarter_id)
    return comment


@transaction.atomic
def report_submit(*, need: Need | None = None, comment: Comment | None = None, reason: str, by) -> AbuseReport:
    if (need is None) == (comment is None):
        raise ValueError("Report either a need or a comment.")
    target_need = need or comment.need
    if not target_need.is_public or (comment is not None and comment.hidden):
        raise ValidationError(_("This item is not public and cannot be reported."))
    report = AbuseReport(need=need, comment=comment, reason=reason, reporter=by)
    report.full_clean(validate_constraints=False)
    duplicate = AbuseReport.objects.filter(reporter=by, need=need, comment=comment)
    if duplicate.exists():
        raise ValidationError(_("You have already reported this. The coordination will look at it."))
    _consume("report", by, _("You have sent many reports within the last hour. Please wait a while."))
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError:
        raise ValidationError(_("You have already reported this. The coordination will look at it.")) from None
    return report


@transaction.atomic
def report_decide(*, report: AbuseReport, hide: bool, block_author: bool = False, by) -> int:
    """Hide the reported item or keep it; every open report of the same item gets the decision."""
    report = (
        AbuseReport.objects.select_for_update(of=("self",))
        .select_related("need__author", "comment__author")
        .get(pk=report.pk)
    )
    if report.decision != AbuseReport.Decision.OPEN:
        raise ValidationError(_("This report has already been decided."))
    target = report.target
    decision = AbuseReport.Decision.HIDDEN if hide else AbuseReport.Decision.KEPT
    same_target = AbuseReport.objects.filter(
        decision=AbuseReport.Decision.OPEN, need=report.need, comment=report.comment
    )
    decided = same_target.update(decision=decision, decided_by=by, decided_at=timezone.now())
    if hide:
        type(target).objects.filter(pk=target.pk).update(hidden=True)
        quarter_changed(report.target_need.quarter_id)
        if report.need_id:
            public_needs_changed()
    if block_author:
        author = target.author
        if author is None:
            raise ValidationError(_("The author's account no longer exists."))
        if not PostingBlock.objects.filter(municipality=report.municipality, user=author).exists():
            posting_block_create(municipality=report.municipality, user=author, reason=report.reason, by=by)
    return decided


@transaction.atomic
def posting_block_create(*, municipality: Municipality, user, reason: str = "", by) -> PostingBlock:
    if user == by:
        raise ValidationError(_("You cannot block your own account."))
    if user.is_superuser or is_staff_of(user, municipality):
        raise ValidationError(_("Staff of the municipality cannot be blocked here."))
    block, created = PostingBlock.objects.get_or_create(
        municipality=municipality, user=user, defaults={"reason": (reason or "")[:1000], "created_by": by}
    )
    if not created:
        raise ValidationError(_("This account is already blocked from posting."))
    return block


@transaction.atomic
def posting_block_remove(*, block: PostingBlock, by) -> None:
    block.delete()
