from django.contrib import admin

from .models import (
    AbuseReport,
    Answer,
    Choice,
    Comment,
    Need,
    Offer,
    PostingBlock,
    Potential,
    Question,
    Response,
    ServiceArea,
    Support,
    Survey,
    SurveyCode,
)
from .services import recount_supports


@admin.register(ServiceArea)
class ServiceAreaAdmin(admin.ModelAdmin):
    list_display = ["name_de", "name_en", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["name_de", "name_en", "slug"]
    prepopulated_fields = {"slug": ["name_de"]}


@admin.register(Need)
class NeedAdmin(admin.ModelAdmin):
    list_display = ["title", "quarter", "service_area", "status", "hidden", "source", "created_at"]
    list_filter = ["status", "hidden", "source", "service_area", "quarter__municipality"]
    search_fields = ["title", "description", "quarter__name"]
    raw_id_fields = ["author", "merged_into", "moderated_by"]
    list_select_related = ["quarter", "service_area"]
    date_hierarchy = "created_at"


@admin.register(Support)
class SupportAdmin(admin.ModelAdmin):
    list_display = ["need", "user", "created_at"]
    list_filter = ["need__quarter__municipality", "created_at"]
    search_fields = ["need__title", "user__email"]
    raw_id_fields = ["need", "user"]

    # Changes here bypass the support services: count the supports of the needs concerned afresh.
    def save_model(self, request, obj, form, change):
        before = Support.objects.filter(pk=obj.pk).values_list("need_id", flat=True).first() if change else None
        super().save_model(request, obj, form, change)
        recount_supports(need_ids={obj.need_id, before} - {None})

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        recount_supports(need_ids=[obj.need_id])

    def delete_queryset(self, request, queryset):
        need_ids = set(queryset.values_list("need_id", flat=True))
        super().delete_queryset(request, queryset)
        recount_supports(need_ids=need_ids)


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["__str__", "need", "hidden", "created_at"]
    list_filter = ["hidden", "need__quarter__municipality"]
    search_fields = ["text", "need__title", "author__email"]
    raw_id_fields = ["need", "author"]


@admin.register(AbuseReport)
class AbuseReportAdmin(admin.ModelAdmin):
    list_display = ["__str__", "decision", "created_at", "decided_at"]
    list_filter = ["decision"]
    search_fields = ["reason", "need__title", "comment__text"]
    raw_id_fields = ["need", "comment", "reporter", "decided_by"]


@admin.register(PostingBlock)
class PostingBlockAdmin(admin.ModelAdmin):
    list_display = ["user", "municipality", "created_by", "created_at"]
    list_filter = ["municipality"]
    search_fields = ["user__email", "reason"]
    raw_id_fields = ["user", "created_by"]


class QuestionInline(admin.StackedInline):
    model = Question
    extra = 0
    show_change_link = True


@admin.register(Survey)
class SurveyAdmin(admin.ModelAdmin):
    list_display = ["__str__", "municipality", "status", "opens_at", "closes_at"]
    list_filter = ["status", "municipality"]
    search_fields = ["title"]
    filter_horizontal = ["quarters"]
    raw_id_fields = ["created_by"]
    inlines = [QuestionInline]


class ChoiceInline(admin.TabularInline):
    model = Choice
    extra = 0


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "survey", "kind", "position", "required"]
    list_filter = ["kind", "survey__municipality"]
    search_fields = ["text"]
    inlines = [ChoiceInline]


@admin.register(SurveyCode)
class SurveyCodeAdmin(admin.ModelAdmin):
    list_display = ["code", "survey", "quarter", "used_at"]
    list_filter = ["survey", ("used_at", admin.EmptyFieldListFilter)]
    search_fields = ["code"]


class AnswerInline(admin.TabularInline):
    model = Answer
    extra = 0
    raw_id_fields = ["question", "choice", "service_area"]


@admin.register(Response)
class ResponseAdmin(admin.ModelAdmin):
    """Responses show no account: who answered what is nobody's business, not even an admin's."""

    list_display = ["__str__", "survey", "quarter", "channel", "submitted_on"]
    list_filter = ["channel", "survey", "quarter"]
    search_fields = ["survey__title"]
    exclude = ["user", "code", "entered_by"]
    inlines = [AnswerInline]


@admin.register(Offer)
class OfferAdmin(admin.ModelAdmin):
    list_display = ["name", "quarter", "service_area", "status", "review"]
    list_filter = ["status", "review", "service_area", "quarter__municipality"]
    search_fields = ["name", "operator", "address"]
    raw_id_fields = ["suggested_by", "confirmed_by"]
    list_select_related = ["quarter", "service_area"]


@admin.register(Potential)
class PotentialAdmin(admin.ModelAdmin):
    list_display = ["title", "quarter", "kind", "building_status", "review"]
    list_filter = ["kind", "review", "building_status", "quarter__municipality"]
    search_fields = ["title", "description", "address"]
    raw_id_fields = ["suggested_by", "confirmed_by"]
    list_select_related = ["quarter"]
