"""Bulk actions on stories. Each calls the workflow service per story and reports, through
``message_user``, what it changed and what it refused (with the reason the service gave)."""

from __future__ import annotations

import logging

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.text import capfirst

from . import workflow
from .audit import record_audit
from .models import AuditEntry, Source

logger = logging.getLogger(__name__)
NAMES_SHOWN = 5


def _stories(count: int) -> str:
    return f"{count} story" if count == 1 else f"{count} stories"


def _names(items: list) -> str:
    shown = ", ".join(f"“{item}”" for item in items[:NAMES_SHOWN])
    more = len(items) - NAMES_SHOWN
    return f"{shown} and {more} more" if more > 0 else shown


def report(modeladmin, request, *, done: str, changed: list, refused: list[str], unchanged: int = 0):
    """Tell the user what a bulk action did: changed stories, refusals with reasons, no-ops."""
    if changed:
        modeladmin.message_user(
            request, f"{capfirst(done)} {_stories(len(changed))}: {_names(changed)}.", messages.SUCCESS
        )
    if refused:
        reasons = " ".join(refused[:NAMES_SHOWN])
        more = len(refused) - NAMES_SHOWN
        if more > 0:
            reasons += f" (and {more} more)"
        modeladmin.message_user(request, f"Refused {_stories(len(refused))}: {reasons}", messages.WARNING)
    if unchanged:
        modeladmin.message_user(
            request, f"{_stories(unchanged).capitalize()} already as asked.", messages.INFO
        )
    if not (changed or refused or unchanged):
        modeladmin.message_user(request, "No story selected.", messages.INFO)


def _apply(modeladmin, request, queryset, *, done: str, change) -> None:
    changed, refused = [], []
    for article in queryset:
        try:
            change(article)
        except (workflow.TransitionError, PermissionDenied) as exc:
            refused.append(str(exc))
        else:
            changed.append(article)
    report(modeladmin, request, done=done, changed=changed, refused=refused)


@admin.action(description="Publish selected stories", permissions=["publish"])
def publish_selected(modeladmin, request, queryset):
    def change(article):
        if article.is_scheduled:
            # Publishing an embargoed story early takes a deliberate date change on its page.
            raise workflow.TransitionError(
                f"“{article}” is scheduled for {timezone.localtime(article.published_at):%Y-%m-%d %H:%M}; "
                "change its date on the story's page to publish it sooner."
            )
        workflow.publish(article=article, user=request.user)
        if article.near_duplicate_of_id:
            flagged.append(article)

    flagged = []
    _apply(modeladmin, request, queryset, done="published", change=change)
    if flagged:
        # Published all the same (the editor chose them), but a second copy of a story on the
        # site is worth a second look.
        modeladmin.message_user(
            request,
            f"{_stories(len(flagged)).capitalize()} published while flagged as "
            f"{'a near-duplicate' if len(flagged) == 1 else 'near-duplicates'} of another story: "
            f"{_names(flagged)}. Unpublish {'it' if len(flagged) == 1 else 'them'} if the site now "
            "carries the same story twice.",
            messages.WARNING,
        )


@admin.action(description="Unpublish selected stories (back to draft)", permissions=["publish"])
def unpublish_selected(modeladmin, request, queryset):
    _apply(
        modeladmin,
        request,
        queryset,
        done="unpublished",
        change=lambda article: workflow.unpublish(article=article, user=request.user),
    )


@admin.action(description="Submit selected stories for review", permissions=["change"])
def submit_selected(modeladmin, request, queryset):
    _apply(
        modeladmin,
        request,
        queryset,
        done="submitted for review",
        change=lambda article: workflow.submit_for_review(article=article, user=request.user),
    )


# Larger selections are relinked by the task worker so the request returns at once.
INLINE_RELINK_LIMIT = 50


@admin.action(description="Relink entities in selected stories", permissions=["relink"])
def relink_selected(modeladmin, request, queryset):
    try:
        from entities.linking import link_article
        from entities.tasks import relink_articles
    except ImportError:
        modeladmin.message_user(request, "The entity linker is not installed.", messages.ERROR)
        return
    ids = list(queryset.values_list("pk", flat=True))
    if len(ids) > INLINE_RELINK_LIMIT:
        relink_articles.enqueue(ids)
        for article in queryset.only("pk", "title"):
            record_audit(
                action=AuditEntry.Action.RELINK, obj=article, user=request.user, detail={"background": True}
            )
        modeladmin.message_user(
            request,
            f"Relinking {len(ids)} stories in the background; new suggestions will appear in the review queue.",
            messages.INFO,
        )
        return
    changed, refused = [], []
    for article in queryset:
        try:
            result = link_article(article=article, user=request.user)
        except Exception as exc:
            logger.exception("Relinking story %s failed", article.pk)
            refused.append(f"“{article}” could not be relinked: {exc}.")
        else:
            counts = {
                k: v for k, v in vars(result or object()).items() if type(v) is int and k != "article_id"
            }
            record_audit(action=AuditEntry.Action.RELINK, obj=article, user=request.user, detail=counts)
            changed.append(article)
    report(modeladmin, request, done="relinked", changed=changed, refused=refused)


class AssignSourceForm(forms.Form):
    source = forms.ModelChoiceField(
        queryset=Source.objects.all(), help_text="The source to set on every story."
    )


@admin.action(description="Assign a source to selected stories", permissions=["change"])
def assign_source(modeladmin, request, queryset):
    """Two steps: a page to choose the source, then the change (on stories the user may edit)."""
    form = AssignSourceForm(request.POST if "apply" in request.POST else None)
    if form.is_valid():
        source = form.cleaned_data["source"]
        changed, refused, unchanged = [], [], 0
        for article in queryset:
            try:
                if workflow.assign_source(article=article, source=source, user=request.user):
                    changed.append(article)
                else:
                    unchanged += 1
            except PermissionDenied as exc:
                refused.append(str(exc))
        report(
            modeladmin,
            request,
            done=f"set the source to {source} on",
            changed=changed,
            refused=refused,
            unchanged=unchanged,
        )
        return None
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": "Assign a source",
        "form": form,
        "stories": queryset,
        "opts": modeladmin.model._meta,
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        "action": "assign_source",
        "select_across": request.POST.get("select_across", "0"),
    }
    return TemplateResponse(request, "admin/articles/article/assign_source.html", context)
