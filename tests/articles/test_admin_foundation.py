import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.urls import reverse

from tests.factories import ArticleFactory, SourceFactory

pytestmark = pytest.mark.django_db


def test_groups_have_editorial_permissions():
    editors = set(Group.objects.get(name="Editors").permissions.values_list("codename", flat=True))
    reporters = set(Group.objects.get(name="Reporters").permissions.values_list("codename", flat=True))
    assert {"publish_article", "change_entity", "change_mention", "delete_article"} <= editors
    assert {"add_article", "change_article"} <= reporters
    assert "publish_article" not in reporters
    assert "change_entity" not in reporters


@pytest.mark.parametrize(
    "url_name",
    [
        "admin:index",
        "admin:articles_article_changelist",
        "admin:articles_article_add",
        "admin:articles_source_changelist",
        "admin:articles_importrun_changelist",
        "admin:articles_auditentry_changelist",
    ],
)
def test_admin_pages_for_editor_and_anonymous(client, editor, url_name):
    url = reverse(url_name)
    assert client.get(url).status_code == 302
    client.force_login(editor)
    assert client.get(url).status_code == 200


def test_article_change_page_and_history(editor_client):
    article = ArticleFactory(source=SourceFactory(name="Wire"))
    response = editor_client.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert response.status_code == 200
    assert article.title in response.content.decode()
    response = editor_client.get(reverse("admin:articles_article_history", args=[article.pk]))
    assert response.status_code == 200


def test_article_changelist_marks_scheduled_stories(editor_client):
    from django.utils import timezone

    ArticleFactory(title="Future story", published_at=timezone.now() + timezone.timedelta(days=1))
    response = editor_client.get(reverse("admin:articles_article_changelist"))
    assert "Scheduled" in response.content.decode()


def test_create_demo_editor_prints_credentials_and_is_rerunnable(capsys, client):
    with pytest.raises(CommandError, match="DEBUG is off"):
        call_command("create_demo_editor", password="secret-demo-pw")
    call_command("create_demo_editor", password="secret-demo-pw", force=True)
    call_command("create_demo_editor", password="secret-demo-pw", force=True)
    out = capsys.readouterr().out
    assert "'editor'" in out and "secret-demo-pw" in out
    assert client.login(username="editor", password="secret-demo-pw")
    assert client.get(reverse("admin:articles_article_changelist")).status_code == 200


@pytest.mark.parametrize("mentions", [2, 40])
def test_article_change_page_queries_do_not_grow_with_mentions(
    editor_client, mentions, django_assert_max_num_queries
):
    from tests.factories import CountryFactory, MentionFactory

    article = ArticleFactory(body_text="x" * 1000)
    for number in range(mentions):
        MentionFactory(article=article, entity=CountryFactory(), start=number * 20, end=number * 20 + 5)
    with django_assert_max_num_queries(40):
        response = editor_client.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert response.status_code == 200


def test_near_duplicates_are_flagged_where_editors_look(editor_client):
    from articles.models import ImportItem, ImportRun

    original = ArticleFactory(title="Council passes the harbour budget")
    rewrite = ArticleFactory(title="Harbour budget passed", near_duplicate_of=original, similarity=0.83)
    ArticleFactory(title="Unrelated story")

    changelist = reverse("admin:articles_article_changelist")
    response = editor_client.get(changelist, {"near_duplicate": "yes"})
    assert [a.pk for a in response.context["cl"].result_list] == [rewrite.pk]
    original_url = reverse("admin:articles_article_change", args=[original.pk])
    assert f'<a href="{original_url}">#{original.pk}</a> (83%)' in response.content.decode()
    assert rewrite.pk not in [
        a.pk for a in editor_client.get(changelist, {"near_duplicate": "no"}).context["cl"].result_list
    ]

    page = editor_client.get(reverse("admin:articles_article_change", args=[rewrite.pk])).content.decode()
    assert "<strong>Near-duplicate:</strong> this story resembles" in page
    assert f'<a href="{original_url}">Council passes the harbour budget</a>' in page
    assert "83% similar" in page
    # The flag can be cleared, but the other story cannot be deleted or edited from this field.
    assert 'id="id_near_duplicate_of"' in page
    assert 'id="delete_id_near_duplicate_of"' not in page and 'id="change_id_near_duplicate_of"' not in page
    assert "Near-duplicate:" not in editor_client.get(original_url).content.decode()

    run = ImportRun.objects.create(origin="admin", state="done")
    ImportItem.objects.create(run=run, path="rewrite.txt", outcome="imported", article=rewrite)
    page = editor_client.get(reverse("admin:articles_article_import_run", args=[run.pk])).content.decode()
    assert "Near-duplicate of" in page and f'href="{original_url}">story #{original.pk}</a>' in page


@pytest.mark.parametrize(
    "url_name, current",
    [
        ("admin:articles_article_import", "Import"),
        ("admin:entities_review_queue", "Review queue"),
        ("admin:entities_tagging_quality", "Tagging quality"),
        ("admin:entities_backfill", "Back-fill the archive"),
    ],
)
def test_custom_admin_pages_have_the_admins_breadcrumbs(editor_client, url_name, current):
    """Django's admin styles an ``ol.breadcrumbs`` list; a ``div`` trail showed as bare text."""
    page = editor_client.get(reverse(url_name)).content.decode()
    trail = page[
        page.index('<ol class="breadcrumbs">') : page.index("</ol>", page.index('<ol class="breadcrumbs">'))
    ]
    assert f'<li aria-current="page">{current}</li>' in trail
    assert '<div class="breadcrumbs">' not in page
