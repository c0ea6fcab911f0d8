"""The API's doors into the services other areas own: import, workflow, linking, related stories.

The API re-implements none of these steps; each function here is a thin call into the owning
module (``articles.importing``, ``articles.workflow``, ``entities.linking``, ``articles.related``)
so every door — admin, commands, tasks, API — runs the same code.
"""

from dataclasses import dataclass

from django.db import transaction

from entities.models import Mention

from .models import Article, ImportRun


class ImportRefused(Exception):
    """The pipeline refused the input; ``reason`` is its one-line explanation."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class DuplicateStory(Exception):
    def __init__(self, article: Article):
        super().__init__(f"Duplicate of “{article.title}”.")
        self.article = article


class TransitionRefused(Exception):
    """The workflow refused a status change; ``message`` says why."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class Submission:
    """What a client posted, as the bytes and file name any other door would hand the pipeline."""

    data: bytes
    name: str


def import_story(*, submission: Submission, source: str | None, user) -> Article:
    """Import one submission as a draft through the pipeline, recorded as an API import run.

    Raises ``DuplicateStory`` (with the story already in the archive) or ``ImportRefused``.
    """
    from .importing.pipeline import InputFile, import_paths

    run = ImportRun.objects.create(
        origin="api", total=1, created_by=user if getattr(user, "pk", None) else None
    )
    results = list(
        import_paths(
            paths=[],
            inputs=[InputFile(name=submission.name, read=lambda: submission.data)],
            source=source,
            status=Article.Status.DRAFT,
            user=user,
            run=run,
        )
    )
    for result in results:
        if result.outcome == "imported":
            return Article.objects.get(pk=result.article_id)
    for result in results:
        if result.outcome == "duplicate":
            raise DuplicateStory(Article.objects.get(pk=result.article_id))
    reasons = [result.reason for result in results if result.reason]
    raise ImportRefused(reasons[0] if reasons else "no article found")


def can_edit(*, article: Article, user) -> bool:
    from .workflow import can_edit as workflow_can_edit

    return workflow_can_edit(article=article, user=user)


def change_status(*, article: Article, status: str, user, published_at=None) -> None:
    """Move a story through the one workflow service; ``published_at`` schedules when publishing.

    Raises ``TransitionRefused`` for a transition the workflow does not allow, and Django's
    ``PermissionDenied`` (the API answers 403) when the user may not make it.
    """
    from .workflow import TransitionError, transition

    try:
        transition(article=article, to=status, user=user, at=published_at)
    except TransitionError as refused:
        raise TransitionRefused(str(refused)) from refused


def delete_story(*, article: Article, user) -> None:
    from .workflow import delete_article

    delete_article(article=article, user=user)


def relink(*, article: Article, user) -> None:
    from entities.linking import link_article

    link_article(article=article, user=user)


def decide_mention(*, mention: Mention, decision: str, user) -> Mention:
    """Confirm or reject one mention through the linker (it keeps the story's entity links in step)."""
    from entities.linking import confirm_mention, reject_mention

    service = confirm_mention if decision == Mention.Status.CONFIRMED else reject_mention
    with transaction.atomic():
        service(mention=mention, user=user)
    mention.refresh_from_db()
    return mention


def related_stories(article: Article, *, limit: int = 5) -> list:
    """The site's ranking (``articles.related``): the same related stories on the page and in the API."""
    from .related import related_stories as rank

    return rank(article, limit=limit)
