"""The editorial workflow: the one place a story changes state.

States are draft → in review → published, and back to draft. The admin (form, bulk actions,
revision restore), the API and commands all call these functions; none of them sets
``Article.status`` itself. Each transition checks the user's permission, locks the row, saves
only the fields it changes, leaves a history record with the user and a reason, and writes
an ``AuditEntry``.

Who may do what:

=========  ==========  =======================================  ===========================
from       to          meaning                                  needs
=========  ==========  =======================================  ===========================
draft      review      submit for review                        ``change_article`` (reporters)
review     draft       send back to the reporter                ``publish_article`` (editors)
draft      published   publish or schedule                      ``publish_article``
review     published   publish or schedule                      ``publish_article``
published  published   reschedule, or publish a scheduled       ``publish_article``
                       story now
published  draft       unpublish (also cancels a schedule)      ``publish_article``
=========  ==========  =======================================  ===========================

Anything else (published → review, draft → draft…) is a ``TransitionError``. A published story
with a future ``published_at`` is *scheduled*: ``Article.objects.published()`` hides it until
then, so no job has to flip it.

Editing (not state): editors edit any story; reporters edit drafts only — any draft, not only
their own, since imported copy has no author and desks share drafts — and never a story that is
in review or published.

``user=None`` means the system (an operator's command) and skips permission checks; web and
API doors always pass the request's user.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from .audit import record_audit
from .models import Article, AuditEntry

Status = Article.Status

CHANGE_PERM = "articles.change_article"
PUBLISH_PERM = "articles.publish_article"
DELETE_PERM = "articles.delete_article"

TRANSITIONS: dict[tuple[str, str], str] = {
    (Status.DRAFT, Status.REVIEW): CHANGE_PERM,
    (Status.REVIEW, Status.DRAFT): PUBLISH_PERM,
    (Status.DRAFT, Status.PUBLISHED): PUBLISH_PERM,
    (Status.REVIEW, Status.PUBLISHED): PUBLISH_PERM,
    (Status.PUBLISHED, Status.PUBLISHED): PUBLISH_PERM,
    (Status.PUBLISHED, Status.DRAFT): PUBLISH_PERM,
}


class TransitionError(Exception):
    """A state change the workflow does not allow; the message says why, for people."""


def _has(user: Any, perm: str) -> bool:
    return user is None or (user.is_active and user.has_perm(perm))


def _label(status: str) -> str:
    return Status(status).label.lower()


def can_edit(*, article: Article, user: Any) -> bool:
    """Whether ``user`` may change the story's content (``article.status`` as stored)."""
    if not _has(user, CHANGE_PERM):
        return False
    if _has(user, PUBLISH_PERM):
        return True
    return article.pk is None or article.status == Status.DRAFT


def allowed_targets(*, article: Article, user: Any) -> list[str]:
    """The states ``user`` may move the story to from its current state (the current one excluded)."""
    return [
        to
        for (frm, to), perm in TRANSITIONS.items()
        if frm == article.status and to != frm and _has(user, perm)
    ]


def check_transition(*, article: Article, to: str, user: Any) -> None:
    """Raise ``TransitionError`` or ``PermissionDenied`` unless ``user`` may move the story to ``to``."""
    if to not in Status.values:
        raise TransitionError(f"“{to}” is not a story state.")
    frm = article.status
    perm = TRANSITIONS.get((frm, to))
    if perm is None:
        if frm == to:
            raise TransitionError(f"“{article}” is already {_label(frm)}.")
        if frm == Status.PUBLISHED and to == Status.REVIEW:
            raise TransitionError(
                f"“{article}” is published; unpublish it to draft before sending it to review."
            )
        raise TransitionError(f"A story cannot go from {_label(frm)} to {_label(to)}.")
    if not _has(user, perm):
        if perm == PUBLISH_PERM:
            raise PermissionDenied(f"Only editors may move “{article}” from {_label(frm)} to {_label(to)}.")
        raise PermissionDenied(f"You may not change “{article}”.")
    if to == Status.REVIEW and not can_edit(article=article, user=user):
        raise PermissionDenied(f"You may not change “{article}”.")


@transaction.atomic
def transition(*, article: Article, to: str, user: Any, at: datetime.datetime | None = None) -> AuditEntry:
    """Move ``article`` to state ``to`` on behalf of ``user``; returns the audit entry written.

    ``at`` only applies when publishing: the publication time (in the future: the story is
    scheduled). Without it a story keeps a past date it already has (an imported dateline) and
    otherwise gets "now". The current state is read from the database under a row lock, so two
    editors acting at once cannot both apply a transition that is only valid once.
    """
    if article.pk is None:
        raise TransitionError("Save the story before changing its state.")
    stored = Article.objects.select_for_update().values("status", "published_at").get(pk=article.pk)
    article.status = stored["status"]
    frm = article.status
    check_transition(article=article, to=to, user=user)

    now = timezone.now()
    published_at = stored["published_at"]
    if to == Status.PUBLISHED:
        if frm == Status.PUBLISHED and at is not None and at == published_at:
            raise TransitionError(
                f"“{article}” is already {'scheduled' if at > now else 'published'} for that time."
            )
        if at is not None:
            published_at = at
        elif published_at is None or published_at > now:
            published_at = now
        elif frm == Status.PUBLISHED:
            raise TransitionError(f"“{article}” is already published.")
        action = AuditEntry.Action.SCHEDULE if published_at > now else AuditEntry.Action.PUBLISH
    elif to == Status.REVIEW:
        action = AuditEntry.Action.SUBMIT
    elif frm == Status.PUBLISHED:
        action = AuditEntry.Action.UNPUBLISH
    else:
        action = AuditEntry.Action.RETURN

    article.status = to
    article.published_at = published_at
    _save(
        article,
        user=user,
        reason=AuditEntry.Action(action).label,
        fields=["status", "published_at", "updated_at"],
    )
    return record_audit(
        action=action,
        obj=article,
        user=user,
        detail={
            "from": frm,
            "to": to,
            "published_at": published_at.isoformat() if published_at else None,
        },
    )


def submit_for_review(*, article: Article, user: Any) -> AuditEntry:
    """A reporter hands a draft to the editors."""
    return transition(article=article, to=Status.REVIEW, user=user)


def publish(*, article: Article, user: Any, at: datetime.datetime | None = None) -> AuditEntry:
    """Publish now, or schedule when ``at`` is in the future (editors only)."""
    return transition(article=article, to=Status.PUBLISHED, user=user, at=at)


def unpublish(*, article: Article, user: Any) -> AuditEntry:
    """Take a published or scheduled story back to draft (editors only)."""
    if article.status != Status.PUBLISHED:
        raise TransitionError(f"“{article}” is not published.")
    return transition(article=article, to=Status.DRAFT, user=user)


def return_to_draft(*, article: Article, user: Any) -> AuditEntry:
    """Send a story in review back to its reporter (editors only)."""
    if article.status != Status.REVIEW:
        raise TransitionError(f"“{article}” is not in review.")
    return transition(article=article, to=Status.DRAFT, user=user)


def can_delete(*, article: Article, user: Any) -> bool:
    """Deleting needs the delete permission; a published (or scheduled) story also needs an editor."""
    if not _has(user, DELETE_PERM):
        return False
    return article.status != Status.PUBLISHED or _has(user, PUBLISH_PERM)


@transaction.atomic
def delete_article(*, article: Article, user: Any) -> AuditEntry:
    """Delete a story, leaving an audit entry with what it was."""
    if not can_delete(article=article, user=user):
        raise PermissionDenied(f"You may not delete “{article}”.")
    entry = record_audit(
        action=AuditEntry.Action.DELETE,
        obj=article,
        user=user,
        detail={"slug": article.slug, "status": article.status, "title": article.title},
    )
    article._history_user = user
    article.delete()
    return entry


def _save(article: Article, *, user: Any, reason: str, fields: list[str]) -> None:
    """Save ``fields`` with the history record attributed to ``user`` and explained by ``reason``."""
    article._history_user = user if getattr(user, "is_authenticated", False) else None
    article._change_reason = reason
    try:
        article.save(update_fields=fields)
    finally:
        del article._change_reason


@transaction.atomic
def assign_source(*, article: Article, source: Any, user: Any) -> bool:
    """Set the story's source (a content edit: reporters on drafts only). False if unchanged."""
    if not can_edit(article=article, user=user):
        raise PermissionDenied(f"You may not change “{article}”.")
    if article.source_id == (source.pk if source else None):
        return False
    article.source = source
    _save(article, user=user, reason=f"Source set to {source}", fields=["source", "updated_at"])
    return True
