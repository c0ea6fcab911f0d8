"""Keep the linker current: a new matcher when aliases change, a relink when a body changes."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from articles.models import Article
from entities.models import Alias, Country, Entity, Leader, Office, Organization

LINKED_FIELDS = ("title", "dek", "body_text")


def _bump(sender, **kwargs):
    from entities.linking.automaton import bump_version

    if not kwargs.get("raw"):
        bump_version()


for model in (Alias, Entity, Country, Leader, Organization, Office):
    post_save.connect(_bump, sender=model, dispatch_uid=f"linking-bump-save-{model.__name__}")
    post_delete.connect(_bump, sender=model, dispatch_uid=f"linking-bump-delete-{model.__name__}")


@receiver(pre_save, sender=Article, dispatch_uid="linking-article-pre-save")
def note_text_change(sender, instance, raw=False, update_fields=None, **kwargs):
    """Remember whether the linked text changed, comparing with the stored row (not every save)."""
    instance._linking_text_changed = False
    if raw or instance.pk is None:
        return
    if update_fields is not None and not set(update_fields) & set(LINKED_FIELDS):
        return
    stored = Article.objects.filter(pk=instance.pk).values_list(*LINKED_FIELDS).first()
    instance._linking_text_changed = stored is not None and tuple(stored) != tuple(
        getattr(instance, name) for name in LINKED_FIELDS
    )


@receiver(post_save, sender=Article, dispatch_uid="linking-article-post-save")
def relink_changed_text(sender, instance, created, raw=False, **kwargs):
    """Link a story written in the newsroom or one whose text changed, once the transaction commits.

    Imported stories are linked by the importer itself (``import_file``), so creating one
    here would link it twice.
    """
    written_here = created and instance.original_format == Article.Format.MANUAL
    if raw or not (written_here or getattr(instance, "_linking_text_changed", False)):
        return
    if not (instance.body_text or instance.title):
        return

    def relink():
        from entities.linking.service import link_article, was_just_linked

        if not was_just_linked(instance):
            link_article(article=instance)

    transaction.on_commit(relink)
