"""Related stories: other published stories ranked by the confirmed entities they share.

Each shared entity counts with an idf-style weight, ``log(1 + N / df)`` where ``N`` is the
number of published stories and ``df`` the number of published stories linked to the entity:
sharing the SCO (few stories) counts more than sharing the United States (many stories).
Ties go to the newer story. A handful of queries whatever the size of the archive.
"""

import datetime
import math
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch

from entities.models import Entity, EntityLink

from .models import Article

# Entities weighing less than this share of the story's rarest entity only add to scores.
RARE_SHARE = 0.5
# Most link rows read per step, so one entity in half the archive cannot blow up a page.
CANDIDATE_ROWS = 5000


@dataclass
class RelatedStory:
    article: Article
    score: float
    shared: list[Entity] = field(default_factory=list)


def entity_weights(entity_ids) -> dict[int, float]:
    """idf-style weight of each entity among published stories."""
    entity_ids = list(entity_ids)
    if not entity_ids:
        return {}
    published = Article.objects.published()
    total = published.count()
    counts = dict(
        EntityLink.objects.filter(entity_id__in=entity_ids, article__in=published.values("pk"))
        .values_list("entity_id")
        .annotate(n=Count("pk"))
        .values_list("entity_id", "n")
    )
    return {pk: math.log(1 + total / counts[pk]) for pk in entity_ids if counts.get(pk)}


def related_stories(article: Article, *, limit: int = 5) -> list[RelatedStory]:
    """The ``limit`` published stories sharing the most (weighted) confirmed entities with ``article``.

    Candidates come from the story's rarer entities first: an entity in a large share of the
    archive (a superpower in half the stories) adds little weight and thousands of rows, so it
    only adds to the score of candidates found through rarer entities. When the rare entities
    yield fewer than ``limit`` candidates, every entity takes part.
    """
    entity_ids = list(EntityLink.objects.filter(article=article).values_list("entity_id", flat=True))
    weights = entity_weights(entity_ids)
    if not weights:
        return []
    top_weight = max(weights.values())
    rare = [pk for pk, weight in weights.items() if weight >= top_weight * RARE_SHARE]
    common = [pk for pk in weights if pk not in rare]
    others = Article.objects.published().exclude(pk=article.pk).values("pk")
    scores: dict[int, float] = {}
    for group in [rare, common] if common else [rare]:
        for article_id, entity_id in EntityLink.objects.filter(
            entity_id__in=group, article__in=others
        ).values_list("article_id", "entity_id")[:CANDIDATE_ROWS]:
            scores[article_id] = scores.get(article_id, 0.0) + weights[entity_id]
        if len(scores) >= limit:
            break
    if common and rare and len(scores) >= limit:
        # Only candidates within reach of the top ``limit`` can get there with the common
        # entities' weight added, so the rest are dropped before it is looked up (exact).
        common_total = sum(weights[pk] for pk in common)
        kth_best = sorted(scores.values(), reverse=True)[limit - 1]
        scores = {pk: value for pk, value in scores.items() if value >= kth_best - common_total - 1e-9}
        # Add the common entities' weight to the candidates found through rare ones.
        for article_id, entity_id in EntityLink.objects.filter(
            entity_id__in=common, article_id__in=list(scores)
        ).values_list("article_id", "entity_id"):
            scores[article_id] += weights[entity_id]
    if not scores:
        return []
    # Best score first; ties go to the newer story.
    dates = dict(
        Article.objects.filter(pk__in=list(scores)).values_list("pk", "published_at")
        if len(scores) <= CANDIDATE_ROWS
        else []
    )
    oldest = datetime.datetime.min.replace(tzinfo=datetime.UTC)
    ranked = sorted(
        scores.items(),
        key=lambda item: (-round(item[1], 9), -(dates.get(item[0]) or oldest).timestamp(), -item[0]),
    )[:limit]
    shared_links = EntityLink.objects.filter(entity_id__in=list(weights)).select_related("entity")
    stories = Article.objects.filter(pk__in=[pk for pk, _ in ranked]).prefetch_related(
        Prefetch("entity_links", queryset=shared_links, to_attr="shared_links")
    )
    by_pk = {story.pk: story for story in stories}
    result = []
    for pk, value in ranked:
        story = by_pk[pk]
        shared = sorted((link.entity for link in story.shared_links), key=lambda e: (-weights[e.pk], e.name))
        result.append(RelatedStory(article=story, score=value, shared=shared))
    return result
