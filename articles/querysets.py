"""Query logic for stories. "Published" is defined here once and reused everywhere."""

import functools

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

    # "Not in the future" rather than "null or not after now": without the OR, the database
    # can walk the (status, published_at) index newest first and stop at a page's worth.
    return Q(**{f"{prefix}status": Article.Status.PUBLISHED}) & ~Q(
        **{f"{prefix}published_at__gt": timezone.now()}
    )


def may_preview(user) -> bool:
    """Staff who may view stories see drafts, stories in review and scheduled ones."""
    return bool(
        user is not None and user.is_active and user.is_staff and user.has_perm("articles.view_article")
    )


# Columns only editors and the importer read (see ``published()``).
IMPORT_RECORD = ("original", "stripped", "minhash")


@functools.cache
def _page_row_sql(alias: str) -> str:
    """``page()``'s query as SQL with one parameter (the slug), compiled once per database.

    What the ORM builds from ``Article.objects.defer(*IMPORT_RECORD).filter(slug=...)``; for the
    busiest query of the site, compiling it took the ORM longer than the database took to run it.
    """
    from .models import Article

    queryset = Article.objects.using(alias).defer(*IMPORT_RECORD).filter(slug="").order_by()
    sql, params = queryset.query.sql_with_params()
    assert list(params) == [""], params
    return sql


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """Stories a reader may see (see ``published_q``), without the import record.

        The raw original (a saved page can weigh hundreds of kilobytes), the stripped chrome
        and the MinHash signature are for editors and the importer; no public page, feed or
        API response reads them, so they stay in the database.
        """
        return self.filter(published_q()).defer(*IMPORT_RECORD)

    def scheduled(self):
        return self.filter(status=self.model.Status.PUBLISHED, published_at__gt=timezone.now())

    def visible_to(self, user):
        """Everything for staff who may view stories; published stories for everyone else."""
        if may_preview(user):
            return self.all()
        return self.published()

    def page(self, slug: str, *, user):
        """One story's page row for ``user``, or ``DoesNotExist`` (call it on ``Article.objects``).

        The row is looked up by slug alone, with SQL compiled once (``_page_row_sql``), and
        tested with ``Article.is_public()``, the same rule as ``published_q()``: on the busiest
        page, compiling that condition (or a join to the source, which the page's cached parts
        show) took the ORM longer than the database took to run the whole query.
        """
        found = list(self.raw(_page_row_sql(self.db), [slug]))
        if not found or not (found[0].is_public() or may_preview(user)):
            raise self.model.DoesNotExist(f"No public story {slug!r}")
        return found[0]

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
            document = SearchDocument()
            matches = self.alias(search_document=document).filter(search_document=search_query)
            # Ranking reads every match's stored document; ranked=False skips it for broad searches.
            return matches.annotate(rank=SearchRank(document, search_query)) if ranked else matches
        condition = Q()
        for word in query.split()[:10]:
            word = word.strip("\"'“”‘’")
            if not word:
                continue
            # A reader types a straight apostrophe where the copy has a typographic one (and the
            # other way round): "Lukashenko's" finds "Lukashenko’s".
            either = Q()
            for spelling in {word, word.replace("'", "’"), word.replace("’", "'")}:
                either |= (
                    Q(title__icontains=spelling)
                    | Q(dek__icontains=spelling)
                    | Q(body_text__icontains=spelling)
                )
            condition &= either
        return self.filter(condition)


class SearchDocument(models.Expression):
    """A story's weighted search document (title A, dek B, body C) on PostgreSQL.

    A generated, GIN-indexed column that only PostgreSQL knows about (migration
    0006_article_search_document): named here on the query's own table alias, so it works in
    subqueries too, and never fetched unless a search asks for it.
    """

    def __init__(self):
        from django.contrib.postgres.search import SearchVectorField

        super().__init__(output_field=SearchVectorField())

    def as_sql(self, compiler, connection):
        alias = compiler.query.get_initial_alias()
        return f"{compiler.quote_name(alias)}.{connection.ops.quote_name('search_document')}", []
