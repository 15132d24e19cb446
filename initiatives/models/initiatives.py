"""An initiative and its public profile: name, quarters, motives, resources, contact, logo, photos."""

from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from common.models import person_field
from common.validators import validate_choice_list
from financing.choices import Stage
from needs.models.needs import AffectedGroup

NAME_MAX_LENGTH = 160
SHORT_DESCRIPTION_MAX_LENGTH = 300
TEXT_MAX_LENGTH = 10000
COMMENT_MAX_LENGTH = 4000
MONEY = {"max_digits": 12, "decimal_places": 2}


class Motive(models.TextChoices):
    """The three motives that start citizen initiatives (seed document)."""

    SUPPLY_GAP = "supply_gap", _("A supply gap threatens")
    BUILDING = "building", _("A building threatens to stand empty or be demolished")
    COMMUNITY = "community", _("Wish for more community")


def validate_motives(value):
    validate_choice_list(
        value,
        Motive,
        invalid=_("Choose the motives from the list."),
        duplicate=_("Each motive can be chosen only once."),
        code="motive",
    )


def validate_target_groups(value):
    validate_choice_list(
        value,
        AffectedGroup,
        invalid=_("Choose the target groups from the list."),
        duplicate=_("Each target group can be chosen only once."),
        code="group",
    )


def logo_path(instance, filename):
    # The service re-encodes every upload, so the stored name never comes from the user.
    return f"initiatives/logos/{filename}"


def photo_path(instance, filename):
    return f"initiatives/photos/{filename}"


class Initiative(models.Model):
    """A citizen initiative and its public profile. Staff of its municipality review it."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted for review")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        PUBLISHED = "published", _("Published")
        REJECTED = "rejected", _("Rejected")
        ARCHIVED = "archived", _("Archived")

    name = models.CharField(_("name"), max_length=NAME_MAX_LENGTH)
    slug = models.SlugField(_("slug"), max_length=NAME_MAX_LENGTH + 10, unique=True)
    quarters = models.ManyToManyField("quarters.Quarter", related_name="initiatives", verbose_name=_("quarters"))
    municipality = models.ForeignKey(
        "quarters.Municipality",
        on_delete=models.PROTECT,
        related_name="initiatives",
        verbose_name=_("municipality"),
        help_text=_("The municipality that reviews the initiative: the one of its first quarter."),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True)
    motives = models.JSONField(_("motives"), default=list, blank=True, validators=[validate_motives])
    service_areas = models.ManyToManyField(
        "needs.ServiceArea", blank=True, related_name="initiatives", verbose_name=_("services offered")
    )
    answered_needs = models.ManyToManyField(
        "needs.Need", blank=True, related_name="initiatives", verbose_name=_("needs it answers")
    )
    legal_form = models.ForeignKey(
        "financing.LegalForm",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="initiatives",
        verbose_name=_("legal form"),
        help_text=_("Leave empty if there is none yet."),
    )
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices, default=Stage.IDEA)
    capital_need = models.DecimalField(
        _("capital need (€)"), **MONEY, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    own_funds = models.DecimalField(
        _("own funds (€)"), **MONEY, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    volunteer_hours_per_month = models.PositiveIntegerField(_("volunteer hours per month"), null=True, blank=True)
    space = models.TextField(
        _("space"),
        blank=True,
        validators=[MaxLengthValidator(TEXT_MAX_LENGTH)],
        help_text=_("What space you use or need: a room, a shop, a building."),
    )
    building = models.ForeignKey(
        "needs.Potential",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="initiatives",
        limit_choices_to={"kind": "building"},
        verbose_name=_("building"),
        help_text=_("A vacant or threatened building from the quarter's potentials."),
    )
    short_description = models.CharField(_("short description"), max_length=SHORT_DESCRIPTION_MAX_LENGTH)
    description = models.TextField(_("description"), blank=True, validators=[MaxLengthValidator(TEXT_MAX_LENGTH)])
    target_groups = models.JSONField(_("target groups"), default=list, blank=True, validators=[validate_target_groups])
    target_groups_note = models.CharField(_("target groups (in your words)"), max_length=300, blank=True)
    contact_person = models.CharField(_("contact person"), max_length=120, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)
    logo = models.ImageField(_("logo"), upload_to=logo_path, blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    # Registration wizard: the furthest step saved, so a resident can leave and come back.
    wizard_step = models.PositiveSmallIntegerField(_("registration step reached"), default=1)
    copied_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="copies",
        verbose_name=_("concept copied from"),
    )
    started_from_model = models.ForeignKey(
        "financing.ServiceModel",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="initiatives",
        verbose_name=_("started from the service model"),
    )
    created_by = person_field(_("registered by"))
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    # Full-text search (PostgreSQL, German): kept current by services.initiative_index_search; the GIN index
    # is created in a PostgreSQL-only migration step. On SQLite the column stays empty.
    search_vector = SearchVectorField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        ordering = ["name"]
        indexes = [
            models.Index(fields=["municipality", "status"], name="initiative_municipality_status"),
            # The directory: count and page of the published initiatives ordered by name.
            models.Index(fields=["status", "name"], name="initiative_status_name"),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="initiative_has_name"),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False),
                name="initiative_both_or_no_coordinates",
            ),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False), name="initiative_published_has_date"
            ),
            models.CheckConstraint(condition=Q(wizard_step__gte=1, wizard_step__lte=5), name="initiative_wizard_step"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("initiatives:detail", kwargs={"slug": self.slug})

    def clean(self):
        self.name = (self.name or "").strip()
        if not self.name:
            raise ValidationError({"name": _("Please give the initiative a name.")})
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError(_("Give both latitude and longitude, or neither."))

    @property
    def is_public(self):
        return self.status == self.Status.PUBLISHED

    @property
    def is_editable_by_team(self):
        """Lead and core can edit the profile unless it is rejected or archived."""
        return self.status not in {self.Status.REJECTED, self.Status.ARCHIVED}

    def get_motives_display(self):
        labels = dict(Motive.choices)
        return [labels[m] for m in self.motives if m in labels]

    def get_target_groups_display(self):
        labels = dict(AffectedGroup.choices)
        return [labels[g] for g in self.target_groups if g in labels]


class Photo(models.Model):
    """A photo of an initiative's profile (re-encoded on upload, metadata stripped)."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("photo"), upload_to=photo_path)
    caption = models.CharField(_("caption"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    uploaded_by = person_field()
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.caption or self.image.name
