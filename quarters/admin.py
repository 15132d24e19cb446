from django.contrib import admin

from . import services
from .models import Municipality, Quarter, QuarterStatistics, RoleChange, StaffRole


class QuarterInline(admin.TabularInline):
    model = Quarter
    fields = ["name", "slug"]
    extra = 0
    show_change_link = True


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["name", "state", "official_key"]
    list_filter = ["state"]
    search_fields = ["name", "official_key"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [QuarterInline]


class StatisticsInline(admin.TabularInline):
    model = QuarterStatistics
    extra = 0


@admin.register(Quarter)
class QuarterAdmin(admin.ModelAdmin):
    list_display = ["name", "municipality"]
    list_filter = ["municipality"]
    search_fields = ["name", "municipality__name"]
    prepopulated_fields = {"slug": ["name"]}
    list_select_related = ["municipality"]
    inlines = [StatisticsInline]


@admin.register(QuarterStatistics)
class QuarterStatisticsAdmin(admin.ModelAdmin):
    list_display = ["quarter", "reference_date", "population", "share_without_german_citizenship"]
    list_filter = ["quarter__municipality", "reference_date"]
    search_fields = ["quarter__name"]
    list_select_related = ["quarter"]


@admin.register(StaffRole)
class StaffRoleAdmin(admin.ModelAdmin):
    """Role changes made here go through the services, so each is recorded."""

    list_display = ["user", "municipality", "role", "created_at"]
    list_filter = ["role", "municipality"]
    search_fields = ["user__email", "user__display_name", "municipality__name"]
    raw_id_fields = ["user"]
    list_select_related = ["user", "municipality"]

    def save_model(self, request, obj, form, change):
        if change:
            old = StaffRole.objects.get(pk=obj.pk)
            services.staff_role_revoke(staff_role=old, by=request.user)
            obj.pk = None
        obj.pk = services.staff_role_grant(
            user=obj.user, municipality=obj.municipality, role=obj.role, by=request.user
        ).pk

    def delete_model(self, request, obj):
        services.staff_role_revoke(staff_role=obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for staff_role in queryset:
            services.staff_role_revoke(staff_role=staff_role, by=request.user)


@admin.register(RoleChange)
class RoleChangeAdmin(admin.ModelAdmin):
    list_display = ["created_at", "action", "role", "subject", "municipality", "actor"]
    list_filter = ["action", "role", "municipality"]
    search_fields = ["subject__email", "actor__email"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
