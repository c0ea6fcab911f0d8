from django.apps import AppConfig

# Models whose rows appear on public pages: saving or deleting one invalidates cached pages.
PUBLIC_MODELS = {
    ("articles", "article"),
    ("articles", "source"),
    ("entities", "entity"),
    ("entities", "country"),
    ("entities", "leader"),
    ("entities", "organization"),
    ("entities", "office"),
    ("entities", "membership"),
    ("entities", "mention"),
    ("entities", "entitylink"),
}


def _invalidate_public_pages(sender, **kwargs):
    meta = getattr(sender, "_meta", None)
    if meta is not None and (meta.app_label, meta.model_name) in PUBLIC_MODELS:
        from .caching import invalidate_public_pages

        invalidate_public_pages()


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Stories"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        post_save.connect(_invalidate_public_pages, dispatch_uid="articles.invalidate_on_save")
        post_delete.connect(_invalidate_public_pages, dispatch_uid="articles.invalidate_on_delete")
