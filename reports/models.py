from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from .storage import get_private_storage


def report_file_path(job, filename):
    # One fixed name per job: rendering a job twice overwrites its file instead of adding a second one.
    return f"reports/{job.pk}/{filename}"


class ReportJob(models.Model):
    """A requested PDF document. The row is the truth about the job; the broker only carries its id."""

    class Kind(models.TextChoices):
        INITIATIVE_CONCEPT = "initiative_concept", _("Initiative concept report")
        QUARTER = "quarter", _("Quarter report")

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("in progress")
        DONE = "done", _("ready")
        FAILED = "failed", _("failed")

    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    subject_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, verbose_name=_("subject type"))
    subject_id = models.PositiveBigIntegerField(_("subject id"))
    subject = GenericForeignKey("subject_type", "subject_id")
    subject_label = models.CharField(_("subject"), max_length=200)
    subject_fingerprint = models.CharField(_("content fingerprint"), max_length=64, blank=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default="de")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="report_jobs",
        verbose_name=_("requested by"),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    error = models.TextField(_("error"), blank=True)
    file = models.FileField(_("file"), storage=get_private_storage, upload_to=report_file_path, blank=True)
    size = models.PositiveIntegerField(_("size in bytes"), null=True, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    pages = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("handed to the queue at"), null=True, blank=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    render_seconds = models.FloatField(_("render time in seconds"), null=True, blank=True)
    claimed_by = models.CharField(_("worker"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("report job")
        verbose_name_plural = _("report jobs")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["subject_type", "subject_id", "kind", "-created_at"], name="reportjob_subject"),
            models.Index(fields=["status", "sent_at"], name="reportjob_status"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="done") | ~models.Q(file=""), name="reportjob_done_has_file"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.subject_label} ({self.get_status_display()})"

    @property
    def is_pending(self):
        return self.status in {self.Status.QUEUED, self.Status.RUNNING}

    @property
    def filename(self):
        return self.file.name.rsplit("/", 1)[-1] if self.file else ""
