"""sitemap.xml sections: published stories and entity pages (the news sitemap is a view)."""

from django.contrib.sitemaps import Sitemap

from entities.models import Entity

from .models import Article


class StorySitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.8
    limit = 50_000  # the most URLs one sitemap file may list; Django pages past it (?p=2)

    def items(self):
        return Article.objects.published().only("slug", "updated_at", "published_at").order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class EntitySitemap(Sitemap):
    changefreq = "daily"
    priority = 0.6
    limit = 50_000  # the most URLs one sitemap file may list; Django pages past it (?p=2)

    def items(self):
        return Entity.objects.only("slug", "kind", "updated_at").order_by("pk")

    def lastmod(self, item):
        return item.updated_at


SITEMAPS = {"stories": StorySitemap, "entities": EntitySitemap}
