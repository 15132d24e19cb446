"""Advisory casework: a support structure for weakly or non-profitable citizen projects, built like the
start-up counselling profitable businesses get (seed document).

A Case follows one initiative (or a group that has not registered yet) through phases. Advisors log
Consultations; each may carry one ConfidentialNote, kept in its own table so a consultation query never
loads it by accident; every display of a note to staff is recorded as a ConfidentialNoteRead. Next steps
become Tasks, reminded once per task and day (TaskReminder). Referrals send a case to outside actors;
Workshops (Qualifizierung) gather several cases.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.models import person_field
from initiatives.models import Actor

TEXT_MAX_LENGTH = 10000
MAX_CONSULTATION_MINUTES = 24 * 60


class Phase(models.TextChoices):
    """The phases of a case, in order: from first contact to closing."""

    FIRST_CONTACT = "first_contact", _("First contact")
    ORIENTATION = "orientation", _("Orientation")
    CONCEPT = "concept", _("Concept")
    LEGAL_FORM = "legal_form", _("Legal form and founding")
    FINANCING = "financing", _("Financing")
    IMPLEMENTATION = "implementation", _("Implementation")
    OPERATION = "operation", _("Operation and follow-up")
    CLOSED = "closed", _("Closed")


PHASE_ORDER = {value: index for index, value in enumerate(Phase.values)}


class Topic(models.TextChoices):
    """What a consultation or workshop is about."""

    LEGAL_FORM = "legal_form", _("Legal form")
    FINANCING = "financing", _("Financing")
    FUNDING_PROGRAMMES = "funding_programmes", _("Funding programmes")
    BUILDING = "building", _("Building")
    VOLUNTEERS = "volunteers", _("Volunteers and activation")
    CONCEPT = "concept", _("Concept")
    COOPERATION = "cooperation", _("Cooperation")
    ADMINISTRATION = "administration", _("Administration")


class Case(models.Model):
    """The advisory case of one initiative, or of a group that has not registered yet."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        PAUSED = "paused", _("Paused")
        CLOSED = "closed", _("Closed")

    municipality = models.ForeignKey(
        "quarters.Municipality", on_delete=models.PROTECT, related_name="advisory_cases", verbose_name=_("municipality")
    )
    quarter = models.ForeignKey(
        "quarters.Quarter", on_delete=models.PROTECT, related_name="advisory_cases", verbose_name=_("quarter")
    )
    initiative = models.OneToOneField(
        "initiatives.Initiative",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="advisory_case",
        verbose_name=_("initiative"),
        help_text=_("Leave empty for a group that has not registered yet; link it once it has."),
    )
    name = models.CharField(
        _("name"), max_length=160, help_text=_("The initiative's or the group's name, as the case is known.")
    )
    contact_name = models.CharField(_("contact person"), max_length=120, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    advisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="advisory_cases",
        verbose_name=_("advisor"),
    )
    phase = models.CharField(
        _("phase"), max_length=20, choices=Phase.choices, default=Phase.FIRST_CONTACT, db_index=True
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True)
    opened_on = models.DateField(_("opened on"), default=timezone.localdate)
    paused_on = models.DateField(_("paused since"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    created_by = person_field()
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        verbose_name = _("advisory case")
        verbose_name_plural = _("advisory cases")
        ordering = ["name"]
        indexes = [
            models.Index(fields=["municipality", "status"], name="case_municipality_status"),
            # The advisor's cases in one municipality (dashboard, case list filtered by advisor).
            models.Index(fields=["advisor", "municipality", "status"], name="case_advisor_municipality"),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="case_has_name"),
            # The phase "closed" and the status "closed" are the same fact, told twice for the lists.
            models.CheckConstraint(
                condition=(Q(phase="closed") & Q(status="closed")) | (~Q(phase="closed") & ~Q(status="closed")),
                name="case_closed_phase_matches_status",
            ),
            models.CheckConstraint(
                condition=(Q(status="closed") & Q(closed_on__isnull=False))
                | (~Q(status="closed") & Q(closed_on__isnull=True)),
                name="case_closed_has_date",
            ),
            models.CheckConstraint(
                condition=(Q(status="paused") & Q(paused_on__isnull=False))
                | (~Q(status="paused") & Q(paused_on__isnull=True)),
                name="case_paused_has_date",
            ),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=models.F("opened_on")),
                name="case_closed_after_opened",
            ),
        ]

    def __str__(self):
        return self.display_name

    def get_absolute_url(self):
        return reverse("advisory:case", kwargs={"pk": self.pk})

    @property
    def display_name(self):
        return self.initiative.name if self.initiative_id else self.name

    @property
    def is_closed(self):
        return self.status == self.Status.CLOSED

    @property
    def phase_index(self):
        return PHASE_ORDER[self.phase]

    def clean(self):
        self.name = (self.name or "").strip()
        errors = {}
        if not self.name:
            errors["name"] = _("Please give the case a name.")
        if self.quarter_id and self.municipality_id and self.quarter.municipality_id != self.municipality_id:
            errors["quarter"] = _("The quarter must belong to the case's municipality.")
        if self.initiative_id and self.municipality_id and self.initiative.municipality_id != self.municipality_id:
            errors["initiative"] = _("The initiative belongs to another municipality.")
        if errors:
            raise ValidationError(errors)


class PhaseChange(models.Model):
    """The history of a case's phases: who moved it where, and when."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="phase_changes", verbose_name=_("case"))
    from_phase = models.CharField(_("from phase"), max_length=20, choices=Phase.choices, blank=True)
    to_phase = models.CharField(_("to phase"), max_length=20, choices=Phase.choices)
    changed_by = person_field(_("changed by"))
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("phase change")
        verbose_name_plural = _("phase changes")
        ordering = ["case", "changed_at", "pk"]

    def __str__(self):
        return f"{self.case}: {self.get_from_phase_display()} → {self.get_to_phase_display()}"


class Consultation(models.Model):
    """One advisory conversation. Its summary is for the initiative's lead and core team to read."""

    class Format(models.TextChoices):
        ON_SITE = "on_site", _("On site")
        PHONE = "phone", _("Phone")
        VIDEO = "video", _("Video call")
        WORKSHOP = "workshop", _("Workshop")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="consultations", verbose_name=_("case"))
    held_on = models.DateField(_("date"), db_index=True)
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"),
        validators=[MinValueValidator(1), MaxValueValidator(MAX_CONSULTATION_MINUTES)],
    )
    format = models.CharField(_("format"), max_length=20, choices=Format.choices)
    participants = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="advisory_consultations",
        verbose_name=_("participants with an account"),
    )
    participants_text = models.CharField(
        _("participants"),
        max_length=500,
        blank=True,
        help_text=_("Who took part, as you would write it in the minutes."),
    )
    summary = models.TextField(
        _("summary"),
        validators=[MaxLengthValidator(TEXT_MAX_LENGTH)],
        help_text=_("The initiative's lead and core team can read this."),
    )
    outcomes = models.TextField(_("outcomes"), blank=True, validators=[MaxLengthValidator(TEXT_MAX_LENGTH)])
    next_steps = models.TextField(_("next steps"), blank=True, validators=[MaxLengthValidator(TEXT_MAX_LENGTH)])
    advisor = person_field(_("logged by"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["-held_on", "-pk"]
        # The advisor's consultations of the last months (dashboard).
        indexes = [models.Index(fields=["advisor", "held_on"], name="consultation_advisor_held")]
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=1, duration_minutes__lte=MAX_CONSULTATION_MINUTES),
                name="consultation_duration_range",
            ),
            models.CheckConstraint(condition=~Q(summary=""), name="consultation_has_summary"),
        ]

    def __str__(self):
        return f"{self.case} {self.held_on:%d.%m.%Y}"

    @property
    def hours(self):
        return round(self.duration_minutes / 60, 1)

    def topic_values(self):
        """The topics as values; uses prefetched rows when there are some."""
        return [row.topic for row in self.topics.all()]

    def topic_labels(self):
        labels = dict(Topic.choices)
        return [labels[value] for value in sorted(self.topic_values(), key=Topic.values.index)]


class ConsultationTopic(models.Model):
    """A topic of a consultation: rows, not a list field, so reports can count them in the database."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="topics")
    topic = models.CharField(_("topic"), max_length=30, choices=Topic.choices)

    class Meta:
        verbose_name = _("consultation topic")
        verbose_name_plural = _("consultation topics")
        constraints = [
            models.UniqueConstraint(fields=["consultation", "topic"], name="consultation_topic_unique"),
        ]

    def __str__(self):
        return self.get_topic_display()


class ConfidentialNote(models.Model):
    """The advisor's confidential note on a consultation: only staff of the case's municipality read it,
    and every display is recorded. Never shown to initiative members, never exported, never searched."""

    consultation = models.OneToOneField(
        Consultation, on_delete=models.CASCADE, related_name="confidential_note", verbose_name=_("consultation")
    )
    text = models.TextField(_("confidential note"), validators=[MaxLengthValidator(TEXT_MAX_LENGTH)])
    written_by = person_field(_("written by"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        verbose_name = _("confidential note")
        verbose_name_plural = _("confidential notes")
        constraints = [models.CheckConstraint(condition=~Q(text=""), name="confidential_note_has_text")]

    def __str__(self):
        # Never the text: this string shows up in the admin and in logs.
        return str(_("Confidential note on %(consultation)s") % {"consultation": self.consultation})


class ConfidentialNoteRead(models.Model):
    """One display of a confidential note to a staff user: the record coordinators can inspect."""

    note = models.ForeignKey(ConfidentialNote, on_delete=models.CASCADE, related_name="reads", verbose_name=_("note"))
    # Denormalised from the note, so the record per case and per municipality is one indexed query.
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="note_reads", verbose_name=_("case"))
    reader = person_field(_("read by"))
    read_at = models.DateTimeField(_("read at"), default=timezone.now)
    page = models.CharField(_("page"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("confidential note read")
        verbose_name_plural = _("confidential note reads")
        ordering = ["-read_at", "-pk"]
        indexes = [models.Index(fields=["case", "-read_at"], name="note_read_case_time")]

    def __str__(self):
        return f"{self.reader} {self.read_at:%d.%m.%Y %H:%M}"


class Task(models.Model):
    """A next step with an owner (an advisor or someone of the initiative's lead and core team)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="tasks", verbose_name=_("case"))
    consultation = models.ForeignKey(
        Consultation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tasks",
        verbose_name=_("from consultation"),
    )
    title = models.CharField(_("task"), max_length=200)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="advisory_tasks",
        verbose_name=_("owner"),
    )
    due_on = models.DateField(_("due on"), null=True, blank=True, db_index=True)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    done_by = person_field()
    created_by = person_field()
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = [models.F("done_at").asc(nulls_first=True), models.F("due_on").asc(nulls_last=True), "pk"]
        indexes = [models.Index(fields=["owner", "done_at", "due_on"], name="task_owner_open_due")]
        constraints = [models.CheckConstraint(condition=~Q(title=""), name="task_has_title")]

    def __str__(self):
        return self.title

    @property
    def is_done(self):
        return self.done_at is not None

    def is_overdue(self, today=None):
        today = today or timezone.localdate()
        return not self.is_done and self.due_on is not None and self.due_on < today

    @property
    def overdue(self):
        return self.is_overdue()

    def clean(self):
        self.title = (self.title or "").strip()
        if not self.title:
            raise ValidationError({"title": _("Please describe the task.")})
        if self.consultation_id and self.case_id and self.consultation.case_id != self.case_id:
            raise ValidationError({"consultation": _("The consultation belongs to another case.")})


class TaskReminder(models.Model):
    """One reminder mail per task and day: the guard against a second mail when the job runs again."""

    class Kind(models.TextChoices):
        DUE_TOMORROW = "due_tomorrow", _("Due tomorrow")
        OVERDUE = "overdue", _("Overdue")

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="reminders", verbose_name=_("task"))
    day = models.DateField(_("day"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("task reminder")
        verbose_name_plural = _("task reminders")
        ordering = ["-day", "task"]
        constraints = [models.UniqueConstraint(fields=["task", "day"], name="task_reminder_once_per_day")]

    def __str__(self):
        return f"{self.task} {self.day:%d.%m.%Y}"


class Referral(models.Model):
    """A referral of the case to an outside actor (bank, foundation, ...), with its status and result."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        REFERRED = "referred", _("Referred, waiting for an answer")
        SUCCESSFUL = "successful", _("Successful")
        UNSUCCESSFUL = "unsuccessful", _("Unsuccessful")
        CANCELLED = "cancelled", _("Cancelled")

    OPEN_STATUSES = (Status.PLANNED, Status.REFERRED)

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="referrals", verbose_name=_("case"))
    actor = models.ForeignKey(
        Actor,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="referrals",
        verbose_name=_("actor from the directory"),
    )
    # Kind and name are kept on the referral even for an actor of the directory: lists, statistics and exports
    # read them, and they stay when the actor leaves the directory.
    actor_type = models.CharField(_("kind of actor"), max_length=30, choices=Actor.Kind.choices)
    actor_name = models.CharField(_("actor"), max_length=200)
    reason = models.TextField(_("reason"), blank=True, validators=[MaxLengthValidator(TEXT_MAX_LENGTH)])
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    result = models.TextField(_("result"), blank=True, validators=[MaxLengthValidator(TEXT_MAX_LENGTH)])
    referred_on = models.DateField(_("referred on"), default=timezone.localdate)
    closed_on = models.DateField(_("concluded on"), null=True, blank=True)
    created_by = person_field()
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["-referred_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(actor_name=""), name="referral_has_actor"),
            models.CheckConstraint(
                condition=(Q(status__in=["planned", "referred"]) & Q(closed_on__isnull=True))
                | (~Q(status__in=["planned", "referred"]) & Q(closed_on__isnull=False)),
                name="referral_concluded_has_date",
            ),
        ]

    def __str__(self):
        return f"{self.case} → {self.actor_name}"

    @property
    def is_open(self):
        return self.status in self.OPEN_STATUSES

    @property
    def shown_actor_name(self) -> str:
        """The actor as the directory names it today, or the name given for an actor outside the directory."""
        return self.actor.name if self.actor_id else self.actor_name

    @property
    def shown_actor_kind(self) -> str:
        return self.actor.get_kind_display() if self.actor_id else self.get_actor_type_display()


class Workshop(models.Model):
    """A workshop (Qualifizierung) of local actors on one topic; several cases may take part."""

    municipality = models.ForeignKey(
        "quarters.Municipality",
        on_delete=models.PROTECT,
        related_name="advisory_workshops",
        verbose_name=_("municipality"),
    )
    title = models.CharField(_("title"), max_length=200)
    topic = models.CharField(_("topic"), max_length=30, choices=Topic.choices)
    held_on = models.DateField(_("date"), db_index=True)
    place = models.CharField(_("place"), max_length=200)
    description = models.TextField(_("description"), blank=True, validators=[MaxLengthValidator(TEXT_MAX_LENGTH)])
    attendees = models.PositiveSmallIntegerField(_("number of attendees"), null=True, blank=True)
    cases = models.ManyToManyField(
        Case,
        blank=True,
        related_name="workshops",
        verbose_name=_("participating initiatives and groups"),
    )
    created_by = person_field()
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("workshop")
        verbose_name_plural = _("workshops")
        ordering = ["-held_on", "title"]
        constraints = [models.CheckConstraint(condition=~Q(title=""), name="workshop_has_title")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("advisory:workshop", kwargs={"pk": self.pk})
