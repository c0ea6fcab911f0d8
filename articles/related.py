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

# Most link rows one ranking reads (the sum of its entities' story counts), about 10 ms.
CANDIDATE_ROWS = 20_000
# Weights are summed as integers (millionths) so equal scores compare equal in SQL and ties
# fall to the newer story whatever order the database adds them in.
SCALE = 1_000_000


@dataclass
class RelatedStory:
    article: Article
    score: float
    shared: list[Entity] = field(default_factory=list)


def story_counts(entity_ids) -> tuple[int, dict[int, int]]:
    """The number of published stories, and of published stories linked to each entity."""
    entity_ids = list(entity_ids)
    if not entity_ids:
        return 0, {}
    counts = dict(
        EntityLink.objects.filter(published_q("article__"), entity_id__in=entity_ids)
        .values_list("entity_id")
        .annotate(n=Count("pk"))
        .values_list("entity_id", "n")
    )
    return Article.objects.published().count(), counts


def related_stories(article: Article, *, limit: int = 5) -> list[RelatedStory]:
    """The ``limit`` published stories sharing the most (weighted) confirmed entities with ``article``.

    The ranking reads at most about ``CANDIDATE_ROWS`` link rows: when the story's entities are
    linked to more stories than that, the most covered ones (which weigh least) only re-rank the
    candidates the rarer ones found, so one entity in half the archive cannot make a page slow.
    """
    entity_ids = list(EntityLink.objects.filter(article=article).values_list("entity_id", flat=True))
    total, counts = story_counts(entity_ids)
    weights = {pk: math.log(1 + total / n) for pk, n in counts.items() if n}
    if not weights:
        return []
    rare, rows = [], 0
    for pk in sorted(weights, key=lambda pk: (counts[pk], pk)):
        if rare and rows + counts[pk] > CANDIDATE_ROWS:
            break
        rare.append(pk)
        rows += counts[pk]
    common = [pk for pk in weights if pk not in rare]
    ranked = _ranked(article, {pk: weights[pk] for pk in rare}, limit=limit * 4 if common else limit)
    if common and ranked:
        extra = dict.fromkeys((pk for pk, _score, _published in ranked), 0)
        for article_id, entity_id in EntityLink.objects.filter(
            entity_id__in=common, article_id__in=list(extra)
        ).values_list("article_id", "entity_id"):
            extra[article_id] += round(weights[entity_id] * SCALE)
        ranked = sorted(
            ((pk, score + extra[pk], published) for pk, score, published in ranked),
            key=lambda row: (-row[1], row[2] is None, -(row[2].timestamp() if row[2] else 0), -row[0]),
        )[:limit]
    if not ranked:
        return []
    shared_links = EntityLink.objects.filter(entity_id__in=list(weights)).select_related("entity")
    stories = (
        Article.objects.published()
        .filter(pk__in=[pk for pk, _score, _published in ranked])
        .prefetch_related(Prefetch("entity_links", queryset=shared_links, to_attr="shared_links"))
    )
    by_pk = {story.pk: story for story in stories}
    result = []
    for pk, value, _published in ranked:
        story = by_pk.get(pk)
        if story is None:  # unpublished between the two queries
            continue
        shared = sorted((link.entity for link in story.shared_links), key=lambda e: (-weights[e.pk], e.name))
        result.append(RelatedStory(article=story, score=value / SCALE, shared=shared))
    return result


def _ranked(article: Article, weights: dict[int, float], *, limit: int) -> list[tuple]:
    """(story id, score in millionths, published) of the best stories sharing these entities."""
    score = Sum(
        Case(
            *(When(entity_id=pk, then=Value(round(weight * SCALE))) for pk, weight in weights.items()),
            default=Value(0),
            output_field=IntegerField(),
        )
    )
    return list(
        EntityLink.objects.filter(published_q("article__"), entity_id__in=list(weights))
        .exclude(article_id=article.pk)
        .values("article_id")
        .annotate(score=score, published=Max("article__published_at"))
        .order_by("-score", F("published").desc(nulls_last=True), "-article_id")
        .values_list("article_id", "score", "published")[:limit]
    )
