"""Query logic for stories. "Published" is defined here once and reused everywhere."""

from django.db import connections, models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone


def published_q(prefix: str = "") -> Q:
    """The condition for a story a reader may see, on a story reached through ``prefix``.

    Status published and a publication time not in the future. A published story with no date
    (scraped text often has none) is public; one with a future date is scheduled and stays
    hidden until then, with no cron job involved. ``prefix`` ("article__") lets a query on
    another table filter by a join, which SQLite plans far better than ``article__in=`` a
    subquery of every published story.
    """
    from .models import Article

    return Q(**{f"{prefix}status": Article.Status.PUBLISHED}) & (
        Q(**{f"{prefix}published_at__isnull": True}) | Q(**{f"{prefix}published_at__lte": timezone.now()})
    )


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """Stories a reader may see (see ``published_q``)."""
        return self.filter(published_q())

    def scheduled(self):
        return self.filter(status=self.model.Status.PUBLISHED, published_at__gt=timezone.now())

    def visible_to(self, user):
        """Everything for staff who may view stories; published stories for everyone else."""
        if user is not None and user.is_active and user.is_staff and user.has_perm("articles.view_article"):
            return self.all()
        return self.published()

    def for_entity(self, entity):
        """Stories with a confirmed link to ``entity`` (an Entity or its pk)."""
        from entities.models import EntityLink

        return self.filter(Exists(EntityLink.objects.filter(article=OuterRef("pk"), entity=entity)))

    def with_entities(self):
        """Prefetch the confirmed entity links (with entities) a list or page shows."""
        from entities.models import EntityLink

        return self.prefetch_related(
            models.Prefetch(
                "entity_links",
                queryset=EntityLink.objects.select_related("entity").order_by("-score", "entity__name"),
            )
        )

    def newest_first(self):
        return self.order_by(models.F("published_at").desc(nulls_last=True), "-created_at", "-pk")

    def search(self, query, *, ranked=True):
        """Full-text search: PostgreSQL's ranked search where it runs, all-words matching elsewhere.

        On PostgreSQL the title weighs more than the dek and the dek more than the body; results
        carry a ``rank`` annotation. The SQLite fallback keeps stories containing every word.
        """
        query = (query or "").strip()
        if not query:
            return self
        if connections[self.db].vendor == "postgresql":
            from django.contrib.postgres.search import SearchQuery, SearchRank

            search_query = SearchQuery(query, search_type="websearch", config="english")
            vector = search_vector()
            # The @@ filter on the same expression as the GIN index (migration 0004_article_search_gin) uses the index.
            matches = self.alias(search_document=vector).filter(search_document=search_query)
            # Ranking reads every match's document again; ranked=False skips it for broad searches.
            return matches.annotate(rank=SearchRank(vector, search_query)) if ranked else matches
        condition = Q()
        for word in query.split()[:10]:
            word = word.strip("\"'")
            if word:
                condition &= Q(title__icontains=word) | Q(dek__icontains=word) | Q(body_text__icontains=word)
        return self.filter(condition)


def search_vector():
    """The weighted document a story is searched by (title A, dek B, body C); the GIN index matches it."""
    from django.contrib.postgres.search import SearchVector

    return (
        SearchVector("title", weight="A", config="english")
        + SearchVector("dek", weight="B", config="english")
        + SearchVector("body_text", weight="C", config="english")
    )
