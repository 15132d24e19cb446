from django.contrib import admin

from .models import (
    Actor,
    Concept,
    ConceptLineItem,
    ConceptVersion,
    FinancingLine,
    FinancingPlan,
    HelpOffer,
    Initiative,
    InitiativeActor,
    InitiativeLink,
    Invitation,
    Membership,
    Milestone,
    MunicipalTakeover,
    Photo,
    Pledge,
    ReviewDecision,
)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


class PhotoInline(admin.TabularInline):
    model = Photo
    extra = 0
    fields = ["image", "caption", "position"]


@admin.register(Initiative)
class InitiativeAdmin(admin.ModelAdmin):
    list_display = ["name", "municipality", "status", "stage", "legal_form", "created_at"]
    list_filter = ["status", "stage", "municipality", "legal_form"]
    search_fields = ["name", "slug", "short_description"]
    list_select_related = ["municipality", "legal_form"]
    filter_horizontal = ["quarters", "service_areas"]
    raw_id_fields = ["answered_needs", "building", "copied_from", "created_by"]
    readonly_fields = ["created_at", "updated_at", "submitted_at", "published_at"]
    inlines = [MembershipInline, PhotoInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["initiative", "user", "role", "created_at"]
    list_filter = ["role", "initiative__municipality"]
    search_fields = ["initiative__name", "user__email", "user__display_name"]
    list_select_related = ["initiative", "user"]
    autocomplete_fields = ["user"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "initiative", "role", "created_at", "expires_at", "accepted_at", "revoked_at"]
    list_filter = ["role", "initiative__municipality"]
    search_fields = ["email", "initiative__name"]
    list_select_related = ["initiative"]
    readonly_fields = ["token_hash", "accepted_at", "accepted_by", "invited_by"]


@admin.register(HelpOffer)
class HelpOfferAdmin(admin.ModelAdmin):
    list_display = ["initiative", "user", "hours_per_month", "status", "created_at"]
    list_filter = ["status", "initiative__municipality"]
    search_fields = ["initiative__name", "user__email", "skills"]
    list_select_related = ["initiative", "user"]


@admin.register(Pledge)
class PledgeAdmin(admin.ModelAdmin):
    list_display = ["initiative", "kind", "user", "pledger_name", "created_at", "withdrawn_at"]
    list_filter = ["kind", "initiative__municipality"]
    search_fields = ["initiative__name", "user__email", "pledger_name"]
    list_select_related = ["initiative", "user"]


class LineItemInline(admin.TabularInline):
    model = ConceptLineItem
    extra = 0


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0


@admin.register(Concept)
class ConceptAdmin(admin.ModelAdmin):
    list_display = ["initiative", "updated_at", "updated_by"]
    list_filter = ["initiative__municipality"]
    search_fields = ["initiative__name", "offer"]
    list_select_related = ["initiative", "updated_by"]
    raw_id_fields = ["copied_from"]
    inlines = [LineItemInline, MilestoneInline]


@admin.register(ConceptLineItem)
class ConceptLineItemAdmin(admin.ModelAdmin):
    list_display = ["label", "category", "amount", "concept"]
    list_filter = ["category"]
    search_fields = ["label", "concept__initiative__name"]


@admin.register(Milestone)
class MilestoneAdmin(admin.ModelAdmin):
    list_display = ["title", "due_on", "done", "concept"]
    list_filter = ["done"]
    search_fields = ["title", "concept__initiative__name"]


@admin.register(ConceptVersion)
class ConceptVersionAdmin(admin.ModelAdmin):
    list_display = ["concept", "number", "created_by", "created_at"]
    list_filter = ["concept__initiative__municipality"]
    search_fields = ["concept__initiative__name"]
    readonly_fields = ["concept", "number", "snapshot", "changed_sections", "created_by", "created_at"]


@admin.register(InitiativeLink)
class InitiativeLinkAdmin(admin.ModelAdmin):
    list_display = ["from_initiative", "to_initiative", "description"]
    list_filter = ["from_initiative__municipality"]
    search_fields = ["from_initiative__name", "to_initiative__name", "description"]


@admin.register(Actor)
class ActorAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "municipality"]
    list_filter = ["kind", "municipality"]
    search_fields = ["name", "description"]


@admin.register(InitiativeActor)
class InitiativeActorAdmin(admin.ModelAdmin):
    list_display = ["actor", "role", "initiative"]
    list_filter = ["role", "actor__kind"]
    search_fields = ["actor__name", "initiative__name"]
    list_select_related = ["actor", "initiative"]


@admin.register(MunicipalTakeover)
class MunicipalTakeoverAdmin(admin.ModelAdmin):
    list_display = ["initiative", "quarter_coordinator", "review_on", "started_at", "ended_at"]
    list_filter = ["initiative__municipality"]
    search_fields = ["initiative__name", "quarter_coordinator__email"]
    list_select_related = ["initiative", "quarter_coordinator"]


@admin.register(ReviewDecision)
class ReviewDecisionAdmin(admin.ModelAdmin):
    list_display = ["initiative", "decision", "decided_by", "created_at"]
    list_filter = ["decision", "initiative__municipality"]
    search_fields = ["initiative__name", "comment"]
    list_select_related = ["initiative", "decided_by"]


@admin.register(Photo)
class PhotoAdmin(admin.ModelAdmin):
    list_display = ["initiative", "caption", "position"]
    search_fields = ["initiative__name", "caption"]


@admin.register(FinancingPlan)
class FinancingPlanAdmin(admin.ModelAdmin):
    list_display = ["initiative", "start_month", "profitability", "has_securities", "is_gemeinnuetzig", "updated_at"]
    list_filter = ["profitability", "has_securities", "is_gemeinnuetzig", "initiative__municipality"]
    search_fields = ["initiative__name"]
    list_select_related = ["initiative"]
    raw_id_fields = ["initiative", "updated_by"]


@admin.register(FinancingLine)
class FinancingLineAdmin(admin.ModelAdmin):
    list_display = ["source_name", "initiative", "instrument", "amount", "status", "expected_on", "tranches"]
    list_filter = ["status", "instrument", "initiative__municipality"]
    search_fields = ["source_name", "initiative__name", "programme__name", "note"]
    list_select_related = ["initiative", "instrument"]
    raw_id_fields = ["initiative", "programme", "created_by"]
