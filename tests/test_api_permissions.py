"""Who may do what through the API: every endpoint × every method × every role.

Roles: anonymous, a logged-in reader with no permissions, a reporter, an editor, a superuser.
Anonymous writes are 401 (the token scheme is announced), missing permissions 403, methods an
endpoint does not have 405 for everyone, and stories a client may not see 404.
"""

import pytest

from articles.models import Article
from entities.models import Mention
from tests.factories import ArticleFactory, CountryFactory, EntityLinkFactory, MentionFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "reader", "reporter", "editor", "superuser"]
ALL_405 = dict.fromkeys(ROLES, 405)


def roles(anonymous, reader, reporter, editor, superuser=None):
    return {
        "anonymous": anonymous,
        "reader": reader,
        "reporter": reporter,
        "editor": editor,
        "superuser": editor if superuser is None else superuser,
    }


READ_ALL = roles(200, 200, 200, 200)
STAFF_ONLY = roles(404, 404, 200, 200)

# (method, path, body) -> expected status per role. {draft}, {live}, {mention} are filled in.
MATRIX = [
    ("get", "/api/", None, READ_ALL),
    ("get", "/api/articles/", None, READ_ALL),
    ("post", "/api/articles/", {}, roles(401, 403, 400, 400)),
    ("put", "/api/articles/", {}, ALL_405),
    ("patch", "/api/articles/", {}, ALL_405),
    ("delete", "/api/articles/", None, ALL_405),
    ("get", "/api/articles/{live}/", None, READ_ALL),
    ("get", "/api/articles/{draft}/", None, STAFF_ONLY),
    ("post", "/api/articles/{live}/", {}, ALL_405),
    ("put", "/api/articles/{live}/", {"title": "x"}, ALL_405),
    ("patch", "/api/articles/{draft}/", {"byline": "Desk"}, roles(401, 403, 200, 200)),
    ("patch", "/api/articles/{live}/", {"byline": "Desk"}, roles(401, 403, 403, 200)),
    ("patch", "/api/articles/{draft}/", {"status": "published"}, roles(401, 403, 403, 200)),
    ("patch", "/api/articles/{live}/", {"status": "draft"}, roles(401, 403, 403, 200)),
    ("delete", "/api/articles/{draft}/", None, roles(401, 403, 403, 204)),
    ("delete", "/api/articles/{live}/", None, roles(401, 403, 403, 204)),
    ("post", "/api/articles/{live}/mentions/{mention}/confirm/", None, roles(401, 403, 403, 200)),
    ("post", "/api/articles/{live}/mentions/{mention}/reject/", None, roles(401, 403, 403, 200)),
    ("get", "/api/articles/{live}/mentions/{mention}/confirm/", None, ALL_405),
    ("delete", "/api/articles/{live}/mentions/{mention}/reject/", None, ALL_405),
    ("post", "/api/articles/{draft}/mentions/{mention}/confirm/", None, roles(401, 403, 403, 404)),
    ("post", "/api/articles/{live}/relink/", None, roles(401, 403, 403, 200)),
    ("get", "/api/articles/{live}/relink/", None, ALL_405),
    ("get", "/api/entities/", None, READ_ALL),
    ("post", "/api/entities/", {"name": "x"}, ALL_405),
    ("get", "/api/entities/{entity}/", None, READ_ALL),
    ("put", "/api/entities/{entity}/", {"name": "x"}, ALL_405),
    ("patch", "/api/entities/{entity}/", {"name": "x"}, ALL_405),
    ("delete", "/api/entities/{entity}/", None, ALL_405),
    ("get", "/api/entities/{entity}/articles/", None, READ_ALL),
    ("post", "/api/entities/{entity}/articles/", {}, ALL_405),
    ("get", "/api/schema/", None, READ_ALL),
    ("get", "/api/docs/", None, READ_ALL),
    ("get", "/api/redoc/", None, READ_ALL),
]


def cases():
    for method, path, body, expected in MATRIX:
        for role in ROLES:
            yield pytest.param(role, method, path, body, expected[role], id=f"{role}-{method}-{path}")


@pytest.fixture
def client_as(api_client, reporter, editor, superuser, django_user_model):
    def make(role):
        users = {
            "reader": lambda: django_user_model.objects.create_user("reader"),
            "reporter": lambda: reporter,
            "editor": lambda: editor,
            "superuser": lambda: superuser,
        }
        if role != "anonymous":
            api_client.force_authenticate(users[role]())
        return api_client

    return make


@pytest.mark.parametrize(("role", "method", "path", "body", "expected"), list(cases()))
def test_permission_matrix(client_as, role, method, path, body, expected):
    entity = CountryFactory(slug="belarus")
    draft = ArticleFactory(slug="draft-story", status=Article.Status.DRAFT)
    live = ArticleFactory(slug="live-story")
    EntityLinkFactory(article=live, entity=entity)
    mention = MentionFactory(article=live, entity=entity, status=Mention.Status.SUGGESTED)
    url = path.format(draft=draft.slug, live=live.slug, mention=mention.pk, entity=entity.slug)
    client = client_as(role)

    kwargs = {"format": "json"} if body is not None else {}
    response = (
        getattr(client, method)(url, body, **kwargs) if body is not None else getattr(client, method)(url)
    )

    assert response.status_code == expected, response.content[:300]
    if expected == 401:
        assert response["WWW-Authenticate"] == "Token"
    if method == "get" and "/api/articles/" in url and role in ("anonymous", "reader") and expected == 200:
        assert "draft-story" not in response.content.decode()


@pytest.mark.parametrize("role", ["anonymous", "reader"])
def test_no_hidden_story_ever_reaches_a_reader(client_as, role):
    """Drafts, stories in review and scheduled stories, through every endpoint and filter."""
    from django.utils import timezone

    from tests.factories import OrganizationFactory

    pact = OrganizationFactory(name="Secret Pact", slug="secret-pact")
    public = ArticleFactory(slug="public-story", title="Public story")
    EntityLinkFactory(article=public, entity=pact)
    hidden = [
        ArticleFactory(slug="hidden-draft", status=Article.Status.DRAFT),
        ArticleFactory(slug="hidden-review", status=Article.Status.REVIEW),
        ArticleFactory(slug="hidden-scheduled", published_at=timezone.now() + timezone.timedelta(hours=1)),
    ]
    for story in hidden:
        story.title = story.dek = f"Zanzibarian secret {story.slug}"
        story.body_text = story.title
        story.save()
        EntityLinkFactory(article=story, entity=pact)
        MentionFactory(article=story, entity=pact)
    client = client_as(role)

    urls = [
        "/api/articles/",
        "/api/articles/?status=draft",
        "/api/articles/?status=review",
        "/api/articles/?q=Zanzibarian",
        "/api/articles/?entity=secret-pact",
        "/api/articles/?kind=organization&page_size=100",
        "/api/articles/?published_after=2000-01-01&ordering=-published",
        "/api/articles/public-story/",
        "/api/entities/?q=secret",
        "/api/entities/secret-pact/",
        "/api/entities/secret-pact/articles/",
        "/api/entities/secret-pact/articles/?status=draft&q=Zanzibarian",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert b"Zanzibarian" not in response.content, url
        assert b"hidden-" not in response.content, url
    for story in hidden:
        assert client.get(f"/api/articles/{story.slug}/").status_code == 404
    detail = client.get("/api/entities/secret-pact/").json()
    assert (detail["story_count"], detail["about_count"]) == (1, 1)
    listed = {e["slug"]: e for e in client.get("/api/entities/", {"q": "secret pact"}).json()["results"]}
    assert listed["secret-pact"]["story_count"] == 1
