"""The API's doors into the services other areas own: import, workflow, linking, related stories.

The API re-implements none of these steps; each function here is a thin call into the owning
module so every door (admin, commands, tasks, API) runs the same code.
"""

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser

from entities.models import Mention

from .models import Article


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
    """What a client posted, as one input the import pipeline understands."""

    data: bytes
    name: str


def import_story(
    *, submission: Submission, status: str, source: str | None, user: AbstractBaseUser
) -> Article:
    """Run the import pipeline on one submission; raise DuplicateStory or ImportRefused."""
    from .importing.pipeline import import_bytes

    outcome = import_bytes(submission.data, name=submission.name, source=source, status=status, user=user)
    if outcome.outcome == "duplicate":
        raise DuplicateStory(outcome.article)
    if outcome.outcome != "imported":
        raise ImportRefused(outcome.reason or "The story could not be imported.")
    return outcome.article


def change_status(*, article: Article, status: str, user: AbstractBaseUser, published_at=None) -> Article:
    """Move a story to ``status`` through the one workflow service (permission and transition checks)."""
    from .workflow import transition

    return transition(article=article, to=status, user=user, published_at=published_at)


def relink(*, article: Article, user: AbstractBaseUser) -> None:
    from entities.linking import link_article

    link_article(article=article, user=user)


def decide_mention(*, mention: Mention, decision: str, user: AbstractBaseUser) -> Mention:
    """Confirm or reject a mention through the linker's service (it keeps the story's links in step)."""
    from entities.linking import confirm_mention, reject_mention

    service = confirm_mention if decision == Mention.Status.CONFIRMED else reject_mention
    return service(mention=mention, user=user)


def related_stories(article: Article, *, limit: int = 5) -> list:
    try:
        from .related import related_stories as rank
    except ImportError:  # Until the public site's ranking lands on main.
        return []
    return rank(article, limit=limit)
