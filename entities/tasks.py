"""Background jobs of the knowledge base: relinking the archive after aliases or entities change."""

from django.tasks import task

from entities.linking import link_articles
from entities.linking.service import articles_with_alias_text


@task
def relink_articles(article_ids: list[int]) -> dict:
    """Relink these stories; their new suggestions land in the review queue."""
    summary = {"stories": 0, "created": 0, "deleted": 0}
    for result in link_articles(ids=article_ids):
        summary["stories"] += 1
        summary["created"] += result.created
        summary["deleted"] += result.deleted
    return summary


@task
def relink_articles_containing(texts: list[str]) -> dict:
    """Back-fill: relink every story whose title or body contains one of ``texts``."""
    ids = sorted({pk for text in texts for pk in articles_with_alias_text(text=text)})
    return relink_articles.call(ids)
