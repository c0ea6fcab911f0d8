"""The OpenAPI schema: it validates, it documents every endpoint, and the API keeps its promises.

The schemathesis run generates requests from the schema (a bounded, derandomized number per
operation) against the Django WSGI app, as a reader and as an editor with a token, and fails
on any 5xx, any undocumented status code or content type, and any body that breaks the schema.
"""

import datetime
import json

import pytest
import schemathesis
import yaml
from django.core import signals
from django.core.management import call_command
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from articles.models import Article
from entities.models import Mention
from tests.factories import (
    AliasFactory,
    ArticleFactory,
    EntityLinkFactory,
    MembershipFactory,
    MentionFactory,
    OfficeFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db

EXAMPLES_PER_OPERATION = 10


def test_schema_validates_without_warnings(tmp_path):
    out = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out))
    schema = yaml.safe_load(out.read_text())
    operations = {
        (method, path) for path, item in schema["paths"].items() for method in item if method != "parameters"
    }
    assert operations == {
        ("get", "/api/articles/"),
        ("post", "/api/articles/"),
        ("get", "/api/articles/{slug}/"),
        ("patch", "/api/articles/{slug}/"),
        ("delete", "/api/articles/{slug}/"),
        ("post", "/api/articles/{slug}/mentions/{mention_id}/confirm/"),
        ("post", "/api/articles/{slug}/mentions/{mention_id}/reject/"),
        ("post", "/api/articles/{slug}/relink/"),
        ("get", "/api/entities/"),
        ("get", "/api/entities/{slug}/"),
        ("get", "/api/entities/{slug}/articles/"),
    }
    story_filters = {p["name"] for p in schema["paths"]["/api/articles/"]["get"]["parameters"]}
    assert story_filters >= {
        "entity",
        "kind",
        "source",
        "status",
        "q",
        "published_after",
        "published_before",
        "ordering",
        "page",
        "page_size",
    }
    # An entity's stories take the same filters and pages, and answer a page of stories.
    entity_stories = schema["paths"]["/api/entities/{slug}/articles/"]["get"]
    assert {p["name"] for p in entity_stories["parameters"]} >= story_filters
    page = entity_stories["responses"]["200"]["content"]["application/json"]["schema"]
    assert page == {"$ref": "#/components/schemas/PaginatedArticleList"}
    entity_filters = {p["name"] for p in schema["paths"]["/api/entities/"]["get"]["parameters"]}
    assert entity_filters >= {"kind", "q", "member_of", "country"}
    create = schema["paths"]["/api/articles/"]["post"]["responses"]
    assert {"201", "400", "401", "403", "409"} <= set(create)
    patch = schema["paths"]["/api/articles/{slug}/"]["patch"]["responses"]
    assert {"200", "400", "401", "403", "404"} <= set(patch)
    assert "tokenAuth" in schema["components"]["securitySchemes"]
    undescribed = [
        (method, path, name)
        for path, item in schema["paths"].items()
        for method, operation in item.items()
        for name in [p["name"] for p in operation.get("parameters", []) if not p.get("description")]
        + [code for code, response in operation["responses"].items() if not response.get("description")]
    ]
    assert undescribed == []


def test_schema_and_docs_are_served(client):
    assert client.get("/api/schema/").status_code == 200
    assert client.get("/api/schema/", {"format": "json"}).json()["info"]["title"] == "Newsroom API"
    # Swagger UI without inline script: its set-up code is a separate, same-origin script.
    assert b'<script src="/api/docs/?script=">' in client.get("/api/docs/").content
    assert b"/api/schema/" in client.get("/api/docs/", {"script": ""}).content
    assert b'spec-url="/api/schema/"' in client.get("/api/redoc/").content
    for url in ("/api/docs/", "/api/redoc/"):
        response = client.get(url)
        assert response.status_code == 200
        # The viewers come from our own static files, never a CDN.
        assert "/static/drf_spectacular_sidecar/" in response.content.decode()
        assert "http" not in response["Content-Security-Policy"]
        assert "unsafe-inline" in response["Content-Security-Policy"]  # the viewers' inline styles
    assert "unsafe-inline" not in client.get("/api/articles/")["Content-Security-Policy"]


@pytest.fixture
def wsgi_requests(db):
    """Like Django's test client: keep the request cycle from closing the test's connection."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def load_schema():
    """The schema drf-spectacular serves, bound to the Django WSGI app.

    Built at collection time from the generator itself (no request, no database), since
    schemathesis needs the operations to parametrize the tests.
    """
    document = json.loads(
        OpenApiJsonRenderer().render(SchemaGenerator().get_schema(request=None, public=True))
    )
    loaded = schemathesis.openapi.from_dict(document)
    loaded.app = get_wsgi_application()
    return loaded


@pytest.fixture
def newsroom(editor):
    """A small archive so generated requests also meet real stories, mentions and entities."""
    membership = MembershipFactory(since=datetime.date(2024, 7, 4))
    country = membership.country
    office = OfficeFactory(country=country)
    AliasFactory(entity=country)
    source = SourceFactory()
    for status in Article.Status.values:
        story = ArticleFactory(status=status, source=source)
        for entity in (country, office.leader, membership.organization):
            EntityLinkFactory(article=story, entity=entity)
        MentionFactory(article=story, entity=country, status=Mention.Status.SUGGESTED)
    ArticleFactory(published_at=None, source=None)
    return Token.objects.create(user=editor).key


schema = load_schema()

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


HYPOTHESIS = settings(
    max_examples=EXAMPLES_PER_OPERATION,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)


@schema.include(method="GET").parametrize()
@HYPOTHESIS
def test_api_keeps_its_schema_for_readers(case, newsroom, wsgi_requests):
    """Reads only: an anonymous write is a 401 whatever its body (the permission matrix covers it)."""
    case.call_and_validate(checks=CHECKS)


@schema.parametrize()
@HYPOTHESIS
def test_api_keeps_its_schema_for_editors(case, newsroom, wsgi_requests):
    """With an editor's token the writes go through: imports, edits, transitions, deletions."""
    case.call_and_validate(headers={"Authorization": f"Token {newsroom}"}, checks=CHECKS)
