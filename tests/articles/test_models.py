import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from articles.models import Article
from entities.models import Mention
from tests.factories import ArticleFactory, CountryFactory, MentionFactory

pytestmark = pytest.mark.django_db


def test_content_hash_is_unique():
    ArticleFactory(content_hash="a" * 64)
    with pytest.raises(IntegrityError), transaction.atomic():
        ArticleFactory(content_hash="a" * 64)


def test_slug_is_unique():
    ArticleFactory(slug="same")
    with pytest.raises(IntegrityError), transaction.atomic():
        ArticleFactory(slug="same", title="Other title")


def test_mention_unique_on_article_entity_start():
    mention = MentionFactory(start=10, surface="Belarus")
    with pytest.raises(IntegrityError), transaction.atomic():
        MentionFactory(article=mention.article, entity=mention.entity, start=10, surface="Belarus")
    # Same entity elsewhere in the story is another mention.
    MentionFactory(article=mention.article, entity=mention.entity, start=40, surface="Belarus")
    assert Mention.objects.filter(article=mention.article).count() == 2


def test_one_manual_link_per_entity_and_story():
    article, country = ArticleFactory(), CountryFactory()
    Mention.objects.create(article=article, entity=country, method="manual", status="confirmed")
    with pytest.raises(IntegrityError), transaction.atomic():
        Mention.objects.create(article=article, entity=country, method="manual", status="confirmed")


def test_mention_span_must_be_ordered():
    with pytest.raises(IntegrityError), transaction.atomic():
        MentionFactory(start=10, end=5)


def test_published_excludes_drafts_review_and_scheduled():
    now = timezone.now()
    public = ArticleFactory(status=Article.Status.PUBLISHED, published_at=now - timezone.timedelta(minutes=1))
    undated = ArticleFactory(status=Article.Status.PUBLISHED, published_at=None)
    ArticleFactory(status=Article.Status.DRAFT)
    ArticleFactory(status=Article.Status.REVIEW)
    scheduled = ArticleFactory(
        status=Article.Status.PUBLISHED, published_at=now + timezone.timedelta(hours=2)
    )
    assert set(Article.objects.published()) == {public, undated}
    assert scheduled.is_scheduled and not scheduled.is_public()
    assert list(Article.objects.scheduled()) == [scheduled]


def test_visible_to_shows_everything_to_editors_only(editor, reporter, django_user_model):
    ArticleFactory(status=Article.Status.DRAFT)
    ArticleFactory(status=Article.Status.PUBLISHED)
    reader = django_user_model.objects.create_user("reader", password="pw")
    assert Article.objects.visible_to(editor).count() == 2
    assert Article.objects.visible_to(reporter).count() == 2
    assert Article.objects.visible_to(reader).count() == 1


def test_country_save_sets_kind():
    assert CountryFactory(kind="leader").kind == "country"
