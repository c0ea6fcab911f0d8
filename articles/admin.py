from django.contrib import admin
from django.utils import timezone
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from entities.admin_review import MentionReviewMixin
from entities.models import Mention

from .admin_import import ImportAdminMixin
from .admin_workflow import WorkflowAdminMixin
from .models import Article, AuditEntry, ImportItem, ImportRun, Source


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "homepage"]
    search_fields = ["name", "slug", "homepage"]
    prepopulated_fields = {"slug": ["name"]}


class MentionInline(admin.TabularInline):
    """Every mention of the story, read-only: decisions go through the review panel above, which
    keeps the story's entity links in step (an inline status edit would bypass it)."""

    model = Mention
    extra = 0
    fields = ["entity", "surface", "start", "end", "status", "confidence", "method"]
    readonly_fields = fields
    ordering = ["start"]
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("entity")


@admin.register(Article)
class ArticleAdmin(MentionReviewMixin, ImportAdminMixin, WorkflowAdminMixin, SimpleHistoryAdmin):
    actions = [*WorkflowAdminMixin.actions, *ImportAdminMixin.actions]
    list_display = ["title", "status_label", "source", "published_at", "original_format", "created_at"]
    list_filter = ["status", "source", "original_format", "language"]
    list_select_related = ["source"]
    search_fields = ["title", "dek", "byline", "source_url"]
    date_hierarchy = "published_at"
    autocomplete_fields = ["source", "near_duplicate_of"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = [
        "content_hash",
        "original_name",
        "original_format",
        "created_by",
        "created_at",
        "updated_at",
    ]
    inlines = [MentionInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "dek", "body_html", "byline"]}),
        ("Publication", {"fields": ["status", "published_at", "source", "source_url", "language"]}),
        (
            "Provenance",
            {
                "classes": ["collapse"],
                "fields": [
                    "original_name",
                    "original_format",
                    "content_hash",
                    "near_duplicate_of",
                    "similarity",
                    "created_by",
                    "created_at",
                    "updated_at",
                ],
            },
        ),
    ]

    @admin.display(description="Status", ordering="status")
    def status_label(self, obj):
        if obj.is_scheduled:
            return format_html(
                '<span title="Goes live {}">Scheduled</span>', timezone.localtime(obj.published_at)
            )
        return obj.get_status_display()


class ImportItemInline(admin.TabularInline):
    model = ImportItem
    extra = 0
    fields = ["path", "outcome", "reason", "article"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "origin",
        "state",
        "imported",
        "duplicates",
        "failed",
        "created_by",
        "created_at",
    ]
    list_filter = ["state", "origin"]
    readonly_fields = [f.name for f in ImportRun._meta.fields]
    inlines = [ImportItemInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "action", "object_type", "object_repr", "user"]
    list_filter = ["action", "object_type"]
    search_fields = ["object_repr", "object_id", "user__username"]
    date_hierarchy = "created_at"
    list_select_related = ["user"]
    readonly_fields = [f.name for f in AuditEntry._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
