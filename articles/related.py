"""Related stories: other published stories ranked by the confirmed entities they share.

Each shared entity counts with an idf-style weight, ``log(1 + N / df)`` where ``N`` is the
number of published stories and ``df`` the number of published stories linked to the entity:
sharing the SCO (few stories) counts more than sharing the United States (many stories).
Ties go to the newer story. The ranking is one aggregate query (the database sums the weights
and returns the top few), so the cost does not grow with what the page shows; three more
queries fetch the weights' counts and the winners with what they share.
"""

import math
from dataclasses import dataclass, field

from django.db.models import Case, Count, F, IntegerField, Max, Prefetch, Sum, Value, When

from entities.models import Entity, EntityLink

from .models import Article
from .querysets import published_q

# Weights are summed as integers (millionths) so equal scores compare equal in SQL and ties
# fall to the newer story whatever order the database adds them in.
SCALE = 1_000_000


@dataclass
class RelatedStory:
    article: Article
    score: float
    shared: list[Entity] = field(default_factory=list)


def entity_weights(entity_ids) -> dict[int, float]:
    """idf-style weight of each entity among published stories (entities in none are left out)."""
    entity_ids = list(entity_ids)
    if not entity_ids:
        return {}
    total = Article.objects.published().count()
    counts = dict(
        EntityLink.objects.filter(published_q("article__"), entity_id__in=entity_ids)
        .values_list("entity_id")
        .annotate(n=Count("pk"))
        .values_list("entity_id", "n")
    )
    return {pk: math.log(1 + total / counts[pk]) for pk in entity_ids if counts.get(pk)}


def related_stories(article: Article, *, limit: int = 5) -> list[RelatedStory]:
    """The ``limit`` published stories sharing the most (weighted) confirmed entities with ``article``."""
    entity_ids = list(EntityLink.objects.filter(article=article).values_list("entity_id", flat=True))
    weights = entity_weights(entity_ids)
    if not weights:
        return []
    score = Sum(
        Case(
            *(When(entity_id=pk, then=Value(round(weight * SCALE))) for pk, weight in weights.items()),
            default=Value(0),
            output_field=IntegerField(),
        )
    )
    ranked = list(
        EntityLink.objects.filter(published_q("article__"), entity_id__in=list(weights))
        .exclude(article_id=article.pk)
        .values("article_id")
        .annotate(score=score, published=Max("article__published_at"))
        .order_by("-score", F("published").desc(nulls_last=True), "-article_id")
        .values_list("article_id", "score")[:limit]
    )
    if not ranked:
        return []
    shared_links = EntityLink.objects.filter(entity_id__in=list(weights)).select_related("entity")
    stories = (
        Article.objects.published()
        .filter(pk__in=[pk for pk, _ in ranked])
        .prefetch_related(Prefetch("entity_links", queryset=shared_links, to_attr="shared_links"))
    )
    by_pk = {story.pk: story for story in stories}
    result = []
    for pk, value in ranked:
        story = by_pk.get(pk)
        if story is None:  # unpublished between the two queries
            continue
        shared = sorted((link.entity for link in story.shared_links), key=lambda e: (-weights[e.pk], e.name))
        result.append(RelatedStory(article=story, score=value / SCALE, shared=shared))
    return result
