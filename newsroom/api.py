"""The REST API: one router for stories and entities, plus the OpenAPI schema and its two viewers.

Mounted at ``/api/`` by ``newsroom/urls.py``. Swagger UI and Redoc come from our own static files
(drf-spectacular-sidecar); their pages get a Content-Security-Policy of their own because the
viewers set inline styles and Redoc runs a blob: worker.
"""

from django.http import JsonResponse
from django.urls import include, path, re_path
from django.utils.csp import CSP
from django.views.decorators.csp import csp_override
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from articles.api import ArticleViewSet
from entities.api import EntityViewSet

app_name = "api"

router = DefaultRouter()
router.register("articles", ArticleViewSet, basename="article")
router.register("entities", EntityViewSet, basename="entity")

DOCS_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "font-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "worker-src": [CSP.SELF, "blob:"],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}


@csrf_exempt
def not_found(request):
    """A JSON 404 for any other address under /api/, not the site's HTML page.

    Only paths ending in a slash: others still get Django's redirect to the slashed form.
    """
    return JsonResponse({"detail": "Not found."}, status=404)


urlpatterns = [
    path("", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path(
        "docs/",
        csp_override(DOCS_CSP)(SpectacularSwaggerSplitView.as_view(url_name="api:schema")),
        name="docs",
    ),
    path(
        "redoc/",
        csp_override(DOCS_CSP)(SpectacularRedocView.as_view(url_name="api:schema")),
        name="redoc",
    ),
    re_path(r"^[\s\S]*/$", not_found),
]
