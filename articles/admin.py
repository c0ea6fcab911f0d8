from django.contrib import admin
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from entities.admin_guards import without_derived
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
    classes = ["collapse"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("entity")


class NearDuplicateFilter(admin.SimpleListFilter):
    title = "near-duplicate"
    parameter_name = "near_duplicate"

    def lookups(self, request, model_admin):
        return [("yes", "Flagged"), ("no", "Not flagged")]

    def queryset(self, request, queryset):
        if self.value() in {"yes", "no"}:
            return queryset.filter(near_duplicate_of__isnull=self.value() == "no")
        return queryset


@admin.register(Article)
class ArticleAdmin(MentionReviewMixin, ImportAdminMixin, WorkflowAdminMixin, SimpleHistoryAdmin):
    actions = [*WorkflowAdminMixin.actions, *ImportAdminMixin.actions]
    list_display = [
        "title",
        "status_label",
        "source",
        "published_at",
        "original_format",
        "resembles",
        "created_at",
    ]
    list_filter = ["status", NearDuplicateFilter, "source", "original_format", "language"]
    list_select_related = ["source"]
    search_fields = ["title", "dek", "byline", "source_url"]
    search_help_text = "Words in the title, dek, byline, address or body."
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
        (
            "Publication",
            {"fields": ["status", "published_at", "published_date_only", "source", "source_url", "language"]},
        ),
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

    def get_deleted_objects(self, objs, request):
        to_delete, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        return to_delete, model_count, without_derived(perms_needed), protected

    def get_search_results(self, request, queryset, search_term):
        """The fields above, or the body through the site's full-text search (PostgreSQL's where
        it runs): a name only the body mentions found nothing."""
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if search_term.strip():
            in_body = queryset.search(search_term, ranked=False)
            results = queryset.filter(Q(pk__in=results.values("pk")) | Q(pk__in=in_body.values("pk")))
        return results, may_have_duplicates

    @admin.display(description="Status", ordering="status")
    def status_label(self, obj):
        if obj.is_scheduled:
            return format_html(
                '<span title="Goes live {}">Scheduled</span>', timezone.localtime(obj.published_at)
            )
        return obj.get_status_display()

    @admin.display(description="Near-duplicate of", ordering="similarity")
    def resembles(self, obj):
        if not obj.near_duplicate_of_id:
            return ""
        return format_html(
            '<a href="{}">#{}</a>{}',
            reverse("admin:articles_article_change", args=[obj.near_duplicate_of_id]),
            obj.near_duplicate_of_id,
            f" ({obj.similarity:.0%})" if obj.similarity is not None else "",
        )

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "near_duplicate_of" and field is not None:
            # Clearing the flag is the editor's call; editing or deleting the *other* story from
            # here (the widget's pencil and cross) is not.
            field.widget.can_add_related = field.widget.can_change_related = False
            field.widget.can_delete_related = field.widget.can_view_related = False
        return field


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
