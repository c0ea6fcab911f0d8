"""Structured data for search engines and social cards: schema.org NewsArticle as JSON-LD."""

import json

from django.conf import settings
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from entities.models import EntityLink

SCHEMA_TYPES = {"country": "Country", "leader": "Person", "organization": "Organization"}

# Characters that could end the <script> element or start markup are escaped in the JSON text.
_JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def wikidata_url(entity) -> str:
    return f"https://www.wikidata.org/wiki/{entity.wikidata_id}" if entity.wikidata_id else ""


def _thing(entity, absolute):
    thing = {
        "@type": SCHEMA_TYPES.get(entity.kind, "Thing"),
        "@id": absolute(entity.get_absolute_url()),
        "name": entity.name,
        "url": absolute(entity.get_absolute_url()),
    }
    if entity.wikidata_id:
        thing["sameAs"] = wikidata_url(entity)
    return thing


def news_article(article, links, absolute) -> dict:
    """The NewsArticle for ``article``; ``links`` are its EntityLinks, ``absolute`` makes URLs absolute."""
    url = absolute(article.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "@id": url,
        "url": url,
        "mainEntityOfPage": url,
        "headline": article.title[:110],
        "publisher": {"@type": "Organization", "name": getattr(settings, "NEWSROOM_SITE_NAME", "Newsroom")},
    }
    if article.dek:
        data["description"] = article.dek
    if article.language:
        data["inLanguage"] = article.language
    if article.published_at:
        # A day alone is a schema.org Date, not a midnight the source never gave.
        data["datePublished"] = (
            timezone.localdate(article.published_at).isoformat()
            if article.published_date_only
            else article.published_at.isoformat()
        )
    data["dateModified"] = article.updated_at.isoformat() if article.updated_at else data.get("datePublished")
    if article.byline:
        data["author"] = [{"@type": "Person", "name": article.byline}]
    if article.source_id:
        data["sourceOrganization"] = {"@type": "Organization", "name": article.source.name}
    if article.source_url:
        data["isBasedOn"] = article.source_url
    about = [_thing(link.entity, absolute) for link in links if link.relevance == EntityLink.Relevance.ABOUT]
    mentions = [
        _thing(link.entity, absolute) for link in links if link.relevance != EntityLink.Relevance.ABOUT
    ]
    if about:
        data["about"] = about
    if mentions:
        data["mentions"] = mentions
    return data


def json_ld(data: dict) -> SafeString:
    """JSON for a <script type="application/ld+json"> element, safe against </script> breakouts."""
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES))
