"""The transition service: the matrix per role, scheduling against a frozen clock, deletion."""

import datetime

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles import workflow
from articles.models import Article, AuditEntry
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

S = Article.Status
OK, DENIED, INVALID = "ok", "denied", "invalid"

# The spec: (from, to) -> outcome for a reporter and for an editor.
MATRIX = {
    (S.DRAFT, S.DRAFT): (INVALID, INVALID),
    (S.DRAFT, S.REVIEW): (OK, OK),
    (S.DRAFT, S.PUBLISHED): (DENIED, OK),
    (S.REVIEW, S.DRAFT): (DENIED, OK),
    (S.REVIEW, S.REVIEW): (INVALID, INVALID),
    (S.REVIEW, S.PUBLISHED): (DENIED, OK),
    (S.PUBLISHED, S.DRAFT): (DENIED, OK),
    (S.PUBLISHED, S.REVIEW): (INVALID, INVALID),
    (S.PUBLISHED, S.PUBLISHED): (DENIED, OK),  # a reschedule (``at`` given)
}
EXPECTED_ACTION = {
    (S.DRAFT, S.REVIEW): AuditEntry.Action.SUBMIT,
    (S.DRAFT, S.PUBLISHED): AuditEntry.Action.PUBLISH,
    (S.REVIEW, S.DRAFT): AuditEntry.Action.RETURN,
    (S.REVIEW, S.PUBLISHED): AuditEntry.Action.PUBLISH,
    (S.PUBLISHED, S.DRAFT): AuditEntry.Action.UNPUBLISH,
    (S.PUBLISHED, S.PUBLISHED): AuditEntry.Action.PUBLISH,
}


def test_matrix_covers_every_pair():
    assert set(MATRIX) == {(a, b) for a in S.values for b in S.values}


@pytest.mark.parametrize("role", ["reporter", "editor", "superuser"])
@pytest.mark.parametrize(("frm", "to"), list(MATRIX))
def test_transition_matrix(request, role, frm, to):
    user = request.getfixturevalue(role)
    expected = MATRIX[(frm, to)][0 if role == "reporter" else 1]
    past = timezone.now() - datetime.timedelta(days=2)
    article = ArticleFactory(status=frm, published_at=past if frm == S.PUBLISHED else None)
    at = timezone.now() - datetime.timedelta(days=1) if (frm, to) == (S.PUBLISHED, S.PUBLISHED) else None

    if expected == OK:
        entry = workflow.transition(article=article, to=to, user=user, at=at)
        article.refresh_from_db()
        assert article.status == to
        assert entry.action == EXPECTED_ACTION[(frm, to)]
        assert entry.user == user
        assert entry.detail["from"] == frm and entry.detail["to"] == to
        latest = article.history.first()
        assert latest.history_user == user
        assert latest.status == to
        assert latest.history_change_reason == entry.get_action_display()
        return

    error = PermissionDenied if expected == DENIED else workflow.TransitionError
    with pytest.raises(error) as excinfo:
        workflow.transition(article=article, to=to, user=user, at=at)
    assert str(excinfo.value)  # a message for people
    article.refresh_from_db()
    assert article.status == frm
    assert not AuditEntry.objects.exists()


def test_reporter_may_edit_drafts_only(reporter, editor):
    draft, review, published = (ArticleFactory(status=s) for s in (S.DRAFT, S.REVIEW, S.PUBLISHED))
    assert workflow.can_edit(article=draft, user=reporter)
    assert not workflow.can_edit(article=review, user=reporter)
    assert not workflow.can_edit(article=published, user=reporter)
    assert all(workflow.can_edit(article=a, user=editor) for a in (draft, review, published))


def test_allowed_targets_per_role(reporter, editor):
    draft = ArticleFactory(status=S.DRAFT)
    assert workflow.allowed_targets(article=draft, user=reporter) == [S.REVIEW]
    assert set(workflow.allowed_targets(article=draft, user=editor)) == {S.REVIEW, S.PUBLISHED}
    published = ArticleFactory(status=S.PUBLISHED)
    assert workflow.allowed_targets(article=published, user=reporter) == []
    assert workflow.allowed_targets(article=published, user=editor) == [S.DRAFT]


def test_state_is_read_from_the_database_not_the_instance(editor):
    article = ArticleFactory(status=S.PUBLISHED)
    stale = Article.objects.get(pk=article.pk)
    workflow.unpublish(article=article, user=editor)
    with pytest.raises(workflow.TransitionError, match="already"):
        workflow.transition(article=stale, to=S.DRAFT, user=editor)


def test_named_helpers_refuse_the_wrong_starting_state(editor):
    draft = ArticleFactory(status=S.DRAFT)
    with pytest.raises(workflow.TransitionError, match="not published"):
        workflow.unpublish(article=draft, user=editor)
    with pytest.raises(workflow.TransitionError, match="not in review"):
        workflow.return_to_draft(article=draft, user=editor)
    workflow.submit_for_review(article=draft, user=editor)
    workflow.return_to_draft(article=draft, user=editor)
    assert Article.objects.get(pk=draft.pk).status == S.DRAFT


def test_system_user_none_is_allowed(db):
    article = ArticleFactory(status=S.DRAFT, published_at=None)
    entry = workflow.publish(article=article, user=None)
    assert entry.user is None and entry.action == AuditEntry.Action.PUBLISH
    assert Article.objects.published().filter(pk=article.pk).exists()


def test_inactive_editor_is_refused(editor):
    editor.is_active = False
    editor.save()
    with pytest.raises(PermissionDenied):
        workflow.publish(article=ArticleFactory(status=S.DRAFT), user=editor)


NOON = datetime.datetime(2026, 3, 1, 12, 0, tzinfo=datetime.UTC)


def test_publish_dates(editor):
    with time_machine.travel(NOON, tick=False):
        undated = ArticleFactory(status=S.DRAFT, published_at=None)
        workflow.publish(article=undated, user=editor)
        assert Article.objects.get(pk=undated.pk).published_at == NOON

        dateline = NOON - datetime.timedelta(days=30)
        imported = ArticleFactory(status=S.REVIEW, published_at=dateline)
        workflow.publish(article=imported, user=editor)
        assert Article.objects.get(pk=imported.pk).published_at == dateline

        live = Article.objects.get(pk=undated.pk)
        with pytest.raises(workflow.TransitionError, match="already published"):
            workflow.publish(article=live, user=editor)


def test_scheduled_story_is_invisible_until_its_time(editor, client):
    goes_live = NOON + datetime.timedelta(hours=3)
    with time_machine.travel(NOON, tick=False):
        article = ArticleFactory(status=S.DRAFT, published_at=None)
        entry = workflow.publish(article=article, user=editor, at=goes_live)
        article.refresh_from_db()
        assert entry.action == AuditEntry.Action.SCHEDULE
        assert article.status == S.PUBLISHED and article.is_scheduled
        assert not Article.objects.published().filter(pk=article.pk).exists()
        assert list(Article.objects.scheduled()) == [article]
        assert client.get(article.get_absolute_url()).status_code == 404

    with time_machine.travel(goes_live - datetime.timedelta(seconds=1), tick=False):
        assert not Article.objects.published().filter(pk=article.pk).exists()

    with time_machine.travel(goes_live, tick=False):
        assert Article.objects.published().filter(pk=article.pk).exists()
        assert client.get(article.get_absolute_url()).status_code == 200


def test_scheduled_story_stays_off_every_public_list_until_its_time(editor):
    reader = Client()
    goes_live = NOON + datetime.timedelta(hours=3)
    pages = [
        reverse("articles:list"),
        reverse("articles:search") + "?q=Zanzibarquake",
        reverse("articles:feed_rss"),
        reverse("sitemap"),
    ]
    with time_machine.travel(NOON, tick=False):
        ArticleFactory(title="Older story", published_at=NOON - datetime.timedelta(days=1))
        article = ArticleFactory(status=S.DRAFT, title="Zanzibarquake report", published_at=None)
        workflow.publish(article=article, user=editor, at=goes_live)
        for url in pages:
            response = reader.get(url)
            assert response.status_code == 200, url
            assert article.slug not in response.content.decode(), url
    with time_machine.travel(goes_live + datetime.timedelta(minutes=10), tick=False):
        for url in pages:
            assert article.slug in reader.get(url).content.decode(), url


def test_publishing_a_scheduled_story_now_and_unscheduling(editor):
    with time_machine.travel(NOON, tick=False):
        article = ArticleFactory(status=S.PUBLISHED, published_at=NOON + datetime.timedelta(days=1))
        workflow.publish(article=article, user=editor)
        assert Article.objects.get(pk=article.pk).published_at == NOON
        workflow.publish(article=article, user=editor, at=NOON + datetime.timedelta(days=2))
        with pytest.raises(workflow.TransitionError, match="already scheduled for that time"):
            workflow.publish(article=article, user=editor, at=NOON + datetime.timedelta(days=2))
        workflow.unpublish(article=article, user=editor)
        assert not Article.objects.published().filter(pk=article.pk).exists()
    actions = list(AuditEntry.objects.order_by("pk").values_list("action", flat=True))
    assert actions == ["publish", "schedule", "unpublish"]


def test_delete_needs_publish_permission_for_published_stories(django_user_model, editor, reporter):
    deleter = django_user_model.objects.create_user("deleter", is_staff=True)
    deleter.user_permissions.add(
        *Permission.objects.filter(codename__in=["delete_article", "change_article", "view_article"])
    )
    published, draft = ArticleFactory(status=S.PUBLISHED), ArticleFactory(status=S.DRAFT)
    published_pk = published.pk
    with pytest.raises(PermissionDenied):
        workflow.delete_article(article=published, user=deleter)
    with pytest.raises(PermissionDenied):
        workflow.delete_article(article=draft, user=reporter)
    workflow.delete_article(article=draft, user=deleter)
    entry = workflow.delete_article(article=published, user=editor)
    assert not Article.objects.exists()
    assert entry.action == AuditEntry.Action.DELETE and entry.user == editor
    assert entry.object_id == str(published_pk) and entry.detail["status"] == S.PUBLISHED
    assert AuditEntry.objects.filter(action="delete").count() == 2


def test_preview_from_admin_view_on_site(editor_client):
    draft = ArticleFactory(status=S.DRAFT, title="Unreleased scoop")
    change = editor_client.get(reverse("admin:articles_article_change", args=[draft.pk])).content.decode()
    shortcut = reverse("admin:view_on_site", args=[_content_type_id(), draft.pk])
    assert shortcut in change
    response = editor_client.get(shortcut, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0].endswith(draft.get_absolute_url())
    page = response.content.decode()
    assert "Unreleased scoop" in page
    assert 'class="preview-banner"' in page and "this story is draft and not visible to readers" in page
    assert Client().get(draft.get_absolute_url()).status_code == 404


def _content_type_id():
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(Article).pk
