"""The admin for advisory casework. Confidential note texts never appear here: the admin shows only that a
note exists and links to the logged note page; note texts are not searchable."""

from django.contrib import admin
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import (
    Case,
    ConfidentialNote,
    ConfidentialNoteRead,
    Consultation,
    ConsultationTopic,
    PhaseChange,
    Referral,
    Task,
    TaskReminder,
    Workshop,
)


class PhaseChangeInline(admin.TabularInline):
    model = PhaseChange
    extra = 0
    raw_id_fields = ["changed_by"]


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    list_display = ["name", "municipality", "quarter", "initiative", "advisor", "phase", "status", "opened_on"]
    list_filter = ["municipality", "phase", "status"]
    search_fields = ["name", "initiative__name", "contact_name"]
    raw_id_fields = ["initiative", "advisor", "created_by", "quarter"]
    date_hierarchy = "opened_on"
    inlines = [PhaseChangeInline]


@admin.register(PhaseChange)
class PhaseChangeAdmin(admin.ModelAdmin):
    list_display = ["case", "from_phase", "to_phase", "changed_by", "changed_at"]
    list_filter = ["to_phase", "case__municipality"]
    search_fields = ["case__name"]
    raw_id_fields = ["case", "changed_by"]


class ConsultationTopicInline(admin.TabularInline):
    model = ConsultationTopic
    extra = 0


@admin.register(Consultation)
class ConsultationAdmin(admin.ModelAdmin):
    list_display = ["case", "held_on", "format", "duration_minutes", "advisor", "confidential_note_link"]
    list_filter = ["format", "case__municipality", "held_on"]
    search_fields = ["case__name", "summary"]  # never the confidential note
    raw_id_fields = ["case", "advisor", "participants"]
    date_hierarchy = "held_on"
    inlines = [ConsultationTopicInline]

    def get_queryset(self, request):
        # Whether a note exists, never its text.
        note = ConfidentialNote.objects.filter(consultation=OuterRef("pk"))
        return super().get_queryset(request).select_related("case", "advisor").annotate(has_note=Exists(note))

    @admin.display(description=_("confidential note"))
    def confidential_note_link(self, obj):
        if not obj.has_note:
            return "–"
        return format_html(
            '<a href="{}">{}</a>', reverse("advisory:consultation_note", args=[obj.pk]), _("read (recorded)")
        )


@admin.register(ConfidentialNote)
class ConfidentialNoteAdmin(admin.ModelAdmin):
    """Metadata only: the text is read on the note page, where the read is recorded."""

    list_display = ["consultation", "written_by", "created_at", "updated_at"]
    list_filter = ["consultation__case__municipality", "created_at"]
    search_fields = ["consultation__case__name"]
    fields = ["consultation", "written_by", "created_at", "updated_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ConfidentialNoteRead)
class ConfidentialNoteReadAdmin(admin.ModelAdmin):
    list_display = ["read_at", "reader", "case", "page"]
    list_filter = ["case__municipality", "page", "read_at"]
    search_fields = ["reader__email", "case__name"]
    readonly_fields = ["note", "case", "reader", "read_at", "page"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class TaskReminderInline(admin.TabularInline):
    model = TaskReminder
    extra = 0
    readonly_fields = ["day", "kind", "sent_at"]


@admin.register(Task)
class TaskAdmin(admin.ModelAdmin):
    list_display = ["title", "case", "owner", "due_on", "done_at"]
    list_filter = ["case__municipality", "due_on", "done_at"]
    search_fields = ["title", "case__name", "owner__email"]
    raw_id_fields = ["case", "consultation", "owner", "done_by", "created_by"]
    inlines = [TaskReminderInline]


@admin.register(TaskReminder)
class TaskReminderAdmin(admin.ModelAdmin):
    list_display = ["task", "day", "kind", "sent_at"]
    list_filter = ["kind", "day"]
    search_fields = ["task__title"]
    raw_id_fields = ["task"]


@admin.register(Referral)
class ReferralAdmin(admin.ModelAdmin):
    list_display = ["case", "actor", "actor_type", "actor_name", "status", "referred_on", "closed_on"]
    list_filter = ["actor_type", "status", "case__municipality"]
    list_select_related = ["case__initiative", "actor"]
    search_fields = ["actor__name", "actor_name", "case__name"]
    raw_id_fields = ["case", "created_by"]
    autocomplete_fields = ["actor"]


@admin.register(Workshop)
class WorkshopAdmin(admin.ModelAdmin):
    list_display = ["title", "municipality", "topic", "held_on", "place", "attendees"]
    list_filter = ["municipality", "topic", "held_on"]
    search_fields = ["title", "place"]
    raw_id_fields = ["created_by"]
    filter_horizontal = ["cases"]


@admin.register(ConsultationTopic)
class ConsultationTopicAdmin(admin.ModelAdmin):
    list_display = ["consultation", "topic"]
    list_filter = ["topic"]
    search_fields = ["consultation__case__name"]
    raw_id_fields = ["consultation"]
