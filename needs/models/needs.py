"""Needs (Bedarfe) residents submit, their supports and comments, abuse reports and posting blocks."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from common.models import person_field
from common.validators import validate_choice_list

TITLE_MAX_LENGTH = 120
DESCRIPTION_MAX_LENGTH = 4000
COMMENT_MAX_LENGTH = 2000
REASON_MAX_LENGTH = 1000


class AffectedGroup(models.TextChoices):
    SENIORS = "seniors", _("Seniors")
    FAMILIES = "families", _("Families")
    CHILDREN_YOUTH = "children_youth", _("Children and youth")
    DISABILITIES = "disabilities", _("People with disabilities")
    MIGRATION = "migration", _("People with a migration history")
    LOW_INCOME = "low_income", _("People with low income")
    LIVING_ALONE = "living_alone", _("People living alone")
    EVERYONE = "everyone", _("All residents")


def validate_affected_groups(value):
    validate_choice_list(
        value,
        AffectedGroup,
        invalid=_("Choose the affected groups from the list."),
        duplicate=_("Each affected group can be chosen only once."),
        code="group",
    )


class Located(models.Model):
    """An optional point on the map: both coordinates or none."""

    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )

    class Meta:
        abstract = True

    @property
    def has_location(self):
        return self.latitude is not None and self.longitude is not None

    def clean_location(self):
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError(_("Give both latitude and longitude, or neither."), code="half_location")


def both_or_no_coordinates(name):
    return models.CheckConstraint(
        condition=Q(latitude__isnull=True, longitude__isnull=True) | Q(latitude__isnull=False, longitude__isnull=False),
        name=name,
    )


class Need(Located):
    """Something a quarter lacks, in the words of a resident (or collected for residents by a coordinator)."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted, awaiting moderation")
        PUBLISHED = "published", _("Published")
        MERGED = "merged", _("Merged into another need")
        REJECTED = "rejected", _("Rejected")

    class Source(models.TextChoices):
        ONLINE = "online", _("Online")
        WORKSHOP = "workshop", _("Workshop")
        DOOR_TO_DOOR = "door_to_door", _("Door-to-door")
        PAPER = "paper", _("Paper form")
        OTHER = "other", _("Other")

    quarter = models.ForeignKey(
        "quarters.Quarter", on_delete=models.PROTECT, related_name="needs", verbose_name=_("quarter")
    )
    service_area = models.ForeignKey(
        "needs.ServiceArea", on_delete=models.PROTECT, related_name="needs", verbose_name=_("service area")
    )
    title = models.CharField(_("title"), max_length=TITLE_MAX_LENGTH)
    description = models.TextField(_("description"), validators=[MaxLengthValidator(DESCRIPTION_MAX_LENGTH)])
    affected_groups = models.JSONField(
        _("affected groups"), default=list, blank=True, validators=[validate_affected_groups]
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="needs",
        verbose_name=_("submitted by"),
    )
    show_name = models.BooleanField(
        _("show my name"), default=False, help_text=_("Otherwise the need is shown without a name.")
    )
    source = models.CharField(_("collected"), max_length=20, choices=Source.choices, default=Source.ONLINE)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED, db_index=True
    )
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_needs",
        verbose_name=_("merged into"),
    )
    rejection_reason = models.TextField(
        _("reason for the rejection"), blank=True, validators=[MaxLengthValidator(REASON_MAX_LENGTH)]
    )
    hidden = models.BooleanField(_("hidden after a report"), default=False)
    # Stored, not counted per request: the lists sort by it (see needs.services.recount_supports).
    support_count = models.PositiveIntegerField(_("supports"), default=0, editable=False)
    moderated_by = person_field(_("moderated by"))
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_at = models.DateTimeField(_("submitted at"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        verbose_name = _("need")
        verbose_name_plural = _("needs")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["quarter", "status"], name="need_quarter_status"),
            models.Index(fields=["service_area", "status"], name="need_area_status"),
            # The default list: public needs, most supported first.
            models.Index(
                F("support_count").desc(),
                F("created_at").desc(),
                name="need_public_by_support",
                condition=Q(status="published", hidden=False),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(Q(status="merged") & Q(merged_into__isnull=False))
                | (~Q(status="merged") & Q(merged_into__isnull=True)),
                name="need_merged_iff_target",
            ),
            models.CheckConstraint(condition=~Q(merged_into=F("id")), name="need_not_merged_into_itself"),
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(rejection_reason=""), name="need_rejected_has_reason"
            ),
            both_or_no_coordinates("need_both_or_no_coordinates"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("needs:detail", kwargs={"pk": self.pk})

    @property
    def municipality(self):
        return self.quarter.municipality

    @property
    def is_public(self):
        return self.status == self.Status.PUBLISHED and not self.hidden

    @property
    def author_name(self):
        """The name shown to others: only if the submitter chose so, never the e-mail address."""
        if self.show_name and self.author is not None and self.author.display_name:
            return self.author.display_name
        return None

    def get_affected_groups_display(self):
        labels = dict(AffectedGroup.choices)
        return [labels[group] for group in self.affected_groups if group in labels]

    def clean(self):
        self.title = (self.title or "").strip()
        self.description = (self.description or "").strip()
        errors = {}
        if not self.title:
            errors["title"] = _("Please give the need a title.")
        if not self.description:
            errors["description"] = _("Please describe the need.")
        if self.status == self.Status.REJECTED and not (self.rejection_reason or "").strip():
            errors["rejection_reason"] = _("Please give a reason the submitter can read.")
        if errors:
            raise ValidationError(errors)
        self.clean_location()


class Support(models.Model):
    """One person supports one need (withdrawable: the row is deleted)."""

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="supports", verbose_name=_("need"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="need_supports", verbose_name=_("supporter")
    )
    created_at = models.DateTimeField(_("supported at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["need", "user"], name="support_once_per_person")]

    def __str__(self):
        return f"{self.user_id} → {self.need_id}"


class Comment(models.Model):
    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="comments", verbose_name=_("need"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="need_comments",
        verbose_name=_("author"),
    )
    text = models.TextField(_("comment"), validators=[MaxLengthValidator(COMMENT_MAX_LENGTH)])
    show_name = models.BooleanField(_("show my name"), default=False)
    hidden = models.BooleanField(_("hidden after a report"), default=False)
    created_at = models.DateTimeField(_("written at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at"]

    def __str__(self):
        return self.text[:60]

    @property
    def municipality(self):
        return self.need.quarter.municipality

    @property
    def author_name(self):
        if self.show_name and self.author is not None and self.author.display_name:
            return self.author.display_name
        return None

    def clean(self):
        self.text = (self.text or "").strip()
        if not self.text:
            raise ValidationError({"text": _("The comment is empty.")})


class AbuseReport(models.Model):
    """Someone reports a need or a comment as abusive; a coordinator hides the item or keeps it."""

    class Decision(models.TextChoices):
        OPEN = "open", _("Open")
        HIDDEN = "hidden", _("Item hidden")
        KEPT = "kept", _("Item kept")

    need = models.ForeignKey(
        Need, on_delete=models.CASCADE, null=True, blank=True, related_name="reports", verbose_name=_("need")
    )
    comment = models.ForeignKey(
        Comment, on_delete=models.CASCADE, null=True, blank=True, related_name="reports", verbose_name=_("comment")
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="need_reports",
        verbose_name=_("reported by"),
    )
    reason = models.TextField(_("reason"), validators=[MaxLengthValidator(REASON_MAX_LENGTH)])
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices, default=Decision.OPEN)
    decided_by = person_field(_("decided by"))
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    created_at = models.DateTimeField(_("reported at"), auto_now_add=True)

    class Meta:
        verbose_name = _("abuse report")
        verbose_name_plural = _("abuse reports")
        ordering = ["created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(need__isnull=False, comment__isnull=True) | Q(need__isnull=True, comment__isnull=False),
                name="report_has_one_target",
            ),
            models.UniqueConstraint(
                fields=["reporter", "need"], condition=Q(need__isnull=False), name="report_need_once_per_person"
            ),
            models.UniqueConstraint(
                fields=["reporter", "comment"],
                condition=Q(comment__isnull=False),
                name="report_comment_once_per_person",
            ),
        ]

    def __str__(self):
        return f"{self.get_decision_display()}: {self.target}"

    @property
    def target(self):
        return self.need if self.need_id else self.comment

    @property
    def target_need(self):
        return self.need if self.need_id else self.comment.need

    @property
    def municipality(self):
        return self.target_need.quarter.municipality

    def clean(self):
        self.reason = (self.reason or "").strip()
        if not self.reason:
            raise ValidationError({"reason": _("Please say briefly what is wrong with it.")})


class PostingBlock(models.Model):
    """A coordinator has blocked an account from posting needs and comments in the municipality."""

    municipality = models.ForeignKey(
        "quarters.Municipality", on_delete=models.CASCADE, related_name="posting_blocks", verbose_name=_("municipality")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="posting_blocks", verbose_name=_("account")
    )
    reason = models.TextField(_("reason"), blank=True, validators=[MaxLengthValidator(REASON_MAX_LENGTH)])
    created_by = person_field(_("blocked by"))
    created_at = models.DateTimeField(_("blocked at"), auto_now_add=True)

    class Meta:
        verbose_name = _("posting block")
        verbose_name_plural = _("posting blocks")
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["municipality", "user"], name="posting_block_unique")]

    def __str__(self):
        return f"{self.user} ({self.municipality})"
