from django.urls import path

from . import feeds, views

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path("stories/", views.story_list, name="list"),
    path("stories/<slug:slug>/", views.story_detail, name="detail"),
    path("search/", views.search, name="search"),
    path("feeds/rss/", feeds.LatestStoriesFeed(), name="feed_rss"),
    path("feeds/atom/", feeds.LatestStoriesAtomFeed(), name="feed_atom"),
    path(
        "feeds/<str:kind>/<slug:slug>/rss/",
        feeds.EntityStoriesFeed(),
        name="entity_feed_rss",
    ),
    path(
        "feeds/<str:kind>/<slug:slug>/atom/",
        feeds.EntityStoriesAtomFeed(),
        name="entity_feed_atom",
    ),
    path("news-sitemap.xml", views.news_sitemap, name="news_sitemap"),
    path("robots.txt", views.robots_txt, name="robots"),
]
