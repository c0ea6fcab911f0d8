from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.http import HttpResponse
from django.urls import include, path

from articles.sitemaps import SITEMAPS


def healthz(request):
    """Trivial view for load balancers (and the benchmark's ceiling)."""
    return HttpResponse("ok", content_type="text/plain")


admin.site.site_header = "Newsroom editorial"
admin.site.site_title = "Newsroom admin"
admin.site.index_title = "Editorial dashboard"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("api/", include("newsroom.api")),
    path("sitemap.xml", sitemap_views.sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("", include("entities.urls")),
    path("", include("articles.urls")),
]
