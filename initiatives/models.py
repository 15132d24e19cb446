"""The initiative registry: initiatives, their team, help offers and pledges, the business concept,
their network of actors and other initiatives, review decisions and municipal takeovers."""

from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.money import MAX_AMOUNT
from financing.choices import Profitability, Stage
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
    if not isinstance(value, list) or any(motive not in Motive.values for motive in value):
        raise ValidationError(_("Choose the motives from the list."), code="invalid_motive")
    if len(set(value)) != len(value):
        raise ValidationError(_("Each motive can be chosen only once."), code="duplicate_motive")


def validate_target_groups(value):
    if not isinstance(value, list) or any(group not in AffectedGroup.values for group in value):
        raise ValidationError(_("Choose the target groups from the list."), code="invalid_group")
    if len(set(value)) != len(value):
        raise ValidationError(_("Each target group can be chosen only once."), code="duplicate_group")


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
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registered by"),
    )
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
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.caption or self.image.name


class Membership(models.Model):
    """A person's role in an initiative: lead, core team (the few who carry the work), or supporter."""

    class Role(models.TextChoices):
        LEAD = "lead", _("Lead")
        CORE = "core", _("Core team")
        SUPPORTER = "supporter", _("Supporter")

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("initiative")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="initiative_memberships",
        verbose_name=_("person"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(_("member since"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["initiative", "role", "created_at"]
        constraints = [
            models.UniqueConstraint(fields=["initiative", "user"], name="membership_unique_per_initiative"),
        ]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()} ({self.initiative})"

    @property
    def is_core_team(self):
        return self.role in {self.Role.LEAD, self.Role.CORE}


class Invitation(models.Model):
    """An e-mail invitation into an initiative's team: single use, valid for INVITATION_DAYS days.

    Only a hash of the token is stored, so a leaked database does not leak usable invitation links.
    """

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("initiative")
    )
    email = models.EmailField(_("e-mail address"))
    role = models.CharField(_("role"), max_length=20, choices=Membership.Role.choices, default=Membership.Role.CORE)
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepted by"),
    )
    revoked_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(accepted_at__isnull=True) | Q(accepted_by__isnull=False),
                name="invitation_accepted_has_person",
            ),
        ]

    def __str__(self):
        return f"{self.email} → {self.initiative}"

    @property
    def is_open(self):
        return self.accepted_at is None and self.revoked_at is None and self.expires_at > timezone.now()

    @property
    def is_expired(self):
        return self.accepted_at is None and self.expires_at <= timezone.now()


class HelpOffer(models.Model):
    """'Mitmachen': a resident offers help; the core team accepts or declines."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="help_offers", verbose_name=_("initiative")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="help_offers", verbose_name=_("offered by")
    )
    skills = models.TextField(_("what I can do"), validators=[MaxLengthValidator(2000)])
    hours_per_month = models.PositiveSmallIntegerField(_("hours per month"), default=0)
    contact = models.CharField(_("how to reach me"), max_length=200)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN, db_index=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    created_at = models.DateTimeField(_("offered at"), auto_now_add=True)

    class Meta:
        verbose_name = _("help offer")
        verbose_name_plural = _("help offers")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "user"], condition=Q(status="open"), name="help_offer_one_open_per_person"
            ),
        ]

    def __str__(self):
        return f"{self.user} → {self.initiative}"


class Pledge(models.Model):
    """A non-binding pledge of a supporter: shares, a subordinated loan, a donation, hours or a room.

    Only lead and core see single pledges; totals may be shown publicly.
    """

    class Kind(models.TextChoices):
        SHARES = "shares", _("Cooperative shares")
        LOAN = "loan", _("Subordinated loan")
        DONATION = "donation", _("Donation")
        HOURS = "hours", _("Volunteer hours")
        ROOM = "room", _("Use of a room")

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="pledges", verbose_name=_("initiative")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="pledges",
        verbose_name=_("pledged by"),
    )
    pledger_name = models.CharField(
        _("name"), max_length=120, blank=True, help_text=_("For pledges recorded on someone's behalf.")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    share_count = models.PositiveIntegerField(_("number of shares"), null=True, blank=True)
    share_price = models.DecimalField(
        _("price per share (€)"), **MONEY, null=True, blank=True, validators=[MinValueValidator(Decimal("0.01"))]
    )
    amount = models.DecimalField(
        _("amount (€)"), **MONEY, null=True, blank=True, validators=[MinValueValidator(Decimal("0.01"))]
    )
    hours_per_month = models.PositiveSmallIntegerField(_("hours per month"), null=True, blank=True)
    room = models.CharField(_("room"), max_length=300, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("pledged at"), auto_now_add=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        verbose_name = _("pledge")
        verbose_name_plural = _("pledges")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(user__isnull=False) | ~Q(pledger_name=""), name="pledge_has_pledger"),
            models.CheckConstraint(
                condition=(
                    Q(kind="shares", share_count__gte=1, share_price__isnull=False, amount__isnull=True)
                    | Q(kind__in=["loan", "donation"], amount__isnull=False, share_count__isnull=True)
                    | Q(kind="hours", hours_per_month__gte=1, amount__isnull=True, share_count__isnull=True)
                    | (Q(kind="room", amount__isnull=True, share_count__isnull=True) & ~Q(room=""))
                ),
                name="pledge_fields_match_kind",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} – {self.initiative}"

    @property
    def money(self) -> Decimal:
        """The pledged money: shares x price, or the amount; zero for hours and rooms."""
        if self.kind == self.Kind.SHARES and self.share_count and self.share_price is not None:
            return self.share_count * self.share_price
        return self.amount or Decimal("0")

    @property
    def pledger_display(self):
        return self.pledger_name or (self.user.public_name if self.user else "")

    def clean(self):
        errors = {}
        if self.kind == self.Kind.SHARES:
            if not self.share_count:
                errors["share_count"] = _("How many shares?")
            if self.share_price is None:
                errors["share_price"] = _("What does one share cost?")
        elif self.kind in {self.Kind.LOAN, self.Kind.DONATION}:
            if self.amount is None:
                errors["amount"] = _("Please give the amount.")
        elif self.kind == self.Kind.HOURS:
            if not self.hours_per_month:
                errors["hours_per_month"] = _("How many hours per month?")
        elif self.kind == self.Kind.ROOM and not (self.room or "").strip():
            errors["room"] = _("Please describe the room.")
        if errors:
            raise ValidationError(errors)
        # Fields of other kinds are dropped, so the ledger never shows stale numbers.
        if self.kind != self.Kind.SHARES:
            self.share_count = self.share_price = None
        if self.kind not in {self.Kind.LOAN, self.Kind.DONATION}:
            self.amount = None
        if self.kind != self.Kind.HOURS:
            self.hours_per_month = None
        if self.kind != self.Kind.ROOM:
            self.room = ""


class Concept(models.Model):
    """The structured business concept (Geschäftskonzept) of an initiative, one per initiative."""

    # The text sections in the order they appear; ConceptVersion snapshots and diffs use these.
    SECTIONS = (
        "need_and_evidence",
        "offer",
        "target_groups",
        "space_and_location",
        "operating_model",
        "partners",
        "volunteer_activation",
    )

    initiative = models.OneToOneField(
        Initiative, on_delete=models.CASCADE, related_name="concept", verbose_name=_("initiative")
    )
    need_and_evidence = models.TextField(
        _("need and evidence"), blank=True, validators=[MaxLengthValidator(TEXT_MAX_LENGTH)]
    )
    offer = models.TextField(_("offer"), blank=True, validators=[MaxLengthValidator(TEXT_MAX_LENGTH)])
    target_groups = models.TextField(_("target groups"), blank=True, validators=[MaxLengthValidator(TEXT_MAX_LENGTH)])
    space_and_location = models.TextField(
        _("space and location"), blank=True, validators=[MaxLengthValidator(TEXT_MAX_LENGTH)]
    )
    operating_model = models.TextField(
        _("operating model and organisation"), blank=True, validators=[MaxLengthValidator(TEXT_MAX_LENGTH)]
    )
    partners = models.TextField(_("partners and actors"), blank=True, validators=[MaxLengthValidator(TEXT_MAX_LENGTH)])
    volunteer_activation = models.TextField(
        _("activation of volunteers"), blank=True, validators=[MaxLengthValidator(TEXT_MAX_LENGTH)]
    )
    volunteer_hours_needed = models.PositiveIntegerField(_("volunteer hours needed per month"), null=True, blank=True)
    copied_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="copies",
        verbose_name=_("copied from"),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        verbose_name = _("concept")
        verbose_name_plural = _("concepts")

    def __str__(self):
        return str(self.initiative)

    def get_absolute_url(self):
        return reverse("initiatives:concept", kwargs={"slug": self.initiative.slug})

    @classmethod
    def section_label(cls, name):
        return cls._meta.get_field(name).verbose_name


class ConceptLineItem(models.Model):
    """A line of the concept's costs and revenues: one-off costs, annual costs, annual revenues."""

    class Category(models.TextChoices):
        ONE_OFF_COST = "one_off_cost", _("One-off cost")
        ANNUAL_COST = "annual_cost", _("Annual cost")
        ANNUAL_REVENUE = "annual_revenue", _("Annual revenue")

    concept = models.ForeignKey(Concept, on_delete=models.CASCADE, related_name="line_items", verbose_name=_("concept"))
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    label = models.CharField(_("item"), max_length=200)
    amount = models.DecimalField(_("amount (€)"), **MONEY, validators=[MinValueValidator(0)])
    note = models.CharField(_("note"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("concept line item")
        verbose_name_plural = _("concept line items")
        ordering = ["category", "position", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="concept_line_item_amount_not_negative"),
        ]

    def __str__(self):
        return f"{self.label}: {self.amount}"


class Milestone(models.Model):
    """A dated milestone of the concept."""

    concept = models.ForeignKey(Concept, on_delete=models.CASCADE, related_name="milestones", verbose_name=_("concept"))
    title = models.CharField(_("milestone"), max_length=200)
    due_on = models.DateField(_("date"))
    done = models.BooleanField(_("reached"), default=False)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["due_on", "pk"]

    def __str__(self):
        return f"{self.due_on:%d.%m.%Y} {self.title}"


class ConceptVersion(models.Model):
    """A snapshot of the concept after each save: who changed what, when."""

    concept = models.ForeignKey(Concept, on_delete=models.CASCADE, related_name="versions", verbose_name=_("concept"))
    number = models.PositiveIntegerField(_("version"))
    snapshot = models.JSONField(_("snapshot"))
    changed_sections = models.JSONField(_("changed sections"), default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    created_at = models.DateTimeField(_("changed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("concept version")
        verbose_name_plural = _("concept versions")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["concept", "number"], name="concept_version_unique_number"),
        ]

    def __str__(self):
        return f"{self.concept} v{self.number}"


class InitiativeLink(models.Model):
    """A link between two initiatives of the network (e.g. shared space, the same model, mentoring)."""

    from_initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="links_out", verbose_name=_("initiative")
    )
    to_initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="links_in", verbose_name=_("linked initiative")
    )
    description = models.CharField(_("relation"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("linked at"), auto_now_add=True)

    class Meta:
        verbose_name = _("link between initiatives")
        verbose_name_plural = _("links between initiatives")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["from_initiative", "to_initiative"], name="initiative_link_unique"),
            models.CheckConstraint(
                condition=~Q(from_initiative=F("to_initiative")), name="initiative_link_not_to_itself"
            ),
        ]

    def __str__(self):
        return f"{self.from_initiative} – {self.to_initiative}"


class Actor(models.Model):
    """An organisation in the network: economic development agency, cooperative, welfare association, ..."""

    class Kind(models.TextChoices):
        ECONOMIC_DEVELOPMENT = "economic_development", _("Economic development agency")
        COOPERATIVE = "cooperative", _("Cooperative")
        HOUSING = "housing", _("Housing company")
        WELFARE = "welfare", _("Welfare association")
        CHURCH = "church", _("Church")
        ASSOCIATION = "association", _("Association or foundation")
        PUBLIC = "public", _("Public authority")
        BUSINESS = "business", _("Business")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, default=Kind.OTHER)
    municipality = models.ForeignKey(
        "quarters.Municipality",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="actors",
        verbose_name=_("municipality"),
        help_text=_("Empty for actors working across municipalities."),
    )
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True, validators=[MaxLengthValidator(2000)])
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("actor")
        verbose_name_plural = _("actors")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="actor_name_unique_per_municipality"),
        ]

    def __str__(self):
        return self.name


class InitiativeActor(models.Model):
    """An actor's role for an initiative ('berät', 'stellt Räume', 'fördert')."""

    class Role(models.TextChoices):
        ADVISES = "advises", _("advises")
        PROVIDES_SPACE = "provides_space", _("provides space")
        FUNDS = "funds", _("funds")
        PARTNER = "partner", _("is a partner")
        CARRIES = "carries", _("carries the project")
        OTHER = "other", _("other")

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="actor_links", verbose_name=_("initiative")
    )
    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="initiative_links", verbose_name=_("actor"))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("linked at"), auto_now_add=True)

    class Meta:
        verbose_name = _("actor of an initiative")
        verbose_name_plural = _("actors of initiatives")
        ordering = ["actor__name", "role"]
        constraints = [
            models.UniqueConstraint(fields=["initiative", "actor", "role"], name="initiative_actor_unique_role"),
        ]

    def __str__(self):
        return f"{self.actor} {self.get_role_display()} {self.initiative}"


class MunicipalTakeover(models.Model):
    """The municipality carries an initiative for a while: a quarter coordinator appointed by a coordinator."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="takeovers", verbose_name=_("initiative")
    )
    quarter_coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="carried_initiatives",
        verbose_name=_("quarter coordinator"),
    )
    reason = models.TextField(_("why the municipality takes over"), validators=[MaxLengthValidator(COMMENT_MAX_LENGTH)])
    review_on = models.DateField(_("review on"))
    started_at = models.DateTimeField(_("since"), default=timezone.now)
    appointed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("appointed by"),
    )
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    end_note = models.TextField(_("note on the end"), blank=True, validators=[MaxLengthValidator(COMMENT_MAX_LENGTH)])

    class Meta:
        verbose_name = _("municipal takeover")
        verbose_name_plural = _("municipal takeovers")
        ordering = ["review_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["initiative"], condition=Q(ended_at__isnull=True), name="takeover_one_active_per_initiative"
            ),
            models.CheckConstraint(condition=~Q(reason=""), name="takeover_has_reason"),
        ]

    def __str__(self):
        return f"{self.initiative} – {self.quarter_coordinator}"

    @property
    def is_active(self):
        return self.ended_at is None


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
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
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


# --- Financing plan ------------------------------------------------------------------------------

MAX_TRANCHES = 12


def validate_check_answers(value):
    """Answers to programme-specific questions of the financing check: {"area:<slug>": true, ...}."""
    if not isinstance(value, dict) or any(
        not isinstance(key, str) or key.split(":", 1)[0] not in {"area", "condition"} or not isinstance(answer, bool)
        for key, answer in value.items()
    ):
        raise ValidationError(_("The answers to the check's questions are malformed."), code="invalid_answers")


class FinancingPlan(models.Model):
    """Settings and facts of an initiative's financing plan (one per initiative, created on the first answer).

    The facts the financing check asks for and the initiative's profile lacks live here: profitability,
    securities, recognised Gemeinnützigkeit and the answers to programme-specific questions.
    """

    initiative = models.OneToOneField(
        Initiative, on_delete=models.CASCADE, related_name="financing_plan", verbose_name=_("initiative")
    )
    start_month = models.DateField(
        _("start month"),
        null=True,
        blank=True,
        help_text=_("The month the one-off costs fall due and the running costs and revenues begin."),
    )
    profitability = models.CharField(
        _("profitability"), max_length=20, choices=Profitability.choices, blank=True, default=""
    )
    has_securities = models.BooleanField(_("securities available"), null=True, blank=True)
    is_gemeinnuetzig = models.BooleanField(_("recognised as gemeinnützig"), null=True, blank=True)
    check_answers = models.JSONField(
        _("answers to the check's questions"), default=dict, blank=True, validators=[validate_check_answers]
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        verbose_name = _("financing plan")
        verbose_name_plural = _("financing plans")
        constraints = [
            models.CheckConstraint(
                condition=Q(profitability__in=["", *Profitability.values]), name="financing_plan_profitability"
            ),
        ]

    def __str__(self):
        return str(self.initiative)

    def clean(self):
        if self.start_month is not None:
            self.start_month = self.start_month.replace(day=1)


class FinancingLine(models.Model):
    """A source of the financing plan: a programme of the catalogue or a free source, with amount and status.

    `source_name` and `instrument` are always filled: for a programme they are taken from it when the line is
    saved, so the line keeps its meaning if the programme later leaves the catalogue.
    """

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        APPLIED = "applied", _("applied for")
        APPROVED = "approved", _("approved")
        RECEIVED = "received", _("received")

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="financing_lines", verbose_name=_("initiative")
    )
    programme = models.ForeignKey(
        "financing.Programme",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("programme"),
    )
    instrument = models.ForeignKey(
        "financing.InstrumentType", on_delete=models.PROTECT, related_name="+", verbose_name=_("instrument type")
    )
    source_name = models.CharField(_("source"), max_length=255)
    amount = models.DecimalField(
        _("amount (€)"), **MONEY, validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(MAX_AMOUNT)]
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    expected_on = models.DateField(
        _("expected on"), null=True, blank=True, help_text=_("When the money comes (the first payment).")
    )
    tranches = models.PositiveSmallIntegerField(
        _("monthly payments"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_TRANCHES)],
        help_text=_("Paid in this many equal monthly payments (1 to 12)."),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("added by"),
    )
    created_at = models.DateTimeField(_("added at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        verbose_name = _("financing plan line")
        verbose_name_plural = _("financing plan lines")
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0) & Q(amount__lte=MAX_AMOUNT), name="financing_line_amount_in_range"
            ),
            models.CheckConstraint(
                condition=Q(tranches__gte=1, tranches__lte=MAX_TRANCHES), name="financing_line_tranches_in_range"
            ),
            models.CheckConstraint(condition=~Q(source_name=""), name="financing_line_has_source"),
            models.CheckConstraint(
                condition=Q(status__in=["planned", "applied", "approved", "received"]), name="financing_line_status"
            ),
        ]

    def __str__(self):
        return f"{self.source}: {self.amount}"

    @property
    def source(self) -> str:
        """The programme's current name, or the free source's."""
        return self.programme.name if self.programme_id and self.programme else self.source_name

    @property
    def effective_instrument(self):
        """The programme's instrument type (current), else the line's own."""
        if self.programme_id and self.programme:
            return self.programme.instrument_type
        return self.instrument

    @property
    def pays_after_spending(self) -> bool:
        if self.programme_id and self.programme:
            return self.programme.pays_after_spending_effective
        return self.instrument.pays_after_spending
