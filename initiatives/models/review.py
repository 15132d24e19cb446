"""The municipality's review decisions on an initiative."""

from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from common.models import person_field

from .initiatives import COMMENT_MAX_LENGTH, Initiative


class ReviewDecision(models.Model):
    """A reviewer's decision with its comment: publish, ask for changes, reject (or archive)."""

    class Decision(models.TextChoices):
        PUBLISH = "publish", _("Published")
        REQUEST_CHANGES = "request_changes", _("Changes requested")
        REJECT = "reject", _("Rejected")
        ARCHIVE = "archive", _("Archived")

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="review_decisions", verbose_name=_("initiative")
    )
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices)
    comment = models.TextField(_("comment"), blank=True, validators=[MaxLengthValidator(COMMENT_MAX_LENGTH)])
    decided_by = person_field(_("decided by"), blank=False)
    created_at = models.DateTimeField(_("decided at"), auto_now_add=True)

    class Meta:
        verbose_name = _("review decision")
        verbose_name_plural = _("review decisions")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(decision__in=["publish", "archive"]) | ~Q(comment=""),
                name="review_decision_needs_comment",
            ),
        ]

    def __str__(self):
        return f"{self.get_decision_display()} – {self.initiative}"
