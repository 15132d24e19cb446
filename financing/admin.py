from django.contrib import admin

from .models import (
    CombinationRule,
    InstrumentType,
    LegalForm,
    Programme,
    ServiceModel,
    ServiceModelFinancing,
    ServiceModelLegalForm,
)


@admin.register(LegalForm)
class LegalFormAdmin(admin.ModelAdmin):
    list_display = ["name", "abbreviation", "elf_code", "min_founders", "min_capital", "is_founding_option", "position"]
    list_filter = ["is_founding_option", "can_be_gemeinnuetzig", "notary_required", "personal_liability"]
    search_fields = ["name", "abbreviation", "elf_code", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(InstrumentType)
class InstrumentTypeAdmin(admin.ModelAdmin):
    list_display = ["name_de", "name_en", "public_funding", "needs_own_funds", "pays_after_spending", "repayable"]
    list_filter = ["public_funding", "needs_own_funds", "pays_after_spending", "repayable"]
    search_fields = ["name_de", "name_en", "slug"]
    filter_horizontal = ["legal_forms"]
    prepopulated_fields = {"slug": ["name_de"]}


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "instrument_type", "level", "state", "municipality", "checked_on"]
    list_filter = ["level", "instrument_type", "state", "municipality", "requires_gemeinnuetzig"]
    search_fields = ["name", "provider", "slug", "municipality_name"]
    list_select_related = ["instrument_type", "municipality"]
    filter_horizontal = ["eligible_legal_forms", "service_areas"]
    raw_id_fields = ["created_by"]
    prepopulated_fields = {"slug": ["name"]}
    date_hierarchy = "checked_on"


class LegalFormLineInline(admin.TabularInline):
    model = ServiceModelLegalForm
    extra = 0


class FinancingLineInline(admin.TabularInline):
    model = ServiceModelFinancing
    extra = 0


@admin.register(ServiceModel)
class ServiceModelAdmin(admin.ModelAdmin):
    list_display = ["name", "needs_space", "needs_volunteers", "needs_paid_coordinator", "checked_on"]
    list_filter = ["needs_space", "needs_volunteers", "needs_paid_coordinator", "service_areas"]
    search_fields = ["name", "slug", "summary"]
    filter_horizontal = ["service_areas"]
    prepopulated_fields = {"slug": ["name"]}
    raw_id_fields = ["updated_by"]
    inlines = [LegalFormLineInline, FinancingLineInline]


@admin.register(CombinationRule)
class CombinationRuleAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind"]
    list_filter = ["kind"]
    search_fields = ["explanation", "programme__name", "instrument_type__name_de"]
    list_select_related = ["instrument_type", "programme", "other_instrument_type", "other_programme"]
    raw_id_fields = ["programme", "other_programme"]
