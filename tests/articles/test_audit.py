"""The audit trail and the entity delete guard."""

import pytest
from django.contrib.admin import helpers
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.urls import reverse

from articles import workflow
from articles.audit import record_audit
from articles.models import Article, AuditEntry
from entities.guards import EntityInUseError
from entities.models import Country, Entity, Mention
from tests.factories import ArticleFactory, CountryFactory, MentionFactory

pytestmark = pytest.mark.django_db


def test_record_audit_stores_who_what_and_when(editor):
    entity = CountryFactory(name="Freedonia")
    entry = record_audit(action=AuditEntry.Action.MERGE, obj=entity, user=editor, detail={"into": 7})
    entry.refresh_from_db()
    assert (entry.action, entry.user, entry.object_type) == ("merge", editor, "entities.country")
    assert (entry.object_id, entry.object_repr, entry.detail) == (str(entity.pk), "Freedonia", {"into": 7})
    assert entry.created_at is not None


def test_record_audit_without_object_or_user(db):
    entry = record_audit(action="import", obj=None, user=AnonymousUser())
    assert (entry.user, entry.object_type, entry.object_id, entry.detail) == (None, "", "", {})


def test_record_audit_refuses_unknown_actions(db):
    with pytest.raises(ValueError, match="Unknown audit action"):
        record_audit(action="frobnicate", obj=None)
    assert not AuditEntry.objects.exists()


def test_a_story_life_leaves_one_row_per_decision(editor, reporter):
    article = ArticleFactory(status=Article.Status.DRAFT, published_at=None, title="Life")
    workflow.submit_for_review(article=article, user=reporter)
    workflow.return_to_draft(article=article, user=editor)
    workflow.submit_for_review(article=article, user=reporter)
    workflow.publish(article=article, user=editor)
    workflow.unpublish(article=article, user=editor)
    workflow.delete_article(article=article, user=editor)
    rows = list(AuditEntry.objects.order_by("pk").values_list("action", "user__username", "object_repr"))
    assert rows == [
        ("submit", "reporter", "Life"),
        ("return", "editor", "Life"),
        ("submit", "reporter", "Life"),
        ("publish", "editor", "Life"),
        ("unpublish", "editor", "Life"),
        ("delete", "editor", "Life"),
    ]


def test_audit_log_in_the_admin_is_read_only(editor_client, editor):
    article = ArticleFactory(status=Article.Status.DRAFT, title="Audited story")
    entry = workflow.publish(article=article, user=editor)
    page = editor_client.get(reverse("admin:articles_auditentry_changelist")).content.decode()
    assert "Audited story" in page
    change = editor_client.post(reverse("admin:articles_auditentry_change", args=[entry.pk]), {"action": "x"})
    assert change.status_code == 403
    assert AuditEntry.objects.get(pk=entry.pk).action == "publish"


# --- the entity delete guard -----------------------------------------------------------------


def test_entity_with_confirmed_mentions_cannot_be_deleted():
    belarus = CountryFactory(name="Freedonia")
    MentionFactory(entity=belarus, status=Mention.Status.CONFIRMED)
    MentionFactory(entity=belarus, status=Mention.Status.SUGGESTED, start=40)
    # The refusal aborts the deletion's transaction; a savepoint keeps the test's one usable.
    with pytest.raises(EntityInUseError, match="merge it into another entity"), transaction.atomic():
        belarus.delete()
    with pytest.raises(EntityInUseError), transaction.atomic():
        Entity.objects.filter(pk=belarus.pk).delete()  # what an API or a bulk job does
    with pytest.raises(EntityInUseError), transaction.atomic():
        Country.objects.filter(pk=belarus.pk).delete()
    assert Country.objects.filter(pk=belarus.pk).exists()
    assert Mention.objects.filter(entity=belarus).count() == 2


def test_entity_without_confirmed_mentions_can_be_deleted():
    unused = CountryFactory(name="Atlantis")
    MentionFactory(entity=unused, status=Mention.Status.SUGGESTED)
    MentionFactory(entity=unused, status=Mention.Status.REJECTED, start=30)
    unused.delete()
    assert not Entity.objects.filter(name="Atlantis").exists()
    assert not Mention.objects.exists()


def test_entity_can_go_once_its_mentions_are_merged_away():
    old, new = CountryFactory(name="Old Freedonia"), CountryFactory(name="Freedonia")
    mention = MentionFactory(entity=old, status=Mention.Status.CONFIRMED)
    Mention.objects.filter(pk=mention.pk).update(entity=new)
    old.delete()
    assert not Entity.objects.filter(pk=old.pk).exists()
    assert Mention.objects.get().entity_id == new.pk


def test_admin_refuses_to_delete_entity_with_confirmed_mentions(editor_client):
    belarus = CountryFactory(name="Freedonia")
    MentionFactory(entity=belarus, status=Mention.Status.CONFIRMED)
    url = reverse("admin:entities_entity_delete", args=[belarus.pk])
    response = editor_client.post(url, {"post": "yes"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "“Freedonia” has 1 confirmed mention in stories; merge it into another entity" in page
    assert Entity.objects.filter(pk=belarus.pk).exists()


def test_admin_bulk_delete_of_entities_is_refused_when_one_is_in_use(editor_client):
    used, unused = CountryFactory(name="Freedonia"), CountryFactory(name="Atlantis")
    MentionFactory(entity=used, status=Mention.Status.CONFIRMED)
    response = editor_client.post(
        reverse("admin:entities_entity_changelist"),
        {"action": "delete_selected", helpers.ACTION_CHECKBOX_NAME: [used.pk, unused.pk], "post": "yes"},
    )
    assert response.status_code == 200
    assert "merge it into another entity" in response.content.decode()
    assert Entity.objects.filter(pk__in=[used.pk, unused.pk]).count() == 2
    response = editor_client.post(
        reverse("admin:entities_entity_changelist"),
        {"action": "delete_selected", helpers.ACTION_CHECKBOX_NAME: [unused.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert list(Entity.objects.filter(pk__in=[used.pk, unused.pk])) == [used.entity_ptr]
