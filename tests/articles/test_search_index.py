"""Indexes the public pages rely on: the stored search document and the newest-first order (PostgreSQL)."""

import pytest
from django.db import connection

from articles.models import Article
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_search_uses_the_gin_index_on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("GIN indexes exist on PostgreSQL only")
    ArticleFactory(title="Grain deal", body_text="grain corridor", body_html="<p>grain corridor</p>")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
    plan = Article.objects.search("grain corridor").explain()
    assert "article_search_document" in plan
    assert [a.title for a in Article.objects.published().search("grain corridor")] == ["Grain deal"]


def test_stored_document_follows_edits_on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("the stored search document exists on PostgreSQL only")
    story = ArticleFactory(title="Grain deal", body_text="grain corridor", body_html="<p>grain corridor</p>")
    story.title = "Pipeline talks"
    story.save()
    Article.objects.filter(pk=story.pk).update(body_text="Ministers discussed tariffs.")
    assert list(Article.objects.search("pipeline tariffs")) == [story]
    assert not Article.objects.search("grain").exists()
    # In a subquery the document is named on the subquery's own table alias.
    assert list(Article.objects.filter(pk__in=Article.objects.search("tariffs").values("pk"))) == [story]


def test_search_matches_all_words_on_every_database():
    ArticleFactory(title="Grain deal", body_text="Ministers signed a grain corridor deal.")
    ArticleFactory(title="Grain only", body_text="Grain prices rose.")
    titles = {a.title for a in Article.objects.published().search("grain corridor")}
    assert titles == {"Grain deal"}


def test_newest_first_walks_its_index_on_postgresql():
    """Story lists (home, lists, feeds) read the newest stories in index order, not by sorting."""
    if connection.vendor != "postgresql":
        pytest.skip("the NULLS LAST index exists on PostgreSQL only")
    ArticleFactory.create_batch(3)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
    plan = Article.objects.published().newest_first()[:12].explain()
    assert "article_newest_first" in plan
    assert "Sort" not in plan.replace("Sort Key", "")
