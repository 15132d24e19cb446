from django.contrib import admin

from .models import ReportJob


@admin.register(ReportJob)
class ReportJobAdmin(admin.ModelAdmin):
    list_display = ["pk", "kind", "subject_label", "language", "status", "attempts", "pages", "created_at"]
    list_filter = ["kind", "status", "language"]
    search_fields = ["subject_label", "requested_by__email", "sha256"]
    readonly_fields = [f.name for f in ReportJob._meta.fields]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False
