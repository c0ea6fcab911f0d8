from django.conf import settings
from django.contrib import admin, messages
from django.contrib.sitemaps import views as sitemap_views
from django.core.exceptions import RequestDataTooBig
from django.http import HttpResponse, HttpResponseRedirect
from django.template.defaultfilters import filesizeformat
from django.urls import include, path, reverse
from django.views import defaults

from articles.sitemaps import SITEMAPS


def healthz(request):
    """Trivial view for load balancers (and the benchmark's ceiling)."""
    return HttpResponse("ok", content_type="text/plain")


def bad_request(request, exception):
    """A paste too large to read (the admin's import form) goes back to the form with the reason,
    not to a bare "Bad Request" page. The form's script stops such a paste before it is sent;
    this is for a browser without scripts."""
    import_form = reverse("admin:articles_article_import")
    if (
        isinstance(exception, RequestDataTooBig)
        and request.path == import_form
        and hasattr(request, "session")
    ):
        limit = filesizeformat(settings.NEWSROOM_IMPORT_MAX_BYTES)
        messages.error(
            request, f"The pasted text is over the import size limit ({limit}); upload it as a file."
        )
        return HttpResponseRedirect(import_form)
    return defaults.bad_request(request, exception)


handler400 = bad_request

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
