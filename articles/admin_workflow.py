"""The editorial workflow in the story admin: state changes, edit rights, deletion, revisions.

``WorkflowAdminMixin`` goes first in ``ArticleAdmin``'s bases. It routes every status change the
change form, the revision restore and the bulk actions make through ``articles.workflow``, so
the rules live in one place and the admin only offers what the user may do:

- the status field lists only the current state and the states the user may move to
  (reporters never see "Published");
- reporters edit drafts only (see ``workflow.can_edit``); other stories open read-only;
- deleting a published or scheduled story needs ``publish_article`` too, and every deletion
  leaves an ``AuditEntry``;
- the history page shows a word diff of title, dek and body, the story's entity decisions,
  and restoring a revision is permission-checked and audited as ``restore``.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404
from simple_history.template_utils import HistoricalRecordContextHelper

from entities.models import Mention

from . import workflow
from .admin_actions import (
    assign_source,
    publish_selected,
    relink_selected,
    submit_selected,
    unpublish_selected,
)
from .audit import record_audit
from .importing.sanitize import html_to_text, sanitize_html
from .models import Article, AuditEntry
from .revisions import TEXT_FIELDS, field_diff

MENTION_HISTORY_LIMIT = 100


class TextDiffContextHelper(HistoricalRecordContextHelper):
    """History rows show a word diff for the reading fields instead of two truncated strings."""

    def context_for_delta_changes(self, delta):
        rows = super().context_for_delta_changes(delta)
        diffs = {c.field: field_diff(c.field, c.old, c.new) for c in delta.changes if c.field in TEXT_FIELDS}
        for row, change in zip(rows, delta.changes, strict=True):
            row["diff"] = diffs.get(change.field)
        return rows


def stored_status(obj: Article | None) -> str:
    """The state as saved (a form or a historical version may carry another one)."""
    if obj is None or obj.pk is None:
        return Article.Status.DRAFT
    status = Article.objects.filter(pk=obj.pk).values_list("status", flat=True).first()
    return status or Article.Status.DRAFT


def derive_body(article: Article) -> None:
    """Sanitize an edited body with the one bleach policy and derive ``body_text`` from it."""
    article.body_html = sanitize_html(article.body_html)
    article.body_text = html_to_text(article.body_html)


class PublicationFilter(admin.SimpleListFilter):
    """Where a story stands for readers; "scheduled" is published with a future date."""

    title = "publication"
    parameter_name = "publication"

    def lookups(self, request, model_admin):
        return [("live", "Live"), ("scheduled", "Scheduled"), ("unpublished", "Not published")]

    def queryset(self, request, queryset):
        if self.value() == "live":
            return queryset.published()
        if self.value() == "scheduled":
            return queryset.scheduled()
        if self.value() == "unpublished":
            return queryset.exclude(status=Article.Status.PUBLISHED)
        return queryset


def _whole_seconds(moment):
    return moment.replace(microsecond=0) if moment else None


class WorkflowAdminMixin:
    actions = [publish_selected, unpublish_selected, submit_selected, relink_selected, assign_source]
    object_history_template = "admin/articles/article/object_history.html"
    object_history_list_template = "admin/articles/article/object_history_list.html"

    def get_list_filter(self, request):
        return [PublicationFilter, *super().get_list_filter(request)]

    # --- permissions -------------------------------------------------------------------
    def has_publish_permission(self, request):
        return request.user.has_perm(workflow.PUBLISH_PERM)

    def has_relink_permission(self, request):
        return request.user.has_perm("entities.change_mention")

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        if not allowed or obj is None:
            return allowed
        return workflow.can_edit(article=obj, user=request.user)

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        if not allowed or obj is None:
            return allowed
        return workflow.can_delete(article=obj, user=request.user)

    # --- the change form ---------------------------------------------------------------
    def get_form(self, request, obj=None, change=False, **kwargs):
        base = super().get_form(request, obj, change=change, **kwargs)
        user = request.user
        current = stored_status(obj)
        offered = {current, *workflow.allowed_targets(article=Article(status=current), user=user)}

        class WorkflowForm(base):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                field = self.fields.get("status")
                if field is not None:
                    field.choices = [(v, label) for v, label in field.choices if v in offered]
                    field.help_text = "Changes go through the editorial workflow."

            def clean_status(self):
                status = self.cleaned_data["status"]
                if status != current:
                    try:
                        workflow.check_transition(article=Article(status=current), to=status, user=user)
                    except (workflow.TransitionError, PermissionDenied) as exc:
                        raise forms.ValidationError(str(exc)) from exc
                return status

            def clean(self):
                cleaned = super().clean()
                if (
                    current == Article.Status.PUBLISHED
                    and cleaned.get("status") == Article.Status.PUBLISHED
                    and "published_at" in self.changed_data
                    and cleaned.get("published_at") is None
                ):
                    self.add_error(
                        "published_at", "A published story keeps its date; unpublish it to take it down."
                    )
                return cleaned

        return WorkflowForm

    def save_model(self, request, obj, form, change):
        """Save the content with the stored state, then change state through the workflow."""
        restoring = getattr(request, "_newsroom_restore", None)
        if not change and obj.created_by_id is None:
            obj.created_by = request.user
        stored = (
            Article.objects.filter(pk=obj.pk).values("status", "published_at").first()
            if change and obj.pk
            else None
        ) or {"status": Article.Status.DRAFT, "published_at": None}
        # The form shows whole seconds: the same second means the date was left alone.
        date_changed = _whole_seconds(obj.published_at) != _whole_seconds(stored["published_at"])
        if not date_changed:
            obj.published_at = stored["published_at"]
        wanted_status, wanted_at = obj.status, obj.published_at
        moves = wanted_status != stored["status"] or (
            wanted_status == Article.Status.PUBLISHED and date_changed
        )
        if moves:
            # The workflow sets both; until then the row keeps its stored state.
            obj.status = stored["status"]
            if wanted_status == Article.Status.PUBLISHED:
                obj.published_at = stored["published_at"]
        # A historical version carries the current values of untracked fields (original, stripped,
        # body_text); body_text is derived again from the restored body.
        if restoring or "body_html" in form.changed_data or not change:
            derive_body(obj)
        obj._history_user = request.user
        obj._change_reason = "Restored a revision" if restoring else _edit_reason(form, change)
        # The workflow's own fields (a publication date goes through it when publishing).
        its_own = {"status", "published_at"} if wanted_status == Article.Status.PUBLISHED else {"status"}
        if not (moves and change and not restoring and set(form.changed_data) <= its_own):
            # Only the state changed: the workflow writes that revision; a second, empty one
            # from saving the same content read as noise in the history.
            super().save_model(request, obj, form, change)
        del obj._change_reason
        if moves:
            workflow.transition(article=obj, to=wanted_status, user=request.user, at=wanted_at)
        if restoring:
            record_audit(
                action=AuditEntry.Action.RESTORE,
                obj=obj,
                user=request.user,
                detail={"history_id": restoring["history_id"], "status": obj.status},
            )

    # --- deletion ----------------------------------------------------------------------
    def delete_model(self, request, obj):
        workflow.delete_article(article=obj, user=request.user)

    def delete_queryset(self, request, queryset):
        for article in queryset:
            workflow.delete_article(article=article, user=request.user)

    # --- revisions ---------------------------------------------------------------------
    def get_historical_record_context_helper(self, request, historical_record):
        return TextDiffContextHelper(self.model, historical_record)

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        super().set_history_delta_changes(request, historical_records, foreign_keys_are_objs)
        for record in historical_records:
            if record.history_change_reason is None:
                record.history_change_reason = ""  # the history read "None" where no reason was given

    def history_view(self, request, object_id, extra_context=None):
        decisions = (
            Mention.history.filter(article_id=unquote(object_id))
            .select_related("history_user", "entity")
            .order_by("-history_date")[:MENTION_HISTORY_LIMIT]
        )
        context = {"mention_history": decisions, **(extra_context or {})}
        return super().history_view(request, object_id, extra_context=context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """simple-history's revert view, with the change permission checked on the *current*
        story (its own check would accept a mere viewer) and the restore audited."""
        current = self.get_object(request, unquote(object_id))
        if current is None:
            raise Http404("Restoring a deleted story is not supported here.")
        if request.method == "POST":
            if not self.has_change_permission(request, current):
                raise PermissionDenied
            request._newsroom_restore = {"history_id": str(version_id)}
        return super().history_form_view(request, object_id, version_id, extra_context)

    def revert_disabled(self, request, obj=None):
        if obj is not None and obj.pk is not None:
            current = Article(pk=obj.pk, status=stored_status(obj))
            if not self.has_change_permission(request, current):
                return True
        return super().revert_disabled(request, obj)


def _edit_reason(form, change: bool) -> str:
    """What an editor's save changed, for the history's reason column (it read "None")."""
    if not change:
        return "Written in the admin"
    labels = [
        str(form.fields[name].label or name).lower() for name in form.changed_data if name in form.fields
    ]
    return f"Edited {', '.join(labels)}" if labels else "Saved without changes"
