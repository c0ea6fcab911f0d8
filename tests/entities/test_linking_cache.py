"""Editors' decisions and relinks reach cached public pages at once (bulk writes send no signals)."""

import pytest
from django.urls import reverse

from entities.linking import link_article
from entities.linking.service import confirm_mention, reject_mention
from entities.models import EntityLink, Mention
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db(transaction=False)


@pytest.fixture
def story(mini_kb):
    article = ArticleFactory(
        title="Trade talks",
        body_html="<p>Ukraine signed a grain deal on Monday.</p><p>Officials in Ukraine welcomed it.</p>",
        body_text="Ukraine signed a grain deal on Monday.\n\nOfficials in Ukraine welcomed it.",
        content_hash=None,
    )
    link_article(article=article)
    return article


def ukraine_links(client, article):
    page = client.get(reverse("articles:detail", args=[article.slug])).content.decode()
    return page.count('href="/countries/ukraine/"')


def test_rejecting_a_mention_removes_its_link_from_the_cached_page(
    client, story, editor, django_capture_on_commit_callbacks
):
    first, second = Mention.objects.filter(article=story, entity__slug="ukraine").order_by("start")
    assert first.status == second.status == Mention.Status.CONFIRMED
    # Both mentions are linked in the body (plus the "In this story" panel).
    linked = ukraine_links(client, story)
    assert linked >= 2
    assert ukraine_links(client, story) == linked  # served from the cache now
    # The story keeps its Ukraine link (one confirmed mention left): only bulk writes happen.
    with django_capture_on_commit_callbacks(execute=True):
        reject_mention(mention=second, user=editor)
    assert ukraine_links(client, story) == linked - 1
    with django_capture_on_commit_callbacks(execute=True):
        confirm_mention(mention=second, user=editor)
    assert ukraine_links(client, story) == linked


def test_relinking_a_changed_story_refreshes_the_cached_page(
    client, story, django_capture_on_commit_callbacks
):
    # A story whose links were cleared (deletes send signals: the page is rebuilt without them).
    Mention.objects.filter(article=story).delete()
    EntityLink.objects.filter(article=story).delete()
    story.refresh_from_db()
    assert ukraine_links(client, story) == 0
    with django_capture_on_commit_callbacks(execute=True):
        link_article(article=story)
    assert ukraine_links(client, story) >= 1
