"""Entity linking: match the knowledge base's aliases in stories, resolve them in context,
store suggestions as mentions and keep the story–entity links the site shows."""

from .service import (
    LinkResult,
    add_manual_link,
    confirm_mention,
    decide_mentions,
    link_article,
    link_articles,
    merge_entities,
    rebuild_links,
    reject_mention,
)

__all__ = [
    "LinkResult",
    "add_manual_link",
    "confirm_mention",
    "decide_mentions",
    "link_article",
    "link_articles",
    "merge_entities",
    "rebuild_links",
    "reject_mention",
]
