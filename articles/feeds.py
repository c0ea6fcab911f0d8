"""RSS and Atom feeds: all published stories, and the published stories about one entity."""

import textwrap

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from entities.models import Entity
from newsroom.text import without_control_characters

from .models import Article

FEED_SIZE = 30


class LatestStoriesFeed(Feed):
    description = "The latest published stories."

    def title(self):
        return f"{settings.NEWSROOM_SITE_NAME}: latest stories"

    def link(self):
        return reverse("articles:list")

    def items(self):
        return Article.objects.published().select_related("source").newest_first()[:FEED_SIZE]

    # Stored text has no control characters (the models drop them on save), but a row written
    # before that rule must not take a whole feed down: XML 1.0 refuses them.
    # RSS readers take an item's title and description as HTML, and so does Atom's
    # <summary type="html">: the stories' plain text is escaped for them ("<script>" quoted in a
    # dek stays text, "Tom & Jerry" stays readable), as Django's own item_title does.
    def item_title(self, item):
        return escape(without_control_characters(item.title))

    def item_description(self, item):
        # At a word, with an ellipsis (it was cut mid-word: "…but was di").
        return escape(without_control_characters(textwrap.shorten(item.summary_text, 400, placeholder=" …")))

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return without_control_characters(item.byline) or None


class _AtomTitles:
    """An Atom entry's <title> is text (no type attribute): it is not escaped twice."""

    def item_title(self, item):
        return without_control_characters(item.title)


class LatestStoriesAtomFeed(_AtomTitles, LatestStoriesFeed):
    feed_type = Atom1Feed
    subtitle = LatestStoriesFeed.description


class EntityStoriesFeed(LatestStoriesFeed):
    def get_object(self, request, kind, slug):
        return get_object_or_404(Entity, kind=kind, slug=slug)

    def title(self, obj):
        return f"{settings.NEWSROOM_SITE_NAME}: stories about {obj.name}"

    def link(self, obj):
        return obj.get_absolute_url()

    def description(self, obj):
        return f"The latest published stories about {obj.name}."

    def items(self, obj):
        return Article.objects.published().for_entity(obj).select_related("source").newest_first()[:FEED_SIZE]


class EntityStoriesAtomFeed(_AtomTitles, EntityStoriesFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj):
        return self.description(obj)
