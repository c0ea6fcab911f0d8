"""The editor dashboard on the admin index: what needs a person's attention now.

Every list is capped and the whole dashboard runs a fixed number of queries whatever the size of
the newsroom (``dashboard_for`` is what the template tag renders).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Count
from django.utils import timezone

from entities.models import Entity, Mention

from .models import Article, ImportItem, ImportRun

LIST_LIMIT = 10
IMPORT_RUNS = 5
FAILURES_PER_RUN = 5
RECENT_ENTITY_DAYS = 7


def review_queue(limit: int = LIST_LIMIT) -> dict[str, Any]:
    stories = Article.objects.filter(status=Article.Status.REVIEW)
    return {
        "count": stories.count(),
        "stories": list(
            stories.select_related("source", "created_by")
            .only("pk", "title", "updated_at", "source__name", "created_by__username")
            .order_by("updated_at")[:limit]
        ),
    }


def unreviewed_suggestions(limit: int = LIST_LIMIT) -> dict[str, Any]:
    """Stories with entity suggestions nobody has confirmed or rejected, most suggestions first."""
    suggested = Mention.objects.filter(status=Mention.Status.SUGGESTED)
    per_story = list(
        suggested.values("article_id")
        .annotate(suggestions=Count("pk"))
        .order_by("-suggestions", "-article_id")[:limit]
    )
    stories = Article.objects.only("pk", "title", "status", "published_at").in_bulk(
        [row["article_id"] for row in per_story]
    )
    rows = [
        {"story": stories[row["article_id"]], "suggestions": row["suggestions"]}
        for row in per_story
        if row["article_id"] in stories
    ]
    return {"count": suggested.values("article_id").distinct().count(), "rows": rows}


def recent_imports(runs: int = IMPORT_RUNS, failures: int = FAILURES_PER_RUN) -> list[dict[str, Any]]:
    """The latest import runs with their first few failures (one query per run shown, at most ``runs``)."""
    result = []
    for run in ImportRun.objects.select_related("created_by").order_by("-created_at")[:runs]:
        shown = (
            list(run.items.filter(outcome=ImportItem.Outcome.FAILED).only("path", "reason")[:failures])
            if run.failed
            else []
        )
        result.append({"run": run, "failures": shown, "more_failures": max(run.failed - len(shown), 0)})
    return result


def recent_entities(limit: int = LIST_LIMIT, days: int = RECENT_ENTITY_DAYS) -> dict[str, Any]:
    since = timezone.now() - datetime.timedelta(days=days)
    recent = Entity.objects.filter(created_at__gte=since)
    return {
        "days": days,
        "count": recent.count(),
        "entities": list(recent.only("pk", "name", "kind", "created_at").order_by("-created_at")[:limit]),
    }


def dashboard_for(user) -> dict[str, Any]:
    """The dashboard sections ``user`` may see (an empty dict for users who see none)."""
    sections: dict[str, Any] = {}
    if user.has_perm("articles.view_article"):
        sections["review"] = review_queue()
        if user.has_perm("entities.view_mention"):
            sections["suggestions"] = unreviewed_suggestions()
    if user.has_perm("articles.view_importrun"):
        sections["imports"] = recent_imports()
    if user.has_perm("entities.view_entity"):
        sections["entities"] = recent_entities()
    return sections
