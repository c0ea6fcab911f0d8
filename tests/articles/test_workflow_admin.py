"""The workflow in the admin: the change form, bulk actions, revisions, deletion, the dashboard."""

import datetime
import sys
import types

import pytest
from django.contrib.admin import helpers
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, AuditEntry, ImportItem, ImportRun
from entities.models import Country, Entity, Mention
from tests.factories import ArticleFactory, CountryFactory, MentionFactory, SourceFactory, linked_story

pytestmark = pytest.mark.django_db

S = Article.Status
CHANGELIST = "admin:articles_article_changelist"


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def form_data(article=None, **overrides):
    """What the change form posts for ``article`` (or a new story), with ``overrides``."""
    data = {
        "title": "A story",
        "slug": "a-story",
        "dek": "",
        "body_html": "<p>Body.</p>",
        "byline": "",
        "status": S.DRAFT,
        "published_at_0": "",
        "published_at_1": "",
        "source": "",
        "source_url": "",
        "language": "",
        "near_duplicate_of": "",
        "similarity": "",
        "mentions-TOTAL_FORMS": "0",
        "mentions-INITIAL_FORMS": "0",
        "mentions-MIN_NUM_FORMS": "0",
        "mentions-MAX_NUM_FORMS": "1000",
    }
    if article is not None:
        data.update(
            title=article.title,
            slug=article.slug,
            dek=article.dek,
            body_html=article.body_html,
            status=article.status,
        )
        if article.published_at:
            local = timezone.localtime(article.published_at)
            data.update(published_at_0=local.strftime("%Y-%m-%d"), published_at_1=local.strftime("%H:%M:%S"))
    data.update(overrides)
    return data


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def status_options(response):
    return [value for value, _ in response.context["adminform"].form.fields["status"].choices]


# --- the change form ----------------------------------------------------------------------


def test_reporter_cannot_see_or_choose_published(client, reporter):
    client.force_login(reporter)
    response = client.get(reverse("admin:articles_article_add"))
    assert status_options(response) == [S.DRAFT, S.REVIEW]
    response = client.post(reverse("admin:articles_article_add"), form_data(status=S.PUBLISHED))
    assert response.status_code == 200
    assert "status" in response.context["adminform"].form.errors
    assert not Article.objects.exists()


def test_reporter_writes_a_draft_and_submits_it(client, reporter):
    client.force_login(reporter)
    body = '<p>One <b>two</b></p><script>alert("x")</script><p onclick="steal()">Three</p>'
    response = client.post(reverse("admin:articles_article_add"), form_data(body_html=body))
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.status == S.DRAFT and article.created_by == reporter
    assert "script" not in article.body_html and "onclick" not in article.body_html
    assert article.body_text.split() == ["One", "two", "Three"]

    response = client.post(change_url(article), form_data(article, status=S.REVIEW))
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == S.REVIEW
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.user) == ("submit", reporter)
    assert article.history.first().history_user == reporter


@pytest.mark.parametrize("status", [S.REVIEW, S.PUBLISHED])
def test_reporter_cannot_edit_stories_past_draft(client, reporter, status):
    article = ArticleFactory(status=status, title="Locked story")
    client.force_login(reporter)
    response = client.get(change_url(article))
    assert response.status_code == 200  # view only
    assert 'name="title"' not in response.content.decode()
    response = client.post(change_url(article), form_data(article, title="Reporter was here", status=S.DRAFT))
    assert response.status_code == 403
    article.refresh_from_db()
    assert (article.title, article.status) == ("Locked story", status)


def test_editor_publishes_and_schedules_from_the_form(editor_client, editor):
    draft = ArticleFactory(status=S.DRAFT, published_at=None)
    response = editor_client.get(change_url(draft))
    assert set(status_options(response)) == {S.DRAFT, S.REVIEW, S.PUBLISHED}
    response = editor_client.post(change_url(draft), form_data(draft, status=S.PUBLISHED, title="Now live"))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == S.PUBLISHED and draft.title == "Now live" and draft.published_at is not None
    assert Article.objects.published().filter(pk=draft.pk).exists()

    later = ArticleFactory(status=S.REVIEW, published_at=None)
    when = timezone.now() + datetime.timedelta(days=2)
    data = form_data(later, status=S.PUBLISHED)
    data.update(published_at_0=when.strftime("%Y-%m-%d"), published_at_1=when.strftime("%H:%M:%S"))
    assert editor_client.post(change_url(later), data).status_code == 302
    later.refresh_from_db()
    assert later.is_scheduled
    actions = list(AuditEntry.objects.order_by("pk").values_list("action", "user"))
    assert actions == [("publish", editor.pk), ("schedule", editor.pk)]
    page = editor_client.get(reverse(CHANGELIST)).content.decode()
    assert "Scheduled" in page


def test_editing_a_live_story_is_not_a_transition(editor_client):
    article = ArticleFactory(status=S.PUBLISHED)
    assert article.published_at.microsecond  # the form shows whole seconds
    response = editor_client.post(change_url(article), form_data(article, title="Corrected title"))
    assert response.status_code == 302
    stored = Article.objects.get(pk=article.pk)
    assert (stored.title, stored.status, stored.published_at) == (
        "Corrected title",
        S.PUBLISHED,
        article.published_at,
    )
    assert not AuditEntry.objects.exists()


def test_editor_cannot_clear_the_date_of_a_published_story(editor_client):
    article = ArticleFactory(status=S.PUBLISHED)
    response = editor_client.post(
        change_url(article), form_data(article, published_at_0="", published_at_1="")
    )
    assert response.status_code == 200
    assert "published_at" in response.context["adminform"].form.errors
    assert Article.objects.get(pk=article.pk).published_at == article.published_at


def test_unpublishing_keeps_a_date_typed_in_the_form(editor_client):
    article = ArticleFactory(status=S.PUBLISHED)
    data = form_data(article, status=S.DRAFT, published_at_0="2030-01-02", published_at_1="08:00:00")
    assert editor_client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert article.status == S.DRAFT
    assert article.published_at == datetime.datetime(2030, 1, 2, 8, tzinfo=datetime.UTC)
    assert AuditEntry.objects.get().action == "unpublish"


def test_changelist_filters_live_and_scheduled_stories(editor_client):
    ArticleFactory(title="Live story")
    ArticleFactory(title="Tomorrow story", published_at=timezone.now() + datetime.timedelta(days=1))
    ArticleFactory(title="Draft story", status=S.DRAFT)
    for value, expected in [
        ("live", ["Live story"]),
        ("scheduled", ["Tomorrow story"]),
        ("unpublished", ["Draft story"]),
    ]:
        response = editor_client.get(reverse(CHANGELIST), {"publication": value})
        assert [a.title for a in response.context["cl"].result_list] == expected


def test_editor_cannot_send_a_published_story_to_review(editor_client):
    article = ArticleFactory(status=S.PUBLISHED)
    response = editor_client.get(change_url(article))
    assert S.REVIEW not in status_options(response)
    response = editor_client.post(change_url(article), form_data(article, status=S.REVIEW))
    assert response.status_code == 200 and "status" in response.context["adminform"].form.errors
    assert Article.objects.get(pk=article.pk).status == S.PUBLISHED


# --- deletion -------------------------------------------------------------------------------


def test_editor_deletes_a_published_story_and_it_is_audited(editor_client, editor):
    article = ArticleFactory(status=S.PUBLISHED, title="Gone")
    url = reverse("admin:articles_article_delete", args=[article.pk])
    response = editor_client.post(url, {"post": "yes"})
    assert response.status_code == 302
    assert not Article.objects.exists()
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.user, entry.object_repr) == ("delete", editor, "Gone")


def test_delete_of_published_needs_publish_permission(client, django_user_model):
    deleter = django_user_model.objects.create_user("deleter", is_staff=True)
    deleter.user_permissions.add(
        *Permission.objects.filter(codename__in=["delete_article", "change_article", "view_article"])
    )
    client.force_login(deleter)
    published, draft = ArticleFactory(status=S.PUBLISHED), ArticleFactory(status=S.DRAFT)
    response = client.post(reverse("admin:articles_article_delete", args=[published.pk]), {"post": "yes"})
    assert response.status_code == 403
    response = client.post(
        reverse(CHANGELIST),
        {"action": "delete_selected", helpers.ACTION_CHECKBOX_NAME: [published.pk, draft.pk], "post": "yes"},
    )
    assert response.status_code == 403
    assert Article.objects.count() == 2
    response = client.post(
        reverse(CHANGELIST),
        {"action": "delete_selected", helpers.ACTION_CHECKBOX_NAME: [draft.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert list(Article.objects.all()) == [published]
    assert AuditEntry.objects.filter(action="delete", object_id=str(draft.pk), user=deleter).exists()


def test_bulk_delete_writes_one_audit_row_per_story(editor_client):
    stories = ArticleFactory.create_batch(3, status=S.PUBLISHED)
    response = editor_client.post(
        reverse(CHANGELIST),
        {"action": "delete_selected", helpers.ACTION_CHECKBOX_NAME: [a.pk for a in stories], "post": "yes"},
    )
    assert response.status_code == 302
    assert not Article.objects.exists()
    assert sorted(AuditEntry.objects.filter(action="delete").values_list("object_id", flat=True)) == sorted(
        str(a.pk) for a in stories
    )


def test_reporter_cannot_delete(client, reporter):
    article = ArticleFactory(status=S.DRAFT)
    client.force_login(reporter)
    response = client.post(reverse("admin:articles_article_delete", args=[article.pk]), {"post": "yes"})
    assert response.status_code == 403
    assert Article.objects.exists()


# --- bulk actions ---------------------------------------------------------------------------


def run_action(client, action, articles, **extra):
    data = {"action": action, helpers.ACTION_CHECKBOX_NAME: [a.pk for a in articles], **extra}
    return client.post(reverse(CHANGELIST), data, follow=True)


def test_bulk_publish_reports_changes_and_refusals(editor_client):
    draft = ArticleFactory(status=S.DRAFT, title="Fresh draft", published_at=None)
    review = ArticleFactory(status=S.REVIEW, title="Reviewed")
    live = ArticleFactory(status=S.PUBLISHED, title="Old news")
    embargoed = ArticleFactory(title="Embargoed", published_at=timezone.now() + datetime.timedelta(days=1))
    response = run_action(editor_client, "publish_selected", [draft, review, live, embargoed])
    messages = " ".join(messages_of(response))
    assert "Published 2 stories" in messages and "“Fresh draft”" in messages and "“Reviewed”" in messages
    assert "Refused 2 stories" in messages and "“Old news” is already published" in messages
    assert "“Embargoed” is scheduled for" in messages
    assert Article.objects.published().count() == 3
    assert Article.objects.get(pk=embargoed.pk).is_scheduled
    assert AuditEntry.objects.filter(action="publish").count() == 2
    assert not AuditEntry.objects.filter(object_id=str(embargoed.pk)).exists()


def test_bulk_publish_warns_about_near_duplicates(editor_client):
    original = ArticleFactory(status=S.PUBLISHED, title="Cranes return")
    copy = ArticleFactory(
        status=S.DRAFT, title="Cranes are back", near_duplicate_of=original, similarity=0.91
    )
    other = ArticleFactory(status=S.DRAFT, title="Ferries go electric")
    messages = messages_of(run_action(editor_client, "publish_selected", [copy, other]))
    assert "Published 2 stories" in messages[0]
    assert messages[1] == (
        "1 story published while flagged as a near-duplicate of another story: “Cranes are back”. "
        "Unpublish it if the site now carries the same story twice."
    )


def test_bulk_unpublish(editor_client):
    live, draft = ArticleFactory(status=S.PUBLISHED), ArticleFactory(status=S.DRAFT, title="Never out")
    response = run_action(editor_client, "unpublish_selected", [live, draft])
    messages = " ".join(messages_of(response))
    assert "Unpublished 1 story" in messages and "“Never out” is not published" in messages
    assert not Article.objects.published().exists()
    assert AuditEntry.objects.filter(action="unpublish", object_id=str(live.pk)).exists()


@pytest.mark.parametrize("action", ["publish_selected", "unpublish_selected", "relink_selected"])
def test_reporter_is_refused_editor_actions(client, reporter, action):
    draft, live = ArticleFactory(status=S.DRAFT), ArticleFactory(status=S.PUBLISHED)
    client.force_login(reporter)
    changelist = client.get(reverse(CHANGELIST))
    offered = [value for value, _ in changelist.context["action_form"].fields["action"].choices]
    assert action not in offered
    assert "submit_selected" in offered and "assign_source" in offered
    response = run_action(client, action, [draft, live])
    assert response.status_code == 200
    assert Article.objects.get(pk=draft.pk).status == S.DRAFT
    assert Article.objects.get(pk=live.pk).status == S.PUBLISHED
    assert not AuditEntry.objects.exists()


def test_bulk_submit_for_reporter(client, reporter):
    draft = ArticleFactory(status=S.DRAFT, title="Mine")
    live = ArticleFactory(status=S.PUBLISHED, title="Theirs")
    client.force_login(reporter)
    response = run_action(client, "submit_selected", [draft, live])
    messages = " ".join(messages_of(response))
    assert "Submitted for review 1 story: “Mine”" in messages
    assert "Refused 1 story" in messages and "Theirs" in messages
    assert Article.objects.get(pk=draft.pk).status == S.REVIEW
    assert Article.objects.get(pk=live.pk).status == S.PUBLISHED
    assert list(AuditEntry.objects.values_list("action", "user")) == [("submit", reporter.pk)]


def test_bulk_relink_calls_the_linker_and_audits(editor_client, editor, monkeypatch):
    calls = []
    linking = types.ModuleType("entities.linking")

    def link_article(*, article, user):
        calls.append((article.pk, user))
        return types.SimpleNamespace(article_id=article.pk, created=2, deleted=0)

    linking.link_article = link_article
    monkeypatch.setitem(sys.modules, "entities.linking", linking)
    stories = ArticleFactory.create_batch(2)
    response = run_action(editor_client, "relink_selected", stories)
    assert sorted(calls) == sorted((a.pk, editor) for a in stories)
    assert "Relinked 2 stories" in " ".join(messages_of(response))
    entries = AuditEntry.objects.filter(action="relink", user=editor)
    assert entries.count() == 2
    assert [e.detail for e in entries] == [{"created": 2, "deleted": 0}] * 2


def test_bulk_relink_reports_failures(editor_client, monkeypatch):
    def link_article(*, article, user):
        raise ValueError("no body")

    monkeypatch.setitem(sys.modules, "entities.linking", types.SimpleNamespace(link_article=link_article))
    response = run_action(editor_client, "relink_selected", [ArticleFactory(title="Empty")])
    assert "“Empty” could not be relinked: no body" in " ".join(messages_of(response))
    assert not AuditEntry.objects.exists()


def test_assign_source_asks_then_applies(editor_client):
    wire = SourceFactory(name="Wire")
    stories = ArticleFactory.create_batch(2, status=S.PUBLISHED)
    response = run_action(editor_client, "assign_source", stories)
    page = response.content.decode()
    assert response.templates[0].name == "admin/articles/article/assign_source.html"
    assert "Wire" in page and stories[0].title in page
    response = run_action(editor_client, "assign_source", stories, apply="1", source=wire.pk)
    assert "Set the source to Wire on 2 stories" in " ".join(messages_of(response))
    assert set(Article.objects.values_list("source", flat=True)) == {wire.pk}
    assert stories[0].history.first().history_change_reason == "Source set to Wire"


def test_assign_source_respects_reporter_edit_rights(client, reporter):
    wire = SourceFactory(name="Wire")
    draft, live = ArticleFactory(status=S.DRAFT), ArticleFactory(status=S.PUBLISHED, title="Live")
    client.force_login(reporter)
    response = run_action(client, "assign_source", [draft, live], apply="1", source=wire.pk)
    messages = " ".join(messages_of(response))
    assert "on 1 story" in messages and "You may not change “Live”" in messages
    assert Article.objects.get(pk=draft.pk).source == wire
    assert Article.objects.get(pk=live.pk).source is None


# --- revisions ------------------------------------------------------------------------------


def test_history_shows_a_word_diff_and_mention_decisions(editor_client, editor):
    article = ArticleFactory(status=S.DRAFT, body_html="<p>The minister spoke on Monday.</p>")
    editor_client.post(
        change_url(article), form_data(article, body_html="<p>The minister resigned on Monday.</p>")
    )
    mention = MentionFactory(article=article, entity=CountryFactory(name="Freedonia"), status="suggested")
    mention.status = Mention.Status.CONFIRMED
    mention._history_user = editor
    mention.save()
    page = editor_client.get(reverse("admin:articles_article_history", args=[article.pk])).content.decode()
    assert "<del>spoke</del>" in page and "<ins>resigned</ins>" in page
    section = page[page.index('id="mention-history"') :]
    assert "Freedonia" in section and "Confirmed" in section and "editor" in section


def test_an_added_paragraph_reads_as_added(editor_client):
    """The tags were dropped without a space: "alternatives.Spain" read as the last word changed."""
    article = ArticleFactory(status=S.DRAFT, body_html="<p>They weighed the alternatives.</p>")
    body = "<p>They weighed the alternatives.</p><p>Spain &amp; Italy joined.</p>"
    editor_client.post(change_url(article), form_data(article, body_html=body))
    page = editor_client.get(reverse("admin:articles_article_history", args=[article.pk])).content.decode()
    assert "<ins>Spain &amp; Italy joined.</ins>" in page and "<del>" not in page


def test_publishing_writes_one_revision_with_a_reason(editor_client, editor):
    """A status change wrote the workflow's revision and an empty one whose reason read "None"."""
    article = ArticleFactory(status=S.DRAFT, title="Quiet", body_html="<p>Body.</p>")
    before = article.history.count()
    editor_client.post(change_url(article), form_data(article, status=S.PUBLISHED))
    assert article.history.count() == before + 1
    editor_client.post(change_url(article), form_data(article, title="Loud", status=S.PUBLISHED))
    latest = article.history.first()
    assert (latest.title, latest.history_change_reason) == ("Loud", "Edited title")
    page = editor_client.get(reverse("admin:articles_article_history", args=[article.pk])).content.decode()
    assert "<td>\n          None\n        </td>" not in page


def test_restore_an_earlier_revision(editor_client, editor):
    article = ArticleFactory(status=S.PUBLISHED, title="First title", body_html="<p>First body.</p>")
    article.original = b"raw bytes"
    article.save()
    first = article.history.first()
    editor_client.post(
        change_url(article), form_data(article, title="Second title", body_html="<p>Second.</p>")
    )
    assert Article.objects.get(pk=article.pk).title == "Second title"

    url = reverse("admin:articles_article_simple_history", args=[article.pk, first.history_id])
    form = editor_client.get(url)
    assert form.status_code == 200 and "First title" in form.content.decode()
    response = editor_client.post(url, form_data(first.instance))
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "First title" and "First body." in article.body_text
    assert bytes(article.original) == b"raw bytes"  # untracked fields survive a restore
    entry = AuditEntry.objects.get(action="restore")
    assert entry.user == editor and entry.detail["history_id"] == str(first.history_id)
    assert article.history.first().history_change_reason == "Restored a revision"


def test_restore_changes_status_through_the_workflow(editor_client, editor):
    article = ArticleFactory(status=S.DRAFT, published_at=None)
    draft_version = article.history.first()
    editor_client.post(change_url(article), form_data(article, status=S.PUBLISHED))
    url = reverse("admin:articles_article_simple_history", args=[article.pk, draft_version.history_id])
    editor_client.post(url, form_data(draft_version.instance))
    assert Article.objects.get(pk=article.pk).status == S.DRAFT
    assert list(AuditEntry.objects.order_by("pk").values_list("action", flat=True)) == [
        "publish",
        "unpublish",
        "restore",
    ]


def test_reporter_cannot_restore_a_published_story(client, reporter):
    article = ArticleFactory(status=S.PUBLISHED, title="Original")
    first = article.history.first()
    Article.objects.filter(pk=article.pk).update(title="Edited")
    client.force_login(reporter)
    url = reverse("admin:articles_article_simple_history", args=[article.pk, first.history_id])
    assert client.get(url).status_code == 200  # may look
    response = client.post(url, form_data(first.instance))
    assert response.status_code == 403
    assert Article.objects.get(pk=article.pk).title == "Edited"
    assert not AuditEntry.objects.exists()


# --- dashboard ------------------------------------------------------------------------------


def build_newsroom(stories_in_review, runs, prefix=""):
    ArticleFactory.create_batch(stories_in_review, status=S.REVIEW)
    busy, quiet = ArticleFactory(title=f"{prefix}Busy story"), ArticleFactory(title=f"{prefix}Quiet story")
    for start in range(3):
        MentionFactory(article=busy, start=start * 10, status="suggested")
    MentionFactory(article=quiet, status="suggested")
    MentionFactory(article=quiet, start=20, status="confirmed")
    for number in range(runs):
        run = ImportRun.objects.create(origin="command", imported=1, failed=2)
        ImportItem.objects.create(run=run, path=f"run{number}/ok.txt", outcome="imported")
        for name in ("bad.bin", "empty.txt"):
            ImportItem.objects.create(
                run=run, path=f"run{number}/{name}", outcome="failed", reason="unreadable"
            )


def test_dashboard_counts(editor_client):
    # The knowledge base loaded with the test database is not "recent".
    Entity.objects.update(created_at=timezone.now() - datetime.timedelta(days=30))
    build_newsroom(stories_in_review=2, runs=1)
    page = editor_client.get(reverse("admin:index")).content.decode()
    assert "Waiting for review (2)" in page
    assert "Unreviewed entity suggestions (2 stories)" in page
    busy = page[page.index("Busy story") :]
    assert 'data-suggestions="3"' in busy[:300]
    quiet = page[page.index("Quiet story") :]
    assert 'data-suggestions="1"' in quiet[:300]
    assert "run0/bad.bin: unreadable" in page and "2 failed" in page
    # Countries made by the mention factory above are entities created today.
    assert "Entities created in the last 7 days (5)" in page


def test_dashboard_queries_are_bounded(editor_client, django_assert_max_num_queries):
    build_newsroom(stories_in_review=2, runs=1)
    editor_client.get(reverse("admin:index"))
    with django_assert_max_num_queries(30) as small:
        editor_client.get(reverse("admin:index"))
    build_newsroom(stories_in_review=25, runs=8, prefix="More ")
    with django_assert_max_num_queries(len(small.captured_queries) + 4):  # + at most 4 more shown import runs
        response = editor_client.get(reverse("admin:index"))
    assert "Waiting for review (27)" in response.content.decode()


def test_dashboard_hidden_from_reporter_sections_they_cannot_see(client, reporter):
    build_newsroom(stories_in_review=1, runs=1)
    client.force_login(reporter)
    page = client.get(reverse("admin:index")).content.decode()
    assert "Waiting for review (1)" in page
    assert "Recent imports" not in page


def test_entities_have_history_in_the_admin(editor_client, editor):
    belarus = CountryFactory(name="Freedonia", summary="Old summary.")
    belarus.summary = "New summary."
    belarus._history_user = editor
    belarus.save()
    assert Country.history.filter(id=belarus.pk).count() == 2
    page = editor_client.get(reverse("admin:entities_entity_history", args=[belarus.pk])).content.decode()
    assert "Old summary." in page and "New summary." in page and "editor" in page


def test_the_story_search_reads_the_body_too(editor_client):
    """A name only the body mentions found nothing."""
    ArticleFactory(
        title="Summit", body_text="Lukashenko arrived late.", body_html="<p>Lukashenko arrived late.</p>"
    )
    ArticleFactory(title="Lukashenko speaks", body_text="Words.", body_html="<p>Words.</p>")
    ArticleFactory(title="Weather", body_text="Rain.", body_html="<p>Rain.</p>")
    response = editor_client.get(reverse("admin:articles_article_changelist"), {"q": "Lukashenko"})
    assert {a.title for a in response.context["cl"].result_list} == {"Summit", "Lukashenko speaks"}


def test_an_editor_deletes_a_linked_story(editor_client):
    """The delete page asked for the permission to delete the linker's entity links: the
    editor got "no permission" and nothing was deleted."""
    story = linked_story([CountryFactory(name="China")], title="China story", status=S.DRAFT)
    page = editor_client.get(reverse("admin:articles_article_delete", args=[story.pk])).content.decode()
    assert "permission to delete" not in page
    response = editor_client.post(reverse("admin:articles_article_delete", args=[story.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not Article.objects.filter(pk=story.pk).exists()
